#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "record/Rates.h"
#include "record/RunRecord.h"
#include "timeline/LaneState.h"

namespace corelab::ui {

// The room a full vector of `size` points grows to: double, but never past maxPoints + 1,
// so a thinned series does not keep twice the room it uses (Series, ShareSeries).
inline std::size_t grownCapacity(std::size_t size, std::size_t maxPoints)
{
    return std::min(std::max<std::size_t>(2 * size, 64), maxPoints + 1);
}

// A time series sorted by t (seconds). A point at t stands for the interval that ends
// at t, since that is how every counter-based figure is measured.
struct Series {
    std::vector<double> t;
    std::vector<double> v;
    int thinning = 1; // how many original points one kept point stands for
    // Past maxPoints points neighbouring intervals are merged in pairs (a time-weighted
    // mean), so a long run's series stay bounded; a screen is far narrower anyway.
    // kMaxPoints for a few series; RunSeries gives runs of many CPUs and workers less
    // (RunSeries::pointCap), down to kMinPoints: after a thinning still 2 048 points,
    // more than a 1920-pixel chart has columns.
    static constexpr std::size_t kMaxPoints = 16384;
    static constexpr std::size_t kMinPoints = 4096;
    std::size_t maxPoints = kMaxPoints;
    void push(double time, double value)
    {
        if (t.size() == t.capacity()) reserve(grownCapacity(t.size(), maxPoints));
        t.push_back(time);
        v.push_back(value);
        if (t.size() > maxPoints) thin();
    }
    void thin();
    void reserve(std::size_t n)
    {
        t.reserve(n);
        v.reserve(n);
    }
    bool empty() const { return t.empty(); }
    // Largest value, ignoring NaN; 0 for an empty series.
    double maxValue() const;
    std::size_t size() const { return t.size(); }
    // Value of the point whose interval covers `time` (the first point at or after it,
    // no further than maxGap seconds away); NaN when none.
    double valueCovering(double time, double maxGap) const;
};

// Per worker: every sample interval's LaneShares, at the interval's end (as Series), and
// the CPU the worker ran on when it was drawn running. The shares are kept in 1/65535ths:
// 26 bytes a point with its time and CPU, where floats and two more series (the dominant
// state, the CPU) took 72. 512 workers × 10 minutes at 10 Hz is 3 M points, and no lane
// is drawn finer than 1/65535.
struct ShareSeries {
    std::vector<double> t;
    int thinning = 1; // as Series: past maxPoints neighbouring intervals are merged
    std::size_t maxPoints = Series::kMaxPoints;
    // `cpu`: where the worker ran, when it ran (running or holding the lock); else -1
    void push(double time, const LaneShares& shares, int cpu = -1);
    // The shares of point i, as pushed to within 1/65535 each.
    LaneShares at(std::size_t i) const;
    // The CPU of point i, or -1.
    int cpuAt(std::size_t i) const { return cpu_[i]; }
    // sum += at(i)
    void addTo(std::size_t i, LaneShares& sum) const;
    bool empty() const { return t.empty(); }
    std::size_t size() const { return t.size(); }
    void reserve(std::size_t n);
    // Index of the point whose interval covers `time` (as Series::valueCovering), or -1.
    std::ptrdiff_t covering(double time, double maxGap) const;

private:
    using Packed = std::array<std::uint16_t, kLaneStateCount>;
    static Packed pack(const LaneShares& shares);
    std::vector<Packed> packed_;
    std::vector<std::int16_t> cpu_;
};

// Where a map<int, S> keeps each key's S, by key: a vector index instead of a search per
// worker per sample. Map nodes stay put when the map moves, so the cache moves with it;
// a copy starts empty and finds its own map's nodes again.
template <class S> struct KeyCache {
    std::vector<S*> at;
    KeyCache() = default;
    KeyCache(const KeyCache&) {}
    KeyCache& operator=(const KeyCache&)
    {
        at.clear();
        return *this;
    }
    KeyCache(KeyCache&&) = default;
    KeyCache& operator=(KeyCache&&) = default;
    ~KeyCache() = default;
};

// One run as the timeline sees it: spec, machine, events and (live) the latest sample,
// or the complete record of a finished run, plus the figures each panel draws, derived
// once per sample (deltas of cumulative counters, in display units). Live samples are
// not kept: the engine's record holds them, and the derived series are bounded.
class RunSeries {
public:
    // `machine`: where the samples come from when it is not this machine (synthetic runs)
    void beginLive(const ExperimentSpec& spec, const MachineInfo* machine = nullptr);
    void appendSamples(const std::vector<Sample>& batch);
    void appendEvents(const std::vector<Event>& batch);
    // Replaces everything with a complete record (a finished run).
    void setRecord(RunRecord record);
    // Ends a live run with its finished record without deriving its samples again (the
    // live series have them; a long run's record holds none, record.spool has them):
    // takes its events, summary and spool, keeps the latest sample when the record has
    // none (a save writes from the spool), and holds ended lanes as setRecord does. Not
    // live: setRecord.
    void finishLive(RunRecord record);
    // Replaces everything with the run in a file (either layout), read chunk by chunk:
    // the samples are derived as they are read and not kept, so record().samples holds
    // only the last one. Every series is as setRecord(loadRunFile(path)) makes it.
    // Throws as loadRunFile does, and then leaves this one as it was.
    void loadFile(const std::string& path);
    // Takes `other` over (a run loaded on another thread); views see a new version.
    void replaceWith(RunSeries&& other);

