#include "EngineController.h"

#include <QMetaObject>

namespace corelab::ui {

// Lives as long as its run thread may call it; copies each batch into a queued call.
class EngineController::Sink final : public RunSink {
public:
    Sink(EngineController* controller, quint64 id)
        : controller_(controller)
        , id_(id)
    {
    }
    void onSamples(const std::vector<Sample>& batch) override
    {
        post([c = controller_, id = id_, batch] { c->deliverSamples(id, batch); });
    }
    void onEvents(const std::vector<Event>& batch) override
    {
        post([c = controller_, id = id_, batch] { c->deliverEvents(id, batch); });
    }
    void onFinished(const RunRecord& record) override
    {
        post([c = controller_, id = id_, record] { c->deliverFinished(id, record); });
    }
    void onError(const std::string& message) override
    {
        post([c = controller_, id = id_, m = QString::fromStdString(message)] {
            c->deliverError(id, m);
        });
    }

private:
    template <typename F> void post(F&& f)
    {
        // the controller is the context: the call is dropped if it is gone
        QMetaObject::invokeMethod(controller_, std::forward<F>(f), Qt::QueuedConnection);
    }
    EngineController* controller_;
    quint64 id_;
};

namespace {

EngineOptions engineOptions(const QString& workerPath, const QString& procRoot)
{
    EngineOptions options;
    options.workerPath = workerPath.toStdString();
    if (!procRoot.isEmpty()) options.procRoot = procRoot.toStdString();
    return options;
}

} // namespace

EngineController::EngineController(const QString& workerPath, const QString& procRoot,
                                   QObject* parent)
    : QObject(parent)
    , engine_(std::make_unique<Engine>(engineOptions(workerPath, procRoot)))
{
}

EngineController::~EngineController()
{
    // the engine's destructor stops the run and reaps every process before the sink
    // it calls goes away
    engine_.reset();
    synthetic_.reset();
}

void EngineController::setSynthetic(const SyntheticShape& shape, double speed)
{
    syntheticSpeed_ = speed;
    synthetic_ = std::make_unique<SyntheticRun>();
    syntheticShape_ = shape;
    syntheticMachine_ = SyntheticSource(shape).machine();
}

std::optional<QString> EngineController::start(const ExperimentSpec& spec)
{
    if (active_ || engine_->running() || (synthetic_ && synthetic_->running()))
        return QStringLiteral("a run is already in progress");
    auto sink = std::make_unique<Sink>(this, runId_ + 1);
    auto error = synthetic_ ? synthetic_->start(syntheticShape_, *sink, syntheticSpeed_)
                            : engine_->start(spec, *sink);
    if (error) return QString::fromStdString(*error);
    // start() joined the previous run thread, so its sink is no longer used
    sink_ = std::move(sink);
    ++runId_;
    active_ = true;
    emit runStarted(spec);
    return std::nullopt;
}

void EngineController::stop()
{
    if (active_ && synthetic_) synthetic_->stop();
    if (active_) engine_->stop();
}

void EngineController::deliverSamples(quint64 id, const std::vector<Sample>& batch)
{
    if (id == runId_) emit samplesAvailable(batch);
}

void EngineController::deliverEvents(quint64 id, const std::vector<Event>& batch)
{
    if (id == runId_) emit eventsAvailable(batch);
}

void EngineController::deliverFinished(quint64 id, const RunRecord& record)
{
    if (id != runId_) return;
    active_ = false;
    emit runFinished(record);
}

void EngineController::deliverError(quint64 id, const QString& message)
{
    if (id == runId_) emit errorOccurred(message);
}

} // namespace corelab::ui
