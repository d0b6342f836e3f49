#include "study/AdviseStudy.h"

#include <algorithm>
#include <charconv>
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

// "processes ×8 measured best — agrees" and the like: the measured best against the
// model the article names for this kind of task.
std::string measuredAgainst(const AdviseAnswer& a, Model article)
{
    const std::string name = toString(article);
    if (a.best) {
        const AdviseModel& b = a.models[*a.best];
        return b.model == article
                   ? "measured: " + b.label + " did best — agrees"
                   : "measured: " + b.label + " did best, not " + name + " — differs";
    }
    if (a.tied.empty()) return "not measured";
    const bool among = std::any_of(a.tied.begin(), a.tied.end(),
                                   [&](std::size_t i) { return a.models[i].model == article; });
    return "measured: " + joinLabels(a.models, a.tied) + " about the same — " +
           (among ? "a tie that includes " + name : name + " not among them — differs");
}

std::string percent(double share)
{
    char text[16];
    std::snprintf(text, sizeof text, "%.0f %%", share * 100);
    return text;
}

} // namespace

const std::vector<AdviseFieldInfo>& adviseFields()
{
    static const std::vector<AdviseFieldInfo> fields = {
        {AdviseField::ComputeMs, "--compute-ms", "compute per task", 0, 1000, false,
         "ms (0 … 1000)"},
        {AdviseField::WaitMs, "--wait-ms", "wait per task", 0, 1000, false, "ms (0 … 1000)"},
        {AdviseField::Tasks, "--tasks", "tasks at once", 1, 512, true, "a task count (1 … 512)"},
        {AdviseField::Duration, "--duration", "duration", 0.2, 60, false, "seconds (0.2 … 60)"},
        {AdviseField::Repeats, "--repeats", "repeats", 1, 20, true, "a run count (1 … 20)"},
    };
    return fields;
}

const AdviseFieldInfo* findAdviseField(const std::string& flag)
{
    for (const AdviseFieldInfo& f : adviseFields())
        if (flag == f.flag) return &f;
    return nullptr;
}

double adviseFieldValue(const AdviseQuestion& q, AdviseField field)
{
    switch (field) {
    case AdviseField::ComputeMs:
        return q.computeMs;
    case AdviseField::WaitMs:
        return q.waitMs;
    case AdviseField::Tasks:
        return q.tasks;
    case AdviseField::Duration:
        return q.runS;
    case AdviseField::Repeats:
        return q.repeats;
    }
    return 0;
}

std::optional<std::string> setAdviseField(AdviseQuestion& q, AdviseField field,
                                          const std::string& text)
{
    const auto info = std::find_if(adviseFields().begin(), adviseFields().end(),
                                   [&](const AdviseFieldInfo& f) { return f.field == field; });
    std::string number = text;
    if (field == AdviseField::Duration && !number.empty() && number.back() == 's')
        number.pop_back();
    double v = 0;
    const char* end = number.data() + number.size();
    const auto [ptr, ec] = std::from_chars(number.data(), end, v);
    if (number.empty() || ec != std::errc() || ptr != end || !std::isfinite(v) || v < info->lo ||
        v > info->hi || (info->whole && v != std::floor(v)))
        return "'" + text + "' is not " + info->what;
    switch (field) {
    case AdviseField::ComputeMs:
        q.computeMs = v;
        break;
    case AdviseField::WaitMs:
        q.waitMs = v;
        break;
    case AdviseField::Tasks:
        q.tasks = static_cast<int>(v);
        break;
    case AdviseField::Duration:
        q.runS = v;
        break;
    case AdviseField::Repeats:
        q.repeats = static_cast<int>(v);
        break;
    }
    return std::nullopt;
}

std::optional<std::string> checkAdviseQuestion(const AdviseQuestion& q)
{
    if (q.computeMs == 0 && q.waitMs == 0) return "compute and wait per task are both 0: no work";
    return std::nullopt;
}

std::vector<std::string> articleQuestions(const AdviseQuestion& q, const AdviseAnswer& a)
{
    const double total = q.computeMs + q.waitMs;
    const double computing = total > 0 ? q.computeMs / total : 0;
    const bool cpuBound = computing >= 0.5;
    const std::string lock = q.interpreterLock ? ", its threads under one interpreter lock"
                                               : ", its threads free of an interpreter lock";
    std::vector<std::string> lines;
    lines.push_back(cpuBound ? "Is the task CPU-bound? Yes: it computes " + percent(computing) +
                                   " of the time" + lock + ". The article says processes; " +
                                   measuredAgainst(a, Model::Processes) + "."
                             : "Is the task CPU-bound? No: it computes " + percent(computing) +
                                   " of the time.");
    lines.push_back(
        !cpuBound
            ? "Is the task I/O-bound? Yes: it waits " + percent(1 - computing) + " of the time" +
                  lock + ". The article says threads; " + measuredAgainst(a, Model::Threads) + "."
            : "Is the task I/O-bound? No: it waits " + percent(1 - computing) + " of the time.");
    lines.push_back("Do you need isolation and stability? Not measured here (no task fails): "
                    "the Table's fault isolation row crashes a worker in each model.");
    lines.push_back("Do you need fast communication and low overhead? Not measured here (the "
                    "tasks pass no data): the Table's communication row measures each model's "
                    "channel.");
    return lines;
}

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
