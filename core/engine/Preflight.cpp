#include "engine/Preflight.h"

#include <cstdio>

#include "catalogue/Catalogue.h"

namespace corelab {

namespace {

// Memory the machine keeps for everything else: a run may not take the last of it.
constexpr std::uint64_t kMemoryMarginBytes = 512ull << 20;
// Threads of the engine, the window and the rest of the user's session.
constexpr std::uint64_t kTaskMargin = 64;

std::string bytesText(std::uint64_t bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char text[32];
    std::snprintf(text, sizeof text, u ? "%.1f %s" : "%.0f %s", v, units[u]);
    return text;
}

std::optional<std::string> checkMemory(const ExperimentSpec& spec, const MachineLimits& m)
{
    const WorkloadInfo* w = findWorkload(spec.workload);
    if (!w || !w->plannedBytes) return std::nullopt;
    const std::uint64_t need = w->plannedBytes(spec);
    auto refuse = [&](std::uint64_t free, const char* what) -> std::optional<std::string> {
        if (need + kMemoryMarginBytes <= free) return std::nullopt;
        return "this run needs about " + bytesText(need) + " of memory; " + bytesText(free) + " " +
               what + ", and " + bytesText(kMemoryMarginBytes) +
               " stay for the rest of the machine";
    };
    if (m.memAvailableBytes)
        if (auto why = refuse(*m.memAvailableBytes, "are available (MemAvailable)")) return why;
    if (m.cgroupMemoryFreeBytes)
        if (auto why = refuse(*m.cgroupMemoryFreeBytes, "are left under the cgroup's memory.max"))
            return why;
    return std::nullopt;
}

std::optional<std::string> checkTasks(const ExperimentSpec& spec, const MachineLimits& m)
{
    const std::uint64_t need = plannedTasks(spec) + kTaskMargin;
    auto refuse = [&](std::optional<std::uint64_t> limit,
                      const char* what) -> std::optional<std::string> {
        if (!limit || need <= *limit) return std::nullopt;
        return "this run needs " + std::to_string(plannedTasks(spec)) +
               " threads and processes at once; " + what + " allows " + std::to_string(*limit);
    };
    if (!m.privileged)
        if (auto why = refuse(m.userTasks, "the user's process limit (ulimit -u)")) return why;
    if (auto why = refuse(m.threadsMax, "kernel.threads-max")) return why;
    if (auto why = refuse(m.pidMax, "kernel.pid_max")) return why;
    if (auto why = refuse(m.cgroupTasksFree, "the cgroup's pids.max (minus what runs now)"))
        return why;
    return std::nullopt;
}

} // namespace

std::uint64_t plannedTasks(const ExperimentSpec& spec)
{
    auto tasks = static_cast<std::uint64_t>(spec.totalWorkers() + spec.processCount() + 1);
    if (spec.workload == "spawn") tasks += static_cast<std::uint64_t>(spec.totalWorkers());
    return tasks;
}

std::uint64_t plannedOpenFiles(const ExperimentSpec& spec)
{
    return 3 * static_cast<std::uint64_t>(spec.totalWorkers()) +
           static_cast<std::uint64_t>(spec.processCount()) + 64;
}

std::optional<std::string> checkLimits(const ExperimentSpec& spec, const MachineLimits& limits)
{
    if (auto why = checkTasks(spec, limits)) return why;
    if (auto why = checkMemory(spec, limits)) return why;
    if (spec.command.empty() && plannedOpenFiles(spec) > limits.openFiles)
        return "measuring " + std::to_string(spec.totalWorkers()) + " workers takes about " +
               std::to_string(plannedOpenFiles(spec)) +
               " open files (three /proc files per thread); the limit is " +
               std::to_string(limits.openFiles) + " (raise it with ulimit -n)";
    return std::nullopt;
}

} // namespace corelab
