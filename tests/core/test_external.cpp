#include <set>

#include <gtest/gtest.h>
#include <unistd.h>

#include "RunHelpers.h"
#include "probe/ProcessTree.h"
#include "worker/ExternalRunner.h"

using namespace corelab;
using namespace corelab::test;
using corelab::worker::OpsLineParser;

namespace {

const std::string kScripts = std::string(CORELAB_FIXTURES) + "/../../resources/scripts/";

// The interpreter itself, not a version-manager shim that may take seconds to start.
std::string findPython()
{
    for (const char* p : {"/usr/bin/python3", "/usr/local/bin/python3"})
        if (access(p, X_OK) == 0) return p;
    return {};
}

int leaderOf(const RunRecord& r)
{
    for (const Event& e : r.events)
        if (e.kind == EventKind::LeaderSpawned) return std::stoi(e.detail.substr(4)); // "pid N"
    return -1;
}

struct Seen {
    std::size_t maxThreadsInOneProcess = 0;
    std::set<int> pids;
    std::uint64_t runNs = 0; // CPU time measured from schedstat, all threads
};

Seen whatWasSeen(const RunRecord& r)
{
    Seen seen;
    std::map<int, WorkerSample> last;
    for (const Sample& s : r.samples) {
        std::map<int, std::size_t> threads;
        for (const WorkerSample& w : s.workers) {
            last[w.index] = w;
            if (w.state == '-' || w.state == '?') continue;
            seen.pids.insert(w.pid);
            seen.maxThreadsInOneProcess = std::max(seen.maxThreadsInOneProcess, ++threads[w.pid]);
        }
    }
    for (const auto& [i, w] : last)
        seen.runNs += w.runNs;
    return seen;
}

} // namespace

TEST(OpsLines, CountsOnlyWholeOpsLines)
{
    EXPECT_EQ(OpsLineParser::opsIn("corelab-ops 42"), 42u);
    EXPECT_EQ(OpsLineParser::opsIn("corelab-ops\t7\r"), 7u);
    EXPECT_FALSE(OpsLineParser::opsIn("corelab-ops"));
    EXPECT_FALSE(OpsLineParser::opsIn("corelab-ops -3"));
    EXPECT_FALSE(OpsLineParser::opsIn("corelab-ops 5 apples"));
    EXPECT_FALSE(OpsLineParser::opsIn("corelab-opsy 5"));
    EXPECT_FALSE(OpsLineParser::opsIn("x corelab-ops 5"));
}

TEST(OpsLines, LinesMaySpanChunks)
{
    OpsLineParser p;
    std::string other;
    EXPECT_EQ(p.feed("hello\ncorelab-o", other), 0u);
    EXPECT_EQ(p.feed("ps 10\ncorelab-ops 5\nbye", other), 15u);
    EXPECT_EQ(p.feed("\n", other), 0u);
    EXPECT_EQ(other, "hello\nbye\n");
}

TEST(ProcessTree, FindsLiveMembersOfAGroupAndTheirThreads)
{
    probe::ProcessTree tree(std::string(CORELAB_FIXTURES) + "/proctree");
    const auto& found = tree.scan(100); // the leader (100) is left out
    ASSERT_EQ(found.size(), 3u) << "the zombie 103 and group 200 are not members";
    EXPECT_EQ(found[0].pid, 101);
    EXPECT_EQ(found[0].tids, (std::vector<int>{101, 105}));
    EXPECT_EQ(found[1].pid, 102);
    EXPECT_EQ(found[2].pid, 104) << "a daemon that left the group (setsid) still descends from 100";
    EXPECT_EQ(tree.scan(100, 102).size(), 2u) << "exclude leaves one process out";
    EXPECT_TRUE(tree.scan(200).empty()) << "group 200 is its leader alone";
    EXPECT_TRUE(tree.scan(999).empty());
}

// A snapshot taken as a run ends (tests/fixtures/proctree-orphans): the engine (50, session
// 40) spawned the leaders 60 (a run still going) and 70 (ended, a zombie not yet reaped).
// The daemon 71 (its own session) was handed to the engine when its parent died; 73 was
// read a moment before its parent 74 died, so it still names the zombie as parent (and
// it left 71's session).
TEST(ProcessTree, FindsWhatARunHandedToItsReaper)
{
    const probe::ProcessTree tree(std::string(CORELAB_FIXTURES) + "/proctree-orphans");
    EXPECT_EQ(tree.adoptedBy(50, 40, {60, 70}), (std::vector<int>{71, 72, 73, 75}))
        << "not 61 (the run of 60 goes on), 76 (a child of the leader 70), 80 (the engine's "
           "own session); 75 is a zombie of the engine's to reap, 74 one of 71's";
    EXPECT_EQ(tree.adoptedBy(50, 40, {60, 70, 71}), (std::vector<int>{75}));
}

