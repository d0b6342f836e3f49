#include "cli/RepeatCommand.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "analysis/Format.h"
#include "analysis/Spread.h"
#include "cli/CompareCommand.h"
#include "cli/Report.h"
#include "cli/RunOptions.h"
#include "cli/Runner.h"
#include "spec/Describe.h"

namespace corelab::cli {

namespace {

constexpr int kMinTimes = 2, kMaxTimes = 100, kDefaultTimes = 5;
// the counter's final count is the figure whose spread is the point of repeating it
constexpr const char* kCounterFigure = "actual_count";

const char* repeatHelp =
    "usage: corelab repeat [--times N] [run options] [--json] [--out FILE]\n\n"
    "Runs one experiment N times, one run after another (never at the same time), and\n"
    "prints how much each figure varied over the runs: mean, sample standard deviation\n"
    "(divides by n − 1), that sd relative to the mean, min and max. For the counter\n"
    "workload it also draws a histogram of the final counts (actual_count): how many\n"
    "updates a race loses changes from run to run.\n\n"
    "  --times N   runs; 2 … 100 (default 5)\n"
    "  --json      print the result as JSON\n"
    "  --out FILE  write the JSON result to FILE\n"
    "Every option of `corelab run` (see corelab run --help) applies to each run; --csv\n"
    "does not. Ctrl+C stops the current run and prints the spread of the runs that\n"
    "finished before it.\n"
    "Exit codes: 0 ok, 1 a run failed, 2 bad input.\n";

std::string parseTimes(std::vector<std::string>& args, int& times)
{
    std::string error;
    for (const auto& [flag, value] : takeFlags(args, {"--times"}, error)) {
        int n = 0;
        const char* end = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), end, n);
        if (ec != std::errc() || ptr != end || n < kMinTimes || n > kMaxTimes)
            return "--times: '" + value + "' is not a number of runs (2 … 100)";
        times = n;
    }
    return error;
}

// Runs the spec `times` times. Ctrl+C ends the loop; the run it stopped is left out,
// as it is shorter than the others. Returns an exit code when a run failed.
std::optional<int> runAll(const ExperimentSpec& spec, int times, std::vector<RunRecord>& runs)
{
    installInterruptHandler();
    for (int i = 1; i <= times && !interrupted(); ++i) {
        const std::string label = "run " + std::to_string(i) + "/" + std::to_string(times);
        std::string startError;
        auto outcome = runHeadless(spec, label, startError);
        if (!outcome) {
            std::cerr << "corelab repeat: " << startError << "\n";
            return 2;
        }
        if (!outcome->errors.empty()) {
            std::cerr << "corelab repeat: " << label << ": " << outcome->errors.front() << "\n";
            return 1;
        }
        if (interrupted()) break;
        runs.push_back(std::move(outcome->record));
    }
    return std::nullopt;
}

// Bytes read better as MiB in a table; every other unit is shown as it is.
std::pair<double, std::string> displayScale(const std::string& unit)
{
    if (unit == "B") return {1.0 / (1024 * 1024), "MiB"};
    return {1.0, unit};
}

std::string relativeSd(const Spread& s)
{
    if (s.n < 2 || s.mean == 0) return "–";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100 * s.stddev / std::fabs(s.mean));
    return text;
}

std::string formatTable(const std::vector<FigureSpread>& figures, int runs)
{
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "  %-24s %10s %10s %8s %10s %10s  %s\n", "figure", "mean",
                  "± sd", "rel sd", "min", "max", "unit");
    out += line;
    for (const FigureSpread& f : figures) {
        const auto [scale, unit] = displayScale(f.unit);
        const Spread& s = f.spread;
        std::snprintf(line, sizeof line, "  %-24s %10s %10s %8s %10s %10s  %s\n", f.name.c_str(),
                      formatValue(s.mean * scale, "").c_str(),
                      formatValue(s.stddev * scale, "").c_str(), relativeSd(s).c_str(),
                      formatValue(s.min * scale, "").c_str(),
                      formatValue(s.max * scale, "").c_str(), unit.c_str());
        out += line;
    }
    out += "sd: sample standard deviation over " + std::to_string(runs) +
           (runs == 1 ? " run (needs two; shown as 0)" : " runs (divides by n − 1)") +
           "; rel sd = sd / mean.\n";
    return out;
}

const FigureSpread* findFigure(const std::vector<FigureSpread>& figures, const std::string& name)
{
    for (const FigureSpread& f : figures)
        if (f.name == name) return &f;
    return nullptr;
}

// workers × increments: what the counter ends at when no update is lost.
double expectedCount(const ExperimentSpec& spec)
{
    const auto it = spec.params.find("increments");
    return it == spec.params.end() ? 0 : spec.totalWorkers() * it->second;
}

