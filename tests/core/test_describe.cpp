#include <gtest/gtest.h>

#include "spec/Describe.h"

using namespace corelab;

TEST(Describe, NamesChoicesUnitsAndOptions)
{
    ExperimentSpec s;
    s.workload = "counter";
    s.model = Model::Processes;
    s.params = {{"sync", 2}, {"shared", 1}};
    s.interpreterLock = true;
    s.crashWorker = 1;
    s.crashAtS = 0.5;
    ASSERT_FALSE(validate(s)); // fills increments with its default
    const std::string text = describe(s);
    EXPECT_EQ(text, "counter, processes, 2 processes (fork), increments=1e+06 increments/worker, "
                    "shared=yes, sync=mutex, interpreter lock, worker 1 crashes at 0.5 s");
}

TEST(Describe, EveryModelSaysHowWorkersAreLaidOut)
{
    ExperimentSpec s;
    s.params = {{"rounds", 64}};
    s.model = Model::Threads;
    EXPECT_NE(describe(s).find("2 threads in one process"), std::string::npos);
    s.model = Model::Hybrid;
    s.threadsPerProcess = 3;
    EXPECT_NE(describe(s).find("2 processes × 3 threads (fork)"), std::string::npos);
    s.workload = "io";
    s.model = Model::Async;
    s.params.clear();
    EXPECT_NE(describe(s).find("2 requests in flight on one thread"), std::string::npos);
}

// An external command's run is its command: CoreLab's own worker count would be
// the spec's placeholder 1, not what the command runs.
TEST(Describe, AnExternalRunIsItsCommand)
{
    ExperimentSpec s;
    s.workload = "external";
    s.command = {"python3", "cpu_threads.py", "2"};
    EXPECT_EQ(describe(s), "external: python3 cpu_threads.py 2 (its own threads and processes)");
}
