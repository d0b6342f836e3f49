#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <thread>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;
using namespace std::chrono_literals;

namespace {

const Sample& lastSample(const RunRecord& r)
{
    return r.samples.back();
}

int countEvents(const RunRecord& r, EventKind kind)
{
    return static_cast<int>(std::count_if(r.events.begin(), r.events.end(),
                                          [kind](const Event& e) { return e.kind == kind; }));
}

std::set<int> distinctPids(const RunRecord& r)
{
    std::set<int> pids;
    for (const auto& w : lastSample(r).workers)
        pids.insert(w.pid);
    return pids;
}

std::set<int> distinctTids(const RunRecord& r)
{
    std::set<int> tids;
    for (const auto& w : lastSample(r).workers)
        tids.insert(w.tid);
    return tids;
}

int leaderPidOf(const RunRecord& r)
{
    for (const auto& e : r.events)
        if (e.kind == EventKind::LeaderSpawned) return std::stoi(e.detail.substr(4));
    return 0;
}

void expectEveryWorkerProgressed(const RunRecord& r)
{
    ASSERT_FALSE(r.samples.empty());
    for (const auto& w : lastSample(r).workers) {
        EXPECT_GT(w.ops, 0u) << "worker " << w.index;
        EXPECT_GT(w.runNs, 0u) << "worker " << w.index;
    }
}

} // namespace

TEST(Engine, ThreadsRunInsideOneLeaderProcess)
{
    const RunRecord r = runToEnd(cpuSpec(Model::Threads, 3, 1.0));
    expectEveryWorkerProgressed(r);
    ASSERT_EQ(lastSample(r).workers.size(), 3u);
    EXPECT_EQ(distinctPids(r), std::set<int>{leaderPidOf(r)});
    EXPECT_EQ(distinctTids(r).size(), 3u);
    EXPECT_EQ(distinctTids(r).count(leaderPidOf(r)), 0u) << "the leader's main thread is no worker";
    EXPECT_EQ(r.summary.workers, 3);
    EXPECT_EQ(r.summary.processes, 1);
    EXPECT_EQ(countEvents(r, EventKind::WorkerStarted), 3);
    EXPECT_EQ(countEvents(r, EventKind::WorkerExited), 3);
    EXPECT_EQ(countEvents(r, EventKind::AllRunning), 1);
    EXPECT_EQ(countEvents(r, EventKind::RunFinished), 1);
    EXPECT_TRUE(processesInGroup(leaderPidOf(r)).empty());
}

TEST(Engine, ProcessesAreSeparateSingleThreadedChildren)
{
    const RunRecord r = runToEnd(cpuSpec(Model::Processes, 3, 1.0));
    expectEveryWorkerProgressed(r);
    EXPECT_EQ(distinctPids(r).size(), 3u);
    EXPECT_EQ(distinctPids(r).count(leaderPidOf(r)), 0u);
    for (const auto& w : lastSample(r).workers)
        EXPECT_EQ(w.pid, w.tid) << "one thread per process";
    EXPECT_EQ(r.summary.processes, 3);
    EXPECT_TRUE(processesInGroup(leaderPidOf(r)).empty());
}

TEST(Engine, HybridIsProcessesTimesThreads)
{
    ExperimentSpec s = cpuSpec(Model::Hybrid, 2, 1.0);
    s.threadsPerProcess = 2;
    const RunRecord r = runToEnd(s);
    expectEveryWorkerProgressed(r);
    EXPECT_EQ(r.summary.workers, 4);
    EXPECT_EQ(distinctPids(r).size(), 2u);
    EXPECT_EQ(distinctTids(r).size(), 4u);
}

TEST(Engine, ExecSpawnedProcessesWorkToo)
{
    ExperimentSpec s = cpuSpec(Model::Processes, 2, 0.5);
    s.spawn = SpawnMethod::Exec;
    const RunRecord r = runToEnd(s);
    expectEveryWorkerProgressed(r);
    EXPECT_EQ(distinctPids(r).size(), 2u);
}

