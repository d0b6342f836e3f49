#include "analysis/Table.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/Compare.h"
#include "analysis/FigureWords.h"
#include "analysis/Format.h"
#include "analysis/OtherLoad.h"
#include "catalogue/Catalogue.h"
#include "record/Summarize.h"
#include "record/SummaryFigures.h"

namespace corelab {

namespace {

struct Figure {
    std::string words, unit;
    Better better = Better::Neither;
    const SummaryFigure* summary = nullptr; // else a workload figure, by key
    std::string key;
};

// A preset's "figure" is a verdict aspect: a summary figure's words (or key), or a
// workload figure's key. Its words are FigureWords', so the table names it as the
// Compare tab and the answer do.
Figure describe(const Preset& p)
{
    for (const SummaryFigure& f : summaryFigures())
        if (p.figure == f.words || p.figure == f.key)
            return {figureWords(f.key), f.unit, f.better, &f, f.key};
    const FigureInfo info = describeFigure(p.figure, findWorkload(p.a.workload));
    return {figureWords(p.figure), info.unit, info.better, nullptr, p.figure};
}

double valueOf(const Figure& f, const RunRecord& r)
{
    if (f.summary) {
        if (f.summary->applies && !f.summary->applies(r.summary)) return kNaN;
        return f.summary->value(r.summary);
    }
    const auto it = r.summary.figures.find(f.key);
    return it == r.summary.figures.end() ? kNaN : it->second;
}

// The side's label as the verdict names it: its model, or what sets it apart.
std::string labelOf(const ExperimentSpec& side, const ExperimentSpec& other, const char* fallback)
{
    RunRecord a, b;
    a.spec = side;
    b.spec = other;
    return runLabel(a, b, fallback);
}

void noteLoad(TableSide& s, const std::vector<RunRecord>& runs)
{
    for (const RunRecord& r : runs) {
        const double other = otherBusyCores(r.summary);
        if (!std::isnan(other))
            s.otherLoad = std::isnan(s.otherLoad) ? other : std::max(s.otherLoad, other);
        if (crowdedByOthers(r)) ++s.crowdedRuns;
    }
}

void setRange(TableSide& s, std::vector<double> values)
{
    s.values = std::move(values);
    s.spread = spreadOf(s.values);
    s.unmeasured = static_cast<int>(s.values.size()) - s.spread.n;
    if (s.spread.n == 0) return;
    s.answer = s.spread.median;
    s.lo = s.spread.min;
    s.hi = s.spread.max;
}

// Median: the figure of every run.
void medianSide(TableSide& s, const Figure& f, const std::vector<RunRecord>& runs)
{
    std::vector<double> values;
    for (const RunRecord& r : runs)
        values.push_back(valueOf(f, r));
    setRange(s, std::move(values));
}

// Distinct: the figure of every run that did all its work (an unfinished counter stops
// anywhere), and how many different values they gave.
void distinctSide(TableSide& s, const Figure& f, const std::vector<RunRecord>& runs)
{
    std::vector<double> values;
    for (const RunRecord& r : runs) {
        const auto complete = r.summary.figures.find("complete");
        const bool whole = complete == r.summary.figures.end() || complete->second != 0;
        values.push_back(whole ? valueOf(f, r) : kNaN);
        const auto expected = r.summary.figures.find("expected_count");
        s.expected.push_back(expected == r.summary.figures.end() ? kNaN : expected->second);
    }
    setRange(s, std::move(values));
    std::set<double> distinct;
    for (double v : s.values)
        if (std::isfinite(v)) distinct.insert(v);
    if (distinct.empty()) return;
    s.answer = s.lo = s.hi = static_cast<double>(distinct.size());
}

// Speed-up: repeat i at the most workers over repeat i at the fewest, so each ratio
// comes from two runs measured close together.
void speedUpSide(TableSide& s, const Figure& f, const std::vector<RunRecord>& runs,
                 const std::vector<int>& counts)
{
    std::vector<std::vector<double>> at(counts.size());
    for (const RunRecord& r : runs) {
        const auto c = std::find(counts.begin(), counts.end(), r.spec.workers);
        if (c != counts.end())
            at[static_cast<std::size_t>(c - counts.begin())].push_back(valueOf(f, r));
    }
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (!at[i].empty()) s.sweep.emplace_back(counts[i], spreadOf(at[i]).median);
    std::vector<double> ratios;
    for (std::size_t i = 0; i < std::min(at.front().size(), at.back().size()); ++i)
        ratios.push_back(at.front()[i] > 0 ? at.back()[i] / at.front()[i] : kNaN);
    setRange(s, std::move(ratios));
}

TableSide sideOf(const Preset& p, const Figure& f, const std::vector<RunRecord>& runs, bool b)
{
    TableSide s;
    s.label = labelOf(b ? p.b : p.a, b ? p.a : p.b, b ? "B" : "A");
    s.runs = static_cast<int>(runs.size());
    noteLoad(s, runs);
    switch (p.table.answer) {
    case TableAnswer::Median:
        medianSide(s, f, runs);
        break;
    case TableAnswer::Distinct:
        distinctSide(s, f, runs);
        break;
    case TableAnswer::SpeedUp:
        speedUpSide(s, f, runs, p.table.workers);
        break;
    }
    return s;
}

int claimedSide(const TableRow& row)
{
    return row.claim ? claimedWinnerSide(*row.claim, row.preset.a, row.preset.b) : -1;
}

// `v` to the three significant digits every figure is printed with (analysis/Format.h).
double shown(double v)
{
    if (v == 0 || !std::isfinite(v)) return v;
    const double step = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 2);
    return std::round(v / step) * step;
}

void judge(TableRow& row)
{
    const TableSide& a = row.a;
    const TableSide& b = row.b;
    if (std::isnan(a.answer) || std::isnan(b.answer)) {
        row.agreement = Agreement::NotMeasured;
        return;
    }
    // a difference the printed figures cannot show is no difference: PSS of 289.1 and
    // 289.2 MiB both read "289 MiB"
    const bool apart = shown(a.hi) < shown(b.lo) || shown(b.hi) < shown(a.lo);
    if (apart && row.better != Better::Neither) {
        const bool aWins = (row.better == Better::Higher) == (a.answer > b.answer);
        row.winner = aWins ? a.label : b.label;
    }
    const int claimed = claimedSide(row);
    if (claimed < 0)
        row.agreement = Agreement::NoClaim;
    else if (row.winner.empty())
        row.agreement = Agreement::Tie;
    else
        row.agreement =
            (row.winner == a.label) == (claimed == 0) ? Agreement::Agrees : Agreement::Differs;
}

} // namespace

