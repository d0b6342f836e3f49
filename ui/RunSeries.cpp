#include "RunSeries.h"
#include "Text.h"
#include "probe/MachineInfo.h"
#include "record/CoreShare.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace corelab::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// /proc/…/status is refreshed at 5 Hz at most: rates over shorter windows would zigzag
constexpr double kContextSwitchWindowS = 0.19;

} // namespace

void RunSeries::beginLive(const ExperimentSpec& spec, const MachineInfo* machine)
{
    record_ = RunRecord{};
    record_.spec = spec;
    // the machine does not change while the window is open: read it once, not per run
    static const MachineInfo here = readMachineInfo();
    record_.machine = machine ? *machine : here;
    live_ = true;
    clearDerived();
}

void RunSeries::setRecord(RunRecord record)
{
    std::vector<Sample> samples = std::move(record.samples);
    record.samples.clear();
    beginRecord(std::move(record), samples.size());
    for (const auto& s : samples)
        derive(s);
    record_.samples = std::move(samples);
    holdEndedLanes();
    expected_ = 0;
}

void RunSeries::beginRecord(RunRecord head, std::size_t samples)
{
    record_ = std::move(head);
    live_ = false;
    clearDerived();
    expected_ = samples;
    for (const auto& e : record_.events)
        if (e.kind == EventKind::WorkerCrashed) crashed_.insert(e.worker);
}

void RunSeries::deriveBatch(const std::vector<Sample>& batch)
{
    for (const auto& s : batch)
        derive(s);
    // only the latest sample is kept; a finished record given whole replaces it
    if (!batch.empty()) record_.samples.assign(1, batch.back());
}

void RunSeries::loadFile(const std::string& path)
{
    RunSeries loaded;
    RunFileSink sink;
    sink.head = [&loaded](const RunRecord& head, std::size_t samples) {
        loaded.beginRecord(head, samples);
    };
    sink.samples = [&loaded](const std::vector<Sample>& batch) { loaded.deriveBatch(batch); };
    loadRunFile(path, sink);
    loaded.holdEndedLanes();
    loaded.expected_ = 0;
    replaceWith(std::move(loaded));
}

void RunSeries::replaceWith(RunSeries&& other)
{
    const std::uint64_t version = std::max(version_, other.version_);
    *this = std::move(other);
    version_ = version + 1;
}

template <class S> S& RunSeries::seriesOf(std::map<int, S>& series, KeyCache<S>& cache, int key)
{
    const auto slot = static_cast<std::size_t>(key);
    if (key >= 0 && slot < cache.at.size() && cache.at[slot]) return *cache.at[slot];
    const auto [it, made] = series.try_emplace(key);
    if (made) it->second.maxPoints = pointCap_;
    // a loaded run says how many samples come: one allocation per series, no slack
    if (made && expected_ > 0) it->second.reserve(std::min(expected_ + 16, pointCap_ + 1));
    if (key < 0 || key >= (1 << 16)) return it->second; // not a worker or CPU the cache holds
    if (slot >= cache.at.size()) cache.at.resize(slot + 1, nullptr);
    cache.at[slot] = &it->second;
    return it->second;
}

void RunSeries::finishLive(RunRecord record)
{
    if (!live_) return setRecord(std::move(record));
    std::vector<Sample> latest = std::move(record_.samples);
    record_ = std::move(record);
    if (record_.samples.empty()) record_.samples = std::move(latest);
    live_ = false;
    for (const auto& e : record_.events)
        if (e.kind == EventKind::WorkerCrashed) crashed_.insert(e.worker);
    holdEndedLanes();
    ++version_;
}

