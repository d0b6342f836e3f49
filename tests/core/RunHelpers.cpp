#include "RunHelpers.h"
#include "probe/MachineInfo.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

namespace corelab::test {

void RecordingSink::onSamples(const std::vector<Sample>& batch)
{
    std::lock_guard lock(mutex);
    samples.insert(samples.end(), batch.begin(), batch.end());
    batchSizes.push_back(batch.size());
}

void RecordingSink::onEvents(const std::vector<Event>& batch)
{
    std::lock_guard lock(mutex);
    events.insert(events.end(), batch.begin(), batch.end());
}

void RecordingSink::onFinished(const RunRecord& r)
{
    std::lock_guard lock(mutex);
    record = r;
    finished = true;
    changed.notify_all();
}

void RecordingSink::onError(const std::string& message)
{
    std::lock_guard lock(mutex);
    errors.push_back(message);
}

bool RecordingSink::waitFinished(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [this] { return finished; });
}

EngineOptions testEngineOptions()
{
    EngineOptions o;
    o.workerPath = CORELAB_WORKER_PATH;
    return o;
}

ExperimentSpec cpuSpec(Model model, int workers, double durationS)
{
    ExperimentSpec s;
    s.workload = "cpu";
    s.model = model;
    s.workers = workers;
    s.durationS = durationS;
    return s;
}

ExperimentSpec externalSpec(std::vector<std::string> command, double durationS)
{
    ExperimentSpec s;
    s.workload = "external";
    s.workers = 1;
    s.durationS = durationS;
    s.command = std::move(command);
    return s;
}

RunRecord runToEnd(const ExperimentSpec& spec)
{
    Engine engine(testEngineOptions());
    RecordingSink sink;
    auto err = engine.start(spec, sink);
    EXPECT_FALSE(err.has_value()) << *err;
    EXPECT_TRUE(sink.waitFinished(std::chrono::seconds(static_cast<int>(spec.durationS) + 30)));
    engine.wait();
    EXPECT_TRUE(sink.errors.empty()) << sink.errors.front();
    return sink.record;
}

double elapsedS(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

std::vector<int> processesWith(const std::string& marker)
{
    std::vector<int> found;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        // the process may end while it is read: then the file is empty
        const std::string cmdline = readTextFile(entry.path() / "cmdline").value_or(std::string());
        if (cmdline.find(marker) != std::string::npos && processAlive(std::stoi(name)))
            found.push_back(std::stoi(name));
    }
    return found;
}

} // namespace corelab::test
