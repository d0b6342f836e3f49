#include <string>
#include <vector>

#include <sched.h>

#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

enum class Handoff { Futex = 0, Pipe = 1 }; // the workload's channel choice

ExperimentSpec pingpongSpec(Model model, Handoff channel, bool sameCore)
{
    ExperimentSpec s;
    s.workload = "pingpong";
    s.model = model;
    s.workers = 2;
    s.durationS = 0.4;
    s.params = {{"channel", static_cast<double>(channel)}, {"same-core", sameCore ? 1 : 0}};
    return s;
}

double allRunningAt(const RunRecord& r)
{
    for (const auto& e : r.events)
        if (e.kind == EventKind::AllRunning) return e.t;
    return 0;
}

// Once the workers run (they pin themselves first thing), /proc sees them on one CPU.
void expectOnCpu(const RunRecord& r, int cpu)
{
    const double from = allRunningAt(r) + 0.05;
    for (const auto& s : r.samples)
        for (const auto& w : s.workers)
            if (s.t > from && w.state != '-' && w.lastCpu >= 0) {
                EXPECT_EQ(w.lastCpu, cpu);
            }
}

void expectRoundTrips(const ExperimentSpec& spec)
{
    const RunRecord r = runToEnd(spec);
    const auto& f = r.summary.figures;
    const bool sameCore = spec.params.at("same-core") != 0;
    ASSERT_TRUE(f.count("round_trips") && f.count("pinned"));
    EXPECT_GT(f.at("round_trips"), 0);
    EXPECT_GT(f.at("round_trips_per_s"), 0);
    EXPECT_GT(f.at("us_per_switch"), 0);
    EXPECT_EQ(f.at("pinned"), sameCore ? 1 : 0);
    // every hand-off puts the waiting side to sleep: a voluntary switch each
    EXPECT_GT(r.summary.ctxVoluntary, static_cast<std::uint64_t>(f.at("round_trips") / 2));
    if (sameCore) expectOnCpu(r, static_cast<int>(f.at("pinned_cpu")));
}

} // namespace

TEST(Pingpong, ThreadsPassTheTokenByFutex)
{
    expectRoundTrips(pingpongSpec(Model::Threads, Handoff::Futex, false));
    expectRoundTrips(pingpongSpec(Model::Threads, Handoff::Futex, true));
}

TEST(Pingpong, ProcessesPassTheTokenByPipeAndFutex)
{
    expectRoundTrips(pingpongSpec(Model::Processes, Handoff::Pipe, false));
    expectRoundTrips(pingpongSpec(Model::Processes, Handoff::Futex, true));
}

std::vector<int> allowedCpus()
{
    cpu_set_t set;
    std::vector<int> cpus;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &set)) cpus.push_back(c);
    return cpus;
}

// --pin-cpu puts both workers of every model on the one CPU asked for: the last
// allowed one, so the test does not pass by the scheduler's first choice.
TEST(Pingpong, PinCpuPutsEveryWorkerOnThatCpu)
{
    const std::vector<int> cpus = allowedCpus();
    ASSERT_FALSE(cpus.empty());
    for (Model model : {Model::Threads, Model::Processes}) {
        ExperimentSpec s = pingpongSpec(model, Handoff::Futex, false);
        s.params["pin-cpu"] = cpus.back();
        const RunRecord r = runToEnd(s);
        EXPECT_EQ(r.summary.figures.at("pinned"), 1);
        EXPECT_EQ(r.summary.figures.at("pinned_cpu"), cpus.back());
        expectOnCpu(r, cpus.back());
    }
}

TEST(Pingpong, PinCpuOutsideTheAllowedSetIsRefused)
{
    const std::vector<int> cpus = allowedCpus();
    ASSERT_FALSE(cpus.empty());
    ASSERT_LT(cpus.back(), CPU_SETSIZE - 1) << "every CPU is allowed: nothing to refuse";
    ExperimentSpec s = pingpongSpec(Model::Threads, Handoff::Futex, false);
    s.params["pin-cpu"] = CPU_SETSIZE - 1;
    const auto err = validate(s);
    ASSERT_TRUE(err.has_value());
    EXPECT_NE(err->message.find("allowed: " + std::to_string(cpus.front())), std::string::npos)
        << err->message;
}

TEST(Pingpong, OddWorkerCountIsRefused)
{
    ExperimentSpec s = pingpongSpec(Model::Threads, Handoff::Futex, false);
    s.workers = 3;
    EXPECT_TRUE(validate(s).has_value());
}
