#include "study/AdviseStudy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "record/Summarize.h"

namespace corelab {

namespace {

constexpr Model kModels[] = {Model::Threads, Model::Processes, Model::Hybrid, Model::Async};
constexpr int kThreadsPerHybridProcess = 2;

std::string modelLabel(const AdviseQuestion& q, Model model)
{
    const std::string n = std::to_string(q.tasks);
    switch (model) {
    case Model::Threads:
        return "threads ×" + n;
    case Model::Processes:
        return "processes ×" + n;
    case Model::Hybrid:
        return "hybrid " + std::to_string(std::max(1, q.tasks / kThreadsPerHybridProcess)) + " × " +
               std::to_string(kThreadsPerHybridProcess);
    case Model::Async:
        return "async, " + n + " in flight";
    }
    return "?";
}

std::string number(double v, const char* unit)
{
    char text[48];
    if (!std::isfinite(v)) return "not measured";
    if (std::fabs(v) >= 100)
        std::snprintf(text, sizeof text, "%.0f %s", v, unit);
    else if (std::fabs(v) >= 10)
        std::snprintf(text, sizeof text, "%.1f %s", v, unit);
    else
        std::snprintf(text, sizeof text, "%.2f %s", v, unit);
    return text;
}

// "412 tasks/s (398 – 430)": the median, then the range of the runs
std::string range(const Spread& s, const char* unit)
{
    if (s.n == 0) return "not measured";
    if (s.n == 1) return number(s.median, unit);
    std::string lo = number(s.min, ""), hi = number(s.max, "");
    lo.pop_back();
    hi.pop_back();
    return number(s.median, unit) + " (" + lo + " – " + hi + ")";
}

std::string joinLabels(const std::vector<AdviseModel>& models, const std::vector<std::size_t>& at)
{
    std::string text;
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (i) text += i + 1 == at.size() ? " and " : ", ";
        text += models[at[i]].label;
    }
    return text;
}

} // namespace

ExperimentSpec adviseSpec(const AdviseQuestion& q, Model model)
{
    ExperimentSpec s;
    s.workload = "mixed";
    s.model = model;
    s.workers = q.tasks;
    if (model == Model::Hybrid) {
        s.workers = std::max(1, q.tasks / kThreadsPerHybridProcess);
        s.threadsPerProcess = kThreadsPerHybridProcess;
    }
    s.durationS = q.runS;
    s.interpreterLock = q.interpreterLock;
    s.params = {{"compute-ms", q.computeMs}, {"wait-ms", q.waitMs}};
    return s;
}

AdviseStudy::AdviseStudy(const AdviseQuestion& question)
    : question_(question)
{
    for (int r = 0; r < question.repeats; ++r)
        for (Model m : kModels) {
            ExperimentSpec s = adviseSpec(question, m);
            if (auto err = validate(s)) {
                error_ = modelLabel(question, m) + ": " + err->text();
                plan_.clear();
                return;
            }
            plan_.push_back(s);
        }
}

std::string AdviseStudy::stepLabel(int step) const
{
    const Model m = plan_.at(static_cast<std::size_t>(step)).model;
    return std::to_string(step + 1) + "/" + std::to_string(steps()) + " " +
           modelLabel(question_, m);
}

void AdviseStudy::add(int, const RunRecord& run)
{
    runs_.push_back(withoutSamples(run));
}

AdviseAnswer adviseAnswer(const AdviseQuestion& q, const std::vector<RunRecord>& runs)
{
    AdviseAnswer a;
    for (Model m : kModels) {
        AdviseModel am;
        am.model = m;
        am.label = modelLabel(q, m);
        std::vector<double> rate, cpu, pss;
        for (const RunRecord& r : runs) {
            if (r.spec.model != m) continue;
            const auto it = r.summary.figures.find("tasks_per_s");
            rate.push_back(it != r.summary.figures.end() ? it->second : r.summary.opsPerS);
            cpu.push_back(r.summary.opsTotal
                              ? r.summary.cpuTimeS * 1e3 / static_cast<double>(r.summary.opsTotal)
                              : NAN);
            pss.push_back(r.summary.peakPssBytes
                              ? static_cast<double>(*r.summary.peakPssBytes) / q.tasks
                              : NAN);
            am.otherBusyCores = std::max(am.otherBusyCores, otherBusyCores(r.summary));
        }
        am.tasksPerS = spreadOf(rate);
        am.cpuMsPerTask = spreadOf(cpu);
        am.pssPerTaskBytes = spreadOf(pss);
        a.models.push_back(am);
    }
    // the fastest by median; a winner only when its slowest run beat every other's fastest
    std::optional<std::size_t> fastest;
    for (std::size_t i = 0; i < a.models.size(); ++i)
        if (a.models[i].tasksPerS.n > 0 &&
            (!fastest || a.models[i].tasksPerS.median > a.models[*fastest].tasksPerS.median))
            fastest = i;
    if (!fastest) {
        a.sentence = "No run finished: nothing to recommend.";
        return a;
    }
    const AdviseModel& f = a.models[*fastest];
    a.tied.push_back(*fastest);
    for (std::size_t i = 0; i < a.models.size(); ++i)
        if (i != *fastest && a.models[i].tasksPerS.n > 0 &&
            a.models[i].tasksPerS.max >= f.tasksPerS.min)
            a.tied.push_back(i);
    std::string sentence;
    if (a.tied.size() == 1) {
        a.best = fastest;
        a.tied.clear();
        sentence = "Use " + f.label + ": it completed the most tasks, " +
                   range(f.tasksPerS, "tasks/s") +
                   ", and its slowest run beat every other model's fastest.";
    } else {
        sentence = "No single winner: " + joinLabels(a.models, a.tied) +
                   " completed about as many tasks (their ranges overlap); choose among them by "
                   "cost: CPU per task and memory per task below.";
    }
    double other = 0;
    for (const AdviseModel& m : a.models)
        other = std::max(other, m.otherBusyCores);
    if (other >= 0.5) {
        char text[160];
        std::snprintf(text, sizeof text,
                      " Other programs kept up to %.1f cores busy during these runs: the "
                      "CPU-bound models' figures are low, run again on a quiet machine.",
                      other);
        sentence += text;
    }
    a.sentence = sentence;
    return a;
}

} // namespace corelab
