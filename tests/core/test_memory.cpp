#include <cstdint>

#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

// ≥ 1.5 s: tree memory is sampled at 2 Hz.
ExperimentSpec memorySpec(Model model, double sharedMib, bool writeShared)
{
    ExperimentSpec s;
    s.workload = "memory";
    s.model = model;
    s.workers = 4;
    s.durationS = 1.6;
    s.params = {{"shared-mib", sharedMib}, {"private-mib", 2}, {"write-shared", writeShared}};
    return s;
}

} // namespace

TEST(MemoryWorkload, ThreadsShareOneCopy)
{
    const Summary s = runToEnd(memorySpec(Model::Threads, 256, false)).summary;
    ASSERT_TRUE(s.peakPssBytes);
    EXPECT_GT(*s.peakPssBytes, 0.9 * 256 * kMiB);
    EXPECT_LT(*s.peakPssBytes, 1.5 * 256 * kMiB);
    EXPECT_GT(s.figures.at("bytes_touched_per_s"), 0);
}

// RSS counts the inherited pages once per process; PSS splits them among sharers.
TEST(MemoryWorkload, ForkedProcessesShareUntilWritten)
{
    const Summary s = runToEnd(memorySpec(Model::Processes, 256, false)).summary;
    ASSERT_TRUE(s.peakRssBytes && s.peakPssBytes && s.peakUssBytes);
    EXPECT_GT(*s.peakRssBytes, 3 * 256 * kMiB);
    EXPECT_LT(*s.peakPssBytes, 1.6 * 256 * kMiB);
    // while the workers run, the set is shared by every process, private to none; the
    // leader alone held it privately before the fork, outside the workers' window
    EXPECT_LT(*s.peakUssBytes, 0.5 * 256 * kMiB);
}

// Writing one word per page makes each forked worker copy the page. A fresh page
// costs ~30 µs of system time on this kind of VM, so copying 3 × 256 MiB would take
// longer than a test may; a 16 MiB set shows the same growth within the run.
TEST(MemoryWorkload, WritesCopyPagesAfterFork)
{
    constexpr double shared = 16;
    const Summary read = runToEnd(memorySpec(Model::Processes, shared, false)).summary;
    const Summary written = runToEnd(memorySpec(Model::Processes, shared, true)).summary;
    ASSERT_TRUE(read.peakPssBytes && written.peakPssBytes);
    EXPECT_GT(*written.peakPssBytes, 2.5 * shared * kMiB);
    EXPECT_GT(*written.peakPssBytes, *read.peakPssBytes + 1.5 * shared * kMiB);
}

// The copies are made before the start (the workload's set-up), so however short the run
// and however busy the machine, its memory shows every copy complete: made inside the
// window, 4 x 64 MiB of page faults at 10-30 µs each took 0.3-1 s, and a short run caught a
// fraction of them.
TEST(MemoryWorkload, ForkedWritersHoldTheirWholeCopiesFromTheStart)
{
    constexpr double shared = 64;
    ExperimentSpec spec = memorySpec(Model::Processes, shared, true);
    spec.durationS = 0.2;
    const Summary s = runToEnd(spec).summary;
    ASSERT_TRUE(s.peakPssBytes);
    // the leader's set and one copy per worker, each whole; the 4 x 2 MiB private sets
    // and the processes' own pages come on top
    EXPECT_GT(*s.peakPssBytes, 0.95 * (1 + spec.workers) * shared * kMiB);
}

TEST(MemoryWorkload, ExecCannotInheritTheSharedSet)
{
    ExperimentSpec s = memorySpec(Model::Processes, 16, false);
    s.spawn = SpawnMethod::Exec;
    EXPECT_TRUE(validate(s).has_value());
    s.model = Model::Async;
    s.spawn = SpawnMethod::Fork;
    EXPECT_TRUE(validate(s).has_value());
}
