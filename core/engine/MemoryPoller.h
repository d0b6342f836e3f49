#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "record/Sample.h"

namespace corelab {

namespace probe {
class ProcReader;
} // namespace probe

// smaps_rollup summed over pids, now, on the calling thread; nullopt when none was read.
std::optional<MemorySample> sumMemory(probe::ProcReader& reader, const std::set<int>& pids);

// Sums smaps_rollup over a set of processes on a thread of its own. Reading it takes
// each target's mm lock, so a busy process can hold a read up for a second or more;
// the sampler's tick only picks up the newest sum and never waits for one.
class MemoryPoller {
public:
    MemoryPoller(std::string procRoot, double periodS);
    ~MemoryPoller();
    MemoryPoller(const MemoryPoller&) = delete;
    MemoryPoller& operator=(const MemoryPoller&) = delete;

    // The processes to sum. A new set drops any sum of the old one (finished or being
    // read) and starts a reading at once; the first set starts the thread.
    void setPids(std::set<int> pids);
    // The newest sum not yet handed out.
    std::optional<MemorySample> takeLatest();

private:
    void loop();

    std::string procRoot_;
    double periodS_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::set<int> pids_;
    std::optional<MemorySample> latest_;
    std::uint64_t generation_ = 0; // bumped by every new set of processes
    bool stop_ = false;
    std::thread thread_;
};

} // namespace corelab
