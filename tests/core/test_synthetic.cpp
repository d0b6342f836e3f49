#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "probe/MachineInfo.h"
#include "record/CoreShare.h"
#include "record/Synthetic.h"

using namespace corelab;

namespace {

SyntheticShape shape(int cpus, int workers, double seconds)
{
    SyntheticShape s;
    s.cpus = cpus;
    s.workers = workers;
    s.seconds = seconds;
    return s;
}

// The workers' mean share of each CPU over the samples from `from` to `to` seconds.
std::map<int, double> meanShare(const RunRecord& r, double from, double to)
{
    std::map<int, double> sum;
    int n = 0;
    for (std::size_t i = 1; i < r.samples.size(); ++i) {
        if (r.samples[i].t <= from || r.samples[i].t > to) continue;
        const auto share = workerCoreShare(r.samples[i - 1], r.samples[i], 1.0);
        if (!share) continue;
        for (const auto& [cpu, v] : share->cpus)
            sum[cpu] += v;
        ++n;
    }
    for (auto& [cpu, v] : sum)
        v /= std::max(1, n);
    return sum;
}

} // namespace

TEST(Synthetic, ParsesShapes)
{
    const auto a = parseSyntheticShape("256x512");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->cpus, 256);
    EXPECT_EQ(a->workers, 512);
    EXPECT_EQ(a->seconds, 60);
    const auto b = parseSyntheticShape("8x16x600");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->seconds, 600);
    for (const char* bad : {"", "256", "256x", "x512", "256x512x", "0x4", "4x0", "9000x4", "4x5000",
                            "4x4x0", "4x4x4000", "4x4x4x4", "4 x4", "-4x4"})
        EXPECT_FALSE(parseSyntheticShape(bad)) << bad;
}

TEST(Synthetic, SameSeedSameRecordOtherSeedOtherSamples)
{
    const RunRecord a = syntheticRecord(shape(16, 32, 3));
    EXPECT_EQ(a, syntheticRecord(shape(16, 32, 3)));
    SyntheticShape other = shape(16, 32, 3);
    other.seed = 2;
    const RunRecord b = syntheticRecord(other);
    EXPECT_NE(a.samples, b.samples);
    EXPECT_EQ(a.events, b.events); // the story is the shape's; only the noise differs
}

TEST(Synthetic, HasTheShapeAskedFor)
{
    const RunRecord r = syntheticRecord(shape(256, 512, 10));
    EXPECT_EQ(r.spec.totalWorkers(), 512);
    EXPECT_EQ(r.spec.model, Model::Hybrid);
    EXPECT_EQ(r.spec.workers * r.spec.threadsPerProcess, 512);
    EXPECT_EQ(r.machine.logicalCpus, 256);
    ASSERT_EQ(r.samples.size(), 10u * 10 + 1);
    EXPECT_TRUE(r.samples.front().cores.empty()); // no interval yet, as the engine's
    for (std::size_t i = 1; i < r.samples.size(); ++i) {
        const Sample& s = r.samples[i];
        EXPECT_NEAR(s.t - r.samples[i - 1].t, 0.1, 1e-9);
        ASSERT_EQ(s.cores.size(), 256u);
        ASSERT_EQ(s.workers.size(), 512u);
        for (const CoreSample& c : s.cores) {
            EXPECT_GE(c.busy, 0);
            EXPECT_LE(c.busy, 1);
            EXPECT_NEAR(c.user + c.system, c.busy, 1e-12);
        }
        for (const WorkerSample& w : s.workers) {
            EXPECT_GE(w.lastCpu, -1);
            EXPECT_LT(w.lastCpu, 256);
            // cumulative counters never go back
            const WorkerSample& p = r.samples[i - 1].workers[static_cast<std::size_t>(w.index)];
            EXPECT_GE(w.runNs, p.runNs);
            EXPECT_GE(w.waitNs, p.waitNs);
            EXPECT_GE(w.ops, p.ops);
            // no worker runs more than the interval
            EXPECT_LE(w.runNs - p.runNs, 100'000'000u);
        }
    }
}

