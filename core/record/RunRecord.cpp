#include "record/RunRecord.h"

#include <charconv>
#include <climits>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "JsonInput.h"

namespace corelab {

using nlohmann::json;

namespace {

// nlohmann writes NaN and ±inf as null (JSON has no such numbers); reading null back
// as NaN lets a run with one undefined figure still open.
double readDouble(const json& j, const char* key)
{
    const json& v = j.at(key);
    if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
    return v.get<double>();
}

// An index or id: a whole number that fits an int. nlohmann's get<int> would wrap
// 4294967296 to 0, a valid worker, silently.
int readIndex(const json& j, const char* key)
{
    const json& v = j.at(key);
    if (!v.is_number_integer())
        throw std::invalid_argument(std::string(key) + ": must be a whole number");
    const bool fits = v.is_number_unsigned()
                          ? v.get<std::uint64_t>() <= std::uint64_t(INT_MAX)
                          : v.get<std::int64_t>() >= INT_MIN && v.get<std::int64_t>() <= INT_MAX;
    if (!fits) throw std::invalid_argument(std::string(key) + ": " + v.dump() + " is out of range");
    return static_cast<int>(v.get<std::int64_t>());
}

// Absent (or null) when no memory reading fell in the workers' window. Files written
// before that was said wrote 0 instead, and a tree that was read is never 0 B (the
// leader alone holds a few MiB).
std::optional<std::uint64_t> readPeak(const json& j, const char* key)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    const auto bytes = it->get<std::uint64_t>();
    return bytes ? std::optional(bytes) : std::nullopt;
}

std::string plainMessage(const std::exception& e)
{
    return plainJsonMessage(e);
}

const json& requireField(const json& j, const std::string& key)
{
    const auto it = j.find(key);
    if (it == j.end()) throw std::invalid_argument("missing field \"" + key + "\"");
    return *it;
}

// Reads one top-level part, so an error says which part it came from.
template <class T> void readPart(const json& j, const std::string& key, T& out)
{
    const json& v = requireField(j, key);
    try {
        v.get_to(out);
    } catch (const std::exception& e) {
        throw std::invalid_argument(key + ": " + plainMessage(e));
    }
}

// "<field>: <what is outside which range>"; readArray puts the element it came from in
// front.
struct FieldError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Element by element, so an error in a long run points at the one bad element; each is
// checked against the run's own header before it is kept, and the count against a cap
// before anything is reserved.
template <class T, class Check>
void readArray(const json& j, const std::string& key, std::size_t maxCount, Check check,
               std::vector<T>& out)
{
    const json& array = requireField(j, key);
    if (!array.is_array()) throw std::invalid_argument(key + ": expected an array");
    if (array.size() > maxCount)
        throw std::invalid_argument(key + ": " + std::to_string(array.size()) +
                                    " entries, more than the " + std::to_string(maxCount) +
                                    " a run file may hold");
    out.clear();
    out.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        try {
            check(out.emplace_back(array[i].get<T>()));
        } catch (const std::exception& e) {
            throw std::invalid_argument(key + "[" + std::to_string(i) + "]" +
                                        (dynamic_cast<const FieldError*>(&e) ? "." : ": ") +
                                        plainMessage(e));
        }
    }
}

std::string rangeText(std::int64_t lo, std::int64_t hi)
{
    return std::to_string(lo) + " … " + std::to_string(hi);
}

void checkRange(const std::string& field, std::int64_t value, std::int64_t lo, std::int64_t hi,
                const std::string& what)
{
    if (value < lo || value > hi)
        throw FieldError(field + ": " + std::to_string(value) + " is not " + what + " (" +
                         rangeText(lo, hi) + ")");
}

