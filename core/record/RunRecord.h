#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "record/Sample.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

class SampleSpool;

// The JSON run file is schema 1; the compact binary run file (a JSON head, then the
// samples as compressed columns) is schema 2. docs/run-file.md describes both.
inline constexpr int kRunFileSchema = 1;
inline constexpr int kCompactRunFileSchema = 2;

// Caps on what a loaded run file may hold, checked before anything is sized by it. A
// run at the highest rate for the longest duration takes 360 000 samples; Linux
// numbers at most 8192 CPUs.
inline constexpr int kMaxCpus = 8192;
inline constexpr std::size_t kMaxSamples = 1'000'000;
inline constexpr std::size_t kMaxEvents = 1'000'000;

// Where one logical CPU sits, from /sys/devices/system/cpu/cpuN/topology: SMT siblings
// share (package, die, core).
struct CpuPlace {
    int cpu = 0;
    int package = 0; // physical_package_id
    int die = 0;     // die_id (0 where the kernel has none)
    int core = 0;    // core_id, unique within its package
    bool operator==(const CpuPlace&) const = default;
};

struct MachineInfo {
    std::string hostname;
    std::string cpuModel;
    int logicalCpus = 0; // online CPUs
    int usableCpus = 0;  // min(affinity mask, cgroup cpu.max quota)
    std::string kernel;
    std::uint64_t memoryBytes = 0;
    // Online CPUs by id; empty where /sys did not say (and in files written before it
    // was recorded): the heat map then groups CPUs in blocks of 8.
    std::vector<CpuPlace> topology;
    bool operator==(const MachineInfo&) const = default;
};

// What a run measured, boiled down. Each field says its source in docs/run-file.md.
struct Summary {
    std::uint64_t opsTotal = 0;
    double opsPerS = 0;              // opsTotal / wallS
    double wallS = 0;                // first worker start → last worker end (CLOCK_MONOTONIC)
    int workers = 0;                 // worker threads
    int processes = 0;               // worker processes (the leader counts when it hosts threads)
    double cpuTimeS = 0;             // Σ worker thread CPU time (schedstat, ns)
    double busyCoresMean = 0;        // CPU time after the start barrier / wallS
    double machineBusyCoresMean = 0; // Σ cores' busy share, mean over samples (/proc/stat ticks)
    // CoreLab's own load: CPU time of the process that ran the engine (engine, sampler,
    // the window when there is one; /proc/self/stat, 10 ms ticks) from the first sample
    // to the last, per second between them. Absent in files written before it existed.
    std::optional<double> observerBusyCores;
    std::map<int, double> perCoreBusy; // cpu id → mean busy share 0 … 1 (/proc/stat)
    // highest tree memory read while all workers ran; absent: no reading fell in that
    // window (a run shorter than one reading), so it was not measured
    std::optional<std::uint64_t> peakRssBytes;
    std::optional<std::uint64_t> peakPssBytes;
    std::optional<std::uint64_t> peakUssBytes;
    std::uint64_t ctxVoluntary = 0;
    std::uint64_t ctxInvoluntary = 0;
    double runqueueWaitS = 0; // Σ worker run-queue wait (schedstat, ns)
    int workersCrashed = 0;
    // stalled workers the engine killed after they ignored the stop request: not crashes
    int workersKilled = 0;
    bool stoppedEarly = false;
    // Figures only some workloads have (e.g. "lost_updates"), keyed by the
    // workload's FigureInfo names; units and meaning in docs/workloads.md.
    std::map<std::string, double> figures;
    bool operator==(const Summary&) const = default;
};

struct RunRecord {
    int schema = kRunFileSchema; // of the file it was read from; a save writes its own
    std::string corelabVersion;
    std::string startedAt; // UTC, ISO 8601
    ExperimentSpec spec;
    MachineInfo machine;
    std::vector<Sample> samples;
    std::vector<Event> events;
    Summary summary;
    // A long live run's samples, all of them, when `samples` does not hold them (it is
    // then empty, or holds the latest sample alone for a view): the engine keeps a run's
    // samples in memory only up to EngineOptions::recordBudget, and spools every one
    // (record/SampleSpool.h). saveRunFile and saveSamplesCsv write from here when set.
    std::shared_ptr<const SampleSpool> spool;
    bool operator==(const RunRecord&) const = default;
};

