// What a run file holds and reads back: the JSON layout docs/run-file.md describes, every
// field and double exactly, what was not measured, files from before a field existed, and
// the samples' CSV.
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "RunFileFixture.h"
#include "record/RunRecord.h"

using corelab::RunRecord;
using nlohmann::json;
using namespace corelab::test;

TEST(EventKind, NamesRoundTrip)
{
    using K = corelab::EventKind;
    const std::vector<std::pair<K, std::string>> names = {
        {K::LeaderSpawned, "leader_spawned"}, {K::WorkerStarted, "worker_started"},
        {K::AllRunning, "all_running"},       {K::WorkerExited, "worker_exited"},
        {K::WorkerCrashed, "worker_crashed"}, {K::StopRequested, "stop_requested"},
        {K::RunFinished, "run_finished"},     {K::Error, "error"}};
    for (const auto& [kind, name] : names) {
        EXPECT_EQ(corelab::toString(kind), name);
        EXPECT_EQ(corelab::eventKindFromString(name), kind);
    }
    EXPECT_FALSE(corelab::eventKindFromString("Leader_Spawned"));
    EXPECT_FALSE(corelab::eventKindFromString(""));
}

TEST_F(RunRecordTest, SaveThenLoadGivesAnEqualRecord)
{
    const RunRecord r = makeRecord();
    corelab::saveRunFile(r, path("run.json"));
    const RunRecord loaded = corelab::loadRunFile(path("run.json"));
    EXPECT_EQ(loaded.spec, r.spec);
    EXPECT_EQ(loaded.machine, r.machine);
    EXPECT_EQ(loaded.summary, r.summary);
    EXPECT_EQ(loaded.events, r.events);
    EXPECT_EQ(loaded.samples, r.samples);
    EXPECT_EQ(loaded, r);
    EXPECT_FALSE(loaded.samples[1].memory);
    EXPECT_FALSE(loaded.samples[2].pressure);
}

TEST_F(RunRecordTest, FileLayoutFollowsTheDocs)
{
    corelab::saveRunFile(makeRecord(), path("run.json"));
    const std::string text = readAll(path("run.json"));
    const json j = json::parse(text);
    std::vector<std::string> keys;
    for (const auto& [key, value] : j.items())
        keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"corelab_version", "events", "machine", "samples",
                                              "schema", "spec", "started_at", "summary"}));
    EXPECT_EQ(j["schema"], corelab::kRunFileSchema);
    EXPECT_EQ(j["samples"][0]["workers"][1]["state"], "S");
    EXPECT_TRUE(j["samples"][0].contains("memory"));
    EXPECT_FALSE(j["samples"][1].contains("memory"));
    EXPECT_FALSE(j["samples"][0].contains("pressure"));
    EXPECT_EQ(j["summary"]["per_core_busy"], (json{{"0", 0.97}, {"2", 0.123456789012345}}));
    EXPECT_EQ(j["events"][2]["kind"], "worker_crashed");
    // One sample per line keeps long runs greppable.
    std::size_t sampleLines = 0;
    for (const auto& line : lines(text))
        sampleLines += line.rfind("{\"cores\":", 0) == 0;
    EXPECT_EQ(sampleLines, 3u);
}

TEST_F(RunRecordTest, DoublesRoundTripBitForBit)
{
    RunRecord r = makeRecord();
    const double tricky[] = {0.1,
                             1.0 / 3,
                             std::nextafter(1.0, 2.0),
                             5e-324,
                             1.7976931348623157e308,
                             123456.789e-10,
                             2.0 / 3 * 1e17};
    r.samples.clear();
    for (double t : tricky)
        r.samples.push_back({t, {{7, t, t / 3, 0, t}}, {}, {}, {}});
    corelab::saveRunFile(r, path("run.json"));
    const RunRecord loaded = corelab::loadRunFile(path("run.json"));
    ASSERT_EQ(loaded.samples.size(), std::size(tricky));
    for (std::size_t i = 0; i < std::size(tricky); ++i) {
        EXPECT_EQ(loaded.samples[i].t, tricky[i]);
        EXPECT_EQ(loaded.samples[i].cores, r.samples[i].cores);
    }
}

TEST_F(RunRecordTest, NonFiniteFiguresSaveAndReadBackAsNaN)
{
    RunRecord r = makeRecord();
    r.summary.wallS = 0;
    r.summary.opsPerS = std::numeric_limits<double>::infinity();
    r.summary.busyCoresMean = std::numeric_limits<double>::quiet_NaN();
    corelab::saveRunFile(r, path("run.json"));
    const RunRecord loaded = corelab::loadRunFile(path("run.json"));
    EXPECT_TRUE(std::isnan(loaded.summary.opsPerS));
    EXPECT_TRUE(std::isnan(loaded.summary.busyCoresMean));
    EXPECT_EQ(loaded.summary.wallS, 0.0);
}

