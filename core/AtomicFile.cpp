#include "AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

namespace corelab {

std::runtime_error ioError(const std::string& path, const std::string& what, int err)
{
    return std::runtime_error(path + ": " + what + ": " + std::strerror(err));
}

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBufferBytes = 1 << 20;

void createParent(const std::string& path, const fs::path& dir)
{
    if (dir.empty()) return;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw ioError(path, "cannot create folder " + dir.string(), ec.value());
}

// Makes the rename itself durable. The file is already in place, so a failure here is
// not worth failing the save for.
void syncFolder(const fs::path& dir)
{
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// ".<name>.tmp-<12 random hex digits>", the name cut so that the whole stays within
// NAME_MAX bytes.
std::string tempName(const fs::path& target, std::mt19937_64& random)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string suffix = ".tmp-";
    auto bits = random();
    for (int i = 0; i < 12; ++i, bits >>= 4)
        suffix += hex[bits & 15];
    const std::string name = target.filename().string();
    const std::size_t room = NAME_MAX - 1 - suffix.size();
    const fs::path temp = target.parent_path() / ("." + name.substr(0, room) + suffix);
    return temp.string();
}

} // namespace

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path))
    , target_(path_)
{
    if (path_.empty()) throw std::runtime_error("no file name given (the path is empty)");
    buffer_.reserve(kBufferBytes);
    struct stat link {};
    if (::lstat(path_.c_str(), &link) != 0) {
        if (errno != ENOENT) throw ioError(path_, "cannot write", errno);
        createParent(path_, fs::path(path_).parent_path());
        openTemp();
        return;
    }
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        // a symlink to nothing: creating its target somewhere unseen is not what was asked
        throw ioError(path_, "is a symlink that points nowhere", errno);
    }
    if (S_ISDIR(st.st_mode)) throw ioError(path_, "cannot write", EISDIR);
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        openDirect(S_ISFIFO(st.st_mode));
        return;
    }
    if (!S_ISREG(st.st_mode))
        throw std::runtime_error(path_ + ": not a regular file, a device or a FIFO: refused");
    if (S_ISLNK(link.st_mode)) {
        std::error_code ec;
        target_ = fs::canonical(path_, ec).string();
        if (ec) throw ioError(path_, "cannot follow the symlink", ec.value());
    }
    openTemp();
}

AtomicFile::~AtomicFile()
{
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::openTemp()
{
    std::random_device seed;
    std::mt19937_64 random((std::uint64_t(seed()) << 32) ^ seed() ^ std::uint64_t(::getpid()));
    // EEXIST only if someone planted the name we drew: draw again
    for (int attempt = 0; attempt < 16; ++attempt) {
        temp_ = tempName(target_, random);
        // O_CLOEXEC: a worker spawned meanwhile by another thread must not inherit it
        fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd_ >= 0) return;
        if (errno != EEXIST) break;
    }
    const int err = errno;
    const std::string tried = temp_;
    temp_.clear(); // not ours: never unlink it
    throw ioError(path_, "cannot create " + tried, err);
}

void AtomicFile::openDirect(bool fifo)
{
    // a FIFO nobody reads would block open() for ever: ENXIO instead
    fd_ = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0));
    if (fd_ < 0) {
        if (errno == ENXIO) throw std::runtime_error(path_ + ": a FIFO that no program reads");
        throw ioError(path_, "cannot open", errno);
    }
    if (fifo) ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
}

void AtomicFile::flush()
{
    std::size_t done = 0;
    while (done < buffer_.size()) {
        const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw ioError(path_, "cannot write", errno);
        if (n == 0) throw ioError(path_, "cannot write", EIO);
        done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
}

void AtomicFile::write(std::string_view text)
{
    if (committed_ || fd_ < 0) throw std::logic_error("AtomicFile::write after commit");
    buffer_.append(text);
    if (buffer_.size() >= kBufferBytes) flush();
}

void AtomicFile::commit()
{
    if (committed_ || fd_ < 0) throw std::logic_error("AtomicFile::commit twice");
    flush();
    // Without fsync a power cut after rename can leave an empty file under the final
    // name on some filesystems. Devices and FIFOs have nothing to sync (EINVAL).
    if (::fsync(fd_) != 0 && !(temp_.empty() && (errno == EINVAL || errno == EROFS)))
        throw ioError(path_, "cannot sync", errno);
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0 && errno != EINTR) throw ioError(path_, "cannot close", errno);
    if (!temp_.empty() && std::rename(temp_.c_str(), target_.c_str()) != 0)
        throw ioError(path_, "cannot rename " + temp_ + " to it", errno);
    committed_ = true;
    if (!temp_.empty()) syncFolder(fs::path(target_).parent_path());
}

} // namespace corelab