// Everything the window sizes by a worker count reads it from the spec: its shape is
// checked here, as validate() would, so that every index can be checked against it.
void checkSpecShape(const ExperimentSpec& s)
{
    using L = SpecLimits;
    checkRange("spec.workers", s.workers, L::minWorkers, L::maxInFlight, "a worker count");
    checkRange("spec.threads_per_process", s.threadsPerProcess, 1, L::maxThreadsPerProcess,
               "a thread count");
    checkRange("spec.workers", s.totalWorkers(), L::minWorkers, L::maxWorkers,
               "a worker thread count");
    checkRange("spec.rate_hz", s.rateHz, L::minRateHz, L::maxRateHz, "a sampling rate");
}

void checkSample(const Sample& s, int workers)
{
    if (s.workers.size() > static_cast<std::size_t>(workers))
        throw FieldError("workers: " + std::to_string(s.workers.size()) + " entries for a run of " +
                         std::to_string(workers) + " workers");
    if (s.cores.size() > static_cast<std::size_t>(kMaxCpus))
        throw FieldError("cores: " + std::to_string(s.cores.size()) + " entries, more than " +
                         std::to_string(kMaxCpus) + " CPUs");
    // the field's name is only built for an error: a long run has millions of these
    for (std::size_t i = 0; i < s.workers.size(); ++i) {
        const WorkerSample& w = s.workers[i];
        const auto at = [i](const char* field) {
            return "workers[" + std::to_string(i) + "]." + field;
        };
        if (w.index < 0 || w.index >= workers)
            checkRange(at("worker"), w.index, 0, workers - 1, "a worker of this run");
        if (w.lastCpu < -1 || w.lastCpu >= kMaxCpus)
            checkRange(at("last_cpu"), w.lastCpu, -1, kMaxCpus - 1, "a CPU id");
    }
    for (std::size_t i = 0; i < s.cores.size(); ++i)
        if (s.cores[i].cpu < 0 || s.cores[i].cpu >= kMaxCpus)
            checkRange("cores[" + std::to_string(i) + "].cpu", s.cores[i].cpu, 0, kMaxCpus - 1,
                       "a CPU id");
}

// A JSON run file is schema 1; schema 2 is the compact container (CompactRunFile.cpp),
// whose head carries 2 and is read through readRunFileHead.
int readSchema(const json& j, int expected)
{
    const auto it = j.find("schema");
    if (it == j.end() || !it->is_number_integer())
        throw std::invalid_argument("no \"schema\" number: not a CoreLab run file");
    const auto schema = it->get<std::int64_t>();
    if (schema > kCompactRunFileSchema)
        throw std::invalid_argument(
            "schema " + std::to_string(schema) + " is newer than this CoreLab reads (up to " +
            std::to_string(kCompactRunFileSchema) + "): open it with a newer CoreLab");
    if (schema < 1)
        throw std::invalid_argument("schema " + std::to_string(schema) +
                                    " is not a run file schema");
    if (schema != expected)
        throw std::invalid_argument("schema " + std::to_string(schema) + " in a " +
                                    (expected == kRunFileSchema
                                         ? "JSON run file: schema 2 is the compact binary layout"
                                         : "compact run file's head: it must say 2"));
    return static_cast<int>(schema);
}

json perCoreToJson(const std::map<int, double>& perCore)
{
    // JSON object keys are strings; keyed by id rather than an array because
    // offline CPUs leave gaps in the numbering.
    json out = json::object();
    for (const auto& [cpu, busy] : perCore)
        out[std::to_string(cpu)] = busy;
    return out;
}

std::map<int, double> perCoreFromJson(const json& j)
{
    std::map<int, double> out;
    for (const auto& [key, value] : j.items()) {
        int cpu = -1;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), cpu);
        if (ec != std::errc() || end != key.data() + key.size() || cpu < 0 || cpu >= kMaxCpus)
            throw std::invalid_argument("per_core_busy: key \"" + key + "\" is not a CPU id");
        out[cpu] = value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
    }
    return out;
}

} // namespace

void to_json(json& j, const CoreSample& c)
{
    j = json{{"cpu", c.cpu},
             {"user", c.user},
             {"system", c.system},
             {"iowait", c.iowait},
             {"busy", c.busy}};
}

