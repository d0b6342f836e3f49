#include "probe/ProcReader.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <gtest/gtest.h>

using namespace corelab::probe;
namespace fs = std::filesystem;

namespace {

const std::string kRoot = std::string(CORELAB_FIXTURES) + "/proc";
constexpr int kPid = 4242;
constexpr int kTid = 4243;
// above any tid this test process will own, and within pid_max's range
constexpr int kVanishedTid = (1 << 22) - 1;

// A scratch directory removed at the end of the test.
class TempDir {
public:
    TempDir()
        : path_(fs::temp_directory_path() /
                ("corelab-probe-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++)))
    {
        fs::create_directories(path_);
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

// Overwrites in place, as the kernel's view of a /proc file changes under a kept fd.
void writeInPlace(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

std::uint64_t ownThreadCpuNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
           static_cast<std::uint64_t>(ts.tv_nsec);
}

// Spins until this thread has used ms of CPU (or 2 s of wall time went by on a busy box).
void burnCpu(int ms)
{
    const auto start = ownThreadCpuNs();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (ownThreadCpuNs() - start < static_cast<std::uint64_t>(ms) * 1'000'000u &&
           std::chrono::steady_clock::now() < deadline) {}
}

} // namespace

TEST(ProcFile, ReadsAgainAfterTheFileChanges)
{
    TempDir dir;
    const auto path = dir.file("value");
    writeInPlace(path, "short\n");
    ProcFile file(path);
    EXPECT_EQ(file.read(), "short\n");

    // longer than the first buffer, to make it grow
    const std::string longer(10000, 'x');
    writeInPlace(path, longer);
    EXPECT_EQ(file.read(), longer);

    writeInPlace(path, "tiny");
    EXPECT_EQ(file.read(), "tiny");
}

TEST(ProcFile, MissingFileIsNulloptAndIsOpenedOnceItExists)
{
    TempDir dir;
    const auto path = dir.file("later");
    ProcFile file(path);
    EXPECT_EQ(file.read(), std::nullopt);
    writeInPlace(path, "here");
    EXPECT_EQ(file.read(), "here");
}

TEST(ProcFile, DirectoryIsNullopt)
{
    TempDir dir;
    ProcFile file(dir.file(""));
    EXPECT_EQ(file.read(), std::nullopt);
}

TEST(ProcFile, MovedFileKeepsReading)
{
    TempDir dir;
    const auto path = dir.file("moved");
    writeInPlace(path, "one");
    ProcFile first(path);
    EXPECT_EQ(first.read(), "one");
    ProcFile second(std::move(first));
    writeInPlace(path, "two");
    EXPECT_EQ(second.read(), "two");
    EXPECT_EQ(second.path(), path);
}

TEST(ProcReader, ReadsTheFixtureTree)
{
    ProcReader reader(kRoot);
    const auto cpus = reader.cpuTicks();
    ASSERT_EQ(cpus.size(), 3u);
    EXPECT_EQ(cpus[2].cpu, 3);

    const auto sched = reader.schedstat(kPid, kTid);
    ASSERT_TRUE(sched);
    EXPECT_EQ(sched->runNs, 48213377u);

    const auto stat = reader.taskStat(kPid, kTid);
    ASSERT_TRUE(stat);
    EXPECT_EQ(stat->comm, "work (1) ) Z 7");
    EXPECT_EQ(stat->processor, 1);

    const auto ctx = reader.ctxSwitches(kPid, kTid);
    ASSERT_TRUE(ctx);
    EXPECT_EQ(ctx->voluntary, 152u);
    EXPECT_EQ(ctx->involuntary, 37u);

    const auto mem = reader.smapsRollup(kPid);
    ASSERT_TRUE(mem);
    EXPECT_EQ(mem->pss, 2345u * 1024);

    EXPECT_EQ(reader.pressureSomeUs("cpu"), 7953631u);
    EXPECT_EQ(reader.pressureSomeUs("memory"), 8754575u);
    EXPECT_EQ(reader.fileCount(), 7u);
}

TEST(ProcReader, MissingFilesAreNulloptAndNotKept)
{
    ProcReader reader(kRoot + "/");
    EXPECT_EQ(reader.root(), kRoot);
    EXPECT_EQ(reader.pressureSomeUs("io"), std::nullopt); // absent in the fixture tree
    EXPECT_EQ(reader.pressureSomeUs("../stat"), std::nullopt);
    EXPECT_EQ(reader.schedstat(kPid, kVanishedTid), std::nullopt);
    EXPECT_EQ(reader.taskStat(kPid, kVanishedTid), std::nullopt);
    EXPECT_EQ(reader.smapsRollup(kPid + 1), std::nullopt);
    EXPECT_EQ(reader.fileCount(), 0u);
}

TEST(ProcReader, ForgetClosesOnlyTheNamedTaskOrProcess)
{
    ProcReader reader(kRoot);
    ASSERT_FALSE(reader.cpuTicks().empty());
    ASSERT_TRUE(reader.schedstat(kPid, kTid));
    ASSERT_TRUE(reader.taskStat(kPid, kTid));
    ASSERT_TRUE(reader.ctxSwitches(kPid, kTid));
    ASSERT_TRUE(reader.smapsRollup(kPid));
    ASSERT_EQ(reader.fileCount(), 5u);

    reader.forgetTask(kPid, kTid);
    EXPECT_EQ(reader.fileCount(), 2u);

    ASSERT_TRUE(reader.schedstat(kPid, kTid));
    reader.forgetProcess(42); // a prefix of 4242, but another process
    EXPECT_EQ(reader.fileCount(), 3u);
    reader.forgetProcess(kPid);
    EXPECT_EQ(reader.fileCount(), 1u); // /proc/stat stays

    // forgotten files are opened again on demand
    EXPECT_TRUE(reader.schedstat(kPid, kTid));
}

TEST(ProcReaderRealProc, ThisThreadLooksAlive)
{
    const int pid = ::getpid();
    const int tid = ::gettid();
    ProcReader reader;
    const auto before = reader.schedstat(pid, tid);
    ASSERT_TRUE(before);
    burnCpu(50);
    const auto after = reader.schedstat(pid, tid);
    ASSERT_TRUE(after);
    EXPECT_GT(after->runNs, 0u);
    EXPECT_GT(after->runNs, before->runNs);

    const auto stat = reader.taskStat(pid, tid);
    ASSERT_TRUE(stat);
    EXPECT_EQ(stat->state, 'R'); // it is running: it is reading its own stat
    EXPECT_EQ(stat->pid, tid);
    EXPECT_EQ(stat->ppid, ::getppid());
    EXPECT_GE(stat->numThreads, 1);
    EXPECT_GE(stat->processor, 0);
    EXPECT_LT(stat->processor, ::sysconf(_SC_NPROCESSORS_CONF));
    char name[17] = {};
    ::prctl(PR_GET_NAME, name);
    EXPECT_EQ(stat->comm, name);
}

TEST(ProcReaderRealProc, SleepingCountsAsVoluntarySwitch)
{
    ProcReader reader;
    const auto before = reader.ctxSwitches(::getpid(), ::gettid());
    ASSERT_TRUE(before);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto after = reader.ctxSwitches(::getpid(), ::gettid());
    ASSERT_TRUE(after);
    EXPECT_GT(after->voluntary, before->voluntary);
    EXPECT_GE(after->involuntary, before->involuntary);
}

TEST(ProcReaderRealProc, MemoryOfThisProcessAddsUp)
{
    ProcReader reader;
    const auto mem = reader.smapsRollup(::getpid());
    ASSERT_TRUE(mem);
    EXPECT_GT(mem->rss, 0u);
    EXPECT_LE(mem->pss, mem->rss);
    EXPECT_LE(mem->uss(), mem->pss);
    EXPECT_EQ(mem->rss, mem->shared() + mem->uss());
}

TEST(ProcReaderRealProc, CpuIdsAreUniqueAndInRange)
{
    ProcReader reader;
    const auto cpus = reader.cpuTicks();
    ASSERT_FALSE(cpus.empty());
    for (std::size_t i = 0; i < cpus.size(); ++i) {
        EXPECT_LT(cpus[i].cpu, ::sysconf(_SC_NPROCESSORS_CONF));
        if (i > 0) {
            EXPECT_GT(cpus[i].cpu, cpus[i - 1].cpu);
        }
    }
}

TEST(ProcReaderRealProc, VanishedTaskIsNulloptWithoutThrowing)
{
    ProcReader reader;
    EXPECT_NO_THROW({
        EXPECT_EQ(reader.schedstat(::getpid(), kVanishedTid), std::nullopt);
        EXPECT_EQ(reader.taskStat(::getpid(), kVanishedTid), std::nullopt);
        EXPECT_EQ(reader.ctxSwitches(::getpid(), kVanishedTid), std::nullopt);
    });
    EXPECT_EQ(reader.fileCount(), 0u);
}

TEST(ProcReaderRealProc, ThreadThatExitsStopsReadingThroughItsOpenFile)
{
    std::atomic<int> tid{0};
    std::atomic<bool> release{false};
    std::thread worker([&] {
        tid = ::gettid();
        while (!release)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    while (tid == 0)
        std::this_thread::yield();

    ProcReader reader;
    ASSERT_TRUE(reader.taskStat(::getpid(), tid));
    EXPECT_EQ(reader.fileCount(), 1u);
    release = true;
    worker.join();

    // join returns a moment before the kernel unhashes the task
    std::optional<TaskStat> stat;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    do {
        stat = reader.taskStat(::getpid(), tid);
    } while (stat && std::chrono::steady_clock::now() < deadline);
    EXPECT_FALSE(stat.has_value());
    EXPECT_EQ(reader.fileCount(), 0u);
}
