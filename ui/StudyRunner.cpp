#include "StudyRunner.h"

#include "EngineController.h"
#include "RunQueue.h"
#include "RunSeries.h"

namespace corelab::ui {

StudyRunner::StudyRunner(EngineController* controller, RunSeries* defaultLive, QObject* parent)
    : QObject(parent)
    , queue_(new RunQueue(controller, this))
    , controller_(controller)
    , defaultLive_(defaultLive)
{
    connect(queue_, &RunQueue::stepStarted, this, &StudyRunner::onStepStarted);
    connect(queue_, &RunQueue::stepFinished, this, &StudyRunner::onStepFinished);
    connect(
        queue_, &RunQueue::finished, this,
        [this](const auto&, bool complete, const QString& error) { onFinished(complete, error); });
    connect(controller, &EngineController::samplesAvailable, this, [this](const auto& batch) {
        if (!live_) return;
        live_->appendSamples(batch);
        emit liveChanged(live_);
    });
    connect(controller, &EngineController::eventsAvailable, this, [this](const auto& batch) {
        if (!live_) return;
        live_->appendEvents(batch);
        emit liveChanged(live_);
    });
}

std::optional<QString> StudyRunner::start(Study& study, LiveTarget live)
{
    if (study_) return tr("a run is already in progress: stop it or wait for it to end");
    if (study.error()) return QString::fromStdString(*study.error());
    study_ = &study;
    liveTarget_ = std::move(live);
    wholeRuns_ = 0;
    if (auto error = queue_->start(study.plan())) {
        study_ = nullptr;
        live_ = nullptr;
        return error;
    }
    return std::nullopt;
}

void StudyRunner::stop()
{
    queue_->stop();
}

ExperimentSpec StudyRunner::currentSpec() const
{
    if (!study_ || queue_->index() < 0) return {};
    return study_->plan().at(static_cast<std::size_t>(queue_->index()));
}

void StudyRunner::onStepStarted(int step, const ExperimentSpec& spec)
{
    RunSeries* target = liveTarget_ ? liveTarget_(step) : nullptr;
    live_ = target ? target : defaultLive_;
    live_->beginLive(spec, controller_->liveMachine());
    emit stepStarted(step, spec, live_);
}

void StudyRunner::onStepFinished(int step, const RunRecord& record, bool whole)
{
    // the live series have every sample already: a long run is not derived again on the
    // GUI thread (nor could be: its record keeps its samples in record.spool)
    if (live_) live_->finishLive(record);
    if (whole && study_) {
        study_->add(step, record);
        ++wholeRuns_;
    }
    emit stepFinished(step, record, whole);
    emit liveChanged(live_);
}

void StudyRunner::onFinished(bool complete, const QString& error)
{
    live_ = nullptr;
    emit finished(complete, error); // owners still see which study it was
    study_ = nullptr;
    liveTarget_ = {};
}

} // namespace corelab::ui
