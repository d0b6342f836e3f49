#include "RunSeries.h"
#include "probe/MachineInfo.h"
#include "record/CoreShare.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace corelab::ui {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// /proc/…/status is refreshed at 5 Hz at most: rates over shorter windows would zigzag
constexpr double kContextSwitchWindowS = 0.19;

} // namespace

double Series::valueCovering(double time, double maxGap) const
{
    const auto it = std::lower_bound(t.begin(), t.end(), time);
    if (it == t.end() || *it - time > maxGap * thinning) return kNaN;
    return v[it - t.begin()];
}

double Series::maxValue() const
{
    double m = 0;
    for (double x : v)
        if (!std::isnan(x)) m = std::max(m, x);
    return m;
}

void Series::thin()
{
    std::size_t kept = 0;
    for (std::size_t i = 0; i < t.size(); i += 2, ++kept) {
        t[kept] = t[i];
        v[kept] = v[i];
    }
    t.resize(kept);
    v.resize(kept);
    thinning *= 2;
}

void ShareSeries::push(double time, const LaneShares& shares)
{
    t.push_back(time);
    v.push_back(shares);
    if (t.size() <= Series::kMaxPoints) return;
    // two neighbouring intervals become one, at the later end, with the mean shares
    std::size_t kept = 0;
    for (std::size_t i = 0; i < t.size(); i += 2, ++kept) {
        const std::size_t last = std::min(i + 1, t.size() - 1);
        LaneShares merged = v[i];
        for (std::size_t k = 0; k < merged.size() && last != i; ++k)
            merged[k] = (v[i][k] + v[last][k]) / 2;
        t[kept] = t[last];
        v[kept] = merged;
    }
    t.resize(kept);
    v.resize(kept);
    thinning *= 2;
}

std::ptrdiff_t ShareSeries::covering(double time, double maxGap) const
{
    const auto it = std::lower_bound(t.begin(), t.end(), time);
    if (it == t.end() || *it - time > maxGap * thinning) return -1;
    return it - t.begin();
}

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
    record_ = std::move(record);
    live_ = false;
    clearDerived();
    for (const auto& e : record_.events)
        if (e.kind == EventKind::WorkerCrashed) crashed_.insert(e.worker);
    for (const auto& s : record_.samples)
        derive(s);
    holdEndedLanes();
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
    for (auto& [worker, lane] : lanes_) {
        if (lane.empty()) continue;
        const double last = lane.v.back();
        if (last != static_cast<double>(LaneState::Crashed) &&
            last != static_cast<double>(LaneState::Stopped))
            continue;
        ShareSeries& shares = laneShares_[worker];
        LaneShares held{};
        held[static_cast<std::size_t>(last)] = 1;
        for (double t = lane.t.back() + step; t < end + step / 2; t += step) {
            lane.push(std::min(t, end), last);
            shares.push(std::min(t, end), held);
        }
    }
}

void RunSeries::appendSamples(const std::vector<Sample>& batch)
{
    for (const auto& s : batch)
        derive(s);
    // only the latest sample is kept live; the finished record replaces it
    if (!batch.empty()) record_.samples.assign(1, batch.back());
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

void RunSeries::clearDerived()
{
    ++version_;
    crashed_.clear();
    latest_.clear();
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
    std::map<int, int> workerOnCpu;
    for (const auto& w : s.workers)
        if (w.state == 'R' && w.lastCpu >= 0) workerOnCpu[w.lastCpu] = w.index;
    for (const auto& c : s.cores) {
        coreBusy_[c.cpu].push(s.t, 100.0 * c.busy);
        const auto it = workerOnCpu.find(c.cpu);
        coreWorker_[c.cpu].push(s.t, it == workerOnCpu.end() ? kNaN : it->second);
    }
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
        coreWorkers_[c.cpu].push(s.t, mine);
        coreOther_[c.cpu].push(s.t, std::isnan(mine) ? kNaN : std::max(0.0, 100.0 * c.busy - mine));
    }
    // a CPU /proc/stat did not list this tick (no reading yet, or no interval)
    if (share)
        for (const auto& [cpu, v] : share->cpus)
            if (std::none_of(s.cores.begin(), s.cores.end(),
                             [cpu = cpu](const CoreSample& c) { return c.cpu == cpu; }))
                coreWorkers_[cpu].push(s.t, 100.0 * v);
}

void RunSeries::deriveWorkers(const Sample& s, double dt)
{
    // threads of one process share its interpreter lock; a lock no other worker wants
    // is never waited for, and its holder is drawn running
    std::map<int, int> workersOfPid;
    for (const auto& w : s.workers)
        if (w.pid > 0) ++workersOfPid[w.pid];
    for (const auto& w : s.workers) {
        const auto prev = latest_.find(w.index);
        const WorkerSample* before = prev == latest_.end() ? nullptr : &prev->second;
        const bool crashed = crashed_.count(w.index) > 0;
        const bool lockShared = w.lockHeldNs && w.pid > 0 && workersOfPid[w.pid] > 1;
        const LaneShares shares = ui::laneShares(before, w, dt, crashed, lockShared);
        const LaneState lane = dominantState(shares);
        lanes_[w.index].push(s.t, static_cast<double>(lane));
        laneShares_[w.index].push(s.t, shares);
        const bool onCpu =
            (lane == LaneState::Running || lane == LaneState::HoldingLock) && w.lastCpu >= 0;
        workerCpu_[w.index].push(s.t, onCpu ? w.lastCpu : kNaN);
        latest_[w.index] = w;
    }
}

void RunSeries::pushRates(const RatePoint& p)
{
    opsPerS_.push(p.t, p.opsPerS);
    waitMs_.push(p.t, p.waitMsPerS);
    for (const auto& [worker, rate] : p.workerOpsPerS)
        workerOpsPerS_[worker].push(p.t, rate);
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
    for (const auto& [index, w] : latest_) {
        vol += static_cast<double>(w.ctxVoluntary);
        invol += static_cast<double>(w.ctxInvoluntary);
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
