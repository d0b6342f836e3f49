#pragma once

#include <functional>
#include <optional>

#include <QObject>
#include <QString>

#include "RunSeries.h"
#include "study/Study.h"

namespace corelab::ui {

class EngineController;
class RunQueue;

// Runs one study at a time — a single run, a comparison, a sweep, repeats, the
// measured table — through the one RunQueue: each step's live samples go to the
// RunSeries its owner names, and each whole run is added to the study before
// stepFinished() says so. The owner keeps the study (and the series) alive until
// finished().
class StudyRunner : public QObject {
    Q_OBJECT
public:
    StudyRunner(EngineController* controller, RunSeries* defaultLive, QObject* parent = nullptr);

    // Where step's samples go; nullptr for the default (the Run tab's live series).
    using LiveTarget = std::function<RunSeries*(int step)>;
    // Starts the study's plan unless something runs or the study cannot run; returns
    // the error line instead of starting.
    std::optional<QString> start(Study& study, LiveTarget live = {});
    // Stops the current run; the rest of the plan is dropped and finished() follows.
    void stop();
    bool active() const { return study_ != nullptr; }
    // The study that runs, or nullptr: owners ignore signals about another's study.
    const Study* study() const { return study_; }
    // The spec of the step that runs (the default spec when none runs).
    ExperimentSpec currentSpec() const;
    RunQueue* queue() const { return queue_; }
    // Whole runs of the study so far (of study()->steps()).
    int wholeRuns() const { return wholeRuns_; }

signals:
    void stepStarted(int step, const corelab::ExperimentSpec& spec, corelab::ui::RunSeries* live);
    // After the study has the run (when whole); a stopped or failed run still comes
    // here, to be kept, but is not in the study.
    void stepFinished(int step, const corelab::RunRecord& record, bool whole);
    void liveChanged(corelab::ui::RunSeries* live);
    // complete: every step ran whole; error: the first error, if any.
    void finished(bool complete, const QString& error);

private:
    void onStepStarted(int step, const ExperimentSpec& spec);
    void onStepFinished(int step, const RunRecord& record, bool whole);
    void onFinished(bool complete, const QString& error);

    RunQueue* queue_;
    const EngineController* controller_;
    RunSeries* defaultLive_;
    RunSeries* live_ = nullptr; // where the running step's samples go
    Study* study_ = nullptr;
    LiveTarget liveTarget_;
    int wholeRuns_ = 0;
};

} // namespace corelab::ui
