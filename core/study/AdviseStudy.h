#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/Spread.h"
#include "study/Study.h"

namespace corelab {

// A workload described by a few numbers, as the article's closing questions ask about
// it: how much each task computes, how long it then waits, how many run at once, and
// whether the runtime has a global interpreter lock.
struct AdviseQuestion {
    double computeMs = 2;        // CPU time of one task's compute part
    double waitMs = 10;          // blocking wait after it (I/O stands in as a sleep)
    int tasks = 8;               // tasks in flight at once: workers, or the event loop's streams
    bool interpreterLock = true; // as CPython's threads have (default: the article's case)
    double runS = 1.0;
    int repeats = 3; // runs per model, interleaved so drift hits every model alike
};

// One execution model's runs of the question.
struct AdviseModel {
    Model model = Model::Threads;
    std::string label;      // "threads ×8", "processes ×8", "hybrid 4 × 2", "async, 8 in flight"
    Spread tasksPerS;       // tasks completed per second (the mixed workload's tasks_per_s)
    Spread cpuMsPerTask;    // workers' CPU time / tasks: what each task cost the machine
    Spread pssPerTaskBytes; // peak PSS / tasks in flight: what each waiting task costs
    double otherBusyCores = 0; // the most other programs used during these runs
};

struct AdviseAnswer {
    std::vector<AdviseModel> models; // in the plan's order
    // The model that completed the most tasks per second, when its slowest run beat every
    // other model's fastest; nullopt when the ranges overlap (then `tied` names them).
    std::optional<std::size_t> best;
    std::vector<std::size_t> tied; // the models whose ranges overlap the fastest's
    std::string sentence;          // the recommendation in words, with its figures
};

AdviseAnswer adviseAnswer(const AdviseQuestion& q, const std::vector<RunRecord>& runs);

// The numbers a question is typed as, with the ranges both the command line and the
// window accept: one table, so the two faces cannot drift apart.
enum class AdviseField { ComputeMs, WaitMs, Tasks, Duration, Repeats };
struct AdviseFieldInfo {
    AdviseField field;
    const char* flag;  // "--compute-ms"
    const char* label; // "compute per task": what the window calls it
    double lo, hi;
    bool whole;       // a count: no fractions
    const char* what; // "ms (0 … 1000)": what the text must be
};
const std::vector<AdviseFieldInfo>& adviseFields();
const AdviseFieldInfo* findAdviseField(const std::string& flag);
double adviseFieldValue(const AdviseQuestion& q, AdviseField field);
// Sets the field from `text` ("0.5", and "0.5s" for the duration); the error
// ("'lots' is not ms (0 … 1000)") when it is not a number in the field's range.
std::optional<std::string> setAdviseField(AdviseQuestion& q, AdviseField field,
                                          const std::string& text);
// What is wrong with the question as a whole (both parts 0: no work), if anything.
std::optional<std::string> checkAdviseQuestion(const AdviseQuestion& q);

// The article's four closing questions ("How to Choose Quickly") as this measurement
// answers them: whether the workload is CPU-bound or I/O-bound, what the article says
// to use then, and whether the measured best agrees; isolation and communication are
// said to be outside what it measures. One line each, in the article's order.
std::vector<std::string> articleQuestions(const AdviseQuestion& q, const AdviseAnswer& a);

// Runs the question as threads, processes, hybrid (processes of two threads) and async,
// `repeats` times each, interleaved.
class AdviseStudy : public Study {
public:
    explicit AdviseStudy(const AdviseQuestion& question);

    std::string stepLabel(int step) const override;
    void add(int step, const RunRecord& run) override;
    std::string kind() const override { return "advise"; }

    const AdviseQuestion& question() const { return question_; }
    AdviseAnswer answer() const { return adviseAnswer(question_, runs_); }
    const std::vector<RunRecord>& runs() const { return runs_; }

private:
    AdviseQuestion question_;
    std::vector<RunRecord> runs_;
};

// The spec one model runs for the question (also used to label it).
ExperimentSpec adviseSpec(const AdviseQuestion& q, Model model);

} // namespace corelab