TEST(Synthetic, TopologyIsTwoPackagesOfSmtPairs)
{
    const RunRecord r = syntheticRecord(shape(256, 512, 2));
    ASSERT_EQ(r.machine.topology.size(), 256u);
    std::set<int> packages, dies;
    for (const CpuPlace& p : r.machine.topology) {
        packages.insert(p.package);
        dies.insert(p.package * 100 + p.die);
        // cpuN and cpuN+128 are the two threads of one core
        const CpuPlace& sibling = r.machine.topology[static_cast<std::size_t>((p.cpu + 128) % 256)];
        EXPECT_EQ(sibling.package, p.package);
        EXPECT_EQ(sibling.core, p.core);
    }
    EXPECT_EQ(packages.size(), 2u);
    EXPECT_EQ(dies.size(), 8u);
}

TEST(Synthetic, FirstHalfBusyOneGroupIdleSecondHalfIdle)
{
    SyntheticSource source(shape(256, 512, 20));
    const SyntheticPlan plan = source.plan();
    const RunRecord r = syntheticRecord(shape(256, 512, 20));
    EXPECT_EQ(plan.busyCpus.size() + plan.idleCpus.size(), 128u);
    EXPECT_EQ(plan.idleCpus.size(), 32u); // die 1 of package 0
    for (int cpu : plan.idleCpus) {
        EXPECT_EQ(r.machine.topology[static_cast<std::size_t>(cpu)].package, 0);
        EXPECT_EQ(r.machine.topology[static_cast<std::size_t>(cpu)].die, 1);
    }
    // on the plateau, before the stall
    const auto share = meanShare(r, 3, 10);
    for (const CpuPlace& p : r.machine.topology) {
        const double v = share.count(p.cpu) ? share.at(p.cpu) : 0.0;
        const bool idle = std::count(plan.idleCpus.begin(), plan.idleCpus.end(), p.cpu) > 0;
        if (p.package == 1 || idle)
            EXPECT_LT(v, 0.01) << "cpu" << p.cpu;
        else
            EXPECT_GT(v, 0.8) << "cpu" << p.cpu;
    }
}

TEST(Synthetic, OneWorkerCrashesAndItsLaneEndsThere)
{
    const RunRecord r = syntheticRecord(shape(256, 512, 10));
    const auto crashes = std::count_if(r.events.begin(), r.events.end(), [](const Event& e) {
        return e.kind == EventKind::WorkerCrashed;
    });
    ASSERT_EQ(crashes, 1);
    const Event& crash = *std::find_if(r.events.begin(), r.events.end(), [](const Event& e) {
        return e.kind == EventKind::WorkerCrashed;
    });
    EXPECT_EQ(r.summary.workersCrashed, 1);
    for (const Sample& s : r.samples) {
        const char state = s.workers[static_cast<std::size_t>(crash.worker)].state;
        EXPECT_EQ(state == '!', s.t >= crash.t) << "t = " << s.t;
    }
    EXPECT_TRUE(std::is_sorted(r.events.begin(), r.events.end(),
                               [](const Event& a, const Event& b) { return a.t < b.t; }));
}

TEST(Synthetic, StalledProcessMakesNoProgressThenResumes)
{
    SyntheticSource source(shape(64, 128, 20));
    const SyntheticPlan plan = source.plan();
    ASSERT_GE(plan.stalledProcess, 0);
    const RunRecord r = syntheticRecord(shape(64, 128, 20));
    const int w = plan.stalledProcess * r.spec.threadsPerProcess;
    auto opsAt = [&](double t) {
        const auto it = std::find_if(r.samples.begin(), r.samples.end(),
                                     [&](const Sample& s) { return s.t >= t - 1e-9; });
        return it->workers[static_cast<std::size_t>(w)].ops;
    };
    EXPECT_EQ(opsAt(plan.stallFromS + 0.5), opsAt(plan.stallToS - 0.1));
    EXPECT_GT(opsAt(plan.stallToS + 1), opsAt(plan.stallToS));
    EXPECT_GT(opsAt(plan.stallFromS), opsAt(plan.stallFromS - 1));
}

