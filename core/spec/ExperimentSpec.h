#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace corelab {

// How the workers of a run are laid out in processes and threads. Async: one thread
// in the leader runs an event loop with `workers` requests in flight (one worker slot).
enum class Model { Threads, Processes, Hybrid, Async };
// How worker processes are created by the leader.
enum class SpawnMethod { Fork, Exec };

const char* toString(Model m);
const char* toString(SpawnMethod s);
std::optional<Model> modelFromString(const std::string& s);
std::optional<SpawnMethod> spawnFromString(const std::string& s);

// What to run: everything the engine needs, nothing it measures.
struct ExperimentSpec {
    std::string workload = "cpu";
    Model model = Model::Threads;
    int workers =
        2; // threads (threads), processes (processes / hybrid), requests in flight (async)
    int threadsPerProcess = 1; // hybrid only
    SpawnMethod spawn = SpawnMethod::Fork;
    double durationS = 3.0;
    int rateHz = 10;
    std::map<std::string, double> params; // workload parameters, by name

    // Options every workload takes.
    bool interpreterLock = false;  // emulate one global interpreter lock per process
    double switchIntervalMs = 5.0; // how long a waiting thread lets the holder run
    int crashWorker = -1;          // worker that faults (SIGSEGV), -1 for none
    double crashAtS = 0;           // seconds after the start barrier opens
    bool restart = false;          // the leader restarts a crashed worker process
    // The external workload's program and its arguments (empty for every other workload).
    std::vector<std::string> command;

    // Every worker thread of the run: workers, or workers × threadsPerProcess in hybrid.
    int totalWorkers() const;
    int processCount() const; // worker processes, not counting the leader
    bool operator==(const ExperimentSpec&) const = default;
};

// A spec that failed validation: which field, and what is allowed.
struct SpecError {
    std::string field;
    std::string message;
    std::string text() const { return field + ": " + message; }
};

// Checks every field against its range and the workload's parameter list, and fills
// missing workload parameters with their defaults.
std::optional<SpecError> validate(ExperimentSpec& spec);

// Limits, shared by validation, --help and the window.
struct SpecLimits {
    static constexpr int minWorkers = 1, maxWorkers = 4096;
    static constexpr int maxInFlight = 100000; // async: requests in flight, not threads
    static constexpr int maxThreadsPerProcess = 256;
    static constexpr double minDurationS = 0.1, maxDurationS = 3600.0;
    static constexpr int minRateHz = 1, maxRateHz = 100;
    static constexpr double minSwitchIntervalMs = 0.1, maxSwitchIntervalMs = 1000.0;
};

// "3s", "500ms", "2m", "1.5" (seconds). Empty on bad text.
std::optional<double> parseDuration(const std::string& text);

void to_json(nlohmann::json& j, const ExperimentSpec& s);
void from_json(const nlohmann::json& j, ExperimentSpec& s);

} // namespace corelab
