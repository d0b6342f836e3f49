#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "RunHelpers.h"
#include "engine/Sampler.h"

using namespace corelab;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int kSampledPid = 4242;

// A copy of the fixture /proc, removed at the end of the test.
class ProcCopy {
public:
    ProcCopy()
        : path_(fs::temp_directory_path() / ("corelab-sampler-" + std::to_string(::getpid())))
    {
        fs::remove_all(path_);
        fs::copy(std::string(CORELAB_FIXTURES) + "/proc", path_, fs::copy_options::recursive);
    }
    ~ProcCopy()
    {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    std::string root() const { return path_.string(); }
    std::string smapsRollup() const
    {
        return (path_ / std::to_string(kSampledPid) / "smaps_rollup").string();
    }
    // Replaces a file of the fixture's worker thread (kSampledPid + 1).
    void write(const std::string& leaf, const std::string& text) const
    {
        std::ofstream(path_ / std::to_string(kSampledPid) / "task" /
                      std::to_string(kSampledPid + 1) / leaf)
            << text;
    }

private:
    fs::path path_;
};

// Holds a FIFO's write end open: a reader then no longer waits in open().
class FifoWriter {
public:
    ~FifoWriter() { release(); }
    void open(const std::string& path) { fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC); }
    void release()
    {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

} // namespace

TEST(Sampler, ATickIsNotHeldUpByASlowMemoryRead)
{
    ProcCopy proc;
    fs::remove(proc.smapsRollup());
    // a FIFO with no writer blocks its reader in open(), as a busy process's mm lock
    // blocks a read of its smaps_rollup
    ASSERT_EQ(::mkfifo(proc.smapsRollup().c_str(), 0600), 0);
    FifoWriter writer; // outlives the sampler, so its memory thread can always finish
    Sampler sampler(proc.root(), 10);
    const ControlBlock noWorkers = ControlBlock::create(0);
    for (int tick = 0; tick < 3; ++tick) {
        auto taken = std::async(std::launch::async,
                                [&] { return sampler.take(0.1 * tick, noWorkers, kSampledPid); });
        const bool inTime = taken.wait_for(500ms) == std::future_status::ready;
        if (!inTime) writer.open(proc.smapsRollup());
        taken.get();
        ASSERT_TRUE(inTime) << "tick " << tick << " waited for smaps_rollup";
    }
    writer.open(proc.smapsRollup());
}

TEST(Sampler, TicksPickUpTheLatestMemoryReading)
{
    ProcCopy proc;
    Sampler sampler(proc.root(), 10);
    const ControlBlock noWorkers = ControlBlock::create(0);
    std::optional<MemorySample> memory;
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    for (int tick = 0; !memory && std::chrono::steady_clock::now() < deadline; ++tick) {
        memory = sampler.take(0.1 * tick, noWorkers, kSampledPid).memory;
        std::this_thread::sleep_for(20ms);
    }
    ASSERT_TRUE(memory);
    EXPECT_EQ(memory->rssBytes, 5120u * 1024u);
    EXPECT_EQ(memory->processes, 1);
}

// The first tick that sees a worker ended carries the run time it wrote as it ended, not
// the reading of the tick before: else that run time lands in the final sample's
// interval, a millisecond long (the workers' per-core share, record/CoreShare).
TEST(Sampler, TheFirstTickAfterAWorkerEndedHasItsFinalFigures)
{
    ProcCopy proc;
    Sampler sampler(proc.root(), 10);
    const ControlBlock block = ControlBlock::create(1);
    WorkerSlot& slot = *block.slot(0);
    slot.pid = kSampledPid;
    slot.tid = kSampledPid + 1;
    slot.state = static_cast<std::uint32_t>(WorkerState::Running);
    const WorkerSample running = sampler.take(0.1, block, kSampledPid).workers.at(0);
    EXPECT_EQ(running.runNs, 48213377u); // the fixture's schedstat
    slot.runNs = 90'000'000;
    slot.waitNs = 3'000'000;
    slot.finalsWritten.store(1, std::memory_order_release);
    slot.state.store(static_cast<std::uint32_t>(WorkerState::Exited), std::memory_order_release);
    const WorkerSample ended = sampler.take(0.2, block, kSampledPid).workers.at(0);
    EXPECT_EQ(ended.state, '-');
    EXPECT_EQ(ended.runNs, 90'000'000u);
    EXPECT_EQ(ended.waitNs, 3'000'000u);
}

namespace {

constexpr std::uint64_t kFixtureRunNs = 48'213'377; // the fixture's schedstat

// A running worker of the fixture /proc: thread kSampledPid + 1 of process kSampledPid.
ControlBlock fixtureWorker()
{
    ControlBlock block = ControlBlock::create(1);
    WorkerSlot& slot = *block.slot(0);
    slot.pid = kSampledPid;
    slot.tid = kSampledPid + 1;
    slot.state = static_cast<std::uint32_t>(WorkerState::Running);
    return block;
}

// What a worker's publishCpu would write, with values of the test's choosing.
void publish(WorkerSlot& slot, std::int64_t cpuNs, std::int64_t atNs)
{
    slot.pubCpuNs = cpuNs;
    slot.pubAtNs = atNs;
    slot.pubCpu = 1;
    slot.pubBatches = slot.pubBatches + 1;
}

std::string schedstatText(std::uint64_t runNs, std::uint64_t waitNs, std::uint64_t slices)
{
    return std::to_string(runNs) + " " + std::to_string(waitNs) + " " + std::to_string(slices) +
           "\n";
}

std::string statText(char state, int cpu)
{
    // the fixture's own line, with the state and the CPU of the test's choosing
    std::string fields = "4242 4242 4095 0 -1 4194368 1234 11 5 13 321 45 16 17 20 0 3 0 26266 "
                         "3133440 380 18446744073709551615 1 2 3 0 0 0 0 0 0 0 0 0 17 ";
    return "4243 (work) " + std::string(1, state) + " " + fields + std::to_string(cpu) +
           " 0 0 0 0 0\n";
}

} // namespace

TEST(PublishedCpu, APlausibleReadingPasses)
{
    const std::int64_t start = 1'000'000'000, now = start + 2'000'000'000;
    const PublishedCpu before{100'000'000, start + 1'000'000'000, 0, 10};
    const PublishedCpu p{400'000'000, start + 1'500'000'000, 1, 20};
    EXPECT_EQ(implausiblePublication(p, before, 400'000'000, start, now), nullptr);
    EXPECT_EQ(implausiblePublication(p, std::nullopt, 390'000'000, start, now), nullptr);
}

TEST(PublishedCpu, ReadingsThatCannotBeTrueAreRefused)
{
    const std::int64_t start = 1'000'000'000, now = start + 2'000'000'000;
    const PublishedCpu before{100'000'000, start + 1'000'000'000, 0, 10};
    auto why = [&](PublishedCpu p, std::uint64_t kernelRunNs = 900'000'000) {
        const char* text = implausiblePublication(p, before, kernelRunNs, start, now);
        return std::string(text ? text : "");
    };
    // CPU time going backwards, and a time of reading before the last one
    EXPECT_EQ(why({90'000'000, start + 1'100'000'000, 0, 11}), "its CPU time went backwards");
    EXPECT_EQ(why({110'000'000, start + 900'000'000, 0, 11}), "its CPU time went backwards");
    // 300 ms of CPU in 100 ms: one thread runs on one CPU at a time
    EXPECT_EQ(why({400'000'000, start + 1'100'000'000, 0, 11}),
              "more than a second of CPU time per second");
    // more than the run has lasted, a reading from the future or from before the run
    EXPECT_EQ(why({1'600'000'000, start + 1'500'000'000, 0, 11}, 2'000'000'000),
              "more CPU time than the run has lasted");
    EXPECT_EQ(why({200'000'000, now + 1'000'000, 0, 11}),
              "its time of reading lies outside the run");
    EXPECT_EQ(why({-1, start + 1'100'000'000, 0, 11}), "more CPU time than the run has lasted");
    // far more than the kernel counted for the thread
    EXPECT_EQ(why({150'000'000, start + 1'100'000'000, 0, 11}, 100'000'000),
              "more CPU time than the kernel counted");
}

// The sampler takes a publication that is newer than schedstat (the slice in progress),
// refuses one that cannot be true with a note, and from then on trusts schedstat alone.
TEST(Sampler, APublicationThatCannotBeTrueIsRefusedWithANoteAndNotDrawn)
{
    ProcCopy proc;
    const ControlBlock block = fixtureWorker();
    WorkerSlot& slot = *block.slot(0);
    Sampler sampler(proc.root(), 10);

    publish(slot, kFixtureRunNs + 2'000'000, monotonicNs());
    EXPECT_EQ(sampler.take(1.0, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs + 2'000'000);
    EXPECT_TRUE(sampler.takeNotes().empty());

    publish(slot, kFixtureRunNs - 5'000'000, monotonicNs()); // backwards
    EXPECT_EQ(sampler.take(1.1, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs);
    const auto notes = sampler.takeNotes();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].first, 0);
    EXPECT_NE(notes[0].second.find("went backwards"), std::string::npos) << notes[0].second;

    // once refused, a slot is not believed again, even with a plausible value
    publish(slot, kFixtureRunNs + 3'000'000, monotonicNs());
    EXPECT_EQ(sampler.take(1.2, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs);
    EXPECT_TRUE(sampler.takeNotes().empty());
}

TEST(Sampler, MoreCpuTimeThanWallTimeIsNotDrawn)
{
    ProcCopy proc;
    const ControlBlock block = fixtureWorker();
    Sampler sampler(proc.root(), 10);
    publish(*block.slot(0), 5'000'000'000, monotonicNs()); // 5 s of CPU in a 1 s old run
    EXPECT_EQ(sampler.take(1.0, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs);
    const auto notes = sampler.takeNotes();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].second.find("more CPU time than the run has lasted"), std::string::npos);
}

// A thread that was not on a CPU since the last tick (schedstat unchanged) cannot have
// changed state, CPU or switch counts: its stat and status are not read again. Once it
// was, they are.
TEST(Sampler, OnlyAThreadThatWasOnACpuHasItsStatAndStatusReadAgain)
{
    ProcCopy proc;
    const ControlBlock block = fixtureWorker();
    Sampler sampler(proc.root(), 10); // status every other tick
    proc.write("stat", statText('S', 1));
    const WorkerSample first = sampler.take(0.1, block, kSampledPid).workers.at(0);
    EXPECT_EQ(first.state, 'S');
    EXPECT_EQ(first.lastCpu, 1);
    EXPECT_EQ(first.ctxVoluntary, 152u);

    // files that say something new while schedstat has not moved are not read
    proc.write("stat", statText('D', 0));
    proc.write("status", "voluntary_ctxt_switches:\t160\nnonvoluntary_ctxt_switches:\t40\n");
    sampler.take(0.2, block, kSampledPid);
    const WorkerSample quiet = sampler.take(0.3, block, kSampledPid).workers.at(0);
    EXPECT_EQ(quiet.state, 'S');
    EXPECT_EQ(quiet.lastCpu, 1);
    EXPECT_EQ(quiet.ctxVoluntary, 152u);

    proc.write("schedstat", schedstatText(kFixtureRunNs + 10'000, 1902211, 58));
    sampler.take(0.4, block, kSampledPid);
    const WorkerSample ran = sampler.take(0.5, block, kSampledPid).workers.at(0);
    EXPECT_EQ(ran.state, 'D');
    EXPECT_EQ(ran.lastCpu, 0);
    EXPECT_EQ(ran.runNs, kFixtureRunNs + 10'000);
    EXPECT_EQ(ran.ctxVoluntary, 160u);
    EXPECT_EQ(ran.ctxInvoluntary, 40u);
}

// The figure a worker publishes is the kernel's: CLOCK_THREAD_CPUTIME_ID and schedstat's
// run time both count the thread's sum_exec_runtime. They differ by the CPU time since
// the last publication (≤ 1 ms) and by schedstat's lag behind a running thread (up to a
// scheduler tick, 1–10 ms): docs/measurement.md promises 20 ms.
TEST(PublishedCpu, AgreesWithSchedstatWithinTheDocumentedPrecision)
{
    const ControlBlock block = ControlBlock::create(1);
    WorkerSlot& slot = *block.slot(0);
    std::atomic<int> tid{0};
    std::atomic<bool> stop{false};
    std::thread worker([&] {
        publishCpu(slot);
        tid = static_cast<int>(gettid());
        while (!stop) {
            const std::int64_t batchEnd = threadCpuNs() + 1'000'000;
            while (threadCpuNs() < batchEnd) {}
            publishCpu(slot);
        }
    });
    while (tid == 0)
        std::this_thread::sleep_for(1ms);
    // enough CPU time that a reading off by a whole tick's share would show
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (readPublished(slot)->cpuNs < 100'000'000 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    probe::TaskFiles files("/proc", ::getpid(), tid);
    for (int i = 0; i < 20; ++i) {
        const auto sched = files.schedstat(); // in the sampler's order: schedstat, then slot
        const auto published = readPublished(slot);
        ASSERT_TRUE(sched && published);
        ASSERT_GE(published->cpuNs, 100'000'000);
        const std::int64_t gap = published->cpuNs - static_cast<std::int64_t>(sched->runNs);
        EXPECT_LE(std::abs(gap), 20'000'000) << "reading " << i;
        std::this_thread::sleep_for(5ms);
    }
    stop = true;
    worker.join();
}

// A thread asleep in the blocking call it was in at the last reading has not come back to
// its own code: its files are left unread, for up to a second (rate − 1 ticks).
TEST(Sampler, AThreadAsleepInTheSameBlockingCallIsLeftUnreadForUpToASecond)
{
    ProcCopy proc;
    const ControlBlock block = fixtureWorker();
    WorkerSlot& slot = *block.slot(0);
    slot.blockCalls = 1; // inside a blocking call
    Sampler sampler(proc.root(), 10);
    proc.write("stat", statText('S', 1));
    EXPECT_EQ(sampler.take(0.1, block, kSampledPid).workers.at(0).state, 'S');

    proc.write("schedstat", schedstatText(kFixtureRunNs + 5'000'000, 1902211, 58));
    proc.write("stat", statText('R', 0));
    for (int tick = 2; tick <= 10; ++tick) {
        const WorkerSample w = sampler.take(0.1 * tick, block, kSampledPid).workers.at(0);
        EXPECT_EQ(w.runNs, kFixtureRunNs) << "tick " << tick;
        EXPECT_EQ(w.state, 'S') << "tick " << tick;
    }
    const WorkerSample second = sampler.take(1.1, block, kSampledPid).workers.at(0);
    EXPECT_EQ(second.runNs, kFixtureRunNs + 5'000'000);
    EXPECT_EQ(second.state, 'R');

    // asleep again in the same call: left unread; out of it (or a batch): read at once
    proc.write("stat", statText('S', 0));
    proc.write("schedstat", schedstatText(kFixtureRunNs + 6'000'000, 1902211, 59));
    EXPECT_EQ(sampler.take(1.2, block, kSampledPid).workers.at(0).state, 'S');
    proc.write("schedstat", schedstatText(kFixtureRunNs + 7'000'000, 1902211, 60));
    EXPECT_EQ(sampler.take(1.3, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs + 6'000'000);
    slot.blockCalls = 2;
    EXPECT_EQ(sampler.take(1.4, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs + 7'000'000);
    slot.blockCalls = 3;
    sampler.take(1.5, block, kSampledPid);
    proc.write("schedstat", schedstatText(kFixtureRunNs + 8'000'000, 1902211, 61));
    slot.pubBatches = slot.pubBatches + 1;
    EXPECT_EQ(sampler.take(1.6, block, kSampledPid).workers.at(0).runNs, kFixtureRunNs + 8'000'000);
}

// Honest workers publish while a tick is reading the others (the mutex counter many times
// a tick, the cpu workload once a millisecond): none of that may be refused.
TEST(Sampler, AnHonestRunHasNoRefusedPublication)
{
    ExperimentSpec counter;
    counter.workload = "counter";
    counter.workers = 4;
    counter.durationS = 1;
    counter.rateHz = 50;
    counter.params = {{"increments", 1e10}, {"sync", 2}}; // mutex, until the duration ends
    for (const ExperimentSpec& spec : {counter, test::cpuSpec(Model::Processes, 3, 1)}) {
        const RunRecord r = test::runToEnd(spec);
        ASSERT_FALSE(r.samples.empty()) << spec.workload;
        for (const Event& e : r.events)
            EXPECT_NE(e.kind, EventKind::Error) << spec.workload << ": " << e.detail;
    }
}
