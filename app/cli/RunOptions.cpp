#include "cli/RunOptions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "Log.h"
#include "catalogue/Catalogue.h"
#include "spec/CommandLine.h"

namespace corelab::cli {

namespace {

template <typename T> std::optional<T> number(const std::string& text)
{
    T value{};
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::string> setParam(ExperimentSpec& spec, const std::string& name,
                                    const std::string& value)
{
    auto v = number<double>(value);
    if (const WorkloadInfo* w = findWorkload(spec.workload)) {
        for (const ParamInfo& p : w->params) {
            if (p.name != name || p.choices.empty()) continue;
            if (auto named = choiceIndex(p, value))
                v = named;
            else if (!v) { // an index is accepted too: run files store choices as numbers
                std::string names;
                for (const auto& c : p.choices)
                    names += (names.empty() ? "" : ", ") + c;
                return "--" + name + ": '" + value + "' is not one of " + names;
            }
        }
    }
    if (!v || !std::isfinite(*v)) return "--" + name + ": '" + value + "' is not a number";
    spec.params[name] = *v;
    return std::nullopt;
}

// The external workload is implied by a command; its defaults are one worker in
// the threads model (the command decides what it runs on), unless asked otherwise.
void applyCommandDefaults(const std::vector<std::string>& args, ExperimentSpec& spec)
{
    if (spec.command.empty()) return;
    auto given = [&](const std::string& flag) {
        for (const auto& a : args) {
            if (a == "--") break;
            if (a == flag || a.rfind(flag + "=", 0) == 0) return true;
        }
        return false;
    };
    if (!given("--workload")) spec.workload = "external";
    if (spec.workload == "external" && !given("--workers")) spec.workers = 1;
}

// A flag that takes a value; returns an error line or nothing.
std::optional<std::string> applyFlag(const std::string& flag, const std::string& value,
                                     RunOptions& o)
{
    ExperimentSpec& s = o.spec;
    auto bad = [&](const std::string& what) { return flag + ": '" + value + "' " + what; };
    if (flag == "--workload")
        s.workload = value;
    else if (flag == "--command")
        s.command = splitCommandLine(value);
    else if (flag == "--model") {
        auto m = modelFromString(value);
        if (!m) return bad("is not a model (threads, processes, hybrid or async)");
        s.model = *m;
    } else if (flag == "--spawn") {
        auto m = spawnFromString(value);
        if (!m) return bad("is not a spawn method (fork or exec)");
        s.spawn = *m;
    } else if (flag == "--workers" || flag == "--threads-per-process" || flag == "--rate") {
        auto n = number<int>(value);
        if (!n) return bad("is not a whole number");
        (flag == "--workers" ? s.workers : flag == "--rate" ? s.rateHz : s.threadsPerProcess) = *n;
    } else if (flag == "--crash-worker") {
        auto n = number<int>(value);
        if (!n) return bad("is not a worker index");
        s.crashWorker = *n;
    } else if (flag == "--switch-interval" || flag == "--crash-at") {
        auto d = flag == "--crash-at" ? parseDuration(value) : number<double>(value);
        if (!d)
            return bad(flag == "--crash-at" ? "is not a time (e.g. 1s, 500ms)"
                                            : "is not a number of ms");
        (flag == "--crash-at" ? s.crashAtS : s.switchIntervalMs) = *d;
    } else if (flag == "--duration") {
        auto d = parseDuration(value);
        if (!d) return bad("is not a duration (e.g. 3s, 500ms, 2m)");
        s.durationS = *d;
    } else if (flag == "--out" || flag == "--csv") {
        // an empty name would save nothing and say nothing
        if (value.empty()) return flag + ": needs a file name";
        (flag == "--out" ? o.outPath : o.csvPath) = value;
    } else if (flag == "--log-level") {
        if (!setLogLevel(value))
            return bad("is not a log level (trace, debug, info, warn, error, off)");
        o.logLevel = value;
    } else if (flag == "--param") {
        const auto eq = value.find('=');
        if (eq == std::string::npos) return bad("must be name=value");
        o.rawParams.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else {
        o.rawParams.emplace_back(flag.substr(2), value); // read once --workload is known
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> parseRunOptions(const std::vector<std::string>& args, RunOptions& o)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            o.help = true;
            return std::nullopt;
        }
        if (a == "--") { // everything after it is the external workload's command
            o.spec.command.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        if (a == "--json") {
            o.json = true;
            continue;
        }
        if (a == "--interpreter-lock" || a == "--restart") {
            (a == "--restart" ? o.spec.restart : o.spec.interpreterLock) = true;
            continue;
        }
        if (a.rfind("--", 0) != 0)
            return "unexpected argument '" + a + "' (see corelab run --help)";
        std::string flag = a, value;
        if (auto eq = a.find('='); eq != std::string::npos && a.rfind("--param", 0) != 0) {
            flag = a.substr(0, eq);
            value = a.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return a + ": needs a value (see corelab run --help)";
        }
        if (auto err = applyFlag(flag, value, o)) return err;
    }
    applyCommandDefaults(args, o.spec);
    for (const auto& [name, value] : o.rawParams)
        if (auto err = setParam(o.spec, name, value)) return err;
    if (auto err = validate(o.spec)) {
        const bool isFlag = err->field.find(' ') == std::string::npos;
        return (isFlag ? "--" : "") + err->text();
    }
    return std::nullopt;
}

std::string runHelp()
{
    using L = SpecLimits;
    const ExperimentSpec d;
    std::ostringstream h;
    h << "usage: corelab run [options] [-- program args…]\n\n"
         "Runs one experiment headless and prints what was measured.\n\n"
      << "  --workload NAME          what each worker does (default " << d.workload << ")\n"
      << "  --model M                threads | processes | hybrid | async (default threads);\n"
         "                           async (io, mixed): one thread, an event loop\n"
      << "  --workers N              threads, or processes for processes/hybrid; " << L::minWorkers
      << " … " << L::maxWorkers << " (default " << d.workers << ");\n"
      << "                           async: requests in flight, 1 … " << L::maxInFlight << "\n"
      << "  --threads-per-process T  hybrid only: threads in each process; 1 … "
      << L::maxThreadsPerProcess << " (default 1)\n"
      << "  --spawn S                how worker processes start: fork (from the leader) or exec\n"
         "                           (posix_spawn of corelab-worker) (default fork)\n"
      << "  --duration D             how long workers run, from the moment all have started;\n"
         "                           0.1 s … 1 h, e.g. 3s, 500ms, 2m (default 3s)\n"
      << "  --rate HZ                samples per second; " << L::minRateHz << " … " << L::maxRateHz
      << " Hz (default " << d.rateHz << ")\n"
      << "  --out FILE               write the run file: FILE.corelab compact, any other name\n"
      << "                           JSON (docs/run-file.md)\n"
      << "  --csv FILE               write per-worker samples as CSV\n"
      << "  --json                   print the summary as JSON instead of a table\n"
      << "  --log-level L            trace | debug | info | warn | error | off (default warn)\n"
      << "  --param NAME=VALUE       a workload parameter (also accepted as --NAME VALUE)\n"
      << "  --interpreter-lock       emulate one global interpreter lock per process, as\n"
         "                           CPython has: threads of a process compute one at a time\n"
      << "  --switch-interval MS     how long a thread waits before asking the lock holder to\n"
         "                           let go; "
      << L::minSwitchIntervalMs << " … " << L::maxSwitchIntervalMs << " ms (default "
      << d.switchIntervalMs << ")\n"
      << "  --crash-worker K         worker K (0-based) makes an invalid memory access\n"
      << "  --crash-at T             … T after the start (0 … duration, default 0s)\n"
      << "  --restart                processes/hybrid: the leader restarts a crashed worker\n"
      << "  --command \"PROG ARGS\"    external: the program to run and measure (quotes group\n"
         "                           words); or put it last, after --: -- python3 s.py\n\n"
         "Workloads and their parameters:\n";
    for (const auto& w : workloads()) {
        h << "  " << w.name << ": " << w.description << "\n";
        for (const auto& p : w.params) {
            h << "      --" << p.name;
            if (p.choices.empty()) {
                h << " (" << p.unit << "): " << p.help << "; " << p.min << " … " << p.max
                  << ", default " << p.defaultValue << "\n";
                continue;
            }
            h << ": " << p.help << "; one of";
            for (const auto& c : p.choices)
                h << " " << c;
            h << " (default " << p.choices[static_cast<std::size_t>(p.defaultValue)] << ")\n";
        }
    }
    h << "\nCtrl+C stops early; what was measured is still printed and saved.\n"
         "Exit codes: 0 ok, 1 the run failed, 2 bad input.\n";
    return h.str();
}

std::vector<std::pair<std::string, std::string>>
takeFlags(std::vector<std::string>& args, const std::vector<std::string>& names, std::string& error)
{
    std::vector<std::pair<std::string, std::string>> found;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto eq = a.find('=');
        const std::string flag = a.substr(0, eq);
        if (std::find(names.begin(), names.end(), flag) == names.end()) {
            rest.push_back(a);
            continue;
        }
        if (eq != std::string::npos)
            found.emplace_back(flag, a.substr(eq + 1));
        else if (i + 1 < args.size())
            found.emplace_back(flag, args[++i]);
        else
            error = flag + ": needs a value";
    }
    args = rest;
    return found;
}

} // namespace corelab::cli
