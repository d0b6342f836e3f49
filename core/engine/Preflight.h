#pragma once

#include <optional>
#include <string>

#include "probe/Limits.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

// Why the machine cannot run (or the sampler cannot measure) this experiment, with
// the figures ("4096 processes × 256 MiB need 1.0 TiB; 20.0 GiB available"), or
// nullopt when it fits. Checks tasks against RLIMIT_NPROC, threads-max, pid_max and
// the cgroup's pids.max; the workload's planned memory against MemAvailable and the
// cgroup's memory.max; the sampler's open files against RLIMIT_NOFILE.
std::optional<std::string> checkLimits(const ExperimentSpec& spec, const MachineLimits& limits);

// Tasks (threads and processes) the run will have at once: workers, the leader, and
// the children the spawn workload creates one at a time per worker.
std::uint64_t plannedTasks(const ExperimentSpec& spec);
// Descriptors the sampler keeps open: three /proc files per worker thread and one per
// process, plus room for the engine itself.
std::uint64_t plannedOpenFiles(const ExperimentSpec& spec);

} // namespace corelab
