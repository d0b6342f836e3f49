#include "probe/ProcReader.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include "Log.h"

namespace corelab::probe {

namespace {

constexpr std::size_t kInitialBuffer = 4096;
// Far above /proc/stat on thousands of CPUs; stops a wrong path (a device, a pipe)
// from growing the buffer without end.
constexpr std::size_t kMaxBuffer = std::size_t{64} << 20;

spdlog::logger& log()
{
    static const auto logger = corelab::logger("probe");
    return *logger;
}

void closeFd(int& fd)
{
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Reads from offset 0 to EOF, growing buffer as needed (its size is the capacity, not
// the length). Returns the length, or nullopt with errno set.
std::optional<std::size_t> preadAll(int fd, std::string& buffer, bool oneRead)
{
    if (buffer.empty()) buffer.resize(kInitialBuffer);
    std::size_t used = 0;
    for (;;) {
        if (oneRead && used > 0 && used < buffer.size()) return used;
        if (used == buffer.size()) {
            if (buffer.size() >= kMaxBuffer) {
                errno = EFBIG;
                return std::nullopt;
            }
            buffer.resize(buffer.size() * 2);
        }
        const ssize_t n =
            ::pread(fd, buffer.data() + used, buffer.size() - used, static_cast<off_t>(used));
        if (n > 0)
            used += static_cast<std::size_t>(n);
        else if (n == 0)
            return used;
        else if (errno != EINTR)
            return std::nullopt;
    }
}

bool failed(const std::vector<CpuTicks>& v)
{
    return v.empty();
}
template <class T> bool failed(const std::optional<T>& v)
{
    return !v.has_value();
}

} // namespace

ProcFile::ProcFile(std::string path, bool oneRead)
    : path_(std::move(path))
    , oneRead_(oneRead)
{
}

ProcFile::ProcFile(ProcFile&& other) noexcept
    : path_(std::move(other.path_))
    , buffer_(std::move(other.buffer_))
    , fd_(std::exchange(other.fd_, -1))
    , oneRead_(other.oneRead_)
{
}

ProcFile& ProcFile::operator=(ProcFile&& other) noexcept
{
    if (this != &other) {
        closeFd(fd_);
        path_ = std::move(other.path_);
        buffer_ = std::move(other.buffer_);
        fd_ = std::exchange(other.fd_, -1);
        oneRead_ = other.oneRead_;
    }
    return *this;
}

ProcFile::~ProcFile()
{
    closeFd(fd_);
}

std::optional<std::string_view> ProcFile::read()
{
    if (fd_ < 0) fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        // tasks end all the time during a run: a missing file is routine, not a warning
        log().debug("cannot open {} (errno {})", path_, errno);
        return std::nullopt;
    }
    const auto length = preadAll(fd_, buffer_, oneRead_);
    if (!length) {
        log().debug("cannot read {} (errno {})", path_, errno);
        // a dead task's fd keeps failing with ESRCH; reopening later finds a new one
        closeFd(fd_);
        return std::nullopt;
    }
    return std::string_view(buffer_.data(), *length);
}

ProcReader::ProcReader(std::string procRoot)
    : root_(std::move(procRoot))
{
    while (root_.size() > 1 && root_.back() == '/')
        root_.pop_back();
}

ProcFile& ProcReader::file(const std::string& path)
{
    return files_.try_emplace(path, path).first->second;
}

template <class Parse>
auto ProcReader::readParsed(const std::string& path, Parse parse)
    -> decltype(parse(std::string_view{}))
{
    using Result = decltype(parse(std::string_view{}));
    const auto text = file(path).read();
    Result parsed = text ? parse(*text) : Result{};
    if (failed(parsed)) files_.erase(path);
    return parsed;
}

std::string ProcReader::taskPath(int pid, int tid, const char* leaf) const
{
    return root_ + '/' + std::to_string(pid) + "/task/" + std::to_string(tid) + '/' + leaf;
}

std::vector<CpuTicks> ProcReader::cpuTicks()
{
    return readParsed(root_ + "/stat", parseProcStat);
}

std::optional<SchedStat> ProcReader::schedstat(int pid, int tid)
{
    return readParsed(taskPath(pid, tid, "schedstat"), parseSchedstat);
}

std::optional<TaskStat> ProcReader::taskStat(int pid, int tid)
{
    return readParsed(taskPath(pid, tid, "stat"), parseTaskStat);
}

std::optional<CtxSwitches> ProcReader::ctxSwitches(int pid, int tid)
{
    return readParsed(taskPath(pid, tid, "status"), parseStatusCtx);
}

std::optional<SmapsRollup> ProcReader::smapsRollup(int pid)
{
    return readParsed(root_ + '/' + std::to_string(pid) + "/smaps_rollup", parseSmapsRollup);
}

std::optional<std::uint64_t> ProcReader::pressureSomeUs(const std::string& what)
{
    // "what" names a file in one directory; anything that could climb out of it is refused
    if (what.empty() || what.find('/') != std::string::npos || what == "..") return std::nullopt;
    return readParsed(root_ + "/pressure/" + what, parsePressureSomeTotalUs);
}

TaskFiles::TaskFiles(const std::string& procRoot, int pid, int tid)
    : TaskFiles(procRoot + '/' + std::to_string(pid) + "/task/" + std::to_string(tid) + '/')
{
}

TaskFiles::TaskFiles(const std::string& dir)
    : schedstat_(dir + "schedstat", true)
    , stat_(dir + "stat", true)
    , status_(dir + "status", true)
{
}

std::optional<SchedStat> TaskFiles::schedstat()
{
    const auto text = schedstat_.read();
    return text ? parseSchedstat(*text) : std::nullopt;
}

std::optional<TaskStat> TaskFiles::stat()
{
    const auto text = stat_.read();
    return text ? parseTaskStat(*text) : std::nullopt;
}

std::optional<CtxSwitches> TaskFiles::ctxSwitches()
{
    const auto text = status_.read();
    return text ? parseStatusCtx(*text) : std::nullopt;
}

void ProcReader::forgetTask(int pid, int tid)
{
    for (const char* leaf : {"schedstat", "stat", "status"})
        files_.erase(taskPath(pid, tid, leaf));
}

void ProcReader::forgetProcess(int pid)
{
    // the trailing '/' keeps pid 42 from matching 4242's files
    const std::string prefix = root_ + '/' + std::to_string(pid) + '/';
    auto it = files_.lower_bound(prefix);
    while (it != files_.end() && it->first.starts_with(prefix))
        it = files_.erase(it);
}

} // namespace corelab::probe
