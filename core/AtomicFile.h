#pragma once

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace corelab {

// "<path>: <what>: <strerror(err)>"
std::runtime_error ioError(const std::string& path, const std::string& what, int err);

// Writes "<path>.tmp-<pid>" and renames it over path on commit(), so a reader (or a
// crash) never sees half a file. Destroyed without commit(), it removes the temp file.
class AtomicFile {
public:
    explicit AtomicFile(std::string path)
        : path_(std::move(path))
        , temp_(path_ + ".tmp-" + std::to_string(::getpid()))
    {
        createParent();
        // "e": O_CLOEXEC, so a worker spawned meanwhile by another thread does not
        // inherit the descriptor.
        file_ = std::fopen(temp_.c_str(), "wbe");
        if (!file_) throw ioError(path_, "cannot create " + temp_, errno);
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile()
    {
        if (file_) std::fclose(file_);
        if (!committed_) ::unlink(temp_.c_str());
    }

    void write(std::string_view text)
    {
        if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
            throw ioError(path_, "cannot write " + temp_, errno);
    }

    void commit()
    {
        if (std::fflush(file_) != 0) throw ioError(path_, "cannot write " + temp_, errno);
        // Without fsync a power cut after rename can leave an empty file under the
        // final name on some filesystems.
        if (::fsync(::fileno(file_)) != 0) throw ioError(path_, "cannot sync " + temp_, errno);
        const int closed = std::fclose(file_);
        file_ = nullptr;
        if (closed != 0) throw ioError(path_, "cannot close " + temp_, errno);
        if (std::rename(temp_.c_str(), path_.c_str()) != 0)
            throw ioError(path_, "cannot rename " + temp_ + " to it", errno);
        committed_ = true;
        syncParent();
    }

private:
    std::filesystem::path parent() const { return std::filesystem::path(path_).parent_path(); }

    void createParent() const
    {
        const auto dir = parent();
        if (dir.empty()) return;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) throw ioError(path_, "cannot create folder " + dir.string(), ec.value());
    }

    // Makes the rename itself durable. The file is already in place, so a failure here
    // is not worth failing the save for.
    void syncParent() const
    {
        const auto dir = parent();
        const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return;
        ::fsync(fd);
        ::close(fd);
    }

    std::string path_;
    std::string temp_;
    std::FILE* file_ = nullptr;
    bool committed_ = false;
};

} // namespace corelab