    // Spec, machine, summary and events; the samples of a live run or a loaded file
    // are not kept (only the latest), those of a finished run given to setRecord are.
    const RunRecord& record() const { return record_; }
    bool live() const { return live_; }
    double lastTime() const { return record_.samples.empty() ? 0 : record_.samples.back().t; }
    // Longest span worth showing: the planned duration or what was measured.
    double span() const;
    // Bumped on every change, so views redraw only when something moved.
    std::uint64_t version() const { return version_; }
    // Largest gap between samples that still counts as continuous (s).
    double maxGap() const;
    // The most points one CPU's or one worker's series keeps (Series::maxPoints): the
    // window's memory grows with the run's CPUs and workers only up to kPointBudget points.
    static constexpr std::size_t kPointBudget = 8 * 1024 * 1024;
    static std::size_t pointCap(int cpus, int workers);

    // Per CPU, busy % of every program on the machine (/proc/stat, 10 ms ticks).
    const std::map<int, Series>& coreBusyPercent() const { return coreBusy_; }
    // Per CPU, the workers' own busy % (record/CoreShare: schedstat run time on the CPU
    // each worker was last seen on); NaN over a sampling hole.
    const std::map<int, Series>& coreWorkersPercent() const { return coreWorkers_; }
    // Per CPU, the rest of /proc/stat's busy %: other programs (never below 0; /proc/stat
    // moves in 10 ms ticks, so a short interval can read less than the workers' share).
    const std::map<int, Series>& coreOtherPercent() const { return coreOther_; }
    // The workers' own busy cores per interval (Σ of their run time / interval).
    const Series& workerBusyCores() const { return workerBusy_; }
    const std::map<int, Series>& coreWorker() const { return coreWorker_; }
    const Series& opsPerS() const { return opsPerS_; }
    const std::map<int, Series>& workerOpsPerS() const { return workerOpsPerS_; }
    const Series& rssMiB() const { return rss_; }
    const Series& pssMiB() const { return pss_; }
    const Series& ussMiB() const { return uss_; }
    const Series& ctxVoluntaryPerS() const { return ctxVol_; }
    const Series& ctxInvoluntaryPerS() const { return ctxInvol_; }
    const Series& runqueueWaitMsPerS() const { return waitMs_; }
    // the state with the largest share of each interval (LaneState as double); made
    // from laneShares() when asked for (the views draw the shares)
    const std::map<int, Series>& lanes() const;
    // what each worker did in each interval, state by state: what the lanes draw
    const std::map<int, ShareSeries>& laneShares() const { return laneShares_; }
    // CPU a worker ran on while its lane says running; NaN otherwise (made from
    // laneShares() when asked for, as lanes())
    const std::map<int, Series>& workerCpu() const;

private:
    void clearDerived();
    // A finished run's head (no samples); `samples` of them follow through derive().
    void beginRecord(RunRecord head, std::size_t samples);
    void deriveBatch(const std::vector<Sample>& batch);
    void holdEndedLanes();
    // The series of `key` (a worker index or CPU id) in `series`, made when new and
    // sized for the samples still expected; `cache` finds it again without a search.
    template <class S> S& seriesOf(std::map<int, S>& series, KeyCache<S>& cache, int key);
    void derive(const Sample& s);
    void deriveCores(const Sample& s);
    void deriveWorkerShare(const Sample& s);
    void deriveWorkers(const Sample& s, double dt);
    void pushRates(const RatePoint& p);
    void breakLines(double t);
    void deriveContextSwitches(const Sample& s);
    void deriveMemory(const Sample& s);

    RunRecord record_;
    bool live_ = false;
    std::uint64_t version_ = 0;
    std::set<int> crashed_;
    std::size_t expected_ = 0; // samples a loaded run holds, to size each series once
    std::size_t pointCap_ = Series::kMaxPoints;
    // last seen state of every worker, by index (seen_: whether there is one)
    std::vector<WorkerSample> latest_;
    std::vector<char> seen_;
    std::vector<int> workerOnCpu_;  // scratch of deriveCores, by CPU id: worker or -1
    std::vector<char> cpuListed_;   // scratch of deriveWorkerShare, by CPU id
    std::vector<int> pidsWithLock_; // scratch of deriveWorkers
    double prevT_ = -1;
    std::optional<Sample> shareBase_; // the previous sample's workers, for their CPU share
    RateDeriver rates_{RateOptions{}};
    double ctxT_ = -1;
    double ctxVolTotal_ = 0, ctxInvolTotal_ = 0;

    std::map<int, Series> coreBusy_;
    std::map<int, Series> coreWorkers_, coreOther_;
    Series workerBusy_;
    std::map<int, Series> coreWorker_; // worker index that last ran on the core, or NaN
    Series opsPerS_;
    std::map<int, Series> workerOpsPerS_;
    Series rss_, pss_, uss_;
    Series ctxVol_, ctxInvol_, waitMs_;
    std::map<int, ShareSeries> laneShares_;
    // made from laneShares_ on demand, until it changes
    mutable std::map<int, Series> lanes_, workerCpu_;
    mutable bool lanesMade_ = false, workerCpuMade_ = false;
    // where each of the maps above keeps a key's series (map nodes do not move)
    KeyCache<Series> coreBusyOf_, coreWorkersOf_, coreOtherOf_, coreWorkerOf_;
    KeyCache<Series> workerOpsOf_;
    KeyCache<ShareSeries> laneSharesOf_;
};

} // namespace corelab::ui
