#include "engine/Sampler.h"

#include <algorithm>
#include <cmath>

#include "record/RunRecord.h"
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
    , skipAtMost_(std::max(0, rateHz - 1))
    , memoryEvery_(std::max(1, static_cast<int>(std::ceil(rateHz / 2.0))))
    , memory_(procRoot, kMemoryPeriodS)
{
    if (followGroup) tree_.emplace(std::move(procRoot));
}

WorkerSample Sampler::readWorker(const ControlBlock& block, int index, bool withStatus,
                                 std::int64_t startNs)
{
    const WorkerSlot& slot = *block.slot(index);
    if (last_.size() <= static_cast<std::size_t>(index)) {
        last_.resize(static_cast<std::size_t>(index) + 1);
        tracked_.resize(last_.size());
    }
    WorkerSample& w = last_[static_cast<std::size_t>(index)];
    Tracked& t = tracked_[static_cast<std::size_t>(index)];
    w.index = index;
    w.pid = slot.pid.load(std::memory_order_relaxed);
    w.tid = slot.tid.load(std::memory_order_relaxed);
    w.ops = slot.ops.load(std::memory_order_relaxed);
    const auto state = static_cast<WorkerState>(slot.state.load(std::memory_order_acquire));
    if (lockOn_) {
        // a worker that has ended holds and waits no longer, whatever its slot last said
        const LockReading lock = readLock(slot, monotonicNs(), state < WorkerState::Exited);
        w.lockHeldNs = lock.heldNs;
        w.lockWaitNs = lock.waitNs;
    }
    if (w.tid == 0 || state >= WorkerState::Exited) {
        // the CPU of its last batch, as long as its slot has been telling the truth
        const auto p = readPublished(slot);
        if (p && p->batches && !t.distrusted && p->cpu >= 0 && p->cpu < kMaxCpus)
            w.lastCpu = p->cpu;
        w.state = w.tid == 0                      ? '?'
                  : state == WorkerState::Crashed ? '!'
                  : state == WorkerState::Killed  ? '#'
                                                  : '-';
        t = Tracked{}; // closes its files: the thread has gone
        // the first tick that sees it gone carries what it ran up to its end: left at the
        // tick before, that time would land in whatever interval came next (the run's
        // final sample, a millisecond later), far more CPU time than the interval holds
        takeFinals(w, slot);
        return w;
    }
    if (t.pid != w.pid || t.tid != w.tid || !t.files) { // first seen, or restarted
        t = Tracked{};
        t.pid = w.pid;
        t.tid = w.tid;
        t.files.emplace(reader_.root(), w.pid, w.tid);
    }
    const std::uint32_t blockCalls = slot.blockCalls.load(std::memory_order_relaxed);
    const std::uint32_t batches = slot.pubBatches.load(std::memory_order_relaxed);
    if (asleepInTheSameCall(t, w, blockCalls, batches) && t.ticksSkipped < skipAtMost_) {
        ++t.ticksSkipped;
        return w; // everything as at the last reading
    }
    t.ticksSkipped = 0;
    t.blockCalls = blockCalls;
    t.batches = batches;
    readOwnTask(w, t, withStatus);
    if (w.state != '-') takePublished(w, t, slot, startNs);
    return w;
}

// Asleep (S or D) at the last reading, inside a blocking call, and still inside that same
// call with no batch since: it has not come back to its own code, so /proc can only have
// changed by the microseconds of a wake-up inside the call (a timed-out wait that waits
// again) or by a wake-up that has not run yet. Those show at the next reading, at most
// a second later. The slot's word can lie; the cost of believing it is that thread's
// own figures, late.
bool Sampler::asleepInTheSameCall(const Tracked& t, const WorkerSample& w, std::uint32_t blockCalls,
                                  std::uint32_t batches) const
{
    const bool asleep = w.state == 'S' || w.state == 'D';
    return t.sched && t.statRead && asleep && (blockCalls & 1) && blockCalls == t.blockCalls &&
           batches == t.batches;
}

