#include <gtest/gtest.h>

#include <algorithm>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

ExperimentSpec crashingSpec(Model model)
{
    ExperimentSpec s = cpuSpec(model, 3, 1.5);
    s.crashWorker = 1;
    s.crashAtS = 0.5;
    return s;
}

// Ops each worker did after `t` seconds (from the first and last samples past t).
std::vector<std::uint64_t> opsAfter(const RunRecord& r, double t)
{
    const auto from =
        std::find_if(r.samples.begin(), r.samples.end(), [t](const Sample& s) { return s.t > t; });
    std::vector<std::uint64_t> ops;
    if (from == r.samples.end()) return ops;
    for (std::size_t i = 0; i < r.samples.back().workers.size(); ++i)
        ops.push_back(r.samples.back().workers[i].ops - from->workers[i].ops);
    return ops;
}

double crashTime(const RunRecord& r)
{
    for (const auto& e : r.events)
        if (e.kind == EventKind::WorkerCrashed) return e.t;
    return -1;
}

RunRecord runExpectingCrash(const ExperimentSpec& spec)
{
    Engine engine(testEngineOptions());
    RecordingSink sink;
    EXPECT_FALSE(engine.start(spec, sink));
    EXPECT_TRUE(sink.waitFinished(std::chrono::seconds(30)));
    engine.wait();
    return sink.record;
}

} // namespace

TEST(Crash, AThreadTakesItsWholeProcessDown)
{
    const RunRecord r = runExpectingCrash(crashingSpec(Model::Threads));
    EXPECT_EQ(r.summary.workersCrashed, 3);
    ASSERT_GT(crashTime(r), 0);
    for (std::uint64_t ops : opsAfter(r, crashTime(r) + 0.05))
        EXPECT_EQ(ops, 0u);
    EXPECT_LT(r.summary.wallS, 1.2) << "the run ended with the crash";
    // each event says who faulted and who only went down with the process
    int faulted = 0, tornDown = 0;
    for (const auto& e : r.events) {
        if (e.kind != EventKind::WorkerCrashed) continue;
        if (e.worker == 1 && e.detail.starts_with("faulted")) ++faulted;
        if (e.worker != 1 && e.detail.starts_with("died with its process when w1 faulted"))
            ++tornDown;
    }
    EXPECT_EQ(faulted, 1);
    EXPECT_EQ(tornDown, 2);
    for (const auto& w : r.samples.back().workers)
        EXPECT_EQ(w.state, '!') << "w" << w.index;
}

TEST(Crash, AProcessFailsAlone)
{
    const RunRecord r = runExpectingCrash(crashingSpec(Model::Processes));
    EXPECT_EQ(r.summary.workersCrashed, 1);
    ASSERT_GT(crashTime(r), 0);
    const auto ops = opsAfter(r, crashTime(r) + 0.05);
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_EQ(ops[1], 0u) << "the crashed worker did nothing more";
    EXPECT_GT(ops[0], 0u) << "survivors keep working";
    EXPECT_GT(ops[2], 0u);
    const auto& last = r.samples.back().workers;
    EXPECT_EQ(last[1].state, '!');
}

TEST(Crash, RestartBringsTheWorkerBack)
{
    ExperimentSpec s = crashingSpec(Model::Processes);
    s.restart = true;
    const RunRecord r = runExpectingCrash(s);
    EXPECT_EQ(r.summary.workersCrashed, 1);
    EXPECT_TRUE(std::any_of(r.events.begin(), r.events.end(), [](const Event& e) {
        return e.kind == EventKind::WorkerRestarted && e.worker == 1;
    }));
    const auto ops = opsAfter(r, crashTime(r) + 0.3);
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_GT(ops[1], 0u) << "the restarted worker works again";
}

TEST(Crash, RestartNeedsProcesses)
{
    ExperimentSpec s = crashingSpec(Model::Threads);
    s.restart = true;
    auto err = validate(s);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->field, "restart");
}
