#pragma once

#include <optional>
#include <string>
#include <vector>

#include "record/RunRecord.h"

namespace corelab {

// One job of several runs — a comparison, a sweep, repeats, the measured table — as
// the window and the command line both drive it: run plan() in order, one run at a
// time, hand each whole run to add(), and read the study's result, which is up to
// date after every add(). A stopped or failed run is never added: it would pull a
// result off its value.
class Study {
public:
    virtual ~Study() = default;

    // Empty when error() says why the study cannot run.
    const std::vector<ExperimentSpec>& plan() const { return plan_; }
    int steps() const { return static_cast<int>(plan_.size()); }
    const std::optional<std::string>& error() const { return error_; }
    // What the plan left out, one line each ("pingpong: 1, 3 left out: …").
    const std::vector<std::string>& notes() const { return notes_; }

    // What a step is called in progress lines: "A", "threads ×4", "run 3/5".
    virtual std::string stepLabel(int step) const = 0;
    virtual void add(int step, const RunRecord& run) = 0;
    // Names the job's folder: "compare", "sweep", "repeat", "table".
    virtual std::string kind() const = 0;

protected:
    std::vector<ExperimentSpec> plan_;
    std::optional<std::string> error_;
    std::vector<std::string> notes_;
};

// One run, as the Start button makes it: a study of one step, kept whole.
class SingleRun : public Study {
public:
    explicit SingleRun(const ExperimentSpec& spec);
    std::string stepLabel(int) const override { return "run"; }
    void add(int, const RunRecord& run) override { run_ = run; }
    std::string kind() const override { return "run"; }
    const std::optional<RunRecord>& run() const { return run_; }

private:
    std::optional<RunRecord> run_;
};

// A run's figures without its samples: what a job of many runs keeps of each.
RunRecord withoutSamples(RunRecord run);

} // namespace corelab