// The JSON layout is described key by key in docs/run-file.md. from_json(RunRecord)
// throws std::invalid_argument naming the part that is wrong ("samples[12]: …"), and
// refuses a schema newer than kRunFileSchema. Every worker index, CPU id and count is
// checked against the file's own spec and the caps above.
void to_json(nlohmann::json& j, const RunRecord& r);
void from_json(const nlohmann::json& j, RunRecord& r);
void to_json(nlohmann::json& j, const Summary& s);
void from_json(const nlohmann::json& j, Summary& s);
void to_json(nlohmann::json& j, const MachineInfo& m);
void from_json(const nlohmann::json& j, MachineInfo& m);
void to_json(nlohmann::json& j, const Sample& s);
void from_json(const nlohmann::json& j, Sample& s);
void to_json(nlohmann::json& j, const CoreSample& c);
void from_json(const nlohmann::json& j, CoreSample& c);
void to_json(nlohmann::json& j, const WorkerSample& w);
void from_json(const nlohmann::json& j, WorkerSample& w);
void to_json(nlohmann::json& j, const MemorySample& m);
void from_json(const nlohmann::json& j, MemorySample& m);
void to_json(nlohmann::json& j, const PressureSample& p);
void from_json(const nlohmann::json& j, PressureSample& p);
void to_json(nlohmann::json& j, const Event& e);
void from_json(const nlohmann::json& j, Event& e);

// Everything of the run file but its "events" and "samples" arrays: what saveRunFile
// writes before it streams those, and a cheap overview for --json output.
nlohmann::json runFileHead(const RunRecord& r);

// from_json without the samples: the head of a JSON run file (schema 1) or of a compact
// one (schema 2, the head's events included), checked as from_json checks it.
void readRunFileHead(const nlohmann::json& j, RunRecord& r, int schema);
// The checks from_json makes on samples[index]; throws std::invalid_argument
// "samples[<index>].<field>: …".
void checkLoadedSample(const Sample& s, std::size_t index, int workers);

// The file extension of the compact layout; any other name is written as JSON.
inline constexpr std::string_view kCompactRunFileExtension = ".corelab";
// Atomic write: temp file in the same folder, fsync, rename. A path ending in
// ".corelab" gets the compact layout (schema 2), any other the JSON one (schema 1).
// Throws std::runtime_error.
void saveRunFile(const RunRecord& r, const std::string& path);
// Either layout, told apart by the file's first bytes, not its name. The compact one is
// read as a stream (never the whole file in memory). Throws std::runtime_error naming the
// path and what is wrong.
RunRecord loadRunFile(const std::string& path);
// Where loadRunFile(path, sink) hands over a run file as it reads it, instead of keeping
// the samples: first the head (everything but the samples, events included), then the
// samples in order, a batch at a time (up to 16 of a compact file's; a JSON file's all at
// once).
// A 10-minute run of 512 workers is 3 M worker samples, 120 bytes each in memory: a
// reader that needs only what they add up to should never hold them all.
struct RunFileSink {
    // `samples`: how many will follow (the head says), so a reader can size its series
    std::function<void(const RunRecord& head, std::size_t samples)> head;
    std::function<void(const std::vector<Sample>& batch)> samples;
};
// loadRunFile handing the samples to `sink`; the record returned holds none of them.
RunRecord loadRunFile(const std::string& path, const RunFileSink& sink);
// The same from the file's bytes (a pure function: the fuzz targets call it). Throws
// std::invalid_argument saying what is wrong.
RunRecord parseRunFile(std::string_view bytes);
// Whether bytes start like a compact run file (its 8-byte magic).
bool isCompactRunFile(std::string_view firstBytes);
// The compact layout alone, whatever the path's name (CompactRunFile.cpp).
void saveCompactRunFile(const RunRecord& r, const std::string& path);
// One row per sample per worker; columns documented in docs/run-file.md.
void saveSamplesCsv(const RunRecord& r, const std::string& path);

} // namespace corelab
