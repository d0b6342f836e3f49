// What the measured program cannot do to the engine, and what no run leaves behind
// (reliability review D2, D8, D9, D10, D12, D13, D14).
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include "RunHelpers.h"
#include "engine/Preflight.h"
#include "ipc/ControlBlock.h"
#include "probe/MachineInfo.h"

using namespace corelab;
using namespace corelab::test;

namespace {

struct Outcome {
    RunRecord record;
    std::vector<std::string> errors;
    double wallS = 0;
};

Outcome runCollecting(const ExperimentSpec& spec, EngineOptions options = testEngineOptions())
{
    const auto started = std::chrono::steady_clock::now();
    Engine engine(options);
    RecordingSink sink;
    const auto err = engine.start(spec, sink);
    EXPECT_FALSE(err.has_value()) << *err;
    EXPECT_TRUE(sink.waitFinished(std::chrono::seconds(static_cast<int>(spec.durationS) + 30)));
    engine.wait();
    return {sink.record, sink.errors, elapsedS(started)};
}

// A number no other process on the machine has in its command line (the same tests may
// run in another checkout at the same time): this process's id, and `n` after the point.
// As the seconds of a sleep it outlasts any test.
std::string uniqueNumber(int n)
{
    return std::to_string(100000 + getpid()) + "." + std::to_string(n);
}

// Children of this process that ended and were never reaped.
int zombieChildren()
{
    int zombies = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        const std::string text = readTextFile(entry.path() / "stat").value_or(std::string());
        const auto close = text.rfind(')');
        if (close == std::string::npos || close + 4 >= text.size()) continue;
        int ppid = 0;
        char state = '?';
        if (std::sscanf(text.c_str() + close + 2, "%c %d", &state, &ppid) == 2 &&
            ppid == getpid() && state == 'Z')
            ++zombies;
    }
    return zombies;
}

// Ends what a failed check found, so that a daemon that forks without pause does not
// outlive the test on a shared machine. Killed until none is left: it may fork meanwhile.
void killProcessesWith(const std::string& marker)
{
    for (int round = 0; round < 100; ++round) {
        const auto left = processesWith(marker);
        if (left.empty()) return;
        for (int pid : left)
            kill(pid, SIGKILL);
        usleep(2000);
    }
}

bool hasEvent(const RunRecord& r, EventKind kind)
{
    for (const Event& e : r.events)
        if (e.kind == kind) return true;
    return false;
}

} // namespace

// D2: the control block's size is sealed, and the count the engine loops over is its own.
TEST(Supervision, ControlBlockCannotBeResizedOrMiscounted)
{
    ControlBlock block = ControlBlock::create(4, 4096);
    EXPECT_NE(ftruncate(block.fd(), 0), 0) << "a shrunk block would be a SIGBUS on the next read";
    EXPECT_EQ(errno, EPERM);
    EXPECT_NE(ftruncate(block.fd(), 1 << 30), 0);
    block.header()->workerCount = 1'000'000;
    block.header()->sharedAreaBytes = 1ull << 40;
    EXPECT_EQ(block.workerCount(), 4);
    EXPECT_EQ(block.sharedAreaBytes(), 4096u);
    EXPECT_THROW(ControlBlock::map(dup(block.fd())), std::runtime_error)
        << "a worker must not map a block whose header claims more than it holds";
}

// D2: a measured program that reaches the leader's memfd cannot take the engine down.
TEST(Supervision, ACommandThatTruncatesTheControlBlockDoesNotCrashTheEngine)
{
    const Outcome o = runCollecting(externalSpec(
        {"sh", "-c", "sleep 0.3; truncate -s 0 /proc/$PPID/fd/3; echo corelab-ops 3; sleep 30"},
        1.0));
    EXPECT_EQ(o.record.summary.opsTotal, 3u) << "the run went on to its end";
    EXPECT_FALSE(hasEvent(o.record, EventKind::WorkerCrashed));
}

