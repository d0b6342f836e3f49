#include "analysis/Compare.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "analysis/FigureWords.h"
#include "analysis/Format.h"
#include "analysis/OtherLoad.h"
#include "catalogue/Catalogue.h"
#include "record/Summarize.h"
#include "record/SummaryFigures.h"

namespace corelab {

namespace {

struct Aspect {
    std::string name, unit, source;
    double a, b;
    Better better;
    std::string verb;  // "did", "used", … for the sentence
    std::string words; // the name as the sentence says it; empty: the name itself
    const std::string& said() const { return words.empty() ? name : words; }
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
        return lo > 0 ? winner + " " + x.verb + " " + formatRatio(hi / lo) + " the " + x.said()
                      : "Only " + winner + " " + x.verb + " any " + x.said();
    if (lo > 0)
        return winner + " " + x.verb + " less " + x.said() + ": " + loser + " " + x.verb + " " +
               formatRatio(hi / lo) + " as much";
    return winner + " " + x.verb + " no " + x.said() + ", " + loser + " did";
}

// A figure one run did not measure (NaN) is named, never judged: "0 B" would read as
// a measurement and win the row.
VerdictRow notMeasured(const Aspect& x, const std::string& la, const std::string& lb)
{
    VerdictRow row{x.name, x.unit, x.a, x.b, 0, "", "", x.source};
    const bool na = std::isnan(x.a), nb = std::isnan(x.b);
    const std::string runs = na && nb ? "either run" : na ? la : lb;
    const std::string other = na && nb ? ""
                              : na     ? " (" + lb + " " + formatValue(x.b, x.unit) + ")"
                                       : " (" + la + " " + formatValue(x.a, x.unit) + ")";
    row.sentence = x.said() + " not measured in " + runs + other +
                   ": no reading fell while all its workers ran, "
                   "so the runs are not compared on it.";
    return row;
}

// A yes/no figure has no ratio: "pinned to one CPU: no in both runs".
VerdictRow judgeFlag(const Aspect& x, const std::string& la, const std::string& lb)
{
    VerdictRow row{x.name, x.unit, x.a, x.b, 0, "", "", x.source};
    const std::string va = formatValue(x.a, x.unit), vb = formatValue(x.b, x.unit);
    row.sentence =
        x.said() + ": " +
        (va == vb ? va + " in both runs." : va + " in " + la + ", " + vb + " in " + lb + ".");
    return row;
}

VerdictRow judge(const Aspect& x, const std::string& la, const std::string& lb)
{
    if (std::isnan(x.a) || std::isnan(x.b)) return notMeasured(x, la, lb);
    if (x.unit == "yes=1/no=0") return judgeFlag(x, la, lb);
    VerdictRow row{x.name, x.unit, x.a, x.b, x.a != 0 ? x.b / x.a : 0, "", "", x.source};
    const std::string values = valuesText(x, la, lb);
    const double hi = std::max(x.a, x.b), lo = std::min(x.a, x.b);
    const bool tie = hi == 0 || (lo > 0 && hi / lo < kTieRatio);
    if (tie) {
        row.sentence = "About the same " + x.said() + values + ".";
    } else if (x.better == Better::Neither) {
        const std::string& more = x.a > x.b ? la : lb;
        row.sentence =
            lo > 0 ? more + " had " + formatRatio(hi / lo) + " the " + x.said() + values + "."
                   : "Only " + more + " had any " + x.said() + values + ".";
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

// Other programs' load during each run. When it crowded a run the row comes first:
// every other figure of that run is then partly the machine's doing, not the model's.
void addOtherLoad(std::vector<VerdictRow>& rows, const RunRecord& a, const RunRecord& b,
                  const std::string& la, const std::string& lb)
{
    const double oa = otherBusyCores(a.summary), ob = otherBusyCores(b.summary);
    const SummaryFigure& f = *findSummaryFigure("other_busy_cores");
    if (std::isnan(oa) || std::isnan(ob)) {
        rows.push_back(
            notMeasured({f.words, f.unit, f.source, oa, ob, f.better, f.verb, {}}, la, lb));
        return;
    }
    // no ratio: two small loads (0.04 against 0.003 cores) would make a large, empty one
    VerdictRow row{f.words, f.unit, oa, ob, 0, "", "", f.source};
    const std::string most = formatValue(std::max(oa, ob), row.unit);
    const bool ca = crowdedByOthers(a), cb = crowdedByOthers(b);
    // the observer's own share, which the others' figure leaves out
    std::string own;
    if (a.summary.observerBusyCores || b.summary.observerBusyCores)
        own = " CoreLab itself (engine, sampler, window) took up to " +
              formatValue(std::max(a.summary.observerBusyCores.value_or(0),
                                   b.summary.observerBusyCores.value_or(0)),
                          "cores") +
              ".";
    if (!ca && !cb) {
        row.sentence = "Other processes kept at most " + most +
                       ": they left the workers the cores they needed." + own;
        rows.push_back(row);
        return;
    }
    const std::string during = ca && cb ? "both runs" : ca ? la : lb;
    row.sentence = "Other processes kept up to " + most + " (of " +
                   std::to_string(std::max(a.machine.usableCpus, 1)) + ") during " + during +
                   ", taking cores the workers needed: CPU use and throughput are lower than "
                   "this machine gives. Run again when it is quiet." +
                   own;
    rows.insert(rows.begin(), row);
}

// A verdict row for every summary figure the catalogue shows in verdicts and either
// run has.
std::vector<Aspect> summaryAspects(const Summary& a, const Summary& b)
{
    std::vector<Aspect> out;
    for (const SummaryFigure& f : summaryFigures()) {
        if (!(f.shownIn & kInVerdict)) continue;
        if (f.applies && !f.applies(a) && !f.applies(b)) continue;
        out.push_back({f.words, f.unit, f.source, f.value(a), f.value(b), f.better, f.verb, {}});
    }
    return out;
}

} // namespace

namespace {

// A choice's own words ("threads (pthread_create)", "fork") or "sync=mutex" for a
// choice parameter, "rounds=64" for a number.
std::string paramLabel(const ExperimentSpec& s, const std::string& name, double value)
{
    if (const WorkloadInfo* w = findWorkload(s.workload))
        for (const ParamInfo& p : w->params)
            if (p.name == name && value >= 0 && value < p.choices.size()) {
                const auto i = static_cast<std::size_t>(value);
                return i < p.choiceWords.size() ? p.choiceWords[i] : name + "=" + p.choices[i];
            }
    char text[64];
    std::snprintf(text, sizeof text, "%s=%g", name.c_str(), value);
    return text;
}

} // namespace

std::string verdictCell(const VerdictRow& row, double value)
{
    return std::isnan(value) ? "not measured" : formatValue(value, row.unit);
}

std::string ratioText(const VerdictRow& row)
{
    // a ratio of 0 with B not 0 is a row written without one (other programs' load)
    if (row.aspect.empty() || row.a == 0 || std::isnan(row.a) || std::isnan(row.b) ||
        row.unit == "yes=1/no=0" || (row.ratio == 0 && row.b != 0))
        return "–";
    return formatRatio(row.ratio);
}

std::string sideLabel(const ExperimentSpec& a, const ExperimentSpec& b, const char* fallback)
{
    if (a.model != b.model) return toString(a.model);
    // same model: name the run by the first thing that sets it apart
    if (a.workers != b.workers) return formatValue(a.workers, "workers");
    for (const auto& [name, value] : a.params)
        if (auto it = b.params.find(name); it != b.params.end() && it->second != value)
            return paramLabel(a, name, value);
    if (a.spawn != b.spawn) return toString(a.spawn);
    if (a.threadsPerProcess != b.threadsPerProcess)
        return formatValue(a.threadsPerProcess, "threads") + " per process";
    if (a.interpreterLock != b.interpreterLock)
        return a.interpreterLock ? "interpreter lock" : "no interpreter lock";
    return fallback;
}

std::string runLabel(const RunRecord& run, const RunRecord& other, const char* fallback)
{
    return sideLabel(run.spec, other.spec, fallback);
}

std::string comparisonStem(const ExperimentSpec& a, const ExperimentSpec& b)
{
    std::string stem = a.workload + "-" + sideLabel(a, b, "a") + "-vs-" + sideLabel(b, a, "b");
    std::string out;
    for (const char c : stem) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.';
        if (keep)
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::vector<VerdictRow> compareRuns(const RunRecord& a, const RunRecord& b)
{
    const std::string la = runLabel(a, b, "A"), lb = runLabel(b, a, "B");
    std::vector<VerdictRow> rows;
    for (const Aspect& x : summaryAspects(a.summary, b.summary))
        rows.push_back(judge(x, la, lb));
    explainThroughput(rows.front(), a.summary, b.summary, la, lb);
    const WorkloadInfo* workload = findWorkload(a.spec.workload);
    for (const auto& [key, va] : a.summary.figures) {
        auto it = b.summary.figures.find(key);
        if (it == b.summary.figures.end()) continue;
        const FigureInfo info = describeFigure(key, workload);
        rows.push_back(judge({key, info.unit, "workload figure (docs/workloads/)", va, it->second,
                              info.better, "had", figureWords(key)},
                             la, lb));
    }
    addOtherLoad(rows, a, b, la, lb);
    return rows;
}

} // namespace corelab
