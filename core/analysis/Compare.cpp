#include "analysis/Compare.h"

#include <algorithm>
#include <cstdio>

#include "analysis/Format.h"
#include "catalogue/Catalogue.h"
#include "record/Summarize.h"

namespace corelab {

namespace {

struct Aspect {
    std::string name, unit, source;
    double a, b;
    Better better;
    std::string verb; // "did", "used", … for the sentence
};

std::string valuesText(const Aspect& x, const std::string& la, const std::string& lb)
{
    return " (" + la + " " + formatValue(x.a, x.unit) + ", " + lb + " " + formatValue(x.b, x.unit) +
           ")";
}

std::string sentenceFor(const Aspect& x, bool aWins, const std::string& la, const std::string& lb)
{
    const std::string& winner = aWins ? la : lb;
    const std::string& loser = aWins ? lb : la;
    const double hi = std::max(x.a, x.b), lo = std::min(x.a, x.b);
    if (x.better == Better::Higher)
        return lo > 0 ? winner + " " + x.verb + " " + formatRatio(hi / lo) + " the " + x.name
                      : "Only " + winner + " " + x.verb + " any " + x.name;
    if (lo > 0)
        return winner + " " + x.verb + " less " + x.name + ": " + loser + " " + x.verb + " " +
               formatRatio(hi / lo) + " as much";
    return winner + " " + x.verb + " no " + x.name + ", " + loser + " did";
}

VerdictRow judge(const Aspect& x, const std::string& la, const std::string& lb)
{
    VerdictRow row{x.name, x.unit, x.a, x.b, x.a != 0 ? x.b / x.a : 0, "", "", x.source};
    const std::string values = valuesText(x, la, lb);
    const double hi = std::max(x.a, x.b), lo = std::min(x.a, x.b);
    const bool tie = hi == 0 || (lo > 0 && hi / lo < kTieRatio);
    if (tie) {
        row.sentence = "About the same " + x.name + values + ".";
    } else if (x.better == Better::Neither) {
        const std::string& more = x.a > x.b ? la : lb;
        row.sentence = lo > 0
                           ? more + " had " + formatRatio(hi / lo) + " the " + x.name + values + "."
                           : "Only " + more + " had any " + x.name + values + ".";
    } else {
        const bool aWins = (x.better == Better::Higher) == (x.a > x.b);
        row.winner = aWins ? la : lb;
        row.sentence = sentenceFor(x, aWins, la, lb) + values + ".";
    }
    return row;
}

// The throughput sentence says how many cores each run kept busy: that is usually why.
void explainThroughput(VerdictRow& row, const Summary& a, const Summary& b, const std::string& la,
                       const std::string& lb)
{
    const double hi = std::max(a.busyCoresMean, b.busyCoresMean);
    const double lo = std::min(a.busyCoresMean, b.busyCoresMean);
    if (row.winner.empty() || lo <= 0 || hi / lo < kTieRatio) return;
    char text[160];
    std::snprintf(text, sizeof text, " The %s workers kept %.1f cores busy, the %s workers %.1f.",
                  la.c_str(), a.busyCoresMean, lb.c_str(), b.busyCoresMean);
    row.sentence += text;
    if (a.figures.count("lock_wait_s") || b.figures.count("lock_wait_s"))
        row.sentence += " Threads of one process take turns holding its interpreter lock.";
}

// Did other programs take cores this run's workers needed? Only then are its CPU use
// and throughput below what the machine gives: its workers and the others together
// wanted more cores than there are (a quarter core of slack for the sampling). Below
// half a core of others the loss is within a run's own noise (kTieRatio on two
// cores), and CoreLab's own window takes a few tenths while it draws.
bool crowded(const RunRecord& r)
{
    const double usable = std::max(1, r.machine.usableCpus);
    const double other = otherBusyCores(r.summary);
    return other >= 0.5 && other + std::min<double>(r.summary.workers, usable) > usable + 0.25;
}

// Other programs' load during each run. When it crowded a run the row comes first:
// every other figure of that run is then partly the machine's doing, not the model's.
void addOtherLoad(std::vector<VerdictRow>& rows, const RunRecord& a, const RunRecord& b,
                  const std::string& la, const std::string& lb)
{
    const double oa = otherBusyCores(a.summary), ob = otherBusyCores(b.summary);
    VerdictRow row{"other load",
                   "cores (/proc/stat)",
                   oa,
                   ob,
                   oa > 0 ? ob / oa : 0,
                   "",
                   "",
                   "/proc/stat busy cores − the workers' CPU time"};
    const std::string most = formatValue(std::max(oa, ob), row.unit);
    const bool ca = crowded(a), cb = crowded(b);
    if (!ca && !cb) {
        row.sentence = "Other processes kept at most " + most +
                       ": they left the workers the cores they needed.";
        rows.push_back(row);
        return;
    }
    const std::string during = ca && cb ? "both runs" : ca ? la : lb;
    row.sentence = "Other processes kept up to " + most + " (of " +
                   std::to_string(std::max(a.machine.usableCpus, 1)) + ") during " + during +
                   ", taking cores the workers needed: CPU use and throughput are lower than "
                   "this machine gives. Run again when it is quiet.";
    rows.insert(rows.begin(), row);
}

Better directionOf(const std::string& key)
{
    auto has = [&](const char* part) { return key.find(part) != std::string::npos; };
    if (has("handover") || has("in_flight")) return Better::Neither;
    if (has("lost") || has("latency") || has("wait") || has("_us") || has("_ms") || has("create"))
        return Better::Lower;
    if (has("per_s")) return Better::Higher;
    return Better::Neither;
}

std::vector<Aspect> genericAspects(const Summary& a, const Summary& b)
{
    auto perS = [](double v, const Summary& s) { return s.wallS > 0 ? v / s.wallS : 0; };
    std::vector<Aspect> out = {
        {"throughput", "ops/s", "control block counters / wall time", a.opsPerS, b.opsPerS,
         Better::Higher, "did"},
        {"CPU use", "busy cores", "worker CPU time after start / wall (schedstat, ns)",
         a.busyCoresMean, b.busyCoresMean, Better::Neither, "used"},
        {"peak RSS", "bytes", "smaps_rollup, 2 Hz", double(a.peakRssBytes), double(b.peakRssBytes),
         Better::Lower, "used"},
        {"peak PSS", "bytes", "smaps_rollup, 2 Hz", double(a.peakPssBytes), double(b.peakPssBytes),
         Better::Lower, "used"},
        {"peak USS", "bytes", "smaps_rollup, 2 Hz", double(a.peakUssBytes), double(b.peakUssBytes),
         Better::Lower, "used"},
        {"context switches", "per s", "getrusage per worker thread",
         perS(double(a.ctxVoluntary + a.ctxInvoluntary), a),
         perS(double(b.ctxVoluntary + b.ctxInvoluntary), b), Better::Neither, "made"},
        {"run-queue wait", "s", "schedstat (ns)", a.runqueueWaitS, b.runqueueWaitS, Better::Lower,
         "waited"},
    };
    if (a.workersCrashed || b.workersCrashed)
        out.push_back({"surviving workers", "workers", "worker exit status",
                       double(a.workers - a.workersCrashed), double(b.workers - b.workersCrashed),
                       Better::Higher, "kept"});
    return out;
}

} // namespace

namespace {

// "method=fork" for a choice parameter, "rounds=64" for a number.
std::string paramLabel(const ExperimentSpec& s, const std::string& name, double value)
{
    if (const WorkloadInfo* w = findWorkload(s.workload))
        for (const ParamInfo& p : w->params)
            if (p.name == name && value >= 0 && value < p.choices.size())
                return name + "=" + p.choices[static_cast<std::size_t>(value)];
    char text[64];
    std::snprintf(text, sizeof text, "%s=%g", name.c_str(), value);
    return text;
}

} // namespace

std::string ratioText(const VerdictRow& row)
{
    return row.aspect.empty() || row.a == 0 ? "–" : formatRatio(row.ratio);
}

std::string runLabel(const RunRecord& run, const RunRecord& other, const char* fallback)
{
    const ExperimentSpec& a = run.spec;
    const ExperimentSpec& b = other.spec;
    if (a.model != b.model) return toString(a.model);
    // same model: name the run by the first thing that sets it apart
    if (a.workers != b.workers) return std::to_string(a.workers) + " workers";
    for (const auto& [name, value] : a.params)
        if (auto it = b.params.find(name); it != b.params.end() && it->second != value)
            return paramLabel(a, name, value);
    return fallback;
}

std::vector<VerdictRow> compareRuns(const RunRecord& a, const RunRecord& b)
{
    const std::string la = runLabel(a, b, "A"), lb = runLabel(b, a, "B");
    std::vector<VerdictRow> rows;
    for (const Aspect& x : genericAspects(a.summary, b.summary))
        rows.push_back(judge(x, la, lb));
    explainThroughput(rows.front(), a.summary, b.summary, la, lb);
    for (const auto& [key, va] : a.summary.figures) {
        auto it = b.summary.figures.find(key);
        if (it == b.summary.figures.end()) continue;
        rows.push_back(
            judge({key, describeFigure(key, findWorkload(a.spec.workload)).unit,
                   "workload figure (docs/workloads/)", va, it->second, directionOf(key), "had"},
                  la, lb));
    }
    addOtherLoad(rows, a, b, la, lb);
    return rows;
}

} // namespace corelab
