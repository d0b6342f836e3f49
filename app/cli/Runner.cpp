#include "cli/Runner.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "analysis/Format.h"

namespace corelab::cli {

namespace {

std::atomic<int> g_interrupts{0};

void onInterrupt(int)
{
    g_interrupts.fetch_add(1);
}

// Collects what the progress line needs and the final record; called from the
// engine's thread, read from main.
class CliSink : public RunSink {
public:
    void onSamples(const std::vector<Sample>& batch) override
    {
        std::lock_guard lock(mutex_);
        for (const Sample& s : batch) {
            std::uint64_t ops = 0;
            for (const auto& w : s.workers)
                ops += w.ops;
            if (s.t > lastT_) opsPerS_ = (ops - lastOps_) / (s.t - lastT_);
            lastOps_ = ops;
            lastT_ = s.t;
        }
    }
    void onEvents(const std::vector<Event>& batch) override
    {
        std::lock_guard lock(mutex_);
        for (const Event& e : batch)
            if (e.kind == EventKind::AllRunning) allRunningT_ = e.t;
    }
    void onFinished(const RunRecord& record) override
    {
        std::lock_guard lock(mutex_);
        record_ = record;
        finished_ = true;
    }
    void onError(const std::string& message) override
    {
        std::lock_guard lock(mutex_);
        errors_.push_back(message);
    }

    std::string progressLine(double durationS, const std::string& label)
    {
        std::lock_guard lock(mutex_);
        const double ran = allRunningT_ < 0 ? 0 : std::max(0.0, lastT_ - allRunningT_);
        const int width = 30;
        const int filled = std::min(width, static_cast<int>(width * ran / durationS));
        char line[160];
        std::snprintf(line, sizeof line, "\r  %s %s [%-*s] %5.1f / %.1f s   %s ops/s   ",
                      label.c_str(), allRunningT_ < 0 ? "starting" : "running ", width,
                      std::string(static_cast<std::size_t>(filled), '#').c_str(), ran, durationS,
                      formatValue(opsPerS_, "").c_str());
        return line;
    }

    std::mutex mutex_;
    RunRecord record_;
    bool finished_ = false;
    std::vector<std::string> errors_;

private:
    std::uint64_t lastOps_ = 0;
    double lastT_ = 0;
    double opsPerS_ = 0;
    double allRunningT_ = -1;
};

} // namespace

void installInterruptHandler()
{
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    // a closed terminal or SSH session: stop and save what was measured, as Ctrl+C does
    sigaction(SIGHUP, &sa, nullptr);
    // ...and with the terminal gone, the progress line must not kill us on the way: a
    // write to a closed pipe fails (and is ignored) instead
    std::signal(SIGPIPE, SIG_IGN);
}

bool interrupted()
{
    return g_interrupts.load() > 0;
}

namespace {

void waitWithProgress(Engine& engine, CliSink& sink, const ExperimentSpec& spec,
                      const std::string& label)
{
    const bool tty = isatty(STDERR_FILENO);
    int stopsSent = 0;
    while (engine.running()) {
        if (g_interrupts.load() > stopsSent) {
            stopsSent = g_interrupts.load();
            if (tty) std::cerr << "\n";
            std::cerr << "corelab: stopping (workers finish their batch, then exit)\n";
            engine.stop();
        }
        if (tty) std::cerr << sink.progressLine(spec.durationS, label) << std::flush;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    engine.wait();
    if (tty) std::cerr << sink.progressLine(spec.durationS, label) << "\n";
}

} // namespace

std::optional<RunOutcome> runHeadless(const ExperimentSpec& spec, const std::string& label,
                                      std::string& startError)
{
    Engine engine;
    CliSink sink;
    if (auto err = engine.start(spec, sink)) {
        startError = *err;
        return std::nullopt;
    }
    waitWithProgress(engine, sink, spec, label);
    std::lock_guard lock(sink.mutex_);
    return RunOutcome{sink.record_, sink.errors_};
}

int runStudy(Study& study, const std::string& command)
{
    installInterruptHandler();
    for (int step = 0; step < study.steps(); ++step) {
        const std::string label = study.stepLabel(step);
        std::string error;
        auto outcome = runHeadless(study.plan()[static_cast<std::size_t>(step)], label, error);
        if (outcome && outcome->errors.empty() && !interrupted()) {
            study.add(step, outcome->record);
            continue;
        }
        if (!outcome) std::cerr << "corelab " << command << ": " << label << ": " << error << "\n";
        if (outcome)
            for (const std::string& e : outcome->errors)
                std::cerr << "corelab " << command << ": " << label << ": " << e << "\n";
        if (interrupted())
            std::cerr << "corelab " << command << ": stopped during " << label << "\n";
        return 1;
    }
    return 0;
}

} // namespace corelab::cli