void from_json(const json& j, CoreSample& c)
{
    c.cpu = readIndex(j, "cpu");
    c.user = readDouble(j, "user");
    c.system = readDouble(j, "system");
    c.iowait = readDouble(j, "iowait");
    c.busy = readDouble(j, "busy");
}

void to_json(json& j, const WorkerSample& w)
{
    j = json{{"worker", w.index},
             {"pid", w.pid},
             {"tid", w.tid},
             {"state", std::string(1, w.state)},
             {"last_cpu", w.lastCpu},
             {"ops", w.ops},
             {"run_ns", w.runNs},
             {"wait_ns", w.waitNs},
             {"timeslices", w.timeslices},
             {"ctx_voluntary", w.ctxVoluntary},
             {"ctx_involuntary", w.ctxInvoluntary},
             {"minor_faults", w.minorFaults},
             {"major_faults", w.majorFaults}};
    // absent, not 0, when not measured
    if (w.lockHeldNs) j["lock_held_ns"] = *w.lockHeldNs;
    if (w.lockWaitNs) j["lock_wait_ns"] = *w.lockWaitNs;
}

void from_json(const json& j, WorkerSample& w)
{
    w.index = readIndex(j, "worker");
    j.at("pid").get_to(w.pid);
    j.at("tid").get_to(w.tid);
    const auto state = j.at("state").get<std::string>();
    if (state.size() != 1)
        throw std::invalid_argument("state: expected one letter, got \"" + state + "\"");
    w.state = state[0];
    w.lastCpu = readIndex(j, "last_cpu");
    j.at("ops").get_to(w.ops);
    j.at("run_ns").get_to(w.runNs);
    j.at("wait_ns").get_to(w.waitNs);
    j.at("timeslices").get_to(w.timeslices);
    j.at("ctx_voluntary").get_to(w.ctxVoluntary);
    j.at("ctx_involuntary").get_to(w.ctxInvoluntary);
    j.at("minor_faults").get_to(w.minorFaults);
    j.at("major_faults").get_to(w.majorFaults);
    // older files, and runs without the lock, have neither: not measured
    for (auto [key, field] :
         {std::pair{"lock_held_ns", &w.lockHeldNs}, std::pair{"lock_wait_ns", &w.lockWaitNs}})
        if (auto it = j.find(key); it != j.end() && !it->is_null())
            *field = it->get<std::uint64_t>();
}

void to_json(json& j, const MemorySample& m)
{
    j = json{{"rss_bytes", m.rssBytes},
             {"pss_bytes", m.pssBytes},
             {"uss_bytes", m.ussBytes},
             {"shared_bytes", m.sharedBytes},
             {"processes", m.processes}};
}

void from_json(const json& j, MemorySample& m)
{
    j.at("rss_bytes").get_to(m.rssBytes);
    j.at("pss_bytes").get_to(m.pssBytes);
    j.at("uss_bytes").get_to(m.ussBytes);
    j.at("shared_bytes").get_to(m.sharedBytes);
    j.at("processes").get_to(m.processes);
}

void to_json(json& j, const PressureSample& p)
{
    j = json{{"cpu_some", p.cpuSome}, {"memory_some", p.memorySome}, {"io_some", p.ioSome}};
}

void from_json(const json& j, PressureSample& p)
{
    p.cpuSome = readDouble(j, "cpu_some");
    p.memorySome = readDouble(j, "memory_some");
    p.ioSome = readDouble(j, "io_some");
}

void to_json(json& j, const Sample& s)
{
    j = json{{"t_s", s.t}, {"cores", s.cores}, {"workers", s.workers}};
    // Absent, not null: most ticks carry no memory reading, and the key's absence
    // is what tells a reader "not read on this tick".
    if (s.memory) j["memory"] = *s.memory;
    if (s.pressure) j["pressure"] = *s.pressure;
}

