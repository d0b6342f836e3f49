#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "engine/Engine.h"
#include "record/Synthetic.h"

namespace corelab {

// Plays a SyntheticSource to a RunSink at its sampling rate, on its own thread, as the
// Engine delivers a live run: a sample batch per tick, events before the sample they
// led to, and the whole record at the end (also after stop()). The window's hidden
// --synthetic flag runs it in place of the Engine.
class SyntheticRun {
public:
    SyntheticRun() = default;
    ~SyntheticRun(); // stops and joins
    SyntheticRun(const SyntheticRun&) = delete;
    SyntheticRun& operator=(const SyntheticRun&) = delete;

    // Returns an error line instead of starting when a run is in progress. speed > 1 plays
    // the run faster than its clock (the soak benchmark plays an hour in minutes): the
    // same samples, batches and end, only the waits between ticks are shorter.
    std::optional<std::string> start(const SyntheticShape& shape, RunSink& sink, double speed = 1);
    void stop() { stopRequested_ = true; }
    void wait();
    bool running() const { return running_.load(); }

private:
    void play(SyntheticShape shape, RunSink* sink, double speed);

    std::thread thread_;
    std::atomic<bool> running_{false};
    std::atomic<bool> stopRequested_{false};
};

} // namespace corelab
