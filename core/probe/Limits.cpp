#include "probe/Limits.h"

#include "probe/MachineInfo.h"

#include <fstream>
#include <sstream>

#include <sys/resource.h>
#include <unistd.h>

namespace corelab {

namespace {

// A file holding one number, or "max" (no limit: nullopt as well).
std::optional<std::uint64_t> readNumber(const std::string& path)
{
    const auto text = readTextFile(path);
    if (!text) return std::nullopt;
    std::istringstream in(*text);
    std::uint64_t n = 0;
    if (!(in >> n)) return std::nullopt;
    return n;
}

std::optional<std::uint64_t> memAvailable(const std::string& procRoot)
{
    std::ifstream in(procRoot + "/meminfo");
    for (std::string key; in >> key;) {
        std::uint64_t kib = 0;
        in >> kib;
        if (key == "MemAvailable:") return kib * 1024;
        in.ignore(1 << 10, '\n');
    }
    return std::nullopt;
}

// The cgroup v2 directory of this process ("0::/path" in /proc/self/cgroup).
std::optional<std::string> cgroupDir(const std::string& procRoot, const std::string& cgroupRoot)
{
    std::ifstream in(procRoot + "/self/cgroup");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("0::", 0) == 0) return cgroupRoot + line.substr(3);
    return std::nullopt;
}

// max − current of a cgroup controller, nullopt when either is missing or max is "max".
std::optional<std::uint64_t> cgroupFree(const std::string& dir, const std::string& max,
                                        const std::string& current)
{
    const auto limit = readNumber(dir + "/" + max);
    const auto used = readNumber(dir + "/" + current);
    if (!limit || !used) return std::nullopt;
    return *limit > *used ? *limit - *used : 0;
}

std::optional<std::uint64_t> finite(rlim_t value)
{
    if (value == RLIM_INFINITY) return std::nullopt;
    return static_cast<std::uint64_t>(value);
}

} // namespace

MachineLimits readMachineLimits(const std::string& procRoot, const std::string& cgroupRoot)
{
    MachineLimits m;
    m.memAvailableBytes = memAvailable(procRoot);
    m.threadsMax = readNumber(procRoot + "/sys/kernel/threads-max");
    m.pidMax = readNumber(procRoot + "/sys/kernel/pid_max");
    if (const auto dir = cgroupDir(procRoot, cgroupRoot)) {
        m.cgroupMemoryFreeBytes = cgroupFree(*dir, "memory.max", "memory.current");
        m.cgroupTasksFree = cgroupFree(*dir, "pids.max", "pids.current");
    }
    rlimit r{};
    if (getrlimit(RLIMIT_NPROC, &r) == 0) m.userTasks = finite(r.rlim_cur);
    if (getrlimit(RLIMIT_NOFILE, &r) == 0)
        m.openFiles = finite(r.rlim_cur).value_or(std::uint64_t{1} << 20);
    m.privileged = geteuid() == 0;
    return m;
}

std::uint64_t raiseOpenFileLimit()
{
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) != 0) return 1024;
    if (r.rlim_cur < r.rlim_max) {
        rlimit raised{r.rlim_max, r.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) r = raised;
    }
    return finite(r.rlim_cur).value_or(std::uint64_t{1} << 20);
}

} // namespace corelab
