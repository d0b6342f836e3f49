// A live run's samples are spooled and summarized as they come (engine/SampleStore,
// record/SampleSpool, record/Summarize's SummaryBuilder): what a run holds stays bounded
// however long it lasts, the run file written from the spool is the one
// saveCompactRunFile writes for the same samples, and the spool never outlives its run.

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "RunHelpers.h"
#include "engine/SampleStore.h"
#include "engine/SyntheticRun.h"
#include "record/SampleSpool.h"
#include "record/Synthetic.h"

extern char** environ;

using namespace corelab;
using namespace corelab::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A folder of its own, removed afterwards.
struct Folder {
    fs::path path;
    Folder()
    {
        std::string name = (fs::temp_directory_path() / "corelab-spool-test-XXXXXX").string();
        path = mkdtemp(name.data());
    }
    ~Folder() { fs::remove_all(path); }
    std::vector<std::string> entries() const
    {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(path))
            names.push_back(e.path().filename().string());
        return names;
    }
};

std::string slurp(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Open descriptors of this process on a spool file (unnamed: "… (deleted)").
int openSpools()
{
    int n = 0;
    for (const auto& e : fs::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const std::string target = fs::read_symlink(e.path(), ec).string();
        if (!ec && target.find(".corelab-spool-") != std::string::npos) ++n;
    }
    return n;
}

RunRecord headOf(const RunRecord& r)
{
    RunRecord head = r;
    head.samples.clear();
    return head;
}

// 64 CPUs, 256 workers, 2 minutes: 1201 samples of 321 rows, three chunks.
SyntheticShape threeChunks()
{
    SyntheticShape shape;
    shape.cpus = 64;
    shape.workers = 256;
    shape.seconds = 120;
    return shape;
}

} // namespace

TEST(SampleSpool, WritesTheRunFileSaveCompactRunFileWritesByteForByte)
{
    const RunRecord whole = syntheticRecord(threeChunks());
    Folder folder;
    SampleSpool spool(folder.path.string());
    for (const Sample& s : whole.samples)
        spool.add(s);
    spool.close();
    EXPECT_EQ(spool.samples(), whole.samples.size());
    EXPECT_GT(spool.bytes(), 0u);

    const fs::path direct = folder.path / "direct.corelab";
    const fs::path spooled = folder.path / "spooled.corelab";
    saveCompactRunFile(whole, direct.string());
    spool.writeRunFile(headOf(whole), spooled.string());
    const std::string a = slurp(direct), b = slurp(spooled);
    ASSERT_GT(a.size(), 1000u);
    EXPECT_TRUE(a == b) << "sizes " << a.size() << " and " << b.size();

    RunRecord loaded = loadRunFile(spooled.string());
    loaded.schema = whole.schema;
    EXPECT_TRUE(loaded == whole);
    EXPECT_TRUE(spool.load(headOf(whole)) == whole);
}

TEST(SampleSpool, ARecordWithOnlyItsSpoolSavesLikeTheWholeRecord)
{
    SyntheticShape small;
    small.cpus = 16;
    small.workers = 64;
    small.seconds = 60;
    const RunRecord whole = syntheticRecord(small);
    Folder folder;
    auto spool = std::make_shared<SampleSpool>(folder.path.string());
    for (const Sample& s : whole.samples)
        spool->add(s);
    spool->close();
    RunRecord spooled = headOf(whole);
    spooled.spool = spool;
    for (const char* name : {"run.corelab", "run.json", "run.csv"}) {
        const fs::path a = folder.path / (std::string("whole-") + name);
        const fs::path b = folder.path / (std::string("spooled-") + name);
        if (std::string(name).ends_with(".csv")) {
            saveSamplesCsv(whole, a.string());
            saveSamplesCsv(spooled, b.string());
        } else {
            saveRunFile(whole, a.string());
            saveRunFile(spooled, b.string());
        }
        EXPECT_TRUE(slurp(a) == slurp(b)) << name;
    }
}

