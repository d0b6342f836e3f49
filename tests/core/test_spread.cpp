#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "TestHelpers.h"
#include "analysis/Spread.h"
#include "record/SummaryFigures.h"

extern char** environ;

using namespace corelab;
using corelab::test::slurp;
using namespace std::chrono_literals;

namespace {

int total(const Histogram& h)
{
    return std::accumulate(h.counts.begin(), h.counts.end(), 0);
}

// The bin a value falls in by the documented rule, [lo + i·w, lo + (i + 1)·w).
bool inItsBin(const Histogram& h, double v)
{
    const double i = std::floor((v - h.lo) / h.binWidth);
    return i >= 0 && i < static_cast<double>(h.counts.size());
}

struct CliResult {
    int exitCode = -1; // -1: killed after the timeout
    std::string out, err;
};

// Runs `corelab ARGS…` to its end (killed after `timeout`), stdout and stderr captured.
CliResult runCli(const std::vector<std::string>& args, std::chrono::seconds timeout)
{
    const auto stem =
        std::filesystem::temp_directory_path() / ("corelab-spread-" + std::to_string(getpid()));
    const std::string outPath = stem.string() + ".out", errPath = stem.string() + ".err";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> argv = {const_cast<char*>(CORELAB_CLI_PATH)};
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    EXPECT_EQ(posix_spawn(&pid, CORELAB_CLI_PATH, &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() - start > timeout) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    CliResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(outPath), slurp(errPath)};
    std::filesystem::remove(outPath);
    std::filesystem::remove(errPath);
    return r;
}

RunRecord counterRun(double opsPerS, double actual, double expected)
{
    RunRecord r;
    r.spec.workload = "counter";
    r.summary.opsPerS = opsPerS;
    r.summary.figures = {{"actual_count", actual}, {"expected_count", expected}};
    return r;
}

} // namespace

TEST(Spread, OfNothingIsEmpty)
{
    const Spread s = spreadOf({});
    EXPECT_EQ(s.n, 0);
    EXPECT_EQ(s.mean, 0);
    EXPECT_EQ(s.stddev, 0);
}

TEST(Spread, OneValueHasNoSpread)
{
    const Spread s = spreadOf({42.5});
    EXPECT_EQ(s.n, 1);
    EXPECT_EQ(s.mean, 42.5);
    EXPECT_EQ(s.stddev, 0) << "a sample sd needs two values";
    EXPECT_EQ(s.min, 42.5);
    EXPECT_EQ(s.max, 42.5);
    EXPECT_EQ(s.median, 42.5);
}

TEST(Spread, SampleSdDividesByNMinusOne)
{
    // Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32 over 8 values
    const Spread s = spreadOf({9, 2, 5, 4, 4, 7, 4, 5});
    EXPECT_EQ(s.n, 8);
    EXPECT_DOUBLE_EQ(s.mean, 5);
    EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(32.0 / 7));
    EXPECT_EQ(s.min, 2);
    EXPECT_EQ(s.max, 9);
    EXPECT_EQ(s.median, 4.5) << "even n: the mean of the two middle values";
    EXPECT_EQ(spreadOf({3, 1, 2}).median, 2);
    EXPECT_DOUBLE_EQ(spreadOf({1, 3}).stddev, std::sqrt(2.0));
}

TEST(Spread, AllEqualValuesHaveZeroSd)
{
    const Spread s = spreadOf({7, 7, 7, 7});
    EXPECT_EQ(s.mean, 7);
    EXPECT_EQ(s.stddev, 0);
    EXPECT_EQ(s.median, 7);
}

TEST(Spread, LeavesOutNonFiniteValues)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Spread s = spreadOf({1, nan, 3, std::numeric_limits<double>::infinity()});
    EXPECT_EQ(s.n, 2);
    EXPECT_EQ(s.mean, 2);
    EXPECT_EQ(total(histogramOf({1, nan, 3})), 2);
}

TEST(SpreadHistogram, AllEqualValuesAreOneBin)
{
    const Histogram h = histogramOf({7, 7, 7});
    EXPECT_EQ(h.lo, 7);
    EXPECT_EQ(h.binWidth, 1);
    EXPECT_EQ(h.counts, std::vector<int>{3});
    const Histogram f = histogramOf({2.5, 2.5});
    ASSERT_EQ(f.counts, std::vector<int>{2});
    EXPECT_TRUE(inItsBin(f, 2.5));
    EXPECT_TRUE(histogramOf({}).counts.empty());
}

