#include "engine/Engine.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include "Installation.h"
#include "engine/Preflight.h"
#include "engine/Run.h"
#include "engine/Spawn.h"

namespace corelab {

std::string defaultWorkerPath()
{
    // posix_spawn does not search PATH: the bare name fails, and the error names it
    const std::string found = workerBeside(executableDir());
    return found.empty() ? "corelab-worker" : found;
}

Engine::Engine(EngineOptions options)
    : options_(std::move(options))
{
    if (options_.workerPath.empty()) options_.workerPath = defaultWorkerPath();
    becomeSubreaper();
    // the sampler keeps three /proc files open per worker thread: 1024 is 300 workers
    raiseOpenFileLimit();
    wakeFd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

Engine::~Engine()
{
    stop();
    wait();
    if (wakeFd_ >= 0) close(wakeFd_);
}

std::optional<std::string> Engine::start(ExperimentSpec spec, RunSink& sink)
{
    if (auto err = validate(spec)) return err->text();
    if (auto why = checkLimits(spec, readMachineLimits())) return *why;
    if (running_.load()) return std::string("a run is already in progress");
    wait(); // joins the previous, finished run thread
    stopRequested_.store(false);
    running_.store(true);
    thread_ = std::thread(&Engine::runThread, this, std::move(spec), &sink);
    return std::nullopt;
}

void Engine::stop()
{
    stopRequested_.store(true);
    const std::uint64_t one = 1;
    if (wakeFd_ >= 0 && write(wakeFd_, &one, sizeof one) < 0) {} // full: already woken
}

void Engine::wait()
{
    if (thread_.joinable()) thread_.join();
}

void Engine::runThread(ExperimentSpec spec, RunSink* sink)
{
    Run run(std::move(spec), options_, *sink, stopRequested_, leaderPid_, wakeFd_);
    const RunRecord record = run.execute();
    // not running any more when the sink hears of it, so it may start the next run
    running_.store(false);
    sink->onFinished(record);
}

} // namespace corelab
