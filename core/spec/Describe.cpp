#include "spec/Describe.h"

#include <cstdio>

#include "catalogue/Catalogue.h"

namespace corelab {

namespace {

// "1 thread", "2 threads"
std::string counted(int n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string layout(const ExperimentSpec& s)
{
    switch (s.model) {
    case Model::Threads:
        return counted(s.workers, "thread", "threads") + " in one process";
    case Model::Processes:
        return counted(s.workers, "process", "processes") + " (" + toString(s.spawn) + ")";
    case Model::Hybrid:
        return counted(s.workers, "process", "processes") + " × " +
               counted(s.threadsPerProcess, "thread", "threads") + " (" + toString(s.spawn) + ")";
    default:
        return counted(s.workers, "request", "requests") + " in flight on one thread";
    }
}

std::string paramText(const ParamInfo* p, const std::string& name, double value)
{
    if (p && !p->choices.empty() && value >= 0 && value < p->choices.size())
        return name + "=" + p->choices[static_cast<std::size_t>(value)];
    char text[64];
    std::snprintf(text, sizeof text, "%s=%g", name.c_str(), value);
    return text + (p && !p->unit.empty() ? " " + p->unit : std::string());
}

// An external command decides its own threads and processes: say what it is.
std::string describeCommand(const ExperimentSpec& s)
{
    std::string command;
    for (const std::string& word : s.command)
        command += (command.empty() ? "" : " ") + word;
    return "external: " + command + " (its own threads and processes)";
}

} // namespace

std::string describe(const ExperimentSpec& s)
{
    if (s.workload == "external") return describeCommand(s);
    std::string text = s.workload + ", " + toString(s.model) + ", " + layout(s);
    const WorkloadInfo* w = findWorkload(s.workload);
    for (const auto& [name, value] : s.params) {
        // look up in the registry itself: a pointer into a copy would dangle
        const ParamInfo* info = nullptr;
        if (w)
            for (const auto& p : w->params)
                if (p.name == name) info = &p;
        text += ", " + paramText(info, name, value);
    }
    if (s.interpreterLock) text += ", interpreter lock";
    if (s.crashWorker >= 0) {
        char crash[64];
        std::snprintf(crash, sizeof crash, ", worker %d crashes at %g s", s.crashWorker,
                      s.crashAtS);
        text += crash;
        if (s.restart) text += " (restarted)";
    }
    return text;
}

} // namespace corelab