TEST(SampleSpool, HasNoNameInItsFolderFromTheStart)
{
    Folder folder;
    const int before = openSpools();
    {
        auto spool = std::make_shared<SampleSpool>(folder.path.string());
        const RunRecord r = syntheticRecord(threeChunks());
        for (const Sample& s : r.samples)
            spool->add(s);
        EXPECT_TRUE(folder.entries().empty()) << "while it is written";
        EXPECT_EQ(openSpools(), before + 1);
        spool->close();
        EXPECT_TRUE(folder.entries().empty()) << "once closed";
        RunRecord kept;
        kept.spool = spool;
        spool.reset();
        EXPECT_EQ(openSpools(), before + 1) << "a record that holds it keeps it";
    }
    EXPECT_EQ(openSpools(), before) << "discarded with the last record that held it";
    EXPECT_TRUE(folder.entries().empty());
}

TEST(SampleSpool, AProcessKilledWhileSpoolingLeavesNothingBehind)
{
    Folder folder;
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        SampleSpool spool(folder.path.string());
        SyntheticSource source(threeChunks());
        std::vector<Event> events;
        for (int i = 0; i < 800; ++i)
            spool.add(source.next(events)); // at least one chunk written
        if (write(ready[1], "x", 1) != 1) _exit(3);
        for (;;)
            pause(); // killed here, spool open
    }
    close(ready[1]);
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    close(ready[0]);
    // the chunk is in the file, which the folder does not list
    EXPECT_TRUE(folder.entries().empty());
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_TRUE(folder.entries().empty());
}