TEST(SpreadHistogram, SmallIntegerRangeGetsOneBinPerValue)
{
    const Histogram h = histogramOf({5, 3, 4, 4});
    EXPECT_EQ(h.lo, 3);
    EXPECT_EQ(h.binWidth, 1);
    EXPECT_EQ(h.counts, (std::vector<int>{1, 2, 1}));
}

TEST(SpreadHistogram, IntegerDataGetsWholeAlignedWidths)
{
    // 4 values: ⌈log2 4⌉ + 1 = 3 bins wanted, range 99 / 3 = 33 → width 50 on multiples of 50
    const Histogram h = histogramOf({1000, 1010, 1020, 1099});
    EXPECT_EQ(h.lo, 1000);
    EXPECT_EQ(h.binWidth, 50);
    EXPECT_EQ(h.counts, (std::vector<int>{3, 1}));
    // final counts of a racy counter: large, close together
    const Histogram c = histogramOf({1'523'411, 1'498'002, 1'611'730, 1'502'963, 1'587'200});
    EXPECT_GE(c.binWidth, 1);
    EXPECT_EQ(c.binWidth, std::floor(c.binWidth));
    EXPECT_EQ(std::fmod(c.lo, c.binWidth), 0) << "edges on multiples of the width";
    EXPECT_EQ(total(c), 5);
}

TEST(SpreadHistogram, FractionalDataGetsNiceWidths)
{
    // range 0.33 over 3 wanted bins = 0.11 → 0.2
    const Histogram h = histogramOf({0.12, 0.18, 0.31, 0.45});
    EXPECT_DOUBLE_EQ(h.binWidth, 0.2);
    EXPECT_DOUBLE_EQ(h.lo, 0);
    EXPECT_EQ(h.counts, (std::vector<int>{2, 1, 1}));
}

TEST(SpreadHistogram, NeverMoreBinsThanAsked)
{
    std::vector<double> values;
    for (int i = -37; i < 63; ++i)
        values.push_back(i);
    for (int maxBins = 1; maxBins <= 12; ++maxBins) {
        const Histogram h = histogramOf(values, maxBins);
        EXPECT_LE(static_cast<int>(h.counts.size()), maxBins);
        EXPECT_EQ(total(h), 100) << maxBins;
        for (double v : values)
            EXPECT_TRUE(inItsBin(h, v)) << v << " with " << maxBins << " bins";
    }
}

TEST(SpreadHistogram, UpToALimitEndsABinWithIt)
{
    // shifted below 2001: −501, −281, −501, −1; 3 bins wanted, 500 / 3 → width 200
    const Histogram h = histogramUpTo({1500, 1720, 1500, 2000}, 2000);
    EXPECT_EQ(h.binWidth, 200);
    EXPECT_EQ(h.lo, 1401);
    EXPECT_EQ(h.counts, (std::vector<int>{2, 1, 1}));
    EXPECT_EQ(h.lo + static_cast<double>(h.counts.size()) * h.binWidth, 2001)
        << "the last bin holds 1801 … 2000";
    const Histogram all = histogramUpTo({2000, 2000}, 2000);
    EXPECT_EQ(all.lo, 2000);
    EXPECT_EQ(all.counts, std::vector<int>{2});
}

TEST(SpreadFigures, OneEntryPerFigureEveryRunHas)
{
    std::vector<RunRecord> runs = {counterRun(100, 1500, 2000), counterRun(200, 1700, 2000),
                                   counterRun(300, 2000, 2000)};
    runs[1].summary.figures["lock_wait_s"] = 0.5; // only one run has it: left out
    const auto figures = spreadFigures(runs);
    auto find = [&](const std::string& name) -> const FigureSpread* {
        for (const auto& f : figures)
            if (f.name == name) return &f;
        return nullptr;
    };
    const FigureSpread* ops = find("ops_per_s");
    ASSERT_TRUE(ops);
    EXPECT_EQ(ops->unit, "ops/s");
    EXPECT_EQ(ops->values, (std::vector<double>{100, 200, 300}));
    EXPECT_EQ(ops->spread.mean, 200);
    EXPECT_DOUBLE_EQ(ops->spread.stddev, 100);
    const FigureSpread* actual = find("actual_count");
    ASSERT_TRUE(actual);
    EXPECT_EQ(actual->unit, "increments") << "from the counter's FigureInfo";
    EXPECT_NE(actual->source.find("final values"), std::string::npos) << actual->source;
    EXPECT_EQ(actual->values, (std::vector<double>{1500, 1700, 2000}));
    for (const char* name : {"wall_s", "cpu_time_s", "busy_cores_mean", "peak_rss_bytes",
                             "peak_pss_bytes", "peak_uss_bytes", "ctx_voluntary", "expected_count"})
        EXPECT_TRUE(find(name)) << name;
    EXPECT_FALSE(find("lock_wait_s"));
    EXPECT_TRUE(spreadFigures({}).empty());
}

