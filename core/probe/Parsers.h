#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace corelab::probe {

// Pure parsers over the text of /proc files. None of them throws; bad text gives
// an empty optional (or an empty vector).

// One "cpuN" line of /proc/stat, in USER_HZ ticks.
struct CpuTicks {
    int cpu = -1;
    std::uint64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
                  steal = 0;
    std::uint64_t total() const
    {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }
};
// Per-CPU lines only (the aggregate "cpu" line is skipped), keyed by the id in the name.
std::vector<CpuTicks> parseProcStat(std::string_view text);

// /proc/<pid>/task/<tid>/schedstat: "run_ns wait_ns timeslices".
struct SchedStat {
    std::uint64_t runNs = 0, waitNs = 0, timeslices = 0;
};
std::optional<SchedStat> parseSchedstat(std::string_view text);

// /proc/<pid>/task/<tid>/stat, split after the last ')' (names hold spaces and parens).
struct TaskStat {
    int pid = 0;
    std::string_view comm; // points into the text
    char state = '?';
    int ppid = 0;
    int pgrp = 0;
    int session = 0;
    std::uint64_t minorFaults = 0, majorFaults = 0;
    std::uint64_t utimeTicks = 0, stimeTicks = 0;
    int numThreads = 0;
    int processor = -1; // CPU last run on
};
std::optional<TaskStat> parseTaskStat(std::string_view text);

// voluntary_ctxt_switches / nonvoluntary_ctxt_switches from …/status.
struct CtxSwitches {
    std::uint64_t voluntary = 0, involuntary = 0;
};
std::optional<CtxSwitches> parseStatusCtx(std::string_view text);

// /proc/<pid>/smaps_rollup, values converted from kB to bytes.
struct SmapsRollup {
    std::uint64_t rss = 0, pss = 0, sharedClean = 0, sharedDirty = 0, privateClean = 0,
                  privateDirty = 0, swap = 0;
    std::uint64_t uss() const { return privateClean + privateDirty; }
    std::uint64_t shared() const { return sharedClean + sharedDirty; }
};
std::optional<SmapsRollup> parseSmapsRollup(std::string_view text);

// /proc/pressure/{cpu,memory,io}: the cumulative "total=" µs of the "some" line.
std::optional<std::uint64_t> parsePressureSomeTotalUs(std::string_view text);

// Parses "0-3,5,7-8" (cpu lists in /sys) into ids.
std::vector<int> parseCpuList(std::string_view text);

// cgroup v2 cpu.max: "max 100000" → nullopt; "200000 100000" → 2.0 CPUs.
std::optional<double> parseCpuMax(std::string_view text);

} // namespace corelab::probe
