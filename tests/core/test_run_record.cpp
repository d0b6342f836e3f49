#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sched.h>
#include <unistd.h>

#include "probe/MachineInfo.h"
#include "record/RunRecord.h"

namespace fs = std::filesystem;
using corelab::RunRecord;
using nlohmann::json;

namespace {

class RunRecordTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("corelab-record-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    fs::path dir_;
};

corelab::WorkerSample worker(int index, char state, std::uint64_t scale)
{
    return {index,
            4242 + index,
            4300 + index,
            state,
            index * 2 + 1,
            1000 * scale + 7,
            123456789 * scale,
            98765 * scale,
            31 * scale,
            12 * scale,
            5 * scale,
            4096 * scale,
            index == 0 ? 3u : 0u};
}

// Optional parts present on some samples only.
std::vector<corelab::Sample> makeSamples()
{
    corelab::Sample first{0.02, {}, {worker(0, 'R', 1), worker(1, 'S', 2)}, {}, {}};
    first.memory = corelab::MemorySample{52428800, 31457280, 20971520, 31457280, 3};
    corelab::Sample second{0.1 + 0.2,
                           {{0, 0.5, 0.25, 0.0, 0.75}, {2, 1.0 / 3, 0.1, 0.01, 0.4}},
                           {worker(0, 'R', 3), worker(1, 'D', 4)},
                           {},
                           {}};
    second.pressure = corelab::PressureSample{0.125, 1e-9, 0.0};
    corelab::Sample third{0.7000000000000001,
                          {{0, 1, 0, 0, 1}, {2, 0.9, 0.05, 0, 0.95}},
                          {worker(0, '-', 5), worker(1, 'Z', 6)},
                          {},
                          {}};
    third.workers[1].ops = std::numeric_limits<std::uint64_t>::max();
    return {first, second, third};
}

// A CPU id gap in per_core_busy, as offline CPUs leave.
corelab::Summary makeSummary()
{
    corelab::Summary s;
    s.opsTotal = 987654321012ULL;
    s.wallS = 0.6789;
    s.opsPerS = s.opsTotal / s.wallS;
    s.workers = 4;
    s.processes = 2;
    s.cpuTimeS = 1.2345678901234567;
    s.busyCoresMean = s.cpuTimeS / s.wallS;
    s.machineBusyCoresMean = 1.85;
    s.perCoreBusy = {{0, 0.97}, {2, 0.123456789012345}};
    s.peakRssBytes = 52428800;
    s.peakPssBytes = 31457280;
    s.peakUssBytes = 20971520;
    s.ctxVoluntary = 1234;
    s.ctxInvoluntary = 56789;
    s.runqueueWaitS = 0.000123;
    s.workersCrashed = 1;
    s.workersKilled = 2;
    s.stoppedEarly = true;
    return s;
}

// Every field set to something other than its default, and text that needs escaping.
RunRecord makeRecord()
{
    RunRecord r;
    r.corelabVersion = "0.1.0-test";
    r.startedAt = "2024-05-17T09:30:12.345Z";
    r.spec.workload = "cpu";
    r.spec.model = corelab::Model::Hybrid;
    r.spec.workers = 2;
    r.spec.threadsPerProcess = 2;
    r.spec.spawn = corelab::SpawnMethod::Exec;
    r.spec.durationS = 2.5;
    r.spec.rateHz = 50;
    r.spec.params = {{"rounds", 128.0}};
    // two cores of two SMT threads each: cpu0 and cpu2 share core 0
    r.machine = {"lab-host",
                 "AMD EPYC 7B13 \"Milan\"",
                 4,
                 2,
                 "6.1.0-18-amd64",
                 16ULL << 30,
                 {{0, 0, 0, 0}, {1, 0, 0, 1}, {2, 0, 0, 0}, {3, 0, 0, 1}}};
    r.samples = makeSamples();
    using K = corelab::EventKind;
    r.events = {{0.0, K::LeaderSpawned, -1, "pid 4242"},
                {0.015625, K::AllRunning, -1, ""},
                {0.65, K::WorkerCrashed, 1, "signal 11 \"SIGSEGV\" \\ naïve Ünïcødé ✓ 日本"},
                {0.71, K::RunFinished, -1, "tab\there\nnewline"}};
    r.summary = makeSummary();
    return r;
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string loadError(const std::string& path)
{
    try {
        corelab::loadRunFile(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "loading " << path << " did not throw";
    return {};
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

} // namespace

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

TEST_F(RunRecordTest, SaveCreatesTheFolderAndLeavesNoTempFile)
{
    const auto target = path("history/2024/run.json");
    corelab::saveRunFile(makeRecord(), target);
    const auto folder = fs::path(target).parent_path();
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);

    RunRecord other = makeRecord();
    other.corelabVersion = "replaced";
    other.samples.resize(1);
    corelab::saveRunFile(other, target);
    EXPECT_EQ(corelab::loadRunFile(target), other);
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
}

TEST_F(RunRecordTest, FailedSaveNamesThePathAndRemovesTheTempFile)
{
    // A folder where the file should go: the temp file is written, the rename fails.
    const auto taken = path("taken.json");
    fs::create_directories(fs::path(taken) / "inside");
    try {
        corelab::saveRunFile(makeRecord(), taken);
        ADD_FAILURE() << "saving over a folder did not throw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(taken), std::string::npos) << e.what();
    }
    // nothing left beside it: the temp file (whatever its random name) is gone
    EXPECT_EQ(std::distance(fs::directory_iterator(fs::path(taken).parent_path()),
                            fs::directory_iterator()),
              1);

    writeText(path("plain"), "not a folder");
    const auto underFile = path("plain/run.json");
    try {
        corelab::saveRunFile(makeRecord(), underFile);
        ADD_FAILURE() << "saving under a regular file did not throw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(underFile), std::string::npos) << e.what();
    }
}

TEST_F(RunRecordTest, LoadErrorsNameThePathAndTheProblem)
{
    const auto missing = path("missing.json");
    const auto missingError = loadError(missing);
    EXPECT_NE(missingError.find(missing), std::string::npos) << missingError;

    corelab::saveRunFile(makeRecord(), path("full.json"));
    const std::string text = readAll(path("full.json"));
    writeText(path("truncated.json"), text.substr(0, text.size() / 2));
    const auto truncatedError = loadError(path("truncated.json"));
    EXPECT_NE(truncatedError.find(path("truncated.json")), std::string::npos) << truncatedError;

    json j = json::parse(text);
    j["schema"] = 999;
    writeText(path("future.json"), j.dump());
    const auto futureError = loadError(path("future.json"));
    EXPECT_NE(futureError.find(path("future.json")), std::string::npos) << futureError;
    EXPECT_NE(futureError.find("newer"), std::string::npos) << futureError;

    j = json::parse(text);
    j.erase("summary");
    writeText(path("nosummary.json"), j.dump());
    const auto summaryError = loadError(path("nosummary.json"));
    EXPECT_NE(summaryError.find(path("nosummary.json")), std::string::npos) << summaryError;
    EXPECT_NE(summaryError.find("summary"), std::string::npos) << summaryError;
}

TEST_F(RunRecordTest, LoadErrorsPointAtTheBadElement)
{
    json j = makeRecord();
    j["samples"][1]["workers"][0].erase("pid");
    writeText(path("badsample.json"), j.dump());
    const auto error = loadError(path("badsample.json"));
    EXPECT_NE(error.find("samples[1]"), std::string::npos) << error;
    EXPECT_NE(error.find("pid"), std::string::npos) << error;

    j = makeRecord();
    j.erase("schema");
    writeText(path("noschema.json"), j.dump());
    EXPECT_NE(loadError(path("noschema.json")).find("schema"), std::string::npos);
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

TEST(MachineInfo, DescribesThisMachine)
{
    const auto m = corelab::readMachineInfo();
    EXPECT_GE(m.logicalCpus, 1);
    EXPECT_GE(m.usableCpus, 1);
    EXPECT_LE(m.usableCpus, m.logicalCpus);
    EXPECT_FALSE(m.kernel.empty());
    EXPECT_FALSE(m.hostname.empty());
    EXPECT_FALSE(m.cpuModel.empty());
    EXPECT_GT(m.memoryBytes, 0u);
}

TEST_F(RunRecordTest, MachineInfoReadsFakeProcAndCgroupTrees)
{
    const auto proc = dir_ / "proc";
    const auto cgroup = dir_ / "cgroup";
    fs::create_directories(proc / "self");
    fs::create_directories(cgroup / "a" / "b");
    writeText((proc / "cpuinfo").string(), "processor\t: 0\nmodel name\t: Test CPU @ 3.00GHz\n");
    writeText((proc / "meminfo").string(), "MemTotal:        2048 kB\nMemFree:  1 kB\n");
    writeText((proc / "self" / "cgroup").string(), "1:cpu:/x\n0::/a/b\n");
    writeText((cgroup / "a" / "b" / "cpu.max").string(), "max 100000\n");
    const auto unlimited = corelab::readMachineInfo(proc.string(), cgroup.string());
    EXPECT_EQ(unlimited.cpuModel, "Test CPU @ 3.00GHz");
    EXPECT_EQ(unlimited.memoryBytes, 2048u * 1024);
    cpu_set_t mask;
    ASSERT_EQ(sched_getaffinity(0, sizeof mask, &mask), 0);
    EXPECT_EQ(unlimited.usableCpus, std::min(CPU_COUNT(&mask), unlimited.logicalCpus));

    // A half-CPU quota on an ancestor still limits us, rounded up to one CPU.
    writeText((cgroup / "a" / "cpu.max").string(), "50000 100000\n");
    EXPECT_EQ(corelab::readMachineInfo(proc.string(), cgroup.string()).usableCpus, 1);

    writeText((proc / "cpuinfo").string(), "processor\t: 0\nCPU part\t: 0xd0c\n");
    EXPECT_EQ(corelab::readMachineInfo(proc.string(), cgroup.string()).cpuModel, "unknown");
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