// The engine's figures are the ones the run file stores, in the catalogue's order,
// with its units: derived figures (other load, switches per second) are not stored.
TEST(SpreadFigures, EngineFiguresAreTheStoredSummaryFigures)
{
    const auto figures = spreadFigures({counterRun(100, 1500, 2000)});
    std::vector<std::string> names;
    for (const FigureSpread& f : figures)
        if (!counterRun(0, 0, 0).summary.figures.count(f.name)) names.push_back(f.name);
    EXPECT_EQ(names, (std::vector<std::string>{
                         "ops_per_s", "wall_s", "cpu_time_s", "busy_cores_mean",
                         "machine_busy_cores_mean", "peak_rss_bytes", "peak_pss_bytes",
                         "peak_uss_bytes", "ctx_voluntary", "ctx_involuntary", "runqueue_wait_s"}));
    for (const FigureSpread& f : figures)
        if (const SummaryFigure* s = findSummaryFigure(f.name)) {
            EXPECT_EQ(f.unit, s->unit) << f.name;
            EXPECT_EQ(f.source, s->source) << f.name;
        }
}

// Three real runs of the racy counter through the command line.
TEST(Repeat, CounterThreeTimesAsJson)
{
    const CliResult r = runCli({"repeat", "--times", "3", "--workload", "counter", "--workers", "2",
                                "--duration", "0.5", "--param", "sync=none", "--json"},
                               90s);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("runs"), 3);
    EXPECT_EQ(j.at("spec").at("workload"), "counter");
    std::map<std::string, nlohmann::json> figures;
    for (const auto& f : j.at("figures"))
        figures[f.at("name")] = f;
    ASSERT_TRUE(figures.count("actual_count"));
    ASSERT_TRUE(figures.count("expected_count"));
    const auto actual = figures["actual_count"].at("values").get<std::vector<double>>();
    const auto expected = figures["expected_count"].at("values").get<std::vector<double>>();
    ASSERT_EQ(actual.size(), 3u);
    for (std::size_t i = 0; i < actual.size(); ++i) {
        EXPECT_GT(actual[i], 0);
        EXPECT_LE(actual[i], expected[i]) << "a race loses updates, it never invents them";
    }
    const auto& a = figures["actual_count"];
    EXPECT_LE(a.at("min").get<double>(), a.at("mean").get<double>());
    EXPECT_LE(a.at("mean").get<double>(), a.at("max").get<double>());
    EXPECT_GE(a.at("stddev").get<double>(), 0);
    // the runs that lost updates are binned; those that lost none are counted apart
    const auto counts = j.at("histogram").at("counts").get<std::vector<int>>();
    const int reached = j.at("histogram").at("runs_without_loss").get<int>();
    EXPECT_EQ(reached, std::count(actual.begin(), actual.end(), expected.front()));
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), 0) + reached, 3);
    for (double v : figures["ops_per_s"].at("values").get<std::vector<double>>())
        EXPECT_GT(v, 0);
}

TEST(Repeat, BadInputExitsWithTwoAndOneLine)
{
    for (const char* times : {"1", "x", "101", "3x"}) {
        const CliResult r = runCli({"repeat", "--times", times, "--workload", "counter"}, 10s);
        EXPECT_EQ(r.exitCode, 2) << times;
        EXPECT_TRUE(r.out.empty()) << times;
        EXPECT_NE(r.err.find("--times"), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    const CliResult help = runCli({"repeat", "--help"}, 10s);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("--times N"), std::string::npos);
}
