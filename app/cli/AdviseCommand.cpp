#include "cli/AdviseCommand.h"

#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/RunOptions.h"
#include "cli/Runner.h"
#include "probe/MachineInfo.h"
#include "spec/Describe.h"
#include "study/AdviseStudy.h"

namespace corelab::cli {

namespace {

const char* adviseHelp =
    "usage: corelab advise [--compute-ms C] [--wait-ms W] [--tasks N] [--no-lock]\n"
    "                      [--duration S] [--repeats K] [--json]\n\n"
    "Threads or processes? Describe the work — each task computes for C ms of CPU, then\n"
    "waits W ms (I/O, a reply; measured as a sleep), N tasks at once — and CoreLab runs it\n"
    "as threads, processes, hybrid (processes of two threads) and async, K times each,\n"
    "interleaved, and recommends the model that completed the most tasks, with what each\n"
    "task cost in CPU and memory. A winner is named only when its slowest run beat every\n"
    "other model's fastest.\n\n"
    "  --compute-ms C  CPU time of one task's compute part, 0 … 1000 (default 2)\n"
    "  --wait-ms W     blocking wait after it, 0 … 1000 (default 10)\n"
    "  --tasks N       tasks at once: workers, or the event loop's streams (default 8)\n"
    "  --no-lock       the runtime has no global interpreter lock (C++, Java, Go …);\n"
    "                  by default threads share one, as CPython's do\n"
    "  --duration S    length of each run in seconds, 0.2 … 60 (default 1)\n"
    "  --repeats K     runs per model, 1 … 20 (default 3)\n"
    "  --json          print the answer as JSON\n"
    "Exit codes: 0 ok, 1 a run failed, 2 bad input.\n";

std::string parseAdviseFlags(std::vector<std::string> args, AdviseQuestion& q, bool& json,
                             bool& help)
{
    std::string error;
    std::vector<std::string> flags;
    for (const AdviseFieldInfo& f : adviseFields())
        flags.push_back(f.flag);
    for (const auto& [flag, value] : takeFlags(args, flags, error))
        if (auto bad = setAdviseField(q, findAdviseField(flag)->field, value))
            return flag + ": " + *bad;
    if (!error.empty()) return error;
    for (const std::string& a : args) {
        if (a == "--no-lock")
            q.interpreterLock = false;
        else if (a == "--json")
            json = true;
        else if (a == "--help" || a == "-h")
            help = true;
        else
            return "'" + a + "' is not an option of advise (see corelab advise --help)";
    }
    if (auto bad = checkAdviseQuestion(q)) return "--compute-ms and --wait-ms: " + *bad;
    return {};
}

nlohmann::json spreadJson(const Spread& s)
{
    if (s.n == 0) return nullptr;
    return {{"n", s.n}, {"median", s.median}, {"min", s.min}, {"max", s.max}};
}

nlohmann::json answerJson(const AdviseQuestion& q, const AdviseAnswer& a)
{
    nlohmann::json models = nlohmann::json::array();
    for (const AdviseModel& m : a.models)
        models.push_back({{"model", toString(m.model)},
                          {"label", m.label},
                          {"tasks_per_s", spreadJson(m.tasksPerS)},
                          {"cpu_ms_per_task", spreadJson(m.cpuMsPerTask)},
                          {"pss_bytes_per_task", spreadJson(m.pssPerTaskBytes)},
                          {"other_busy_cores", m.otherBusyCores}});
    nlohmann::json j = {{"question",
                         {{"compute_ms", q.computeMs},
                          {"wait_ms", q.waitMs},
                          {"tasks", q.tasks},
                          {"interpreter_lock", q.interpreterLock},
                          {"run_s", q.runS},
                          {"repeats", q.repeats}}},
                        {"models", models},
                        {"recommendation", a.sentence}};
    j["best"] = a.best ? nlohmann::json(toString(a.models[*a.best].model)) : nullptr;
    nlohmann::json tied = nlohmann::json::array();
    for (std::size_t i : a.tied)
        tied.push_back(toString(a.models[i].model));
    j["tied"] = tied;
    return j;
}

std::string cell(const Spread& s, double scale, const char* format)
{
    if (s.n == 0) return "not measured";
    char text[64];
    std::snprintf(text, sizeof text, format, s.median * scale, s.min * scale, s.max * scale);
    return text;
}

void printAnswer(const AdviseQuestion& q, const AdviseAnswer& a)
{
    const double share = q.computeMs / (q.computeMs + q.waitMs) * 100;
    std::printf("\nEach task computes %.3g ms and waits %.3g ms (%.0f %% computing), %d at once, "
                "%s.\n\n",
                q.computeMs, q.waitMs, share, q.tasks,
                q.interpreterLock ? "threads sharing one interpreter lock"
                                  : "threads without an interpreter lock");
    std::printf("  %-22s %-30s %-24s %s\n", "model", "tasks/s: median (min - max)",
                "CPU ms per task", "memory per task (PSS)");
    for (const AdviseModel& m : a.models)
        std::printf("  %-22s %-30s %-24s %s\n", m.label.c_str(),
                    cell(m.tasksPerS, 1, "%.4g (%.4g - %.4g)").c_str(),
                    cell(m.cpuMsPerTask, 1, "%.3g (%.3g - %.3g)").c_str(),
                    cell(m.pssPerTaskBytes, 1.0 / 1024, "%.0f KiB (%.0f - %.0f)").c_str());
    std::printf("\n%s\n", a.sentence.c_str());
    std::printf("Sources: tasks/s from the workers' counters over the run's wall time; CPU from "
                "schedstat per thread; PSS from smaps_rollup (2 Hz, peak) ÷ tasks.\n");
}

} // namespace

int adviseCommand(const std::vector<std::string>& args)
{
    AdviseQuestion q;
    bool json = false, help = false;
    const std::string error = parseAdviseFlags(args, q, json, help);
    if (help) {
        std::cout << adviseHelp;
        return 0;
    }
    if (!error.empty()) {
        std::cerr << "corelab advise: " << error << "\n";
        return 2;
    }
    AdviseStudy study(q);
    if (study.error()) {
        std::cerr << "corelab advise: " << *study.error() << "\n";
        return 2;
    }
    if (const int failed = runStudy(study, "advise")) return failed;
    const AdviseAnswer a = study.answer();
    if (json)
        std::cout << answerJson(q, a).dump(2) << "\n";
    else
        printAnswer(q, a);
    return 0;
}

} // namespace corelab::cli
