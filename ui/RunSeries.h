#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "record/Rates.h"
#include "record/RunRecord.h"
#include "timeline/LaneState.h"

namespace corelab::ui {

// A time series sorted by t (seconds). A point at t stands for the interval that ends
// at t, since that is how every counter-based figure is measured.
struct Series {
    std::vector<double> t;
    std::vector<double> v;
    int thinning = 1; // how many original points one kept point stands for
    // Past this many points every other point is dropped, so a long run's series
    // stay bounded; a screen is far narrower than this anyway.
    static constexpr std::size_t kMaxPoints = 16384;
    void push(double time, double value)
    {
        t.push_back(time);
        v.push_back(value);
        if (t.size() > kMaxPoints) thin();
    }
    void thin();
    bool empty() const { return t.empty(); }
    // Largest value, ignoring NaN; 0 for an empty series.
    double maxValue() const;
    std::size_t size() const { return t.size(); }
    // Value of the point whose interval covers `time` (the first point at or after it,
    // no further than maxGap seconds away); NaN when none.
    double valueCovering(double time, double maxGap) const;
};

// Per worker: every sample interval's LaneShares, at the interval's end (as Series).
struct ShareSeries {
    std::vector<double> t;
    std::vector<LaneShares> v;
    int thinning = 1; // as Series: past kMaxPoints neighbouring intervals are merged
    void push(double time, const LaneShares& shares);
    bool empty() const { return t.empty(); }
    std::size_t size() const { return t.size(); }
    // Index of the point whose interval covers `time` (as Series::valueCovering), or -1.
    std::ptrdiff_t covering(double time, double maxGap) const;
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
    // Replaces everything with a complete record (a finished or loaded run).
    void setRecord(RunRecord record);
    // Ends a live run with its finished record without deriving its samples again (the
    // live series have them; a long run's record holds none, record.spool has them):
    // takes its events, summary and spool, keeps the latest sample when the record has
    // none (a save writes from the spool), and holds ended lanes as setRecord does. Not
    // live: setRecord.
    void finishLive(RunRecord record);

    const RunRecord& record() const { return record_; }
    bool live() const { return live_; }
    double lastTime() const { return record_.samples.empty() ? 0 : record_.samples.back().t; }
    // Longest span worth showing: the planned duration or what was measured.
    double span() const;
    // Bumped on every change, so views redraw only when something moved.
    std::uint64_t version() const { return version_; }
    // Largest gap between samples that still counts as continuous (s).
    double maxGap() const;

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
    // the state with the largest share of each interval (LaneState as double)
    const std::map<int, Series>& lanes() const { return lanes_; }
    // what each worker did in each interval, state by state: what the lanes draw
    const std::map<int, ShareSeries>& laneShares() const { return laneShares_; }
    // CPU a worker ran on while its lane says running; NaN otherwise
    const std::map<int, Series>& workerCpu() const { return workerCpu_; }

private:
    void clearDerived();
    void holdEndedLanes();
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
    std::map<int, WorkerSample> latest_; // last seen state of every worker, by index
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
    std::map<int, Series> lanes_;
    std::map<int, ShareSeries> laneShares_;
    std::map<int, Series> workerCpu_;
};

} // namespace corelab::ui
