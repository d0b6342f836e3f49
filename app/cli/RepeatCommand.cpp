#include "cli/RepeatCommand.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "analysis/Format.h"
#include "cli/Report.h"
#include "cli/RunOptions.h"
#include "cli/Runner.h"
#include "spec/Describe.h"
#include "study/RepeatStudy.h"

namespace corelab::cli {

namespace {

constexpr int kMinTimes = 2, kMaxTimes = 100, kDefaultTimes = 5;

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

std::string formatHistogram(const RepeatResult& result, const FigureSpread& f)
{
    const Histogram h = result.histogram(f);
    const double expected = result.expected;
    const int top = h.counts.empty() ? 1 : *std::max_element(h.counts.begin(), h.counts.end());
    const bool integers =
        std::all_of(f.values.begin(), f.values.end(), [](double v) { return v == std::floor(v); });
    const auto reached = result.reached(f);
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
                          const RepeatResult& result, const FigureSpread* counter)
{
    nlohmann::json list = nlohmann::json::array();
    for (const FigureSpread& f : result.figures)
        list.push_back(figureJson(f));
    nlohmann::json j = {
        {"runs", runs}, {"runs_requested", requested}, {"spec", spec}, {"figures", list}};
    if (counter) {
        const Histogram h = result.histogram(*counter);
        j["histogram"] = {{"figure", counter->name},
                          {"lo", h.lo},
                          {"bin_width", h.binWidth},
                          {"counts", h.counts},
                          // runs that reached the expected count: not in any bin
                          {"runs_without_loss", result.reached(*counter)},
                          {"expected", result.expected}};
    }
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

int report(const RunOptions& o, int times, const RepeatStudy& study)
{
    const std::vector<RunRecord>& runs = study.runs();
    const RepeatResult result = study.result();
    // the counter's final count is the figure whose spread is the point of repeating it
    const FigureSpread* counter = result.expected > 0 ? result.answer() : nullptr;
    const nlohmann::json json = resultJson(o.spec, runs.size(), times, result, counter);
    if (o.json) {
        std::cout << json.dump(2) << "\n";
    } else {
        const MachineInfo& m = runs.front().machine;
        std::cout << "CoreLab repeat: " << describe(o.spec) << "\n"
                  << runs.size() << " of " << times << " runs, one after another, on " << m.cpuModel
                  << " (" << m.usableCpus << " usable of " << m.logicalCpus << " logical CPUs)\n\n"
                  << formatTable(result.figures, static_cast<int>(runs.size()));
        if (counter) std::cout << formatHistogram(result, *counter);
    }
    return o.outPath.empty() || writeJson(o.outPath, json) ? 0 : 1;
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
    RepeatStudy study(o.spec, times);
    if (study.error()) {
        std::cerr << "corelab repeat: " << *study.error() << "\n";
        return 2;
    }
    // Ctrl+C ends the repeats: the run it stopped is left out (it is shorter than the
    // others) and the spread of those before it is still shown
    if (const int failed = runStudy(study, "repeat"); failed && !interrupted()) return failed;
    const auto& runs = study.runs();
    if (runs.empty()) {
        std::cerr << "corelab repeat: stopped before the first run finished; nothing to show\n";
        return 1;
    }
    if (static_cast<int>(runs.size()) < times)
        std::cerr << "corelab repeat: stopped after " << runs.size() << " of " << times
                  << " runs\n";
    return report(o, times, study);
}

} // namespace corelab::cli
