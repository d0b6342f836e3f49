#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/MemoryPoller.h"
#include "ipc/ControlBlock.h"
#include "probe/CpuUsage.h"
#include "probe/ProcReader.h"
#include "probe/ProcessTree.h"
#include "record/Sample.h"

namespace corelab {

// Why a worker's published CPU reading cannot be true, or nullptr when it can. before:
// the last one accepted from the same thread; kernelRunNs: the thread's schedstat run
// time, read just before; startNs: a moment before the thread existed; nowNs: just now.
const char* implausiblePublication(const PublishedCpu& p, const std::optional<PublishedCpu>& before,
                                   std::uint64_t kernelRunNs, std::int64_t startNs,
                                   std::int64_t nowNs);

// Takes one Sample per tick from /proc and the control block (docs/measurement.md says
// what comes from where). A worker of CoreLab's own asleep in the blocking call it was
// in at the last reading costs nothing (up to a second); any other costs one read of
// its schedstat, and its stat and status are read only when that says it was on a CPU
// since, status at ≤ 5 Hz. Its CPU time is the newer of schedstat and what it published
// in its slot. Pressure at ≤ 2 Hz. smaps_rollup costs more and takes the target's mm lock,
// so it is read at ≤ 2 Hz on a thread of its own: a tick carries the newest sum that
// thread finished, and is never held up by it.
class Sampler {
public:
    // followGroup: the workers are not CoreLab's own but every thread of every process
    // in the leader's process group except the leader (the external workload); they
    // are found anew each tick and numbered in the order they were first seen.
    // lockOn: the workers run under the emulated interpreter lock, and each sample
    // carries how long each held it and waited for it (from the slots).
    Sampler(std::string procRoot, int rateHz, bool followGroup = false, bool lockOn = false);

    // memoryNow: read the tree's memory on this tick, whatever the 2 Hz rhythm says.
    Sample take(double t, const ControlBlock& block, int leaderPid, bool memoryNow = false);
    // The last sample, with every worker's final figures from its slot, which are
    // exact where the last /proc reading may be up to one tick old.
    Sample final(double t, const ControlBlock& block, int leaderPid);

    // Processes of the external command seen at the last tick (none for CoreLab's own
    // workloads): those that must end with the run even if they left its group.
    std::vector<int> followedPids() const;

    // What the sampler refused since the last call (a worker's impossible publication),
    // one line each, by worker index.
    std::vector<std::pair<int, std::string>> takeNotes();

private:
    // What is kept of one of CoreLab's own workers between ticks.
    struct Tracked {
        int pid = 0, tid = 0;
        std::optional<probe::TaskFiles> files;
        std::optional<probe::SchedStat> sched;    // the last reading
        std::optional<probe::SchedStat> atStatus; // the reading when status was last read
        bool statRead = false;
        std::optional<PublishedCpu> published; // the last one accepted
        bool distrusted = false;               // it published the impossible: /proc only
        // the slot when /proc was last read: the blocking call it was in, its batches
        std::uint32_t blockCalls = 0;
        std::uint32_t batches = 0;
        int ticksSkipped = 0;
    };

    bool asleepInTheSameCall(const Tracked& t, const WorkerSample& w, std::uint32_t blockCalls,
                             std::uint32_t batches) const;

    WorkerSample readWorker(const ControlBlock& block, int index, bool withStatus,
                            std::int64_t startNs);
    void readOwnTask(WorkerSample& w, Tracked& t, bool withStatus);
    void takePublished(WorkerSample& w, Tracked& t, const WorkerSlot& slot, std::int64_t startNs);
    // The figures a worker wrote into its slot as it ended, where they are newer.
    static void takeFinals(WorkerSample& w, const WorkerSlot& slot);
    void readTask(WorkerSample& w, bool withStatus);
    std::vector<WorkerSample> readGroup(const ControlBlock& block, int leaderPid, bool withStatus);
    std::set<int> memoryPids(const ControlBlock& block, int leaderPid) const;
    std::optional<PressureSample> readPressure(double t);

    probe::ProcReader reader_;
    probe::CpuUsage cpu_;
    bool lockOn_;
    int statusEvery_;
    int skipAtMost_; // ticks in a row a sleeping thread's /proc files may go unread
    int memoryEvery_;
    std::uint64_t tick_ = 0;
    std::vector<WorkerSample> last_; // by worker index, carries figures between reads
    std::vector<Tracked> tracked_;   // by worker index, CoreLab's own workers only
    std::vector<std::pair<int, std::string>> notes_;
    struct PressureTotals {
        std::uint64_t cpu = 0, memory = 0, io = 0;
        double t = 0;
    };
    std::optional<PressureTotals> pressureBefore_;
    std::optional<probe::ProcessTree> tree_; // only when following the process group
    MemoryPoller memory_;
};

} // namespace corelab
