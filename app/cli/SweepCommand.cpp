#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "analysis/Format.h"
#include "cli/RunOptions.h"
#include "cli/Runner.h"
#include "cli/SweepCommand.h"
#include "probe/MachineInfo.h"
#include "study/SweepStudy.h"

namespace corelab::cli {

namespace {

const char* sweepHelp =
    "usage: corelab sweep [--models M,M…] [--counts N,N…] [run options] [--json] [--out FILE]\n\n"
    "Runs one experiment at several worker counts, one run after another, and prints\n"
    "speedup and efficiency against one worker, Amdahl's law fitted to the counts up\n"
    "to the usable CPUs (the estimated serial fraction), and where adding workers\n"
    "stops helping (< 5 % gain) or starts hurting (> 5 % loss). Beside each point: the\n"
    "other programs' load while it ran (/proc/stat less the workers), \"!\" when they took\n"
    "cores the workers needed, as `corelab compare` judges it.\n\n"
    "  --models M,M…  models to sweep (default threads,processes)\n"
    "  --counts N,N…  worker counts (default 1 … 2 × usable CPUs)\n"
    "  --json         print the result as JSON\n"
    "  --out FILE     write the JSON result to FILE\n"
    "Every option of `corelab run` applies to each run (--workers is replaced).\n";

std::vector<std::string> splitCommas(const std::string& text)
{
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');)
        parts.push_back(part);
    return parts;
}

// Other programs' load while the point at `workers` ran; none for a point not measured.
const SweepLoad* loadAt(const SweepSeries& s, int workers)
{
    for (const SweepLoad& l : s.load)
        if (l.workers == workers) return &l;
    return nullptr;
}

nlohmann::json analysisJson(const SweepSeries& s)
{
    const SweepAnalysis& a = s.analysis;
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : a.points) {
        nlohmann::json point = {{"workers", p.workers},
                                {"ops_per_s", p.opsPerS},
                                {"speedup", p.speedup},
                                {"efficiency", p.efficiency}};
        // null when /proc/stat gave no interval (documented in docs/measurement.md)
        if (const SweepLoad* l = loadAt(s, p.workers)) {
            point["other_busy_cores"] =
                std::isnan(l->otherCores) ? nlohmann::json(nullptr) : nlohmann::json(l->otherCores);
            point["crowded_by_others"] = l->crowded;
        }
        points.push_back(point);
    }
    nlohmann::json j = {{"model", toString(s.model)},
                        {"points", points},
                        {"serial_fraction", a.serialFraction},
                        {"fitted_points", a.fittedPoints}};
    if (a.stopsHelpingAt) j["stops_helping_at"] = *a.stopsHelpingAt;
    if (a.startsHurtingAt) j["starts_hurting_at"] = *a.startsHurtingAt;
    return j;
}

// The other programs' cores while a point ran, "!" after it when they crowded it.
std::string otherLoadCell(const SweepSeries& s, int workers)
{
    const SweepLoad* l = loadAt(s, workers);
    if (!l) return "–";
    return formatValue(l->otherCores, "cores (/proc/stat)") + (l->crowded ? " !" : "");
}

void printAnalysis(const SweepSeries& s)
{
    const SweepAnalysis& a = s.analysis;
    std::printf("\n%s\n%8s %14s %9s %11s   %s\n", toString(s.model), "workers", "ops/s", "speedup",
                "efficiency", "other load");
    for (const auto& p : a.points)
        std::printf("%8d %14.4g %8.2f× %10.0f %%   %s\n", p.workers, p.opsPerS, p.speedup,
                    p.efficiency * 100, otherLoadCell(s, p.workers).c_str());
    if (a.fittedPoints >= 2)
        std::printf("Amdahl fit over %d counts: serial fraction %.2f\n", a.fittedPoints,
                    a.serialFraction);
    if (a.stopsHelpingAt) std::printf("Adding workers stops helping at %d.\n", *a.stopsHelpingAt);
    if (a.startsHurtingAt)
        std::printf("Adding workers starts hurting at %d.\n", *a.startsHurtingAt);
}

// Parses --models and --counts; fills models and counts or returns an error line.
std::string parseSweepFlags(std::vector<std::string>& args, std::vector<Model>& models,
                            std::vector<int>& counts)
{
    std::string error;
    for (const auto& [flag, value] : takeFlags(args, {"--models", "--counts"}, error)) {
        for (const std::string& part : splitCommas(value)) {
            if (flag == "--models") {
                auto m = modelFromString(part);
                if (!m) return "--models: '" + part + "' is not a model";
                models.push_back(*m);
            } else {
                char* end = nullptr;
                const long n = std::strtol(part.c_str(), &end, 10);
                if (part.empty() || *end || n < SpecLimits::minWorkers ||
                    n > SpecLimits::maxWorkers)
                    return "--counts: '" + part + "' is not a worker count (1 … 4096)";
                counts.push_back(static_cast<int>(n));
            }
        }
    }
    return error;
}

} // namespace

int sweepCommand(const std::vector<std::string>& argsIn)
{
    std::vector<std::string> args = argsIn;
    std::vector<Model> models;
    std::vector<int> counts;
    std::string error = parseSweepFlags(args, models, counts);
    RunOptions o;
    if (error.empty())
        if (auto err = parseRunOptions(args, o)) error = *err;
    if (o.help) {
        std::cout << sweepHelp;
        return 0;
    }
    if (!error.empty()) {
        std::cerr << "corelab sweep: " << error << "\n";
        return 2;
    }
    const int usable = readMachineInfo().usableCpus;
    if (models.empty()) models = {Model::Threads, Model::Processes};
    if (counts.empty()) counts = defaultSweepCounts(usable);
    SweepStudy study(o.spec, models, counts, usable);
    if (study.error()) {
        std::cerr << "corelab sweep: " << *study.error() << "\n";
        return 2;
    }
    for (const std::string& note : study.notes())
        std::cerr << "corelab sweep: " << note << "\n";
    if (const int failed = runStudy(study, "sweep")) return failed;
    nlohmann::json result = nlohmann::json::array();
    const std::vector<SweepSeries> series = study.series();
    for (const SweepSeries& s : series) {
        result.push_back(analysisJson(s));
        if (!o.json) printAnalysis(s);
    }
    // on stderr with --json too: the JSON carries it per point
    if (const std::string warning = sweepLoadWarning(series); !warning.empty())
        (o.json ? std::cerr : std::cout) << (o.json ? "corelab sweep: " : "\n") << warning << "\n";
    if (o.json) std::cout << result.dump(2) << "\n";
    if (!o.outPath.empty()) {
        try {
            AtomicFile out(o.outPath);
            out.write(result.dump(2) + "\n");
            out.commit();
        } catch (const std::exception& e) {
            std::cerr << "corelab sweep: " << e.what() << "\n";
            return 1;
        }
    }
    return 0;
}

} // namespace corelab::cli
