#include "RunQueue.h"

#include <QTimer>

#include "EngineController.h"

namespace corelab::ui {

RunQueue::RunQueue(EngineController* controller, QObject* parent)
    : QObject(parent)
    , controller_(controller)
{
    connect(controller_, &EngineController::runFinished, this, &RunQueue::onRunFinished);
    connect(controller_, &EngineController::errorOccurred, this, [this](const QString& message) {
        if (active_ && error_.isEmpty()) error_ = message;
    });
}

std::optional<QString> RunQueue::start(std::vector<ExperimentSpec> specs)
{
    if (!controller_) return tr("the engine is gone");
    if (active_ || controller_->running()) return tr("a run is already in progress");
    if (specs.empty()) return tr("nothing to run");
    for (ExperimentSpec& s : specs)
        if (auto err = validate(s)) return QString::fromStdString(err->text());
    specs_ = std::move(specs);
    records_.clear();
    error_.clear();
    index_ = -1;
    stopped_ = false;
    active_ = true;
    if (auto error = startNext()) {
        active_ = false;
        return error;
    }
    return std::nullopt;
}

void RunQueue::stop()
{
    if (!active_) return;
    stopped_ = true;
    if (controller_) controller_->stop();
}

std::optional<QString> RunQueue::startNext()
{
    ++index_;
    emit stepStarted(index_, specs_[index_]);
    return controller_->start(specs_[index_]);
}

void RunQueue::onRunFinished(const RunRecord& record)
{
    if (!active_) return;
    const bool whole = error_.isEmpty() && !stopped_;
    if (whole) records_.push_back(record);
    emit stepFinished(index_, record, whole);
    if (!error_.isEmpty() || stopped_) return end(error_);
    if (index_ + 1 >= count()) return end({});
    // let every other slot of this runFinished see the run as ended before the next starts
    QTimer::singleShot(0, this, [this] {
        if (!active_) return;
        if (stopped_) return end({});
        if (auto error = startNext()) end(*error);
    });
}

void RunQueue::end(const QString& error)
{
    active_ = false;
    const bool complete = error.isEmpty() && !stopped_ && records_.size() == specs_.size();
    emit finished(records_, complete, error);
}

} // namespace corelab::ui
