#include "record/Sample.h"

#include <array>
#include <utility>

namespace corelab {

namespace {

// One table for both directions, so a new kind cannot get a name one way only.
constexpr std::array<std::pair<EventKind, const char*>, 10> kEventNames{{
    {EventKind::LeaderSpawned, "leader_spawned"},
    {EventKind::WorkerStarted, "worker_started"},
    {EventKind::AllRunning, "all_running"},
    {EventKind::WorkerExited, "worker_exited"},
    {EventKind::WorkerCrashed, "worker_crashed"},
    {EventKind::WorkerRestarted, "worker_restarted"},
    {EventKind::Stalled, "stalled"},
    {EventKind::StopRequested, "stop_requested"},
    {EventKind::RunFinished, "run_finished"},
    {EventKind::Error, "error"},
}};

} // namespace

const char* toString(EventKind k)
{
    for (const auto& [kind, name] : kEventNames)
        if (kind == k) return name;
    return "?";
}

std::optional<EventKind> eventKindFromString(const std::string& s)
{
    for (const auto& [kind, name] : kEventNames)
        if (s == name) return kind;
    return std::nullopt;
}

} // namespace corelab
