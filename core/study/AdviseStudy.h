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

private:
    AdviseQuestion question_;
    std::vector<RunRecord> runs_;
};

// The spec one model runs for the question (also used to label it).
ExperimentSpec adviseSpec(const AdviseQuestion& q, Model model);

} // namespace corelab
