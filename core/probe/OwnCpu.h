#pragma once

#include <optional>
#include <string>

namespace corelab::probe {

// CPU time this process has used so far, in seconds: utime + stime of <procRoot>/self/stat
// (every thread's, ended ones included), in clock ticks (10 ms on most kernels). The
// window shows its own share of a core from it during a run: the observer's load.
// nullopt when the file cannot be read or parsed.
std::optional<double> ownCpuSeconds(const std::string& procRoot = "/proc");

// Share of one core, in %, between two readings `cpuS` seconds of CPU apart over `wallS`
// seconds of wall time; nullopt when no wall time passed.
std::optional<double> percentOfCore(double cpuS, double wallS);

} // namespace corelab::probe
