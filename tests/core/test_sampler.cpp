#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/Sampler.h"

using namespace corelab;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int kPid = 4242;

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
        return (path_ / std::to_string(kPid) / "smaps_rollup").string();
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
                                [&] { return sampler.take(0.1 * tick, noWorkers, kPid); });
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
        memory = sampler.take(0.1 * tick, noWorkers, kPid).memory;
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
    slot.pid = kPid;
    slot.tid = kPid + 1;
    slot.state = static_cast<std::uint32_t>(WorkerState::Running);
    const WorkerSample running = sampler.take(0.1, block, kPid).workers.at(0);
    EXPECT_EQ(running.runNs, 48213377u); // the fixture's schedstat
    slot.runNs = 90'000'000;
    slot.waitNs = 3'000'000;
    slot.finalsWritten.store(1, std::memory_order_release);
    slot.state.store(static_cast<std::uint32_t>(WorkerState::Exited), std::memory_order_release);
    const WorkerSample ended = sampler.take(0.2, block, kPid).workers.at(0);
    EXPECT_EQ(ended.state, '-');
    EXPECT_EQ(ended.runNs, 90'000'000u);
    EXPECT_EQ(ended.waitNs, 3'000'000u);
}
