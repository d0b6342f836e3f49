#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace corelab {

// "<path>: <what>: <strerror(err)>"
std::runtime_error ioError(const std::string& path, const std::string& what, int err);

// Every file CoreLab writes goes through here, so a reader (or a crash) never sees half
// a file and every write error is an error naming the path.
//
// A regular file (or a new one) is written to a temp file beside it and renamed over it
// on commit(). The temp name is random and opened O_EXCL|O_NOFOLLOW, so nothing planted
// under it (a symlink, a FIFO) is followed or written through, and it fits NAME_MAX
// however long the target's name. A symlink is followed: its target is replaced, not
// the link. A character device or a FIFO (/dev/null, /dev/full, a pipe) is written into
// directly, never renamed over; anything else that is not a regular file is refused.
// Destroyed without commit(), it removes the temp file.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view text);
    void commit();

private:
    void openTemp();
    void openDirect(bool fifo);
    void flush();

    std::string path_;   // as given: what every message names
    std::string target_; // path_ with a final symlink resolved
    std::string temp_;   // empty when writing straight into a device or FIFO
    std::string buffer_;
    int fd_ = -1;
    bool committed_ = false;
};

} // namespace corelab