TableOptions tableOptions(bool quick)
{
    return quick ? TableOptions{2, 0.3} : TableOptions{3, 0.6};
}

ExperimentSpec tableSpec(const Preset& preset, const ExperimentSpec& spec, double durationS)
{
    ExperimentSpec s = spec;
    // memory is read at 2 Hz: a shorter run may end before any reading falls in it
    const bool memory = describe(preset).unit == "B";
    const double least = std::max(preset.tableMinS, memory ? kMemoryReadingS : 0.0);
    s.durationS = std::min(spec.durationS, std::max(durationS, least));
    s.crashAtS = std::min(s.crashAtS, s.durationS / 2);
    return s;
}

const char* toString(Agreement a)
{
    switch (a) {
    case Agreement::Agrees:
        return "agrees";
    case Agreement::Differs:
        return "differs";
    case Agreement::Tie:
        return "tie";
    case Agreement::NoClaim:
        return "no claim";
    default:
        return "not measured";
    }
}

std::size_t representativeRun(const Preset& preset, const std::vector<RunRecord>& runs)
{
    if (runs.empty()) return 0;
    const Figure f = describe(preset);
    const bool speedUp =
        preset.table.answer == TableAnswer::SpeedUp && !preset.table.workers.empty();
    std::vector<std::size_t> pool;
    std::vector<double> values;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (speedUp && runs[i].spec.workers != preset.table.workers.back()) continue;
        pool.push_back(i);
        values.push_back(valueOf(f, runs[i]));
    }
    const Spread spread = spreadOf(values);
    if (spread.n == 0) return runs.size() - 1;
    std::size_t best = pool.back();
    double nearest = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < pool.size(); ++k) {
        const double d = std::fabs(values[k] - spread.median);
        if (std::isnan(d) || d > nearest) continue;
        nearest = d;
        best = pool[k];
    }
    return best;
}

TableRow tableRow(const Preset& preset, const std::vector<RunRecord>& a,
                  const std::vector<RunRecord>& b)
{
    TableRow row;
    row.preset = preset;
    if (const ArticleClaim* c = findClaim(preset.aspect)) row.claim = *c;
    const Figure f = describe(preset);
    row.figure = f.words;
    row.unit = f.unit;
    row.better = f.better;
    if (preset.table.answer == TableAnswer::Distinct) {
        row.figure = "distinct " + f.words + "s over the repeats";
        row.unit = "outcomes";
        row.better = Better::Lower;
    } else if (preset.table.answer == TableAnswer::SpeedUp) {
        row.figure = "speed-up of " + f.words + " from " +
                     std::to_string(preset.table.workers.front()) + " to " +
                     std::to_string(preset.table.workers.back()) + " workers";
        row.unit = "×";
        row.better = Better::Higher;
    }
    row.a = sideOf(preset, f, a, false);
    row.b = sideOf(preset, f, b, true);
    judge(row);
    row.reason = tableReason(row);
    row.headline = tableHeadline(row);
    return row;
}

} // namespace corelab
