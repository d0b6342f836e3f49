#include "cli/Report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "record/Summarize.h"
#include "spec/Describe.h"

namespace corelab::cli {

std::string formatBytes(std::uint64_t bytes)
{
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char text[32];
    std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.3g %s", v, units[u]);
    return text;
}

std::string formatCount(double value)
{
    static const char* units[] = {"", " k", " M", " G", " T"};
    int u = 0;
    while (std::fabs(value) >= 1000 && u < 4) {
        value /= 1000;
        ++u;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.4g%s", value, units[u]);
    return text;
}

std::string padLeft(const std::string& text, std::size_t width)
{
    std::size_t columns = 0;
    for (const char c : text)
        columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80; // not a continuation byte
    return std::string(width > columns ? width - columns : 0, ' ') + text;
}

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
    char line[256];
    std::snprintf(line, sizeof line, "  %-26s %-18s %s\n", name.c_str(), value.c_str(),
                  source.c_str());
    out << line;
}

} // namespace

std::string formatSummary(const RunRecord& r)
{
    const Summary& s = r.summary;
    std::ostringstream out;
    out << "CoreLab run: " << describe(r.spec) << "\n"
        << "Machine: " << r.machine.cpuModel << ", " << r.machine.usableCpus << " usable of "
        << r.machine.logicalCpus << " logical CPUs, Linux " << r.machine.kernel << "\n";
    if (s.stoppedEarly) out << "Stopped early by the user.\n";
    if (s.workersCrashed) out << s.workersCrashed << " worker(s) crashed.\n";
    out << "\n";
    row(out, "figure", "value", "source");
    row(out, "work done", formatCount(static_cast<double>(s.opsTotal)) + " ops",
        "control block counters");
    row(out, "throughput", formatCount(s.opsPerS) + " ops/s", "ops / wall time");
    row(out, "wall time", fixed(s.wallS, 3) + " s", "first worker start to last end");
    if (r.spec.workload == "external" && s.figures.count("threads_peak"))
        row(out, "threads, processes",
            "up to " + formatCount(s.figures.at("threads_peak")) + ", " +
                formatCount(s.figures.at("processes_peak")),
            "the command's, seen at one sample (/proc scan)");
    else
        row(out, "workers",
            std::to_string(s.workers) + " threads in " + std::to_string(s.processes) +
                (s.processes == 1 ? " process" : " processes"),
            "spec");
    row(out, "busy cores (workers)", fixed(s.busyCoresMean, 2),
        "worker CPU time after start / wall (schedstat, ns)");
    row(out, "busy cores (machine)", fixed(s.machineBusyCoresMean, 1),
        "/proc/stat, 10 ms ticks, all processes");
    row(out, "busy cores (others)", fixed(otherBusyCores(s), 1),
        "machine − workers: other programs, CoreLab's leader");
    for (const auto& [cpu, busy] : s.perCoreBusy)
        row(out, "  cpu" + std::to_string(cpu) + " busy", fixed(busy * 100, 0) + " %",
            "/proc/stat, ±10 ms per sample");
    row(out, "peak RSS (tree)", formatBytes(s.peakRssBytes), "smaps_rollup, 2 Hz");
    row(out, "peak PSS (tree)", formatBytes(s.peakPssBytes), "smaps_rollup, 2 Hz");
    row(out, "peak USS (tree)", formatBytes(s.peakUssBytes), "smaps_rollup, 2 Hz");
    row(out, "context switches, vol.", formatCount(static_cast<double>(s.ctxVoluntary)),
        "getrusage per worker thread");
    row(out, "context switches, invol.", formatCount(static_cast<double>(s.ctxInvoluntary)),
        "getrusage per worker thread");
    row(out, "run-queue wait", fixed(s.runqueueWaitS, 3) + " s", "Σ workers, schedstat (ns)");
    for (const auto& [key, value] : s.figures)
        row(out, key, formatCount(value),
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