void from_json(const json& j, Sample& s)
{
    s.t = readDouble(j, "t_s");
    j.at("cores").get_to(s.cores);
    j.at("workers").get_to(s.workers);
    const auto memory = j.find("memory");
    s.memory = memory == j.end() ? std::nullopt : std::optional(memory->get<MemorySample>());
    const auto pressure = j.find("pressure");
    s.pressure =
        pressure == j.end() ? std::nullopt : std::optional(pressure->get<PressureSample>());
}

void to_json(json& j, const Event& e)
{
    j = json{{"t_s", e.t}, {"kind", toString(e.kind)}, {"worker", e.worker}, {"detail", e.detail}};
}

void from_json(const json& j, Event& e)
{
    e.t = readDouble(j, "t_s");
    const auto kind = j.at("kind").get<std::string>();
    const auto parsed = eventKindFromString(kind);
    if (!parsed) throw std::invalid_argument("kind: unknown event kind \"" + kind + "\"");
    e.kind = *parsed;
    e.worker = readIndex(j, "worker");
    j.at("detail").get_to(e.detail);
}

void to_json(json& j, const MachineInfo& m)
{
    j = json{
        {"hostname", m.hostname},      {"cpu_model", m.cpuModel}, {"logical_cpus", m.logicalCpus},
        {"usable_cpus", m.usableCpus}, {"kernel", m.kernel},      {"memory_bytes", m.memoryBytes}};
    // [cpu, package, die, core] per CPU: 256 CPUs as objects would outweigh the rest
    if (!m.topology.empty()) {
        json places = json::array();
        for (const CpuPlace& p : m.topology)
            places.push_back({p.cpu, p.package, p.die, p.core});
        j["topology"] = std::move(places);
    }
}

void from_json(const json& j, MachineInfo& m)
{
    j.at("hostname").get_to(m.hostname);
    j.at("cpu_model").get_to(m.cpuModel);
    m.logicalCpus = readIndex(j, "logical_cpus");
    m.usableCpus = readIndex(j, "usable_cpus");
    j.at("kernel").get_to(m.kernel);
    j.at("memory_bytes").get_to(m.memoryBytes);
    m.topology.clear();
    const auto places = j.find("topology");
    if (places == j.end() || places->is_null()) return;
    if (!places->is_array() || places->size() > static_cast<std::size_t>(kMaxCpus))
        throw std::invalid_argument("topology: expected at most " + std::to_string(kMaxCpus) +
                                    " [cpu, package, die, core] entries");
    for (const json& p : *places) {
        if (!p.is_array() || p.size() != 4)
            throw std::invalid_argument("topology: each entry is [cpu, package, die, core]");
        CpuPlace place;
        int* fields[] = {&place.cpu, &place.package, &place.die, &place.core};
        for (std::size_t k = 0; k < 4; ++k) {
            // core and package ids need not be dense (some ARM kernels number them sparsely)
            const std::int64_t limit = k == 0 ? kMaxCpus - 1 : INT_MAX;
            if (!p[k].is_number_integer() || p[k].get<std::int64_t>() < 0 ||
                p[k].get<std::int64_t>() > limit)
                throw std::invalid_argument("topology: " + p.dump() + " holds no valid id");
            *fields[k] = static_cast<int>(p[k].get<std::int64_t>());
        }
        m.topology.push_back(place);
    }
}

void to_json(json& j, const Summary& s)
{
    j = json{{"ops_total", s.opsTotal},
             {"ops_per_s", s.opsPerS},
             {"wall_s", s.wallS},
             {"workers", s.workers},
             {"processes", s.processes},
             {"cpu_time_s", s.cpuTimeS},
             {"busy_cores_mean", s.busyCoresMean},
             {"machine_busy_cores_mean", s.machineBusyCoresMean},
             {"per_core_busy", perCoreToJson(s.perCoreBusy)},
             {"ctx_voluntary", s.ctxVoluntary},
             {"ctx_involuntary", s.ctxInvoluntary},
             {"runqueue_wait_s", s.runqueueWaitS},
             {"workers_crashed", s.workersCrashed},
             {"workers_killed", s.workersKilled},
             {"stopped_early", s.stoppedEarly},
             {"figures", s.figures}};
    // a peak no reading measured is left out, as a sample's absent memory is
    if (s.peakRssBytes) j["peak_rss_bytes"] = *s.peakRssBytes;
    if (s.peakPssBytes) j["peak_pss_bytes"] = *s.peakPssBytes;
    if (s.peakUssBytes) j["peak_uss_bytes"] = *s.peakUssBytes;
    if (s.observerBusyCores) j["observer_busy_cores"] = *s.observerBusyCores;
}