TEST(Synthetic, SleepersMostlySleep)
{
    const RunRecord r = syntheticRecord(shape(64, 128, 10));
    SyntheticSource source(shape(64, 128, 10));
    const int sleeper = source.plan().cpuBoundWorkers; // the first sleeper
    ASSERT_LT(sleeper, 128);
    const WorkerSample& last = r.samples[90].workers[static_cast<std::size_t>(sleeper)];
    const WorkerSample& first = r.samples[20].workers[static_cast<std::size_t>(sleeper)];
    const double runShare = (last.runNs - first.runNs) / 7e9;
    EXPECT_GT(runShare, 0.005);
    EXPECT_LT(runShare, 0.05);
}

TEST(Synthetic, RecordSurvivesTheRunFile)
{
    const RunRecord r = syntheticRecord(shape(32, 16, 2));
    const auto path = std::filesystem::temp_directory_path() / "corelab-synthetic-test.json";
    saveRunFile(r, path.string());
    const RunRecord back = loadRunFile(path.string());
    std::filesystem::remove(path);
    EXPECT_EQ(back.machine.topology, r.machine.topology);
    EXPECT_EQ(back.samples.size(), r.samples.size());
    EXPECT_EQ(back.events, r.events);
}

TEST(Synthetic, SmallShapesStillWork)
{
    for (const auto& [cpus, workers] : {std::pair{1, 1}, {2, 3}, {3, 8}, {8, 2}}) {
        const RunRecord r = syntheticRecord(shape(cpus, workers, 2));
        EXPECT_EQ(r.spec.totalWorkers(), workers);
        EXPECT_EQ(r.samples.back().cores.size(), static_cast<std::size_t>(cpus));
    }
}

TEST(CpuTopology, ReadsSysFolders)
{
    const auto root = std::filesystem::temp_directory_path() / "corelab-topology-test";
    std::filesystem::remove_all(root);
    auto write = [&](const std::string& cpu, const char* file, const char* text) {
        std::filesystem::create_directories(root / cpu / "topology");
        std::ofstream(root / cpu / "topology" / file) << text;
    };
    write("cpu0", "physical_package_id", "0\n");
    write("cpu0", "core_id", "0\n");
    write("cpu0", "die_id", "0\n");
    write("cpu10", "physical_package_id", "1\n");
    write("cpu10", "core_id", "4\n");                                // no die_id: an older kernel
    std::filesystem::create_directories(root / "cpu3" / "topology"); // offline: no files
    std::filesystem::create_directories(root / "cpufreq");
    const auto places = readCpuTopology(root.string());
    std::filesystem::remove_all(root);
    ASSERT_EQ(places.size(), 2u);
    EXPECT_EQ(places[0], (CpuPlace{0, 0, 0, 0}));
    EXPECT_EQ(places[1], (CpuPlace{10, 1, 0, 4}));
    EXPECT_TRUE(readCpuTopology("/nonexistent/corelab").empty());
}

TEST(CpuTopology, RunFileRefusesBadEntriesAndReadsItsAbsence)
{
    nlohmann::json j = MachineInfo{};
    MachineInfo m;
    j.get_to(m);
    EXPECT_TRUE(m.topology.empty()); // files written before the topology was recorded
    j["topology"] = nlohmann::json::parse("[[0, 0, 0, 0], [1, 0, 0, 0]]");
    j.get_to(m);
    EXPECT_EQ(m.topology.size(), 2u);
    for (const char* bad : {"{}", "[[0, 0, 0]]", "[[-1, 0, 0, 0]]", "[[9000, 0, 0, 0]]",
                            "[[0, \"a\", 0, 0]]", "[[0, 0, 0, 4294967296]]"}) {
        j["topology"] = nlohmann::json::parse(bad);
        EXPECT_THROW(j.get_to(m), std::invalid_argument) << bad;
    }
}
