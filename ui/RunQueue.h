#pragma once

#include <optional>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QString>

#include "record/RunRecord.h"

namespace corelab::ui {

class EngineController;

// Runs several experiments one after another through the one EngineController, never
// two at once: a comparison (A then B), a sweep, a repeat, the measured table. Each
// run's live samples still arrive on the controller's own signals.
class RunQueue : public QObject {
    Q_OBJECT
public:
    explicit RunQueue(EngineController* controller, QObject* parent = nullptr);

    // Starts the first spec unless a run is active or a spec is invalid; returns the
    // error line instead of starting.
    std::optional<QString> start(std::vector<ExperimentSpec> specs);
    // Stops the current run; the rest are dropped and finished() follows.
    void stop();
    bool active() const { return active_; }
    int index() const { return index_; }
    int count() const { return static_cast<int>(specs_.size()); }

signals:
    void stepStarted(int index, const corelab::ExperimentSpec& spec);
    // whole: the run went to its planned end without an error; a stopped or failed
    // run is still reported (to be kept), but is not among finished()'s records
    void stepFinished(int index, const corelab::RunRecord& record, bool whole);
    // records: the whole runs, in order; complete: every spec ran whole; error: the first
    void finished(const std::vector<corelab::RunRecord>& records, bool complete,
                  const QString& error);

private:
    void onRunFinished(const RunRecord& record);
    std::optional<QString> startNext();
    void end(const QString& error);

    QPointer<EngineController> controller_; // deleted first when the window closes
    std::vector<ExperimentSpec> specs_;
    std::vector<RunRecord> records_;
    QString error_;
    int index_ = -1;
    bool active_ = false;
    bool stopped_ = false;
};

} // namespace corelab::ui