// A worker that crashed or was stopped stays so for the rest of the run: its lane keeps
// that state to the run's planned end, also where a thread's crash ended the samples.
void RunSeries::holdEndedLanes()
{
    const double step = 1.0 / std::max(1, record_.spec.rateHz);
    // the duration counts from the start barrier, t from the leader's spawn
    double released = 0;
    for (const auto& e : record_.events)
        if (e.kind == EventKind::AllRunning) released = e.t;
    const double end = std::max(released + record_.spec.durationS, lastTime());
    expected_ = 0; // past the samples: the held points grow their series as they must
    lanesMade_ = workerCpuMade_ = false;
    for (auto& [worker, shares] : laneShares_) {
        if (shares.empty()) continue;
        const LaneState last = dominantState(shares.at(shares.size() - 1));
        if (last != LaneState::Crashed && last != LaneState::Stopped) continue;
        LaneShares held{};
        held[static_cast<std::size_t>(last)] = 1;
        for (double t = shares.t.back() + step; t < end + step / 2; t += step)
            shares.push(std::min(t, end), held);
    }
}

const std::map<int, Series>& RunSeries::lanes() const
{
    if (lanesMade_) return lanes_;
    lanes_.clear();
    for (const auto& [worker, shares] : laneShares_) {
        Series& lane = lanes_[worker];
        lane.t = shares.t;
        lane.v.resize(shares.size());
        for (std::size_t i = 0; i < shares.size(); ++i)
            lane.v[i] = static_cast<double>(dominantState(shares.at(i)));
        lane.thinning = shares.thinning;
    }
    lanesMade_ = true;
    return lanes_;
}

const std::map<int, Series>& RunSeries::workerCpu() const
{
    if (workerCpuMade_) return workerCpu_;
    workerCpu_.clear();
    for (const auto& [worker, shares] : laneShares_) {
        Series& cpu = workerCpu_[worker];
        cpu.t = shares.t;
        cpu.v.resize(shares.size());
        for (std::size_t i = 0; i < shares.size(); ++i)
            cpu.v[i] = shares.cpuAt(i) < 0 ? kNaN : shares.cpuAt(i);
        cpu.thinning = shares.thinning;
    }
    workerCpuMade_ = true;
    return workerCpu_;
}

void RunSeries::appendSamples(const std::vector<Sample>& batch)
{
    deriveBatch(batch);
    ++version_;
}

void RunSeries::appendEvents(const std::vector<Event>& batch)
{
    for (const auto& e : batch) {
        record_.events.push_back(e);
        if (e.kind == EventKind::WorkerCrashed) crashed_.insert(e.worker);
    }
    ++version_;
}

double RunSeries::span() const
{
    // a little room after the end, so the last markers and points are not on the frame
    return 1.03 * std::max({record_.spec.durationS, lastTime(), 0.1});
}

double RunSeries::maxGap() const
{
    return rateOptionsFor(record_.spec.rateHz).maxGapS;
}

// Points a series of one CPU or one worker keeps: kPointBudget over the run's 4 series a
// CPU and 4 a worker, between Series::kMinPoints and kMaxPoints. A few CPUs and workers
// keep every sample of a 27-minute run at 10 Hz; 256 CPUs and 256 workers keep 4 096
// points each (an hour at 10 Hz thinned to 0.9 s): the window then holds ~190 MiB after an
// hour instead of a GB (docs/benchmarks.md, bench_soak).
std::size_t RunSeries::pointCap(int cpus, int workers)
{
    const auto series = static_cast<std::size_t>(4 * std::max(cpus, 1) + 4 * std::max(workers, 1));
    return std::clamp(kPointBudget / series, Series::kMinPoints, Series::kMaxPoints);
}

void RunSeries::clearDerived()
{
    ++version_;
    pointCap_ = pointCap(record_.machine.logicalCpus, record_.spec.totalWorkers());
    crashed_.clear();
    expected_ = 0;
    latest_.clear();
    seen_.clear();
    prevT_ = ctxT_ = -1;
    rates_ = RateDeriver(rateOptionsFor(record_.spec.rateHz));
    ctxVolTotal_ = ctxInvolTotal_ = 0;
    shareBase_.reset();
    coreBusy_.clear();
    coreWorkers_.clear();
    coreOther_.clear();
    workerBusy_ = Series{};
    coreWorker_.clear();
    opsPerS_ = rss_ = pss_ = uss_ = ctxVol_ = ctxInvol_ = waitMs_ = Series{};
    workerOpsPerS_.clear();
    lanes_.clear();
    laneShares_.clear();
    workerCpu_.clear();
    lanesMade_ = workerCpuMade_ = false;
    for (auto* cache :
         {&coreBusyOf_, &coreWorkersOf_, &coreOtherOf_, &coreWorkerOf_, &workerOpsOf_})
        cache->at.clear();
    laneSharesOf_.at.clear();
}

