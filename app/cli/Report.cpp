#include "cli/Report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analysis/Format.h"
#include "analysis/OtherLoad.h"
#include "catalogue/Catalogue.h"
#include "record/CoreShare.h"
#include "record/Rates.h"
#include "record/SummaryFigures.h"
#include "spec/Describe.h"

#include "cli/TextColumns.h"

namespace corelab::cli {

namespace {

std::string fixed(double v, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

void row(std::ostringstream& out, const std::string& name, const std::string& value,
         const std::string& source)
{
    out << "  " << padRight(name, 28) << " " << padRight(value, 20) << " " << source << "\n";
}

// What the spec asked for, or for an external command what it started.
void workersRow(std::ostringstream& out, const RunRecord& r)
{
    const Summary& s = r.summary;
    if (r.spec.workload == "external" && s.figures.count("threads_peak")) {
        const WorkloadInfo* w = findWorkload(r.spec.workload);
        auto figure = [&](const std::string& key) {
            return formatValue(s.figures.at(key), describeFigure(key, w).unit);
        };
        row(out, "threads, processes",
            "up to " + figure("threads_peak") + ", " + figure("processes_peak"),
            "the command's, seen at one sample (/proc scan)");
        return;
    }
    row(out, "workers",
        std::to_string(s.workers) + " threads in " + std::to_string(s.processes) +
            (s.processes == 1 ? " process" : " processes"),
        "spec");
}

// Each CPU: the workers' own share beside the whole machine's, so the other programs'
// part is the difference.
void perCoreRows(std::ostringstream& out, const RunRecord& r)
{
    const std::map<int, double> workers =
        meanWorkerCoreShare(r.samples, rateOptionsFor(r.spec.rateHz).maxGapS);
    for (const auto& [cpu, busy] : r.summary.perCoreBusy) {
        const auto own = workers.find(cpu);
        const double mine = own == workers.end() ? 0 : own->second;
        row(out, "  cpu" + std::to_string(cpu) + " busy",
            fixed(mine * 100, 0) + " % (all " + fixed(busy * 100, 0) + " %)",
            "workers' own (schedstat, CPU last seen); all programs: /proc/stat, ±10 ms");
    }
}

} // namespace

std::string padLeft(const std::string& text, std::size_t width)
{
    const std::size_t n = columns(text);
    return std::string(width > n ? width - n : 0, ' ') + text;
}

std::string formatSummary(const RunRecord& r)
{
    const Summary& s = r.summary;
    std::ostringstream out;
    out << "CoreLab run: " << describe(r.spec) << "\n"
        << "Machine: " << r.machine.cpuModel << ", " << r.machine.usableCpus << " usable of "
        << r.machine.logicalCpus << " logical CPUs, Linux " << r.machine.kernel << "\n";
    if (s.stoppedEarly) out << "Stopped early by the user.\n";
    if (s.workersCrashed) out << s.workersCrashed << " worker(s) crashed.\n";
    if (s.workersKilled)
        out << s.workersKilled
            << " stalled worker(s) ignored the stop request and were stopped by CoreLab.\n";
    if (const std::string warning = otherLoadWarning(r); !warning.empty())
        out << "Warning: " << warning << "\n";
    out << "\n";
    row(out, "figure", "value", "source");
    for (const SummaryFigure& f : summaryFigures()) {
        if (!(f.shownIn & kInReport)) continue;
        const double value = f.value(s);
        row(out, f.words, std::isnan(value) ? "not measured" : formatValue(value, f.unit),
            f.source);
        // the spec's workers follow the wall time, each core's share the other load
        if (f.key == std::string_view("wall_s")) workersRow(out, r);
        if (f.key == std::string_view("other_busy_cores")) perCoreRows(out, r);
    }
    const WorkloadInfo* workload = findWorkload(r.spec.workload);
    for (const auto& [key, value] : s.figures)
        row(out, key, formatValue(value, describeFigure(key, workload).unit),
            key.rfind("lock_", 0) == 0 ? "interpreter lock (docs/measurement.md)"
                                       : "docs/workloads/" + r.spec.workload + ".md");
    return out.str();
}

nlohmann::json summaryJson(const RunRecord& r)
{
    nlohmann::json j = r.summary;
    j["spec"] = r.spec;
    return j;
}

} // namespace corelab::cli