// D8: a command that ignores SIGTERM is killed by the leader after its grace, and the run
// says it exited when stopped: not crashed, not killed by the engine's own grace period.
TEST(Supervision, ACommandThatIgnoresTermIsStoppedByTheLeader)
{
    const std::string first = uniqueNumber(61), second = uniqueNumber(62);
    const Outcome o = runCollecting(externalSpec(
        {"sh", "-c", "trap '' TERM; sleep " + first + " & sleep " + second + "; wait"}, 0.5));
    EXPECT_FALSE(hasEvent(o.record, EventKind::WorkerCrashed));
    EXPECT_FALSE(hasEvent(o.record, EventKind::Stalled))
        << "the leader must end it before the engine's grace period runs out";
    EXPECT_TRUE(processesWith(first).empty());
    EXPECT_TRUE(processesWith(second).empty());
    EXPECT_TRUE(o.errors.empty());
}

// D9: a process that left the run's group (setsid) still ends with the run, and nothing
// is left unreaped in the engine's process.
TEST(Supervision, ADaemonThatLeftTheGroupEndsWithTheRun)
{
    const std::string first = uniqueNumber(71), second = uniqueNumber(72);
    const Outcome o = runCollecting(externalSpec(
        {"sh", "-c",
         "setsid sleep " + first + " & setsid sleep " + second + " & sleep 0.1; sleep 30"},
        0.5));
    EXPECT_TRUE(processesWith(first).empty()) << "a setsid daemon outlived the run";
    EXPECT_TRUE(processesWith(second).empty()) << "a setsid daemon outlived the run";
    EXPECT_EQ(zombieChildren(), 0);
}

// D9: the same when the daemon is orphaned early, while the run goes on: it is found and
// measured (counted among the run's processes), then ended.
TEST(Supervision, AnOrphanedDaemonIsCountedAndEnded)
{
    const std::string daemon = uniqueNumber(81);
    const Outcome o = runCollecting(
        externalSpec({"sh", "-c", "(setsid sh -c 'sleep " + daemon + "' &); sleep 30"}, 1.0));
    EXPECT_TRUE(processesWith(daemon).empty());
    EXPECT_GE(o.record.summary.figures.at("processes_peak"), 2) << "the daemon was not seen";
    EXPECT_EQ(zombieChildren(), 0);
}

// D9: a daemon that forks without pause, as the run ends. Its child, born after a scan, is
// outside the group: when the daemon is killed it is handed to the leader or, when the
// leader is gone too, to the engine. Half the runs end at their deadline (the leader ends
// the daemon); in the other half the command kills the leader first, as a crash would,
// and the daemon is handed to the engine while it forks. No run may leave one behind.
TEST(Supervision, ADaemonThatForksAsTheRunEndsLeavesNothingBehind)
{
    for (int i = 0; i < 10; ++i) {
        const bool leaderKilled = i % 2 == 1;
        SCOPED_TRACE(leaderKilled ? "the command killed its leader" : "stopped at its deadline");
        const std::string daemon = uniqueNumber(90 + i);
        const std::string script = "setsid sh -c 'while :; do sleep " + daemon +
                                   " & kill $!; wait; done' & sleep 0.2; " +
                                   (leaderKilled ? "kill -9 $PPID; " : "") + "sleep 30";
        const Outcome o = runCollecting(externalSpec({"sh", "-c", script}, 0.3));
        EXPECT_TRUE(processesWith(daemon).empty()) << "run " << i << " left its daemon behind";
        killProcessesWith(daemon);
    }
    EXPECT_EQ(zombieChildren(), 0);
}

// D12: a set-up failure in the threads model is a failed run with its reason, not
// "0 ops" and success.
TEST(Supervision, ASetUpFailureInTheThreadsModelIsAnError)
{
    const char* before = std::getenv("TMPDIR");
    const std::string saved = before ? before : "";
    setenv("TMPDIR", "/nonexistent/corelab-test", 1); // the io data file cannot be made
    ExperimentSpec spec;
    spec.workload = "io";
    spec.model = Model::Threads;
    spec.workers = 2;
    spec.durationS = 0.5;
    spec.params["mode"] = 1; // file
    const Outcome o = runCollecting(spec);
    if (before)
        setenv("TMPDIR", saved.c_str(), 1);
    else
        unsetenv("TMPDIR");
    ASSERT_FALSE(o.errors.empty()) << "0 ops with no reason";
    EXPECT_NE(o.errors.front().find("No such file"), std::string::npos) << o.errors.front();
}

