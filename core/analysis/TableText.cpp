// The measured table's words: each side's answer with its spread, the claim as quoted,
// the reason for a tie or a difference, and the JSON `corelab table --json` writes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include <nlohmann/json.hpp>

#include "analysis/Format.h"
#include "analysis/Table.h"

namespace corelab {

namespace {

std::string quoted(const std::string& s)
{
    return "\u201c" + s + "\u201d";
}

// A value of the row's answering figure.
std::string valueText(const TableRow& row, double v)
{
    if (std::isnan(v)) return "not measured";
    if (row.preset.table.answer == TableAnswer::SpeedUp) return formatRatio(v);
    if (row.preset.table.answer == TableAnswer::Distinct)
        return std::to_string(static_cast<long long>(v)) + (v == 1 ? " outcome" : " outcomes");
    return formatValue(v, row.unit);
}

std::string runsText(int n)
{
    return std::to_string(n) + (n == 1 ? " run" : " runs");
}

std::string rangeText(const TableRow& row, const TableSide& s)
{
    const std::string lo = valueText(row, s.lo), hi = valueText(row, s.hi);
    return lo == hi ? "all " + lo : lo + " \u2013 " + hi;
}

// A side that gave a reading in only some of its runs, in words.
std::string unmeasuredText(const TableRow& row, const TableSide& s)
{
    const std::string of = std::to_string(s.unmeasured) + " of " + std::to_string(s.values.size()) +
                           " " + s.label + " ";
    switch (row.preset.table.answer) {
    case TableAnswer::Distinct:
        return of + "runs ended before their workers finished counting and are not counted";
    case TableAnswer::SpeedUp:
        return of + "repeats lack a throughput at one of the counts";
    default:
        break;
    }
    if (row.unit == "B")
        return of + "runs were too short for a memory sample while all their workers ran";
    return of + "runs did not measure the " + row.figure;
}

// Other programs' load, when it took cores the workers needed in some run.
std::string loadText(const TableRow& row)
{
    std::string during;
    double most = 0;
    for (const TableSide* s : {&row.a, &row.b}) {
        if (s->crowdedRuns == 0) continue;
        during += std::string(during.empty() ? "" : " and ") + std::to_string(s->crowdedRuns) +
                  " of " + std::to_string(s->runs) + " runs of " + s->label;
        most = std::max(most, s->otherLoad);
    }
    if (during.empty()) return "";
    return "measured under load: other programs kept up to " +
           formatValue(most, "cores (/proc/stat)") + " busy during " + during +
           ", taking cores the workers needed";
}

// A side whose runs all ended on one total: complete, or the same updates lost each time.
std::string sameTotalText(const TableSide& s)
{
    double value = kNaN, expected = kNaN;
    for (std::size_t i = 0; i < s.values.size(); ++i)
        if (std::isfinite(s.values[i])) {
            value = s.values[i];
            expected = i < s.expected.size() ? s.expected[i] : kNaN;
        }
    const std::string total = formatValue(value, "increments");
    if (value == expected)
        return "every " + s.label + " run reached all " + total + ": none lost an update";
    if (std::isnan(expected)) return "every " + s.label + " run ended on " + total;
    return "every " + s.label + " run ended on " + total + " of " +
           formatValue(expected, "increments") + ": the same updates lost each time, so the " +
           "count of outcomes cannot show the race here (lost updates do)";
}

// Why the ranges did not part, from the values themselves.
std::string tieText(const TableRow& row)
{
    const TableSide& a = row.a;
    const TableSide& b = row.b;
    if (row.better == Better::Neither)
        return "more or less " + row.figure + " is neither better nor worse";
    if (row.preset.table.answer == TableAnswer::Distinct) {
        if (a.answer != 1 || b.answer != 1) return "both sides gave " + valueText(row, a.answer);
        return sameTotalText(a) + "; " + sameTotalText(b);
    }
    if (a.lo == a.hi && b.lo == b.hi && a.lo == b.lo)
        return "both sides measured exactly " + valueText(row, a.lo);
    std::string text = "the ranges overlap (" + a.label + " " + rangeText(row, a) + ", " + b.label +
                       " " + rangeText(row, b) + ")";
    const double hi = std::max(a.answer, b.answer), lo = std::min(a.answer, b.answer);
    if (lo > 0) text += ": the medians' difference, " + formatRatio(hi / lo) + ",";
    return text + " is within run-to-run spread";
}

void append(std::string& to, const std::string& part)
{
    if (part.empty()) return;
    to += (to.empty() ? "" : "; ") + part;
}

} // namespace

std::string sideText(const TableRow& row, const TableSide& s)
{
    if (std::isnan(s.answer)) return "not measured in " + runsText(s.runs);
    const std::size_t n = s.values.size();
    switch (row.preset.table.answer) {
    case TableAnswer::Distinct:
        return valueText(row, s.answer) + " in " + runsText(s.spread.n) + " (" +
               (s.spread.min == s.spread.max
                    ? "all " + formatValue(s.spread.min, "increments")
                    : formatValue(s.spread.min, "increments") + " \u2013 " +
                          formatValue(s.spread.max, "increments")) +
               ")";
    case TableAnswer::SpeedUp:
        return valueText(row, s.answer) + " (" + rangeText(row, s) + ", " + std::to_string(n) +
               (n == 1 ? " repeat)" : " repeats)");
    default:
        if (s.spread.n == 1) return valueText(row, s.answer) + " (1 run)";
        return valueText(row, s.answer) + " (" + rangeText(row, s) + ", " + runsText(s.spread.n) +
               ")";
    }
}

std::string claimText(const ArticleClaim& c)
{
    if (c.row.empty()) return quoted(c.whenItWins);
    return "threads " + quoted(c.multithreading) + "; processes " + quoted(c.multiprocessing) +
           "; wins: " + quoted(c.whenItWins);
}

std::string agreementText(const TableRow& row)
{
    if (row.agreement == Agreement::Tie) return "tie (within run-to-run spread)";
    return toString(row.agreement);
}

std::string tableReason(const TableRow& row)
{
    std::string out;
    const bool explain = row.agreement != Agreement::Agrees;
    if (explain && row.agreement == Agreement::NotMeasured)
        for (const TableSide* s : {&row.a, &row.b})
            if (std::isnan(s->answer))
                append(out,
                       s->runs == 0 ? s->label + " has no whole run" : unmeasuredText(row, *s));
    if (explain && row.agreement != Agreement::NotMeasured && row.winner.empty())
        append(out, tieText(row));
    if (row.agreement == Agreement::NoClaim && row.claim && !row.claim->winner.empty())
        append(out,
               "neither side is what the article's winner (" + row.claim->winner + ") stands for");
    if (row.agreement == Agreement::Differs)
        append(out, row.winner + " won by ranges that do not overlap (" + row.a.label + " " +
                        rangeText(row, row.a) + ", " + row.b.label + " " + rangeText(row, row.b) +
                        ")");
    for (const TableSide* s : {&row.a, &row.b})
        if (s->unmeasured > 0 && !std::isnan(s->answer)) append(out, unmeasuredText(row, *s));
    append(out, loadText(row));
    if (row.agreement == Agreement::Differs && loadText(row).empty())
        append(out, "no other load took the workers' cores: this is what this machine measures");
    return out;
}

std::string tableHeadline(const TableRow& row)
{
    const TableSide& a = row.a;
    const TableSide& b = row.b;
    std::string text = a.label + " " + valueText(row, a.answer) + " vs " + b.label + " " +
                       valueText(row, b.answer);
    const double hi = std::max(a.answer, b.answer), lo = std::min(a.answer, b.answer);
    if (row.preset.table.answer == TableAnswer::Median && lo > 0 && std::isfinite(hi))
        text += ": " + formatRatio(hi / lo);
    return text;
}

namespace {

nlohmann::json sideJson(const TableRow& row, const TableSide& s, const ExperimentSpec& spec)
{
    auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
    nlohmann::json values = nlohmann::json::array();
    for (double v : s.values)
        values.push_back(number(v));
    nlohmann::json j = {{"label", s.label},
                        {"model", toString(spec.model)},
                        {"answer", number(s.answer)},
                        {"min", number(s.lo)},
                        {"max", number(s.hi)},
                        {"text", sideText(row, s)},
                        {"values", values},
                        {"runs", s.runs},
                        {"unmeasured", s.unmeasured},
                        {"other_busy_cores_max", number(s.otherLoad)},
                        {"runs_under_load", s.crowdedRuns}};
    if (!s.sweep.empty()) {
        j["throughput_by_workers"] = nlohmann::json::array();
        for (const auto& [workers, median] : s.sweep)
            j["throughput_by_workers"].push_back(
                {{"workers", workers}, {"ops_per_s", number(median)}});
    }
    return j;
}

const char* answerKind(TableAnswer a)
{
    return a == TableAnswer::Distinct  ? "distinct"
           : a == TableAnswer::SpeedUp ? "speed-up"
                                       : "median";
}

} // namespace

nlohmann::json tableJson(const std::vector<TableRow>& rows)
{
    nlohmann::json out = nlohmann::json::array();
    for (const TableRow& r : rows) {
        nlohmann::json claim;
        if (r.claim)
            claim = {{"quoted_from",
                      r.claim->row.empty() ? "the article's text" : "the article's table"},
                     {"row", r.claim->row},
                     {"multithreading", r.claim->multithreading},
                     {"multiprocessing", r.claim->multiprocessing},
                     {"when_it_wins", r.claim->whenItWins},
                     {"winner", r.claim->winner}};
        out.push_back({{"aspect", r.preset.aspect},
                       {"title", r.preset.title},
                       {"figure", r.figure},
                       {"unit", r.unit},
                       {"answer", answerKind(r.preset.table.answer)},
                       {"claim", claim},
                       {"a", sideJson(r, r.a, r.preset.a)},
                       {"b", sideJson(r, r.b, r.preset.b)},
                       {"winner", r.winner.empty() ? nlohmann::json() : nlohmann::json(r.winner)},
                       {"agreement", toString(r.agreement)},
                       {"headline", r.headline},
                       {"reason", r.reason}});
    }
    return out;
}

} // namespace corelab
