#include "engine/Sampler.h"

#include <algorithm>
#include <cmath>

#include "spec/ExperimentSpec.h"

namespace corelab {

namespace {
// a command that makes threads without end is followed up to this many of them
constexpr std::size_t kMaxFollowed = SpecLimits::maxWorkers;
constexpr double kMemoryPeriodS = 0.5;
} // namespace

Sampler::Sampler(std::string procRoot, int rateHz, bool followGroup, bool lockOn)
    : reader_(procRoot)
    , lockOn_(lockOn && !followGroup)
    , statusEvery_(std::max(1, static_cast<int>(std::ceil(rateHz / 5.0))))
    , memoryEvery_(std::max(1, static_cast<int>(std::ceil(rateHz / 2.0))))
    , memory_(procRoot, kMemoryPeriodS)
{
    if (followGroup) tree_.emplace(std::move(procRoot));
}

WorkerSample Sampler::readWorker(const ControlBlock& block, int index, bool withStatus)
{
    const WorkerSlot& slot = *block.slot(index);
    if (last_.size() <= static_cast<std::size_t>(index))
        last_.resize(static_cast<std::size_t>(index) + 1);
    WorkerSample& w = last_[static_cast<std::size_t>(index)];
    w.index = index;
    w.pid = slot.pid.load(std::memory_order_relaxed);
    w.tid = slot.tid.load(std::memory_order_relaxed);
    w.ops = slot.ops.load(std::memory_order_relaxed);
    w.lastCpu = slot.lastCpu.load(std::memory_order_relaxed);
    const auto state = static_cast<WorkerState>(slot.state.load(std::memory_order_acquire));
    if (lockOn_) {
        // a worker that has ended holds and waits no longer, whatever its slot last said
        const LockReading lock = readLock(slot, monotonicNs(), state < WorkerState::Exited);
        w.lockHeldNs = lock.heldNs;
        w.lockWaitNs = lock.waitNs;
    }
    if (w.tid == 0 || state >= WorkerState::Exited) {
        w.state = w.tid == 0                      ? '?'
                  : state == WorkerState::Crashed ? '!'
                  : state == WorkerState::Killed  ? '#'
                                                  : '-';
        if (w.tid) reader_.forgetTask(w.pid, w.tid);
        // the first tick that sees it gone carries what it ran up to its end: left at the
        // tick before, that time would land in whatever interval came next (the run's
        // final sample, a millisecond later), far more CPU time than the interval holds
        takeFinals(w, slot);
        return w;
    }
    readTask(w, withStatus);
    return w;
}

void Sampler::readTask(WorkerSample& w, bool withStatus)
{
    if (auto s = reader_.schedstat(w.pid, w.tid)) {
        w.runNs = s->runNs;
        w.waitNs = s->waitNs;
        w.timeslices = s->timeslices;
    }
    if (auto st = reader_.taskStat(w.pid, w.tid)) {
        w.state = st->state;
        w.lastCpu = st->processor;
        w.minorFaults = st->minorFaults;
        w.majorFaults = st->majorFaults;
    } else {
        w.state = '-';
    }
    if (withStatus) {
        if (auto c = reader_.ctxSwitches(w.pid, w.tid)) {
            w.ctxVoluntary = c->voluntary;
            w.ctxInvoluntary = c->involuntary;
        }
    }
}

// Every thread of the command, each kept under the number it got when first seen;
// one that has gone keeps its last figures with state '-'. Slot 0's ops (what the
// command printed) go to its main thread, number 0.
std::vector<WorkerSample> Sampler::readGroup(const ControlBlock& block, int leaderPid,
                                             bool withStatus)
{
    const int mainPid = block.slot(0)->pid.load(std::memory_order_relaxed);
    if (mainPid > 0) tree_->indexOf(mainPid, mainPid, kMaxFollowed);
    std::vector<bool> seen(last_.size());
    for (const probe::GroupProcess& p : tree_->scan(leaderPid))
        for (int tid : p.tids) {
            const auto index = tree_->indexOf(p.pid, tid, kMaxFollowed);
            if (!index) continue;
            if (last_.size() <= static_cast<std::size_t>(*index)) {
                last_.resize(static_cast<std::size_t>(*index) + 1);
                seen.resize(last_.size());
            }
            seen[static_cast<std::size_t>(*index)] = true;
            WorkerSample& w = last_[static_cast<std::size_t>(*index)];
            w.index = *index;
            w.pid = p.pid;
            w.tid = tid;
            readTask(w, withStatus);
        }
    for (std::size_t i = 0; i < last_.size(); ++i)
        if (!seen[i] && last_[i].state != '-') {
            last_[i].state = '-';
            reader_.forgetTask(last_[i].pid, last_[i].tid);
        }
    if (!last_.empty()) last_[0].ops = block.slot(0)->ops.load(std::memory_order_relaxed);
    return last_;
}

std::vector<int> Sampler::followedPids() const
{
    std::vector<int> pids;
    if (tree_)
        for (const probe::GroupProcess& p : tree_->processes())
            pids.push_back(p.pid);
    return pids;
}

std::set<int> Sampler::memoryPids(const ControlBlock& block, int leaderPid) const
{
    std::set<int> pids;
    if (tree_) { // the command's processes only: the leader just minds it
        for (const probe::GroupProcess& p : tree_->processes())
            pids.insert(p.pid);
        return pids;
    }
    if (leaderPid > 0) pids.insert(leaderPid);
    for (int i = 0; i < block.workerCount(); ++i)
        if (int pid = block.slot(i)->pid.load(std::memory_order_relaxed); pid > 0) pids.insert(pid);
    return pids;
}

std::optional<PressureSample> Sampler::readPressure(double t)
{
    auto cpu = reader_.pressureSomeUs("cpu");
    auto mem = reader_.pressureSomeUs("memory");
    auto io = reader_.pressureSomeUs("io");
    if (!cpu || !mem || !io) return std::nullopt;
    const PressureTotals now{*cpu, *mem, *io, t};
    std::optional<PressureSample> result;
    if (pressureBefore_ && t > pressureBefore_->t) {
        const double us = (t - pressureBefore_->t) * 1e6;
        auto share = [us](std::uint64_t a, std::uint64_t b) {
            return b >= a ? std::clamp((b - a) / us, 0.0, 1.0) : 0.0;
        };
        result = PressureSample{share(pressureBefore_->cpu, now.cpu),
                                share(pressureBefore_->memory, now.memory),
                                share(pressureBefore_->io, now.io)};
    }
    pressureBefore_ = now;
    return result;
}

Sample Sampler::take(double t, const ControlBlock& block, int leaderPid, bool memoryNow)
{
    const bool withStatus = tick_ % static_cast<std::uint64_t>(statusEvery_) == 0;
    const bool withMemory = memoryNow || tick_ % static_cast<std::uint64_t>(memoryEvery_) == 0;
    ++tick_;
    Sample s;
    s.t = t;
    s.cores = cpu_.update(reader_.cpuTicks());
    // memory before the workers: reading thousands of them takes long enough for them to
    // end meanwhile, and the reading belongs to the sample's time. A command's processes
    // are only known after the group scan.
    if (memoryNow && !tree_) s.memory = sumMemory(reader_, memoryPids(block, leaderPid));
    if (tree_)
        s.workers = readGroup(block, leaderPid, withStatus);
    else
        for (int i = 0; i < block.workerCount(); ++i)
            s.workers.push_back(readWorker(block, i, withStatus));
    // at the two moments a run's window must have a reading the tick reads the tree
    // itself; every other reading comes from the memory thread, so that a slow
    // smaps_rollup never delays a tick
    if (memoryNow && tree_) s.memory = sumMemory(reader_, memoryPids(block, leaderPid));
    // every tick: a sum taken before the processes changed (before the fork) must never
    // be handed out as theirs
    memory_.setPids(memoryPids(block, leaderPid));
    if (!memoryNow) s.memory = memory_.takeLatest();
    if (withMemory) s.pressure = readPressure(t);
    return s;
}

Sample Sampler::final(double t, const ControlBlock& block, int leaderPid)
{
    Sample s = take(t, block, leaderPid);
    if (tree_) return s; // the command's threads leave no final figures in a slot
    for (WorkerSample& w : s.workers)
        takeFinals(w, *block.slot(w.index));
    return s;
}

void Sampler::takeFinals(WorkerSample& w, const WorkerSlot& slot)
{
    if (!slot.finalsWritten.load(std::memory_order_acquire)) return;
    w.runNs = std::max(w.runNs, slot.runNs.load(std::memory_order_relaxed));
    w.waitNs = std::max(w.waitNs, slot.waitNs.load(std::memory_order_relaxed));
    w.ctxVoluntary = std::max(w.ctxVoluntary, slot.ctxVoluntary.load(std::memory_order_relaxed));
    w.ctxInvoluntary =
        std::max(w.ctxInvoluntary, slot.ctxInvoluntary.load(std::memory_order_relaxed));
}

} // namespace corelab
