#include "spec/ExperimentSpec.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "catalogue/Catalogue.h"

namespace corelab {

const char* toString(Model m)
{
    switch (m) {
    case Model::Threads:
        return "threads";
    case Model::Processes:
        return "processes";
    case Model::Hybrid:
        return "hybrid";
    case Model::Async:
        return "async";
    }
    return "?";
}

const char* toString(SpawnMethod s)
{
    return s == SpawnMethod::Fork ? "fork" : "exec";
}

std::optional<Model> modelFromString(const std::string& s)
{
    for (auto m : {Model::Threads, Model::Processes, Model::Hybrid, Model::Async})
        if (s == toString(m)) return m;
    return std::nullopt;
}

std::optional<SpawnMethod> spawnFromString(const std::string& s)
{
    for (auto m : {SpawnMethod::Fork, SpawnMethod::Exec})
        if (s == toString(m)) return m;
    return std::nullopt;
}

int ExperimentSpec::totalWorkers() const
{
    if (model == Model::Async) return 1; // the loop thread; workers = requests in flight
    return model == Model::Hybrid ? workers * threadsPerProcess : workers;
}

int ExperimentSpec::processCount() const
{
    return model == Model::Threads || model == Model::Async ? 0 : workers;
}

namespace {

std::string rangeText(double lo, double hi, const std::string& unit)
{
    auto num = [](double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    return num(lo) + " … " + num(hi) + (unit.empty() ? "" : " " + unit);
}

std::optional<SpecError> validateParams(ExperimentSpec& spec, const WorkloadInfo& w)
{
    for (const auto& [name, value] : spec.params) {
        auto known = std::find_if(w.params.begin(), w.params.end(),
                                  [&name = name](const ParamInfo& p) { return p.name == name; });
        if (known == w.params.end())
            return SpecError{name, "is not a parameter of workload '" + w.name + "'"};
        if (!std::isfinite(value) || value < known->min || value > known->max)
            return SpecError{name, "must be " + rangeText(known->min, known->max, known->unit)};
    }
    for (const auto& p : w.params)
        spec.params.try_emplace(p.name, p.defaultValue);
    return std::nullopt;
}

// Only the external workload runs a program, and it needs one.
std::optional<SpecError> validateCommand(const ExperimentSpec& spec)
{
    const bool external = spec.workload == "external";
    if (external && (spec.command.empty() || spec.command.front().empty()))
        return SpecError{"command", "the external workload needs a program to run, e.g. "
                                    "--command \"python3 script.py\" or -- python3 script.py"};
    if (!external && !spec.command.empty())
        return SpecError{"command", "only the external workload runs a command"};
    return std::nullopt;
}

std::optional<SpecError> validateOptions(const ExperimentSpec& spec)
{
    using L = SpecLimits;
    if (!std::isfinite(spec.switchIntervalMs) || spec.switchIntervalMs < L::minSwitchIntervalMs ||
        spec.switchIntervalMs > L::maxSwitchIntervalMs)
        return SpecError{"switch-interval", "must be " + rangeText(L::minSwitchIntervalMs,
                                                                   L::maxSwitchIntervalMs, "ms")};
    if (spec.crashWorker < -1 || spec.crashWorker >= spec.totalWorkers())
        return SpecError{"crash-worker", "must be a worker index 0 … " +
                                             std::to_string(spec.totalWorkers() - 1) + " (or -1)"};
    if (!std::isfinite(spec.crashAtS) || spec.crashAtS < 0 || spec.crashAtS > spec.durationS)
        return SpecError{"crash-at", "must be " + rangeText(0, spec.durationS, "s") +
                                         " (within the run's duration)"};
    if (auto err = validateCommand(spec)) return err;
    if (spec.restart && (spec.model == Model::Threads || spec.model == Model::Async))
        return SpecError{"restart", "needs worker processes: a crashed thread takes its whole "
                                    "process with it, so there is nothing left to restart it"};
    return std::nullopt;
}

} // namespace

std::optional<SpecError> validate(ExperimentSpec& spec)
{
    using L = SpecLimits;
    const WorkloadInfo* w = findWorkload(spec.workload);
    if (!w) {
        std::string names;
        for (const auto& info : workloads())
            names += (names.empty() ? "" : ", ") + info.name;
        return SpecError{"workload", "unknown '" + spec.workload + "' (one of: " + names + ")"};
    }
    const bool async = spec.model == Model::Async;
    if (async && !w->supportsAsync)
        return SpecError{"model", "async runs only workloads that wait (io, mixed), not '" +
                                      spec.workload + "'"};
    const int maxWorkers = async ? L::maxInFlight : L::maxWorkers;
    if (spec.workers < L::minWorkers || spec.workers > maxWorkers)
        return SpecError{"workers", "must be " + rangeText(L::minWorkers, maxWorkers, "")};
    if (spec.model == Model::Hybrid) {
        if (spec.threadsPerProcess < 1 || spec.threadsPerProcess > L::maxThreadsPerProcess)
            return SpecError{"threads-per-process",
                             "must be " + rangeText(1, L::maxThreadsPerProcess, "")};
        if (spec.totalWorkers() > L::maxWorkers)
            return SpecError{"threads-per-process",
                             "workers × threads-per-process must be at most " +
                                 std::to_string(L::maxWorkers)};
    } else if (spec.threadsPerProcess != 1) {
        return SpecError{"threads-per-process", "applies to the hybrid model only"};
    }
    if (!std::isfinite(spec.durationS) || spec.durationS < L::minDurationS ||
        spec.durationS > L::maxDurationS)
        return SpecError{"duration", "must be " + rangeText(L::minDurationS, L::maxDurationS, "s")};
    if (spec.rateHz < L::minRateHz || spec.rateHz > L::maxRateHz)
        return SpecError{"rate", "must be " + rangeText(L::minRateHz, L::maxRateHz, "Hz")};
    if (auto err = validateOptions(spec)) return err;
    if (w->unsupported)
        if (std::string why = w->unsupported(spec); !why.empty()) return SpecError{"model", why};
    return validateParams(spec, *w);
}

std::optional<double> parseDuration(const std::string& text)
{
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr == text.data()) return std::nullopt;
    const std::string unit(ptr, end);
    double scale = 0;
    if (unit.empty() || unit == "s")
        scale = 1;
    else if (unit == "ms")
        scale = 1e-3;
    else if (unit == "m" || unit == "min")
        scale = 60;
    else if (unit == "h")
        scale = 3600;
    if (scale == 0 || !std::isfinite(value)) return std::nullopt;
    return value * scale;
}

void to_json(nlohmann::json& j, const ExperimentSpec& s)
{
    j = nlohmann::json{{"workload", s.workload},
                       {"model", toString(s.model)},
                       {"workers", s.workers},
                       {"threads_per_process", s.threadsPerProcess},
                       {"spawn", toString(s.spawn)},
                       {"duration_s", s.durationS},
                       {"rate_hz", s.rateHz},
                       {"params", s.params},
                       {"interpreter_lock", s.interpreterLock},
                       {"switch_interval_ms", s.switchIntervalMs},
                       {"crash_worker", s.crashWorker},
                       {"crash_at_s", s.crashAtS},
                       {"restart", s.restart},
                       {"command", s.command}};
}

namespace {

// Each reader takes a value only of its own JSON type and range: a float, a string or
// a number that does not fit is an error naming the key, never narrowed or defaulted.
using Json = nlohmann::json;

// A value as the file wrote it, cut short: an error line, not a dump of a crafted file.
std::string shown(const Json& v)
{
    std::string text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
    return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

[[noreturn]] void badField(const std::string& key, const std::string& what)
{
    throw std::invalid_argument(key + ": " + what);
}

int readInt(const Json& v, const std::string& key)
{
    if (!v.is_number_integer()) badField(key, "must be a whole number, not " + shown(v));
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(INT_MAX)
                               : v.get<std::int64_t>() < INT_MIN || v.get<std::int64_t>() > INT_MAX)
        badField(key, shown(v) + " is out of range");
    return static_cast<int>(v.get<std::int64_t>());
}

double readNumber(const Json& v, const std::string& key)
{
    if (!v.is_number()) badField(key, "must be a number, not " + shown(v));
    return v.get<double>();
}

bool readBool(const Json& v, const std::string& key)
{
    if (!v.is_boolean()) badField(key, "must be true or false, not " + shown(v));
    return v.get<bool>();
}

std::string readString(const Json& v, const std::string& key)
{
    if (!v.is_string()) badField(key, "must be a string, not " + shown(v));
    return v.get<std::string>();
}

std::map<std::string, double> readParams(const Json& v)
{
    if (!v.is_object()) badField("params", "must be an object of name: number");
    std::map<std::string, double> out;
    for (const auto& [name, value] : v.items())
        out[name] = readNumber(value, "params." + name);
    return out;
}

std::vector<std::string> readCommand(const Json& v)
{
    if (!v.is_array()) badField("command", "must be a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(readString(v[i], "command[" + std::to_string(i) + "]"));
    return out;
}

} // namespace

void from_json(const nlohmann::json& j, ExperimentSpec& s)
{
    if (!j.is_object())
        throw std::invalid_argument(std::string("expected an object, not ") + j.type_name());
    s = ExperimentSpec{};
    for (const auto& [key, v] : j.items()) {
        if (key == "workload")
            s.workload = readString(v, key);
        else if (key == "model") {
            const auto m = modelFromString(readString(v, key));
            if (!m) badField(key, "unknown '" + v.get<std::string>() + "'");
            s.model = *m;
        } else if (key == "spawn") {
            const auto sp = spawnFromString(readString(v, key));
            if (!sp) badField(key, "unknown '" + v.get<std::string>() + "'");
            s.spawn = *sp;
        } else if (key == "workers")
            s.workers = readInt(v, key);
        else if (key == "threads_per_process")
            s.threadsPerProcess = readInt(v, key);
        else if (key == "duration_s")
            s.durationS = readNumber(v, key);
        else if (key == "rate_hz")
            s.rateHz = readInt(v, key);
        else if (key == "params")
            s.params = readParams(v);
        else if (key == "interpreter_lock")
            s.interpreterLock = readBool(v, key);
        else if (key == "switch_interval_ms")
            s.switchIntervalMs = readNumber(v, key);
        else if (key == "crash_worker")
            s.crashWorker = readInt(v, key);
        else if (key == "crash_at_s")
            s.crashAtS = readNumber(v, key);
        else if (key == "restart")
            s.restart = readBool(v, key);
        else if (key == "command")
            s.command = readCommand(v);
        else
            badField(key, "is not a setting of an experiment");
    }
}

} // namespace corelab
