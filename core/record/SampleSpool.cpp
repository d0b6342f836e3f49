#include "record/SampleSpool.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

#include "AtomicFile.h"

namespace corelab {

namespace {

std::string spoolFolder(std::string folder)
{
    if (!folder.empty()) return folder;
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

} // namespace

SampleSpool::SampleSpool(std::string folder)
    : folder_(spoolFolder(std::move(folder)))
{
    std::string name = folder_ + "/.corelab-spool-XXXXXX";
    fd_ = mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) throw ioError(folder_, "cannot make a spool file", errno);
    // no name from here on: the kernel frees it with the last descriptor, however the
    // process ends
    unlink(name.c_str());
}

SampleSpool::~SampleSpool()
{
    if (fd_ >= 0) ::close(fd_);
}

void SampleSpool::writeOut(const std::string& bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done,
                                   static_cast<off_t>(size_ + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw ioError(folder_, "cannot write the spool file", n < 0 ? errno : EIO);
        done += static_cast<std::size_t>(n);
    }
    size_ += bytes.size();
}

void SampleSpool::add(const Sample& s)
{
    if (closed_) throw std::logic_error("SampleSpool::add after close");
    // the chunk writer reads the previous sample at the next add: it stays in the other slot
    Sample& slot = held_[next_];
    slot = s;
    next_ ^= 1;
    chunk_.add(slot);
    ++count_;
    if (!chunk_.full()) return;
    pending_.clear();
    chunk_.flush(pending_);
    writeOut(pending_);
}

void SampleSpool::close()
{
    if (closed_) return;
    closed_ = true;
    pending_.clear();
    chunk_.flush(pending_);
    writeOut(pending_);
    pending_.clear();
    pending_.shrink_to_fit();
    held_[0] = held_[1] = Sample{};
}

template <class Out> void SampleSpool::copyChunks(Out& out) const
{
    if (!closed_) throw std::logic_error("SampleSpool: read before close");
    std::string block(std::size_t(1) << 20, '\0');
    for (std::uint64_t at = 0; at < size_;) {
        const auto want =
            static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), size_ - at));
        const ssize_t n = ::pread(fd_, block.data(), want, static_cast<off_t>(at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw ioError(folder_, "cannot read the spool file", n < 0 ? errno : EIO);
        out.write(std::string_view(block.data(), static_cast<std::size_t>(n)));
        at += static_cast<std::uint64_t>(n);
    }
}

void SampleSpool::writeRunFile(const RunRecord& head, const std::string& path) const
{
    AtomicFile out(path);
    out.write(compactRunFileStart(head, count_));
    copyChunks(out);
    out.write(compactRunFileEnd());
    out.commit();
}

RunRecord SampleSpool::load(const RunRecord& head) const
{
    struct Bytes {
        std::string text;
        void write(std::string_view s) { text += s; }
    } bytes;
    bytes.text = compactRunFileStart(head, count_);
    copyChunks(bytes);
    bytes.text += compactRunFileEnd();
    RunRecord whole = head;
    whole.samples = parseRunFile(bytes.text).samples; // head's own samples: a stand-in
    whole.spool.reset();
    return whole;
}

} // namespace corelab
