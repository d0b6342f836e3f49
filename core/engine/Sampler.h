#pragma once

#include <cstdint>
#include <optional>
#include <set>

#include "engine/MemoryPoller.h"
#include "ipc/ControlBlock.h"
#include "probe/CpuUsage.h"
#include "probe/ProcReader.h"
#include "probe/ProcessTree.h"
#include "record/Sample.h"

namespace corelab {

// Takes one Sample per tick from /proc and the control block. Cheap sources every
// tick; status at ≤ 5 Hz, pressure at ≤ 2 Hz. smaps_rollup costs more and takes the
// target's mm lock, so it is read at ≤ 2 Hz on a thread of its own: a tick carries
// the newest sum that thread finished, and is never held up by it.
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

private:
    WorkerSample readWorker(const ControlBlock& block, int index, bool withStatus);
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
    int memoryEvery_;
    std::uint64_t tick_ = 0;
    std::vector<WorkerSample> last_; // by worker index, carries status figures between reads
    struct PressureTotals {
        std::uint64_t cpu = 0, memory = 0, io = 0;
        double t = 0;
    };
    std::optional<PressureTotals> pressureBefore_;
    std::optional<probe::ProcessTree> tree_; // only when following the process group
    MemoryPoller memory_;
};

} // namespace corelab