TEST(SampleStore, AnHourOfSamplesHoldsNoMoreThanItsBudget)
{
    // an hour of 256 workers at 10 Hz, the soak's load (fewer CPUs: they cost time here,
    // and the budget counts worker readings)
    SyntheticShape shape;
    shape.cpus = 8;
    shape.workers = 256;
    shape.seconds = 3600;
    SyntheticSource source(shape);
    Folder folder;
    const std::size_t budget = 20'000;
    SampleStore store(budget, folder.path.string());
    std::size_t mostHeld = 0, mostReadings = 0, count = 0;
    std::vector<Event> events;
    while (!source.done()) {
        ASSERT_FALSE(store.add(source.next(events)));
        ++count;
        mostHeld = std::max(mostHeld, store.heldSamples());
        mostReadings = std::max(mostReadings, store.heldWorkerReadings());
    }
    ASSERT_EQ(count, 36'001u);
    EXPECT_LE(mostReadings, budget);
    EXPECT_LE(mostHeld * 257, budget + 257);
    EXPECT_EQ(store.heldSamples(), 0u) << "past the budget the store holds none";
    RunRecord r;
    EXPECT_FALSE(store.finish(r));
    EXPECT_TRUE(r.samples.empty());
    ASSERT_TRUE(r.spool);
    EXPECT_EQ(r.spool->samples(), count) << "the spool has every sample";
    // 11.5 B per worker reading was measured for the compact file: well under 20 here
    EXPECT_LT(r.spool->bytes(), 20u * 256 * count);
    const Summary s = store.summary().finish(source.totals());
    EXPECT_EQ(s.workers, 256);
    EXPECT_GT(s.opsTotal, 0u);
    EXPECT_EQ(s.perCoreBusy.size(), 8u);
}

TEST(SampleStore, ARunThatFitsItsBudgetKeepsItsSamplesAndNoSpool)
{
    const RunRecord whole = syntheticRecord(threeChunks());
    Folder folder;
    SampleStore store(1'000'000, folder.path.string());
    for (const Sample& s : whole.samples)
        ASSERT_FALSE(store.add(s));
    EXPECT_EQ(store.heldSamples(), whole.samples.size());
    RunRecord r;
    EXPECT_FALSE(store.finish(r));
    EXPECT_TRUE(r.samples == whole.samples);
    EXPECT_FALSE(r.spool);
}

TEST(SampleStore, WithoutASpoolPastItsBudgetItThinsAndSaysNothingIsLost)
{
    const RunRecord whole = syntheticRecord(threeChunks());
    SampleStore store(100'000, "/nonexistent/corelab-spool");
    EXPECT_FALSE(store.spooled());
    for (const Sample& s : whole.samples)
        ASSERT_FALSE(store.add(s));
    EXPECT_LE(store.heldWorkerReadings(), 100'000u);
    RunRecord r;
    EXPECT_FALSE(store.finish(r));
    EXPECT_FALSE(r.spool);
    ASSERT_FALSE(r.samples.empty());
    EXPECT_LT(r.samples.size(), whole.samples.size());
    EXPECT_EQ(r.samples.front().t, whole.samples.front().t);
    EXPECT_EQ(r.samples.back().t, whole.samples.back().t);
    // the summary saw every sample, thinned or not
    EXPECT_TRUE(store.summary().finish(SyntheticSource(threeChunks()).totals()) ==
                summarize(whole.samples, SyntheticSource(threeChunks()).totals()));
}

TEST(SummaryBuilder, DigestsWhatWorkloadHooksRead)
{
    auto worker = [](int index, int pid, char state, std::uint64_t ops) {
        WorkerSample w;
        w.index = index;
        w.pid = pid;
        w.state = state;
        w.ops = ops;
        return w;
    };
    auto sample = [](double t, std::vector<WorkerSample> workers) {
        Sample s;
        s.t = t;
        s.workers = std::move(workers);
        return s;
    };
    SummaryBuilder b;
    b.add(sample(0.0, {worker(0, 10, 'R', 0), worker(1, 11, 'S', 0)}));
    b.add(sample(0.1, {worker(0, 10, 'R', 5), worker(1, 11, 'R', 5), worker(2, 11, 'R', 0)}));
    b.add(sample(0.2, {worker(0, 10, '-', 5), worker(1, 11, 'Z', 5), worker(2, 11, 'D', 0)}));
    const SampleDigest& d = b.digest();
    EXPECT_EQ(d.samples, 3u);
    EXPECT_DOUBLE_EQ(d.lastT, 0.2);
    EXPECT_DOUBLE_EQ(d.lastProgressT, 0.1) << "ops last grew at 0.1 s";
    EXPECT_EQ(d.mostOps, 10u);
    EXPECT_EQ(d.peakAliveThreads, 3u);
    EXPECT_EQ(d.peakAliveProcesses, 2u);
}

namespace {

// Counts what a played run delivers without keeping it.
class CountingSink : public RunSink {
public:
    void onSamples(const std::vector<Sample>& batch) override
    {
        std::lock_guard lock(mutex);
        samples += batch.size();
    }
    void onEvents(const std::vector<Event>&) override {}
    void onFinished(const RunRecord& r) override
    {
        std::lock_guard lock(mutex);
        record = r;
        finished = true;
        changed.notify_all();
    }
    void onError(const std::string& message) override
    {
        std::lock_guard lock(mutex);
        errors.push_back(message);
    }
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t samples = 0;
    RunRecord record;
    bool finished = false;
    std::vector<std::string> errors;
};

} // namespace

TEST(SyntheticRun, AFastPlayedLongRunEndsWithItsSamplesInTheSpool)
{
    SyntheticShape shape;
    shape.cpus = 8;
    shape.workers = 64;
    shape.seconds = 800; // 8001 samples: 520 000 worker readings, past the default budget
    SyntheticRun run;
    CountingSink sink;
    ASSERT_FALSE(run.start(shape, sink, 1000));
    {
        std::unique_lock lock(sink.mutex);
        ASSERT_TRUE(sink.changed.wait_for(lock, 60s, [&] { return sink.finished; }));
    }
    run.wait();
    EXPECT_TRUE(sink.errors.empty());
    EXPECT_EQ(sink.samples, 8001u);
    EXPECT_TRUE(sink.record.samples.empty());
    ASSERT_TRUE(sink.record.spool);
    EXPECT_EQ(sink.record.spool->samples(), 8001u);
    EXPECT_FALSE(sink.record.summary.stoppedEarly);
    EXPECT_TRUE(sink.record.summary == syntheticRecord(shape).summary);
}

TEST(Engine, ALongRunSpoolsItsSamplesAndWritesTheSameFile)
{
    Folder folder;
    EngineOptions o = testEngineOptions();
    o.recordBudget = 30; // worker readings: ~10 samples of 2 workers
    o.spoolFolder = folder.path.string();
    Engine engine(o);
    RecordingSink sink;
    ExperimentSpec s = cpuSpec(Model::Threads, 2, 1.5);
    s.rateHz = 40;
    ASSERT_FALSE(engine.start(s, sink));
    ASSERT_TRUE(sink.waitFinished(30s));
    engine.wait();
    EXPECT_TRUE(folder.entries().empty()) << "the spool has no name";
    RunRecord r = sink.record;
    EXPECT_GT(sink.samples.size(), 40u);
    EXPECT_TRUE(r.samples.empty()) << "past its budget the record holds no samples";
    ASSERT_TRUE(r.spool);
    EXPECT_EQ(r.spool->samples(), sink.samples.size()) << "the spool has every sample";
    // the run file from the spool is the one the whole record would have made
    const fs::path spooled = folder.path / "spooled.corelab";
    const fs::path whole = folder.path / "whole.corelab";
    saveRunFile(r, spooled.string());
    RunRecord inMemory = r;
    inMemory.spool.reset();
    inMemory.samples = sink.samples;
    saveRunFile(inMemory, whole.string());
    EXPECT_TRUE(slurp(spooled) == slurp(whole));
    // the summary saw every sample
    std::uint64_t ops = 0;
    for (const auto& w : sink.samples.back().workers)
        ops += w.ops;
    EXPECT_EQ(ops, r.summary.opsTotal);
    EXPECT_GT(r.summary.peakRssBytes.value_or(0), 0u);
    const int spools = openSpools();
    r = {};
    sink.record = {};
    EXPECT_EQ(openSpools(), spools - 1) << "discarded with its record";
    fs::remove(spooled);
    fs::remove(whole);
    EXPECT_TRUE(folder.entries().empty());
}

TEST(Engine, AStoppedRunLeavesNoSpoolBehind)
{
    Folder folder;
    EngineOptions o = testEngineOptions();
    o.spoolFolder = folder.path.string();
    const int before = openSpools();
    {
        Engine engine(o);
        RecordingSink sink;
        ASSERT_FALSE(engine.start(cpuSpec(Model::Processes, 2, 30), sink));
        std::this_thread::sleep_for(500ms);
        EXPECT_EQ(openSpools(), before + 1) << "the run spools";
        EXPECT_TRUE(folder.entries().empty());
        engine.stop();
        ASSERT_TRUE(sink.waitFinished(30s));
        engine.wait();
        EXPECT_TRUE(sink.record.summary.stoppedEarly);
        EXPECT_FALSE(sink.record.spool) << "a short run holds its samples itself";
        EXPECT_FALSE(sink.record.samples.empty());
    }
    EXPECT_EQ(openSpools(), before);
    EXPECT_TRUE(folder.entries().empty());
}

TEST(Engine, ACliKilledMidRunLeavesNoSpoolBehind)
{
    Folder folder;
    const std::string tmpdir = "TMPDIR=" + folder.path.string();
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (!std::string(*e).starts_with("TMPDIR=")) env.emplace_back(*e);
    env.push_back(tmpdir);
    std::vector<char*> envp;
    for (auto& e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = {CORELAB_CLI_PATH, "run", "--workload", "io",
                                     "--workers",      "8",   "--duration", "30"};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    ASSERT_EQ(posix_spawn(&pid, CORELAB_CLI_PATH, &fa, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&fa);
    // the engine's spool is open (an unnamed file in TMPDIR) once the run has started
    bool spooling = false;
    for (int i = 0; i < 100 && !spooling; ++i) {
        std::this_thread::sleep_for(50ms);
        std::error_code ec;
        for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec))
            if (fs::read_symlink(e.path(), ec).string().find(folder.path.string()) == 0)
                spooling = true;
    }
    EXPECT_TRUE(spooling) << "the run never opened its spool in TMPDIR";
    std::this_thread::sleep_for(1s);
    EXPECT_TRUE(folder.entries().empty());
    kill(pid, SIGKILL); // the engine dies with its spool open
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_TRUE(folder.entries().empty()) << "nothing left in TMPDIR";
    // the workers die with their leader's parent (PR_SET_PDEATHSIG); give them a moment
    std::this_thread::sleep_for(300ms);
}