TEST(Engine, SamplesArriveAtTheRequestedRateInBatches)
{
    ExperimentSpec s = cpuSpec(Model::Threads, 1, 1.5);
    s.rateHz = 20;
    Engine engine(testEngineOptions());
    RecordingSink sink;
    ASSERT_FALSE(engine.start(s, sink));
    ASSERT_TRUE(sink.waitFinished(30s));
    engine.wait();
    const RunRecord& r = sink.record;
    const double span = r.samples.back().t - r.samples.front().t;
    const double perSecond = (r.samples.size() - 1) / span;
    EXPECT_GT(perSecond, 20 * 0.7) << "a tick can be late on a busy machine, not many";
    EXPECT_LT(perSecond, 20 * 1.3);
    EXPECT_EQ(sink.samples.size(), r.samples.size()) << "every sample reached the sink";
    EXPECT_LT(sink.batchSizes.size(), r.samples.size()) << "samples come in batches";
    EXPECT_TRUE(std::any_of(r.samples.begin(), r.samples.end(),
                            [](const Sample& x) { return x.memory.has_value(); }));
    EXPECT_TRUE(std::any_of(r.samples.begin(), r.samples.end(),
                            [](const Sample& x) { return !x.cores.empty(); }));
}

TEST(Engine, RunFileRoundTrips)
{
    const RunRecord r = runToEnd(cpuSpec(Model::Processes, 2, 0.5));
    const auto path = std::filesystem::temp_directory_path() /
                      ("corelab-engine-" + std::to_string(getpid()) + ".json");
    saveRunFile(r, path);
    EXPECT_EQ(loadRunFile(path), r);
    std::filesystem::remove(path);
}

TEST(Engine, StopEndsTheRunAtOnceAndLeavesNoProcess)
{
    for (Model model : {Model::Threads, Model::Processes}) {
        Engine engine(testEngineOptions());
        RecordingSink sink;
        ASSERT_FALSE(engine.start(cpuSpec(model, 2, 60.0), sink));
        std::this_thread::sleep_for(500ms);
        const int leader = engine.leaderPid();
        ASSERT_GT(leader, 0);
        EXPECT_FALSE(processesInGroup(leader).empty());
        const auto stopAt = std::chrono::steady_clock::now();
        engine.stop();
        ASSERT_TRUE(sink.waitFinished(10s));
        EXPECT_LT(elapsedS(stopAt), 3.0) << "workers notice the stop within a batch";
        engine.wait();
        EXPECT_TRUE(sink.record.summary.stoppedEarly);
        EXPECT_EQ(countEvents(sink.record, EventKind::StopRequested), 1);
        EXPECT_FALSE(processAlive(leader));
        EXPECT_TRUE(processesInGroup(leader).empty());
    }
}

TEST(Engine, InvalidSpecIsRefusedBeforeAnythingStarts)
{
    Engine engine(testEngineOptions());
    RecordingSink sink;
    ExperimentSpec s = cpuSpec(Model::Threads, 0, 1.0);
    auto err = engine.start(s, sink);
    ASSERT_TRUE(err.has_value());
    EXPECT_NE(err->find("workers"), std::string::npos);
    EXPECT_FALSE(engine.running());
}

TEST(Engine, MissingWorkerBinaryIsAnErrorNotAHang)
{
    EngineOptions o;
    o.workerPath = "/nonexistent/corelab-worker";
    Engine engine(o);
    RecordingSink sink;
    ASSERT_FALSE(engine.start(cpuSpec(Model::Threads, 1, 1.0), sink));
    ASSERT_TRUE(sink.waitFinished(5s));
    engine.wait();
    ASSERT_FALSE(sink.errors.empty());
    EXPECT_NE(sink.errors.front().find("/nonexistent/corelab-worker"), std::string::npos);
}

// Where no spool can be made (test_sample_store has the run with one).
TEST(Engine, LongRunsWithoutASpoolKeepABoundedRecordWithTheirTotals)
{
    EngineOptions o = testEngineOptions();
    o.recordBudget = 30; // worker readings: thins after ~10 samples of 2 workers
    o.spoolFolder = "/nonexistent/corelab-spool";
    Engine engine(o);
    RecordingSink sink;
    ExperimentSpec s = cpuSpec(Model::Threads, 2, 1.5);
    s.rateHz = 40;
    ASSERT_FALSE(engine.start(s, sink));
    ASSERT_TRUE(sink.waitFinished(30s));
    engine.wait();
    const RunRecord& r = sink.record;
    EXPECT_GT(sink.samples.size(), 40u) << "the live view still got every sample";
    EXPECT_LE(r.samples.size() * 3, 30u) << "the stored record stayed within its budget";
    EXPECT_EQ(r.samples.back().t, sink.samples.back().t) << "the final sample is kept";
    std::uint64_t ops = 0;
    for (const auto& w : r.samples.back().workers)
        ops += w.ops;
    EXPECT_EQ(ops, r.summary.opsTotal);
    EXPECT_GT(r.summary.peakRssBytes.value_or(0), 0u);
}
