#include "engine/MemoryPoller.h"

#include <chrono>
#include <utility>

#include "probe/ProcReader.h"

namespace corelab {

std::optional<MemorySample> sumMemory(probe::ProcReader& reader, const std::set<int>& pids)
{
    MemorySample m;
    for (int pid : pids) {
        auto r = reader.smapsRollup(pid);
        if (!r) continue; // a worker that just exited
        m.rssBytes += r->rss;
        m.pssBytes += r->pss;
        m.ussBytes += r->uss();
        m.sharedBytes += r->shared();
        ++m.processes;
    }
    if (m.processes == 0) return std::nullopt;
    return m;
}

MemoryPoller::MemoryPoller(std::string procRoot, double periodS)
    : procRoot_(std::move(procRoot))
    , periodS_(periodS)
{
}

MemoryPoller::~MemoryPoller()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void MemoryPoller::setPids(std::set<int> pids)
{
    {
        std::lock_guard lock(mutex_);
        if (pids == pids_ && thread_.joinable()) return;
        // a sum over other processes (the leader alone before it forked) says nothing
        // about these: drop it, and the one being read now
        pids_ = std::move(pids);
        latest_.reset();
        ++generation_;
        if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    }
    wake_.notify_all();
}

std::optional<MemorySample> MemoryPoller::takeLatest()
{
    std::lock_guard lock(mutex_);
    return std::exchange(latest_, std::nullopt);
}

void MemoryPoller::loop()
{
    probe::ProcReader reader(procRoot_); // its own: the sampler's files are not shared
    const auto period = std::chrono::duration<double>(periodS_);
    std::unique_lock lock(mutex_);
    while (!stop_) {
        const std::set<int> pids = pids_;
        const std::uint64_t generation = generation_;
        const auto started = std::chrono::steady_clock::now();
        lock.unlock();
        auto sum = sumMemory(reader, pids);
        lock.lock();
        if (sum && generation == generation_) latest_ = sum;
        wake_.wait_until(lock, started + period,
                         [this, generation] { return stop_ || generation != generation_; });
    }
}

} // namespace corelab