TEST(ProcessTree, FollowsTheLeadersSessionAndParentsThatAreZombies)
{
    probe::ProcessTree tree(std::string(CORELAB_FIXTURES) + "/proctree-orphans");
    std::vector<int> pids;
    for (const auto& p : tree.scan(70))
        pids.push_back(p.pid);
    EXPECT_EQ(pids, (std::vector<int>{76, 77})) << "77 left the group, not the session";
    pids.clear();
    for (const auto& p : tree.scan(71))
        pids.push_back(p.pid);
    EXPECT_EQ(pids, (std::vector<int>{72, 73}))
        << "73 left the session, and its parent 74 is a zombie";
}

TEST(ProcessTree, NumbersStayStableAndBounded)
{
    probe::ProcessTree tree("/nonexistent");
    EXPECT_EQ(tree.indexOf(5, 5, 2), 0);
    EXPECT_EQ(tree.indexOf(5, 6, 2), 1);
    EXPECT_EQ(tree.indexOf(5, 5, 2), 0);
    EXPECT_FALSE(tree.indexOf(7, 7, 2).has_value());
    EXPECT_FALSE(probe::liveGroupOf("12 (x) Z 1 12 12 0").has_value());
}

TEST(External, NeedsACommandAndOneWorker)
{
    ExperimentSpec s = externalSpec({}, 1);
    EXPECT_EQ(validate(s)->field, "command");
    s = externalSpec({"true"}, 1);
    s.workers = 2;
    EXPECT_TRUE(validate(s).has_value());
    ExperimentSpec cpu;
    cpu.command = {"true"};
    EXPECT_EQ(validate(cpu)->field, "command");
}

// A command that ends by itself ends the run early; its ops come from its stdout.
TEST(External, RunEndsWhenTheCommandEnds)
{
    const auto started = std::chrono::steady_clock::now();
    const RunRecord r =
        runToEnd(externalSpec({"sh", "-c", "echo corelab-ops 5; echo hi; echo corelab-ops 7"}, 20));
    EXPECT_LT(elapsedS(started), 10);
    EXPECT_EQ(r.summary.opsTotal, 12u);
    EXPECT_TRUE(processesInGroup(leaderOf(r)).empty());
}

// A command that would run for long is stopped at the end of the duration, along
// with every process it started.
TEST(External, StopsTheWholeGroupAtTheEnd)
{
    const auto started = std::chrono::steady_clock::now();
    const RunRecord r =
        runToEnd(externalSpec({"sh", "-c", "sleep 30 & sleep 30 & sleep 30; wait"}, 0.5));
    EXPECT_LT(elapsedS(started), 10);
    EXPECT_TRUE(processesInGroup(leaderOf(r)).empty());
    EXPECT_GE(r.summary.figures.at("processes_peak"), 3);
}

TEST(External, MissingProgramIsAnError)
{
    Engine engine(testEngineOptions());
    RecordingSink sink;
    ASSERT_FALSE(engine.start(externalSpec({"/nonexistent/program"}, 1), sink).has_value());
    ASSERT_TRUE(sink.waitFinished(std::chrono::seconds(30)));
    engine.wait();
    ASSERT_FALSE(sink.errors.empty());
    EXPECT_NE(sink.errors.front().find("No such file"), std::string::npos) << sink.errors.front();
}

TEST(External, PythonThreadsAreFoundAndMeasured)
{
    const std::string python = findPython();
    if (python.empty()) GTEST_SKIP() << "python3 is not installed";
    const RunRecord r = runToEnd(externalSpec({python, kScripts + "cpu_threads.py", "2"}, 1.5));
    const Seen seen = whatWasSeen(r);
    EXPECT_GE(seen.maxThreadsInOneProcess, 3u) << "main thread + 2 workers";
    EXPECT_GT(r.summary.opsTotal, 0u);
    EXPECT_GT(seen.runNs, 0u);
    EXPECT_GE(r.summary.figures.at("threads_peak"), 3);
    EXPECT_TRUE(processesInGroup(leaderOf(r)).empty());
}

TEST(External, PythonProcessesAreFoundAndMeasured)
{
    const std::string python = findPython();
    if (python.empty()) GTEST_SKIP() << "python3 is not installed";
    const RunRecord r = runToEnd(externalSpec({python, kScripts + "cpu_processes.py", "2"}, 1.5));
    const Seen seen = whatWasSeen(r);
    EXPECT_GE(seen.pids.size(), 3u) << "main process + 2 workers";
    EXPECT_GT(r.summary.opsTotal, 0u);
    EXPECT_GT(seen.runNs, 0u);
    EXPECT_GE(r.summary.figures.at("processes_peak"), 3);
    bool memorySeen = false;
    for (const Sample& s : r.samples)
        memorySeen = memorySeen || (s.memory && s.memory->processes >= 3);
    EXPECT_TRUE(memorySeen) << "smaps_rollup of every process is summed";
    EXPECT_TRUE(processesInGroup(leaderOf(r)).empty());
}
