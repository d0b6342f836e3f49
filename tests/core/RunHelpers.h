#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "TestHelpers.h"
#include "engine/Engine.h"
#include "record/Summarize.h"

namespace corelab::test {

// Collects everything a run delivers; wait() blocks the test until onFinished.
class RecordingSink : public RunSink {
public:
    void onSamples(const std::vector<Sample>& batch) override;
    void onEvents(const std::vector<Event>& batch) override;
    void onFinished(const RunRecord& record) override;
    void onError(const std::string& message) override;
    bool waitFinished(std::chrono::milliseconds timeout);

    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Sample> samples;
    std::vector<Event> events;
    std::vector<std::string> errors;
    std::vector<std::size_t> batchSizes;
    RunRecord record;
    bool finished = false;
};

EngineOptions testEngineOptions();
ExperimentSpec cpuSpec(Model model, int workers, double durationS);
// The external workload running `command` (one worker, the command's threads are found).
ExperimentSpec externalSpec(std::vector<std::string> command, double durationS);
// Runs a spec to its end and returns the record (fails the test on a hang).
RunRecord runToEnd(const ExperimentSpec& spec);

// Live processes whose command line contains `marker` (a number no other program uses).
std::vector<int> processesWith(const std::string& marker);

// Physics tests about scaling cannot hold while others take the cores
// (otherBusyCores, record/Summarize.h), so they skip above this.
inline constexpr double kBusyMachineCores = 0.5;
double elapsedS(std::chrono::steady_clock::time_point since);

} // namespace corelab::test