// D14: workers that never reach the barrier make a failed run.
TEST(Supervision, WorkersThatNeverStartAreAnError)
{
    const std::string fake = testing::TempDir() + "corelab-fake-worker";
    {
        std::ofstream out(fake);
        out << "#!/bin/sh\nsleep 30\n";
    }
    chmod(fake.c_str(), 0755);
    EngineOptions options = testEngineOptions();
    options.workerPath = fake;
    options.startupBudgetS = 0.5;
    const Outcome o = runCollecting(cpuSpec(Model::Threads, 1, 1.0), options);
    std::remove(fake.c_str());
    ASSERT_FALSE(o.errors.empty());
    EXPECT_NE(o.errors.front().find("start"), std::string::npos) << o.errors.front();
    EXPECT_LT(o.wallS, 20);
}

// D10: the engine raises its open-file limit, which 300 workers' /proc files exceed.
TEST(Supervision, TheEngineRaisesItsOpenFileLimit)
{
    Engine engine(testEngineOptions());
    rlimit r{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
    EXPECT_EQ(r.rlim_cur, r.rlim_max);
}

// D10, D13: a run the machine cannot hold or the sampler cannot measure is refused
// before it starts, with the figures.
TEST(Preflight, RefusesWhatTheMachineCannotHold)
{
    MachineLimits m;
    m.memAvailableBytes = 20ull << 30;
    m.userTasks = 2048;
    m.threadsMax = 100'000;
    m.pidMax = 4'194'304;
    m.openFiles = 1024;
    ExperimentSpec spec;
    spec.workload = "memory";
    spec.model = Model::Processes;
    spec.workers = 64;
    spec.params = {{"shared-mib", 64}, {"private-mib", 512}, {"write-shared", 0}};
    const auto memory = checkLimits(spec, m);
    ASSERT_TRUE(memory.has_value()) << "64 × 512 MiB is 32 GiB of 20";
    EXPECT_NE(memory->find("32.1 GiB"), std::string::npos) << *memory;
    EXPECT_NE(memory->find("20.0 GiB"), std::string::npos) << *memory;

    spec.params = {{"shared-mib", 512}, {"private-mib", 16}, {"write-shared", 0}};
    EXPECT_FALSE(checkLimits(spec, m).has_value()) << "one 512 MiB set, read by all";
    spec.params["write-shared"] = 1; // each forked writer copies the set: 65 × 512 MiB
    EXPECT_TRUE(checkLimits(spec, m).has_value());
    EXPECT_EQ(plannedTasks(spec), 129u) << "64 workers, each its own process, and the leader";

    spec.workload = "spawn";
    spec.params = {{"method", 1}, {"parent-mib", 65536}};
    spec.workers = 1;
    ASSERT_TRUE(checkLimits(spec, m).has_value()) << "64 GiB of leader on a 20 GiB machine";

    spec = cpuSpec(Model::Threads, 4000, 1);
    const auto tasks = checkLimits(spec, m);
    ASSERT_TRUE(tasks.has_value());
    EXPECT_NE(tasks->find("ulimit -u"), std::string::npos) << *tasks;
    m.privileged = true; // root is not held to RLIMIT_NPROC, but files still count
    const auto files = checkLimits(spec, m);
    ASSERT_TRUE(files.has_value());
    EXPECT_NE(files->find("ulimit -n"), std::string::npos) << *files;
    m.openFiles = 1 << 20;
    EXPECT_FALSE(checkLimits(spec, m).has_value());
    m.cgroupTasksFree = 1000;
    EXPECT_TRUE(checkLimits(spec, m).has_value()) << "the cgroup's pids.max";
}

// D13 end to end: the engine refuses with the machine's own MemAvailable.
TEST(Preflight, TheEngineRefusesMoreMemoryThanIsAvailable)
{
    const auto available = readMachineLimits().memAvailableBytes;
    if (!available) GTEST_SKIP() << "no MemAvailable";
    ExperimentSpec spec;
    spec.workload = "memory";
    spec.model = Model::Threads;
    spec.params = {{"shared-mib", 0}, {"private-mib", 8192}, {"write-shared", 0}};
    spec.workers = static_cast<int>(*available / (8192ull << 20)) + 2;
    if (spec.workers > 4096) GTEST_SKIP() << "more memory than 4096 workers can ask for";
    Engine engine(testEngineOptions());
    RecordingSink sink;
    const auto err = engine.start(spec, sink);
    ASSERT_TRUE(err.has_value());
    EXPECT_NE(err->find("MemAvailable"), std::string::npos) << *err;
}
