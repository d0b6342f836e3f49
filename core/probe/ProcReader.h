#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "probe/Parsers.h"

namespace corelab::probe {

// A /proc file kept open and re-read with pread from offset 0: cheaper than
// open/read/close each tick. A file whose task has gone reads as empty.
class ProcFile {
public:
    // oneRead: the kernel hands the whole file to the first read (a task's stat,
    // schedstat and status), so a read that did not fill the buffer needs no second
    // read to find the end: half the system calls.
    explicit ProcFile(std::string path, bool oneRead = false);
    ProcFile(ProcFile&&) noexcept;
    ProcFile& operator=(ProcFile&&) noexcept;
    ProcFile(const ProcFile&) = delete;
    ProcFile& operator=(const ProcFile&) = delete;
    ~ProcFile();

    // The whole file, or nullopt when it cannot be opened or read (task gone).
    std::optional<std::string_view> read();
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::string buffer_;
    int fd_ = -1;
    bool oneRead_ = false;
};

// The files of one thread the sampler reads every tick, kept open and found without
// a path lookup (building and looking up a path costs as much as the read).
class TaskFiles {
public:
    TaskFiles(const std::string& procRoot, int pid, int tid);
    std::optional<SchedStat> schedstat();
    // comm points into this object's buffer, valid until the next stat().
    std::optional<TaskStat> stat();
    std::optional<CtxSwitches> ctxSwitches();

private:
    explicit TaskFiles(const std::string& dir);
    ProcFile schedstat_, stat_, status_;
};

// Reads the figures of one thread (pid, tid) and of whole processes, with the
// /proc root injectable for tests. Keeps files open between calls.
class ProcReader {
public:
    explicit ProcReader(std::string procRoot = "/proc");

    std::vector<CpuTicks> cpuTicks();
    std::optional<SchedStat> schedstat(int pid, int tid);
    // The returned comm points into this reader's buffer for that file: copy it before
    // the next read of the same task or a forgetTask/forgetProcess.
    std::optional<TaskStat> taskStat(int pid, int tid);
    std::optional<CtxSwitches> ctxSwitches(int pid, int tid);
    std::optional<SmapsRollup> smapsRollup(int pid);
    // nullopt when /proc/pressure/<what> does not exist.
    std::optional<std::uint64_t> pressureSomeUs(const std::string& what);

    // Closes files of tasks that have gone, so long runs do not hold dead fds.
    void forgetTask(int pid, int tid);
    void forgetProcess(int pid);

    const std::string& root() const { return root_; }
    // How many files are kept open (or ready to be opened) between calls.
    std::size_t fileCount() const { return files_.size(); }

private:
    ProcFile& file(const std::string& path);
    // A file that cannot be read or parsed is dropped, so gone tasks do not pile up.
    template <class Parse>
    auto readParsed(const std::string& path, Parse parse) -> decltype(parse(std::string_view{}));
    std::string taskPath(int pid, int tid, const char* leaf) const;

    std::string root_;
    std::map<std::string, ProcFile> files_;
};

} // namespace corelab::probe