void RunSeries::derive(const Sample& s)
{
    const double dt = prevT_ < 0 ? 0 : s.t - prevT_;
    const RateDeriver::Step step = rates_.add(s);
    if (step == RateDeriver::Step::Gap) breakLines(s.t);
    deriveCores(s);
    deriveWorkerShare(s);
    deriveWorkers(s, dt);
    if (step == RateDeriver::Step::Point) pushRates(rates_.point());
    deriveContextSwitches(s);
    deriveMemory(s);
    prevT_ = s.t;
}

void RunSeries::deriveCores(const Sample& s)
{
    // the worker last seen running on each CPU (the last one listed, if several)
    for (const auto& w : s.workers)
        if (w.state == 'R' && w.lastCpu >= 0 && w.lastCpu < kMaxCpus) {
            const auto cpu = static_cast<std::size_t>(w.lastCpu);
            if (cpu >= workerOnCpu_.size()) workerOnCpu_.resize(cpu + 1, -1);
            workerOnCpu_[cpu] = w.index;
        }
    for (const auto& c : s.cores) {
        seriesOf(coreBusy_, coreBusyOf_, c.cpu).push(s.t, 100.0 * c.busy);
        const auto cpu = static_cast<std::size_t>(c.cpu);
        const int worker = c.cpu >= 0 && cpu < workerOnCpu_.size() ? workerOnCpu_[cpu] : -1;
        seriesOf(coreWorker_, coreWorkerOf_, c.cpu).push(s.t, worker < 0 ? kNaN : worker);
    }
    for (const auto& w : s.workers)
        if (w.lastCpu >= 0 && static_cast<std::size_t>(w.lastCpu) < workerOnCpu_.size())
            workerOnCpu_[static_cast<std::size_t>(w.lastCpu)] = -1;
}

// The workers' own share of each CPU over the same interval as the sample's /proc/stat
// reading, and the rest of that reading as other programs' load.
void RunSeries::deriveWorkerShare(const Sample& s)
{
    const std::optional<CoreShare> share =
        shareBase_ ? workerCoreShare(*shareBase_, s, maxGap()) : std::nullopt;
    // only the workers are needed as the next base
    shareBase_.emplace();
    shareBase_->t = s.t;
    shareBase_->workers = s.workers;
    if (share) workerBusy_.push(s.t, share->busyCores());
    auto percentOn = [&](int cpu) {
        if (!share) return kNaN;
        const auto it = share->cpus.find(cpu);
        return it == share->cpus.end() ? 0.0 : 100.0 * it->second;
    };
    for (const auto& c : s.cores) {
        const double mine = percentOn(c.cpu);
        seriesOf(coreWorkers_, coreWorkersOf_, c.cpu).push(s.t, mine);
        seriesOf(coreOther_, coreOtherOf_, c.cpu)
            .push(s.t, std::isnan(mine) ? kNaN : std::max(0.0, 100.0 * c.busy - mine));
    }
    if (!share) return;
    // a CPU /proc/stat did not list this tick (no reading yet, or no interval)
    for (const auto& c : s.cores)
        if (c.cpu >= 0 && c.cpu < kMaxCpus) {
            const auto cpu = static_cast<std::size_t>(c.cpu);
            if (cpu >= cpuListed_.size()) cpuListed_.resize(cpu + 1, 0);
            cpuListed_[cpu] = 1;
        }
    for (const auto& [cpu, v] : share->cpus) {
        const auto slot = static_cast<std::size_t>(cpu);
        const bool listed = cpu >= 0 && slot < cpuListed_.size() && cpuListed_[slot];
        if (!listed) seriesOf(coreWorkers_, coreWorkersOf_, cpu).push(s.t, 100.0 * v);
    }
    for (const auto& c : s.cores)
        if (c.cpu >= 0 && static_cast<std::size_t>(c.cpu) < cpuListed_.size())
            cpuListed_[static_cast<std::size_t>(c.cpu)] = 0;
}

