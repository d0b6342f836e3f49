#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace corelab {

// What the machine lets a run use, read before it starts. Each field is nullopt when
// the file that says it is missing or unreadable (then nothing is checked against it).
struct MachineLimits {
    std::optional<std::uint64_t> memAvailableBytes;     // /proc/meminfo MemAvailable
    std::optional<std::uint64_t> cgroupMemoryFreeBytes; // memory.max − memory.current
    std::optional<std::uint64_t> userTasks;             // RLIMIT_NPROC (threads count too)
    std::optional<std::uint64_t> threadsMax;            // /proc/sys/kernel/threads-max
    std::optional<std::uint64_t> pidMax;                // /proc/sys/kernel/pid_max
    std::optional<std::uint64_t> cgroupTasksFree;       // pids.max − pids.current
    std::uint64_t openFiles = 1024;                     // RLIMIT_NOFILE soft limit
    bool privileged = false;                            // root: RLIMIT_NPROC does not apply
};

// Reads the limits of this process: /proc, the cgroup v2 directory of /proc/self/cgroup
// under cgroupRoot, and getrlimit. Roots injectable for tests.
MachineLimits readMachineLimits(const std::string& procRoot = "/proc",
                                const std::string& cgroupRoot = "/sys/fs/cgroup");

// Raises this process's soft open-file limit to its hard limit (the sampler keeps a few
// /proc files open per worker thread). Returns the soft limit now in force.
std::uint64_t raiseOpenFileLimit();

} // namespace corelab
