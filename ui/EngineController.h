#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QObject>
#include <QString>

#include "engine/Engine.h"
#include "engine/SyntheticRun.h"

namespace corelab::ui {

// The window's only door to the engine. The engine calls back on its own thread; every
// result is handed to the GUI thread as a queued call tagged with the run's id, and a
// result for a run that has since been replaced is dropped there.
class EngineController : public QObject {
    Q_OBJECT
public:
    // workerPath: corelab-worker; empty means beside the running executable.
    // procRoot: where the engine samples from; empty means the engine's own default (/proc).
    explicit EngineController(const QString& workerPath = {}, const QString& procRoot = {},
                              QObject* parent = nullptr);
    // Stops a running run and waits for it (≤ ~2 s): call after hiding the window.
    ~EngineController() override;

    // Starts a run unless one is active; returns the error line instead of starting.
    std::optional<QString> start(const ExperimentSpec& spec);
    // Asks the run to end; returns at once, runFinished follows.
    void stop();
    bool running() const { return active_; }
    int leaderPid() const { return engine_->leaderPid(); }
    quint64 runId() const { return runId_; }
    // From now on every start() plays this synthetic run (the hidden --synthetic flag)
    // through the same signals, whatever spec it is given; speed > 1 plays it faster than
    // its own clock (SyntheticRun::start).
    void setSynthetic(const SyntheticShape& shape, double speed = 1);
    // The machine a live run's samples come from when it is not this one (synthetic);
    // nullptr for real runs.
    const MachineInfo* liveMachine() const { return synthetic_ ? &syntheticMachine_ : nullptr; }

signals:
    void runStarted(const corelab::ExperimentSpec& spec);
    void samplesAvailable(const std::vector<corelab::Sample>& batch);
    void eventsAvailable(const std::vector<corelab::Event>& batch);
    void runFinished(const corelab::RunRecord& record);
    void errorOccurred(const QString& message);

private:
    class Sink;
    friend class Sink;
    void deliverSamples(quint64 id, const std::vector<Sample>& batch);
    void deliverEvents(quint64 id, const std::vector<Event>& batch);
    void deliverFinished(quint64 id, const RunRecord& record);
    void deliverError(quint64 id, const QString& message);

    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Sink> sink_;
    std::unique_ptr<SyntheticRun> synthetic_;
    SyntheticShape syntheticShape_;
    double syntheticSpeed_ = 1;
    MachineInfo syntheticMachine_;
    quint64 runId_ = 0;
    bool active_ = false;
};

} // namespace corelab::ui