// A run shorter than one memory reading has no peaks: the file says nothing rather
// than 0 B, and reads back the same.
TEST_F(RunRecordTest, UnmeasuredPeaksAreLeftOutAndReadBackAsNotMeasured)
{
    RunRecord r = makeRecord();
    r.summary.peakRssBytes.reset();
    r.summary.peakPssBytes.reset();
    r.summary.peakUssBytes.reset();
    corelab::saveRunFile(r, path("run.json"));
    const json j = json::parse(readAll(path("run.json")));
    for (const char* key : {"peak_rss_bytes", "peak_pss_bytes", "peak_uss_bytes"})
        EXPECT_FALSE(j["summary"].contains(key)) << key;
    EXPECT_EQ(corelab::loadRunFile(path("run.json")), r);
}

// Files written before "not measured" existed hold 0 for it; a tree that was read is
// never 0 B, so 0 reads as not measured and every other value as itself.
TEST_F(RunRecordTest, OldFilesWithZeroPeaksStillLoad)
{
    json j = makeRecord();
    j["summary"]["peak_rss_bytes"] = 0;
    j["summary"]["peak_pss_bytes"] = nullptr;
    j["summary"]["peak_uss_bytes"] = 4096;
    std::ofstream(path("old.json")) << j.dump();
    const RunRecord loaded = corelab::loadRunFile(path("old.json"));
    EXPECT_FALSE(loaded.summary.peakRssBytes);
    EXPECT_FALSE(loaded.summary.peakPssBytes);
    EXPECT_EQ(loaded.summary.peakUssBytes, 4096u);
}

// Interpreter-lock times are kept when measured, left out when not, and a file from
// before they existed reads back as not measured, which is not the same as 0.
TEST_F(RunRecordTest, LockTimesRoundTripAndAbsentIsNotMeasured)
{
    RunRecord r = makeRecord();
    r.samples[1].workers[0].lockHeldNs = 60'000'000;
    r.samples[1].workers[0].lockWaitNs = 0;
    r.samples[1].workers[1].lockHeldNs = 40'000'000;
    r.samples[1].workers[1].lockWaitNs = 55'000'000;
    corelab::saveRunFile(r, path("run.json"));
    const json j = json::parse(readAll(path("run.json")));
    EXPECT_EQ(j["samples"][1]["workers"][1]["lock_held_ns"], 40'000'000);
    EXPECT_EQ(j["samples"][1]["workers"][0]["lock_wait_ns"], 0);
    EXPECT_FALSE(j["samples"][0]["workers"][0].contains("lock_held_ns"));
    EXPECT_FALSE(j["samples"][0]["workers"][0].contains("lock_wait_ns"));
    const RunRecord loaded = corelab::loadRunFile(path("run.json"));
    EXPECT_EQ(loaded, r);
    EXPECT_EQ(loaded.samples[1].workers[0].lockWaitNs, std::optional<std::uint64_t>(0));
    EXPECT_FALSE(loaded.samples[0].workers[0].lockHeldNs);

    json old = r;
    for (auto& sample : old["samples"])
        for (auto& w : sample["workers"]) {
            w.erase("lock_held_ns");
            w.erase("lock_wait_ns");
        }
    old["samples"][2]["workers"][0]["lock_held_ns"] = nullptr;
    std::ofstream(path("old.json")) << old.dump();
    const RunRecord before = corelab::loadRunFile(path("old.json"));
    for (const auto& sample : before.samples)
        for (const auto& w : sample.workers) {
            EXPECT_FALSE(w.lockHeldNs);
            EXPECT_FALSE(w.lockWaitNs);
        }
}

TEST_F(RunRecordTest, CsvHasOneRowPerSamplePerWorker)
{
    const RunRecord r = makeRecord();
    corelab::saveSamplesCsv(r, path("samples.csv"));
    const auto rows = lines(readAll(path("samples.csv")));
    ASSERT_EQ(rows.size(), 1 + 3 * 2u);
    EXPECT_EQ(rows[0], "t_s,worker,pid,tid,state,last_cpu,ops,run_ns,wait_ns,timeslices,"
                       "ctx_voluntary,ctx_involuntary,minor_faults,major_faults");
    std::vector<std::string> fields;
    std::istringstream row(rows[6]);
    for (std::string field; std::getline(row, field, ',');)
        fields.push_back(field);
    const auto& w = r.samples[2].workers[1];
    ASSERT_EQ(fields.size(), 14u);
    EXPECT_EQ(std::stod(fields[0]), r.samples[2].t);
    EXPECT_EQ(fields[1], std::to_string(w.index));
    EXPECT_EQ(fields[2], std::to_string(w.pid));
    EXPECT_EQ(fields[4], "Z");
    EXPECT_EQ(fields[6], std::to_string(w.ops));
    EXPECT_EQ(fields[13], std::to_string(w.majorFaults));
}