void from_json(const json& j, Summary& s)
{
    j.at("ops_total").get_to(s.opsTotal);
    s.opsPerS = readDouble(j, "ops_per_s");
    s.wallS = readDouble(j, "wall_s");
    j.at("workers").get_to(s.workers);
    j.at("processes").get_to(s.processes);
    s.cpuTimeS = readDouble(j, "cpu_time_s");
    s.busyCoresMean = readDouble(j, "busy_cores_mean");
    s.machineBusyCoresMean = readDouble(j, "machine_busy_cores_mean");
    s.perCoreBusy = perCoreFromJson(j.at("per_core_busy"));
    s.peakRssBytes = readPeak(j, "peak_rss_bytes");
    s.peakPssBytes = readPeak(j, "peak_pss_bytes");
    s.peakUssBytes = readPeak(j, "peak_uss_bytes");
    if (const auto it = j.find("observer_busy_cores"); it != j.end() && !it->is_null())
        s.observerBusyCores = readDouble(j, "observer_busy_cores"); // added within schema 1
    j.at("ctx_voluntary").get_to(s.ctxVoluntary);
    j.at("ctx_involuntary").get_to(s.ctxInvoluntary);
    s.runqueueWaitS = readDouble(j, "runqueue_wait_s");
    j.at("workers_crashed").get_to(s.workersCrashed);
    s.workersKilled = j.value("workers_killed", 0); // added within schema 1
    j.at("stopped_early").get_to(s.stoppedEarly);
    s.figures = j.value("figures", std::map<std::string, double>{}); // added within schema 1
}

json runFileHead(const RunRecord& r)
{
    // Always the schema this code writes: the layout below is schema kRunFileSchema,
    // whatever file r was once read from.
    return json{{"schema", kRunFileSchema},  {"corelab_version", r.corelabVersion},
                {"started_at", r.startedAt}, {"spec", r.spec},
                {"machine", r.machine},      {"summary", r.summary}};
}

void to_json(json& j, const RunRecord& r)
{
    j = runFileHead(r);
    j["events"] = r.events;
    j["samples"] = r.samples;
}

void readRunFileHead(const json& j, RunRecord& r, int schema)
{
    r.schema = readSchema(j, schema);
    readPart(j, "corelab_version", r.corelabVersion);
    readPart(j, "started_at", r.startedAt);
    readPart(j, "spec", r.spec);
    checkSpecShape(r.spec);
    readPart(j, "machine", r.machine);
    checkRange("machine.logical_cpus", r.machine.logicalCpus, 0, kMaxCpus, "a CPU count");
    checkRange("machine.usable_cpus", r.machine.usableCpus, 0, kMaxCpus, "a CPU count");
    readPart(j, "summary", r.summary);
    const int workers = r.spec.totalWorkers();
    readArray(
        j, "events", kMaxEvents,
        [&](const Event& e) {
            checkRange("worker", e.worker, -1, workers - 1, "a worker of this run (or -1)");
        },
        r.events);
}

void checkLoadedSample(const Sample& s, std::size_t index, int workers)
{
    try {
        checkSample(s, workers);
    } catch (const FieldError& e) {
        throw std::invalid_argument("samples[" + std::to_string(index) + "]." + e.what());
    }
}

void from_json(const json& j, RunRecord& r)
{
    readRunFileHead(j, r, kRunFileSchema);
    const int workers = r.spec.totalWorkers();
    readArray(
        j, "samples", kMaxSamples, [&](const Sample& s) { checkSample(s, workers); }, r.samples);
}

} // namespace corelab
