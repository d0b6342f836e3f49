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

#include "Series.h"
#include "record/Rates.h"
#include "record/RunRecord.h"
#include "timeline/LaneState.h"

namespace corelab::ui {

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
