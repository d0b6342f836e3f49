#include "probe/MachineInfo.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string_view>

#include <fcntl.h>
#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "probe/Parsers.h"

namespace corelab {

// With read(2), not a stream: a /proc file of a process that ends while it is read fails
// with ESRCH, and std::filebuf turns a failed read into an exception (std::ios_base::failure
// from underflow, whatever the stream's exception mask) that ended a test run, and could
// have ended the engine's sampler the same way.
std::optional<std::string> readTextFile(const std::string& path)
{
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            close(fd);
            if (n < 0) return std::nullopt;
            return text;
        }
    }
}

namespace {

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Value of the first "<key>…: value" line, e.g. "model name\t: AMD EPYC".
std::optional<std::string_view> fieldOf(std::string_view text, std::string_view key)
{
    while (!text.empty()) {
        const auto eol = text.find('\n');
        const auto line = text.substr(0, eol);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && trim(line.substr(0, colon)) == key)
            return trim(line.substr(colon + 1));
        if (eol == std::string_view::npos) break;
        text.remove_prefix(eol + 1);
    }
    return std::nullopt;
}

std::string cpuModel(const std::string& procRoot)
{
    // Some architectures (most ARM kernels) have no "model name" line.
    const auto text = readTextFile(procRoot + "/cpuinfo").value_or("");
    const auto model = fieldOf(text, "model name");
    return model && !model->empty() ? std::string(*model) : "unknown";
}

std::uint64_t memTotalBytes(const std::string& procRoot)
{
    const auto text = readTextFile(procRoot + "/meminfo").value_or("");
    const auto value = fieldOf(text, "MemTotal"); // "16318412 kB"
    if (!value) return 0;
    try {
        return std::stoull(std::string(*value)) * 1024;
    } catch (const std::exception&) {
        return 0;
    }
}

// The unified (v2) hierarchy's line of /proc/self/cgroup is "0::<path>".
std::optional<std::string> cgroupV2Path(const std::string& procRoot)
{
    const auto text = readTextFile(procRoot + "/self/cgroup").value_or("");
    for (std::string_view rest = text; !rest.empty();) {
        const auto eol = rest.find('\n');
        const auto line = rest.substr(0, eol);
        if (line.substr(0, 3) == "0::") return std::string(trim(line.substr(3)));
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    return std::nullopt;
}

// A quota set on any ancestor limits us too, so walk up to the root and keep the
// smallest. Fractions round up: a 1.5-CPU quota can keep two CPUs partly busy.
std::optional<int> cgroupCpuLimit(const std::string& procRoot, const std::string& cgroupRoot)
{
    const auto leaf = cgroupV2Path(procRoot);
    if (!leaf) return std::nullopt;
    std::optional<int> limit;
    for (std::filesystem::path dir = *leaf;; dir = dir.parent_path()) {
        const auto file = cgroupRoot + (dir == "/" ? "" : dir.string()) + "/cpu.max";
        if (const auto text = readTextFile(file)) {
            if (const auto cpus = probe::parseCpuMax(*text)) {
                const int rounded = std::max(1, static_cast<int>(std::ceil(*cpus)));
                limit = std::min(limit.value_or(INT_MAX), rounded);
            }
        }
        if (dir == dir.parent_path() || dir.empty()) break;
    }
    return limit;
}

// CPU_SETSIZE (1024) is too small on very large machines: grow the set until the
// kernel stops answering EINVAL.
int affinityCpus(int fallback)
{
    for (int n = std::max<long>(CPU_SETSIZE, sysconf(_SC_NPROCESSORS_CONF)); n <= (1 << 16);
         n *= 2) {
        cpu_set_t* set = CPU_ALLOC(n);
        if (!set) break;
        const auto size = CPU_ALLOC_SIZE(n);
        CPU_ZERO_S(size, set);
        const bool ok = sched_getaffinity(0, size, set) == 0;
        const int err = errno;
        const int count = ok ? CPU_COUNT_S(size, set) : 0;
        CPU_FREE(set);
        if (ok) return count;
        if (err != EINVAL) break;
    }
    return fallback;
}

std::string hostName()
{
    char name[HOST_NAME_MAX + 1] = {};
    if (gethostname(name, sizeof name - 1) != 0) return "unknown";
    return name;
}

std::string kernelRelease()
{
    utsname u{};
    if (uname(&u) != 0) return "unknown";
    return u.release;
}

// "cpu12" → 12; other entries of the folder (cpufreq, cpuidle, online …) → nullopt
std::optional<int> cpuIdOf(const std::string& name)
{
    if (name.size() < 4 || name.compare(0, 3, "cpu") != 0) return std::nullopt;
    int id = 0;
    for (std::size_t i = 3; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9' || id > kMaxCpus) return std::nullopt;
        id = id * 10 + (name[i] - '0');
    }
    return id < kMaxCpus ? std::optional(id) : std::nullopt;
}

std::optional<int> readId(const std::filesystem::path& file)
{
    const auto text = readTextFile(file.string());
    if (!text) return std::nullopt;
    try {
        const long v = std::stol(*text);
        return v >= 0 && v <= INT_MAX ? std::optional(static_cast<int>(v)) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::vector<CpuPlace> readCpuTopology(const std::string& cpuRoot)
{
    std::vector<CpuPlace> places;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(cpuRoot, ec)) {
        const auto id = cpuIdOf(entry.path().filename().string());
        const auto dir = entry.path() / "topology";
        if (!id) continue;
        const auto package = readId(dir / "physical_package_id");
        const auto core = readId(dir / "core_id");
        // an offline CPU keeps its folder but loses its topology files
        if (!package || !core) continue;
        places.push_back(CpuPlace{*id, *package, readId(dir / "die_id").value_or(0), *core});
    }
    std::sort(places.begin(), places.end(),
              [](const CpuPlace& a, const CpuPlace& b) { return a.cpu < b.cpu; });
    return places;
}

MachineInfo readMachineInfo(const std::string& procRoot, const std::string& cgroupRoot)
{
    MachineInfo m;
    m.hostname = hostName();
    m.cpuModel = cpuModel(procRoot);
    m.logicalCpus = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
    int usable = affinityCpus(m.logicalCpus);
    if (const auto limit = cgroupCpuLimit(procRoot, cgroupRoot)) usable = std::min(usable, *limit);
    // The mask can name a CPU that went offline between the two calls.
    m.usableCpus = std::clamp(usable, 1, m.logicalCpus);
    m.kernel = kernelRelease();
    m.memoryBytes = memTotalBytes(procRoot);
    return m;
}

MachineInfo readMachineInfo()
{
    MachineInfo m = readMachineInfo("/proc", "/sys/fs/cgroup");
    m.topology = readCpuTopology("/sys/devices/system/cpu");
    return m;
}

} // namespace corelab
