#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include <spawn.h>
#include <sys/types.h>

namespace corelab::worker {

// How the spawn workload creates each child that does nothing and ends.
enum class SpawnKind { Thread, Fork, Exec, Spawn };

// corelab-worker's trivial mode: write CLOCK_MONOTONIC (8 raw bytes) to stdout, exit 0.
inline constexpr const char* kSpawnProbeFlag = "--spawn-probe";
int spawnProbeMain();

// Timestamps (CLOCK_MONOTONIC ns) of one child: asked for, first ran, reaped/joined.
struct SpawnTiming {
    std::int64_t createNs = 0;
    std::int64_t runningNs = 0;
    std::int64_t reapedNs = 0;
};

// Creates and reaps one child at a time. Threads and forked children report that
// they ran through `mark` (shared memory: a forked child writes the parent's page);
// exec'd programs cannot see it, so they write their timestamp into a pipe.
class ChildSpawner {
public:
    explicit ChildSpawner(SpawnKind kind); // throws std::system_error
    ~ChildSpawner();
    ChildSpawner(const ChildSpawner&) = delete;
    ChildSpawner& operator=(const ChildSpawner&) = delete;

    // nullopt when the child could not be created or did not report.
    std::optional<SpawnTiming> once(std::atomic<std::int64_t>& mark);

private:
    std::optional<SpawnTiming> onceThread(std::atomic<std::int64_t>& mark);
    std::optional<SpawnTiming> onceFork(std::atomic<std::int64_t>& mark);
    std::optional<SpawnTiming> onceProgram();
    pid_t startProgram();

    SpawnKind kind_;
    std::string exe_; // corelab-worker, resolved once
    int pipeRead_ = -1, pipeWrite_ = -1;
    posix_spawn_file_actions_t actions_{};
};

} // namespace corelab::worker