// schedstat moves whenever the thread is put on a CPU, runs, or is taken off one, and
// costs a third of a stat read: it says which threads need more. One that was not on a
// CPU since the last tick cannot have changed its state (but for a wake-up that has not
// run yet), CPU, faults or switch counts, so those are carried.
void Sampler::readOwnTask(WorkerSample& w, Tracked& t, bool withStatus)
{
    const auto sched = t.files->schedstat();
    if (!sched) {
        w.state = '-';
        return;
    }
    auto same = [](const probe::SchedStat& a, const probe::SchedStat& b) {
        return a.runNs == b.runNs && a.waitNs == b.waitNs && a.timeslices == b.timeslices;
    };
    const bool moved = !t.sched || !same(*t.sched, *sched);
    t.sched = sched;
    w.runNs = sched->runNs;
    w.waitNs = sched->waitNs;
    w.timeslices = sched->timeslices;
    if (moved || !t.statRead) {
        const auto st = t.files->stat();
        if (!st) {
            w.state = '-';
            return;
        }
        w.state = st->state;
        w.lastCpu = st->processor;
        w.minorFaults = st->minorFaults;
        w.majorFaults = st->majorFaults;
        t.statRead = true;
    }
    // a switch out of the CPU adds run time, a switch in adds a timeslice
    if (withStatus && (!t.atStatus || !same(*t.atStatus, *sched))) {
        if (const auto c = t.files->ctxSwitches()) {
            w.ctxVoluntary = c->voluntary;
            w.ctxInvoluntary = c->involuntary;
            t.atStatus = sched;
        }
    }
}

namespace {
// CPU time the clock reads themselves may add between two publications
constexpr std::int64_t kPublishSlackNs = 1'000'000;
// how far schedstat's run time may lag the thread's CPU clock: it is brought up to
// date at every scheduler tick (1–10 ms) and when the thread leaves the CPU
constexpr std::int64_t kKernelLagNs = 20'000'000;
} // namespace

const char* implausiblePublication(const PublishedCpu& p, const std::optional<PublishedCpu>& before,
                                   std::uint64_t kernelRunNs, std::int64_t startNs,
                                   std::int64_t nowNs)
{
    if (p.atNs < startNs || p.atNs > nowNs) return "its time of reading lies outside the run";
    if (p.cpuNs < 0 || p.cpuNs > p.atNs - startNs + kPublishSlackNs)
        return "more CPU time than the run has lasted";
    if (before && (p.cpuNs < before->cpuNs || p.atNs < before->atNs || p.batches < before->batches))
        return "its CPU time went backwards";
    if (before && p.cpuNs - before->cpuNs > p.atNs - before->atNs + kPublishSlackNs)
        return "more than a second of CPU time per second";
    if (p.cpuNs > static_cast<std::int64_t>(kernelRunNs) + kKernelLagNs)
        return "more CPU time than the kernel counted";
    return nullptr;
}

// The thread's own CPU clock, read at its last batch, includes the slice it is running;
// schedstat's run time may lag it by a scheduler tick. Whichever is newer counts. A
// publication that cannot be true makes the sampler ignore the slot for the rest of
// the run: its CPU time is then schedstat's alone.
void Sampler::takePublished(WorkerSample& w, Tracked& t, const WorkerSlot& slot,
                            std::int64_t startNs)
{
    if (t.distrusted) return;
    const auto p = readPublished(slot);
    // read after the slot: a worker may publish while the tick reads the others
    const std::int64_t nowNs = monotonicNs();
    if (!p || p->batches == 0) return;
    if (t.published && *p == *t.published) {
        w.runNs = std::max(w.runNs, static_cast<std::uint64_t>(p->cpuNs));
        return;
    }
    if (const char* why = implausiblePublication(*p, t.published, w.runNs, startNs, nowNs)) {
        t.distrusted = true;
        notes_.emplace_back(w.index, std::string("published CPU time refused (") + why +
                                         "); its CPU time is read from /proc from now on");
        return;
    }
    t.published = p;
    w.runNs = std::max(w.runNs, static_cast<std::uint64_t>(p->cpuNs));
}

std::vector<std::pair<int, std::string>> Sampler::takeNotes()
{
    return std::exchange(notes_, {});
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
    // a moment before any worker existed: t counts from the leader's spawn
    const std::int64_t startNs = monotonicNs() - static_cast<std::int64_t>(t * 1e9) - 1'000'000;
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
            s.workers.push_back(readWorker(block, i, withStatus, startNs));
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
