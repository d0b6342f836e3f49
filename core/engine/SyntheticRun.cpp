#include "engine/SyntheticRun.h"

#include "engine/SampleStore.h"

#include <algorithm>
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

std::optional<std::string> SyntheticRun::start(const SyntheticShape& shape, RunSink& sink,
                                               double speed)
{
    if (running_) return "a run is already in progress";
    wait();
    stopRequested_ = false;
    running_ = true;
    thread_ = std::thread(&SyntheticRun::play, this, shape, &sink, std::max(speed, 1e-3));
    return std::nullopt;
}

void SyntheticRun::play(SyntheticShape shape, RunSink* sink, double speed)
{
    using Clock = std::chrono::steady_clock;
    SyntheticSource source(shape);
    RunRecord record;
    record.corelabVersion = CORELAB_VERSION;
    record.startedAt = "2026-01-01T00:00:00Z";
    record.spec = source.spec();
    record.machine = source.machine();
    SampleStore store(EngineOptions{}.recordBudget, {});
    const auto t0 = Clock::now();
    // batches of ~100 ms of wall time, as the engine delivers them (Run::deliver), so a
    // fast-played run reaches the window in batches, not a queued call per sample
    std::vector<Sample> batch;
    std::vector<Event> events;
    auto lastDelivery = t0;
    auto deliver = [&] {
        if (!events.empty()) sink->onEvents(events);
        if (!batch.empty()) sink->onSamples(batch);
        events.clear();
        batch.clear();
        lastDelivery = Clock::now();
    };
    while (!source.done() && !stopRequested_) {
        std::vector<Event> happened;
        Sample s = source.next(happened);
        std::this_thread::sleep_until(t0 + std::chrono::duration<double>(s.t / speed));
        events.insert(events.end(), happened.begin(), happened.end());
        record.events.insert(record.events.end(), happened.begin(), happened.end());
        batch.push_back(s);
        // kept as the engine keeps a live run's samples (bounded however long it lasts)
        if (auto error = store.add(std::move(s))) sink->onError(*error);
        if (Clock::now() - lastDelivery >= std::chrono::milliseconds(90)) deliver();
    }
    deliver();
    record.summary = store.summary().finish(source.totals());
    record.summary.stoppedEarly = !source.done();
    if (auto error = store.finish(record)) sink->onError(*error);
    running_ = false;
    sink->onFinished(record);
}

} // namespace corelab