std::string binLabel(const Histogram& h, std::size_t i, bool integers)
{
    const double lo = h.lo + static_cast<double>(i) * h.binWidth;
    char text[96];
    if (integers && h.binWidth == 1)
        std::snprintf(text, sizeof text, "%.0f", lo);
    else if (integers)
        std::snprintf(text, sizeof text, "%.0f … %.0f", lo, lo + h.binWidth - 1);
    else
        std::snprintf(text, sizeof text, "[%.6g, %.6g)", lo, lo + h.binWidth);
    return text;
}

std::string formatHistogram(const FigureSpread& f, const Histogram& h, double expected)
{
    const int top = h.counts.empty() ? 1 : *std::max_element(h.counts.begin(), h.counts.end());
    const bool integers =
        std::all_of(f.values.begin(), f.values.end(), [](double v) { return v == std::floor(v); });
    const auto reached = std::count(f.values.begin(), f.values.end(), expected);
    char line[256];
    std::snprintf(line, sizeof line,
                  "\nFinal counts (%s) over %zu runs; expected %.0f (workers × increments), "
                  "reached by %td:\n",
                  f.name.c_str(), f.values.size(), expected, reached);
    std::string out = line;
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        const int c = h.counts[i];
        const int width = c == 0 ? 0 : std::max(1, static_cast<int>(std::lround(40.0 * c / top)));
        std::snprintf(line, sizeof line, "  %28s  %-40s %d\n", binLabel(h, i, integers).c_str(),
                      std::string(static_cast<std::size_t>(width), '#').c_str(), c);
        out += line;
    }
    return out;
}

nlohmann::json figureJson(const FigureSpread& f)
{
    const Spread& s = f.spread;
    return {{"name", f.name},     {"unit", f.unit}, {"source", f.source},
            {"values", f.values}, {"mean", s.mean}, {"stddev", s.stddev},
            {"min", s.min},       {"max", s.max},   {"median", s.median}};
}

nlohmann::json resultJson(const ExperimentSpec& spec, std::size_t runs, int requested,
                          const std::vector<FigureSpread>& figures, const FigureSpread* counter,
                          const Histogram& h)
{
    nlohmann::json list = nlohmann::json::array();
    for (const FigureSpread& f : figures)
        list.push_back(figureJson(f));
    nlohmann::json j = {
        {"runs", runs}, {"runs_requested", requested}, {"spec", spec}, {"figures", list}};
    if (counter)
        j["histogram"] = {{"figure", counter->name},
                          {"lo", h.lo},
                          {"bin_width", h.binWidth},
                          {"counts", h.counts},
                          {"expected", expectedCount(spec)}};
    return j;
}

bool writeJson(const std::string& path, const nlohmann::json& j)
{
    try {
        AtomicFile file(path);
        file.write(j.dump(2) + "\n");
        file.commit();
    } catch (const std::exception& e) {
        std::cerr << "corelab repeat: " << e.what() << "\n";
        return false;
    }
    return true;
}

int report(const RunOptions& o, int times, const std::vector<RunRecord>& runs)
{
    const auto figures = spreadFigures(runs);
    const FigureSpread* counter =
        o.spec.workload == "counter" ? findFigure(figures, kCounterFigure) : nullptr;
    const double expected = expectedCount(o.spec);
    const Histogram h = !counter       ? Histogram{}
                        : expected > 0 ? histogramUpTo(counter->values, expected)
                                       : histogramOf(counter->values);
    const nlohmann::json result = resultJson(o.spec, runs.size(), times, figures, counter, h);
    if (o.json) {
        std::cout << result.dump(2) << "\n";
    } else {
        const MachineInfo& m = runs.front().machine;
        std::cout << "CoreLab repeat: " << describe(o.spec) << "\n"
                  << runs.size() << " of " << times << " runs, one after another, on " << m.cpuModel
                  << " (" << m.usableCpus << " usable of " << m.logicalCpus << " logical CPUs)\n\n"
                  << formatTable(figures, static_cast<int>(runs.size()));
        if (counter) std::cout << formatHistogram(*counter, h, expected);
    }
    return o.outPath.empty() || writeJson(o.outPath, result) ? 0 : 1;
}

} // namespace

int repeatCommand(const std::vector<std::string>& argsIn)
{
    std::vector<std::string> args = argsIn;
    int times = kDefaultTimes;
    std::string error = parseTimes(args, times);
    RunOptions o;
    if (auto err = parseRunOptions(args, o); err && error.empty()) error = *err;
    if (o.help) {
        std::cout << repeatHelp;
        return 0;
    }
    if (error.empty() && !o.csvPath.empty())
        error = "--csv: not available for repeat (corelab run writes samples)";
    if (!error.empty()) {
        std::cerr << "corelab repeat: " << error << "\n";
        return 2;
    }
    std::vector<RunRecord> runs;
    if (auto failed = runAll(o.spec, times, runs)) return *failed;
    if (runs.empty()) {
        std::cerr << "corelab repeat: stopped before the first run finished; nothing to show\n";
        return 1;
    }
    if (static_cast<int>(runs.size()) < times)
        std::cerr << "corelab repeat: stopped after " << runs.size() << " of " << times
                  << " runs\n";
    return report(o, times, runs);
}

} // namespace corelab::cli