void RunSeries::deriveWorkers(const Sample& s, double dt)
{
    lanesMade_ = workerCpuMade_ = false;
    // threads of one process share its interpreter lock; a lock no other worker wants
    // is never waited for, and its holder is drawn running
    pidsWithLock_.clear();
    for (const auto& w : s.workers)
        if (w.lockHeldNs && w.pid > 0) pidsWithLock_.push_back(w.pid);
    std::sort(pidsWithLock_.begin(), pidsWithLock_.end());
    auto workersOfPid = [&](int pid) {
        const auto [lo, hi] = std::equal_range(pidsWithLock_.begin(), pidsWithLock_.end(), pid);
        return hi - lo;
    };
    for (const auto& w : s.workers) {
        if (w.index < 0) continue; // never in a checked sample
        const auto index = static_cast<std::size_t>(w.index);
        if (index >= latest_.size()) {
            latest_.resize(index + 1);
            seen_.resize(index + 1, 0);
        }
        const WorkerSample* before = seen_[index] ? &latest_[index] : nullptr;
        const bool crashed = crashed_.count(w.index) > 0;
        const bool lockShared = w.lockHeldNs && w.pid > 0 && workersOfPid(w.pid) > 1;
        const LaneShares shares = ui::laneShares(before, w, dt, crashed, lockShared);
        const LaneState lane = dominantState(shares);
        const bool onCpu = lane == LaneState::Running || lane == LaneState::HoldingLock;
        seriesOf(laneShares_, laneSharesOf_, w.index).push(s.t, shares, onCpu ? w.lastCpu : -1);
        latest_[index] = w;
        seen_[index] = 1;
    }
}

void RunSeries::pushRates(const RatePoint& p)
{
    opsPerS_.push(p.t, p.opsPerS);
    waitMs_.push(p.t, p.waitMsPerS);
    for (const auto& [worker, rate] : p.workerOpsPerS)
        seriesOf(workerOpsPerS_, workerOpsOf_, worker).push(p.t, rate);
}

// A NaN point where samples are missing, so no line is drawn across the hole; the
// context-switch window starts afresh after it.
void RunSeries::breakLines(double t)
{
    for (Series* s : {&opsPerS_, &waitMs_, &ctxVol_, &ctxInvol_})
        if (!s->empty()) s->push(t, kNaN);
    for (auto& [worker, s] : workerOpsPerS_)
        if (!s.empty()) s.push(t, kNaN);
    ctxT_ = -1;
}

void RunSeries::deriveContextSwitches(const Sample& s)
{
    double vol = 0, invol = 0;
    for (std::size_t i = 0; i < latest_.size(); ++i)
        if (seen_[i]) {
            vol += static_cast<double>(latest_[i].ctxVoluntary);
            invol += static_cast<double>(latest_[i].ctxInvoluntary);
        }
    if (ctxT_ < 0) {
        ctxT_ = s.t;
        ctxVolTotal_ = vol;
        ctxInvolTotal_ = invol;
        return;
    }
    const double dt = s.t - ctxT_;
    if (dt < kContextSwitchWindowS) return;
    ctxVol_.push(s.t, std::max(0.0, vol - ctxVolTotal_) / dt);
    ctxInvol_.push(s.t, std::max(0.0, invol - ctxInvolTotal_) / dt);
    ctxT_ = s.t;
    ctxVolTotal_ = vol;
    ctxInvolTotal_ = invol;
}

void RunSeries::deriveMemory(const Sample& s)
{
    if (!s.memory) return;
    rss_.push(s.t, static_cast<double>(s.memory->rssBytes) / kMiB);
    pss_.push(s.t, static_cast<double>(s.memory->pssBytes) / kMiB);
    uss_.push(s.t, static_cast<double>(s.memory->ussBytes) / kMiB);
}

} // namespace corelab::ui
