#include "engine/SyntheticRun.h"

#include <chrono>

namespace corelab {

SyntheticRun::~SyntheticRun()
{
    stop();
    wait();
}

void SyntheticRun::wait()
{
    if (thread_.joinable()) thread_.join();
}

std::optional<std::string> SyntheticRun::start(const SyntheticShape& shape, RunSink& sink)
{
    if (running_) return "a run is already in progress";
    wait();
    stopRequested_ = false;
    running_ = true;
    thread_ = std::thread(&SyntheticRun::play, this, shape, &sink);
    return std::nullopt;
}

void SyntheticRun::play(SyntheticShape shape, RunSink* sink)
{
    using Clock = std::chrono::steady_clock;
    SyntheticSource source(shape);
    RunRecord record;
    record.corelabVersion = CORELAB_VERSION;
    record.startedAt = "2026-01-01T00:00:00Z";
    record.spec = source.spec();
    record.machine = source.machine();
    const auto t0 = Clock::now();
    while (!source.done() && !stopRequested_) {
        std::vector<Event> events;
        Sample s = source.next(events);
        std::this_thread::sleep_until(t0 + std::chrono::duration<double>(s.t));
        if (!events.empty()) sink->onEvents(events);
        sink->onSamples({s});
        record.events.insert(record.events.end(), events.begin(), events.end());
        record.samples.push_back(std::move(s));
    }
    record.summary = source.summarize(record.samples);
    record.summary.stoppedEarly = !source.done();
    running_ = false;
    sink->onFinished(record);
}

} // namespace corelab
