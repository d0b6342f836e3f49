#include "ExperimentPanel.h"

#include <algorithm>
#include <cmath>

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include "JsonInput.h"
#include "ParamForm.h"
#include "Theme.h"
#include "WorkloadOptionsBox.h"
#include "catalogue/Catalogue.h"

namespace corelab::ui {

namespace {

// The workloads in the order of the article's table rows, each the one its preset
// measures: startup, memory, CPU, context switching, communication, data safety, I/O,
// debugging; scalability and fault isolation reuse cpu. The others follow in
// catalogue order.
std::vector<const WorkloadInfo*> workloadsInArticleOrder()
{
    static const char* const kArticleRows[] = {"spawn",     "memory",  "cpu", "pingpong",
                                               "messaging", "counter", "io",  "deadlock"};
    std::vector<const WorkloadInfo*> out;
    for (const char* name : kArticleRows)
        if (const WorkloadInfo* w = findWorkload(name)) out.push_back(w);
    for (const WorkloadInfo& w : workloads())
        if (std::find(out.begin(), out.end(), &w) == out.end()) out.push_back(&w);
    return out;
}

} // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent)
    : QWidget(parent)
    , workload_(new QComboBox(this))
    , description_(new QLabel(this))
    , model_(new QButtonGroup(this))
    , workersLabel_(new QLabel(tr("Workers"), this))
    , workers_(new QSpinBox(this))
    , threadsPerProcess_(new QSpinBox(this))
    , spawn_(new QComboBox(this))
    , duration_(new QDoubleSpinBox(this))
    , rate_(new QSpinBox(this))
    , params_(new ParamForm(this))
    , options_(new WorkloadOptionsBox(this))
    , message_(new QLabel(this))
{
    for (const WorkloadInfo* w : workloadsInArticleOrder())
        workload_->addItem(QString::fromStdString(w->name));
    description_->setWordWrap(true);
    workers_->setRange(SpecLimits::minWorkers, SpecLimits::maxWorkers);
    threadsPerProcess_->setRange(1, SpecLimits::maxThreadsPerProcess);
    spawn_->addItem(tr("fork()"), QStringLiteral("fork"));
    spawn_->addItem(tr("fork + exec"), QStringLiteral("exec"));
    duration_->setRange(SpecLimits::minDurationS, SpecLimits::maxDurationS);
    duration_->setDecimals(1);
    duration_->setSuffix(tr(" s"));
    rate_->setRange(SpecLimits::minRateHz, SpecLimits::maxRateHz);
    rate_->setSuffix(tr(" Hz"));
    message_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buildForm());
    layout->addWidget(params_);
    layout->addWidget(options_);
    layout->addWidget(message_);
    layout->addWidget(buildRunBox());
    layout->addStretch(1);
    connectSignals();
    setSpec(ExperimentSpec{});
}

QFormLayout* ExperimentPanel::buildForm()
{
    auto* form = new QFormLayout;
    form->addRow(tr("Workload"), workload_);
    form->addRow(description_);
    form->addRow(tr("Model"), buildModelButtons());
    form->addRow(workersLabel_, workers_);
    form->addRow(tr("Threads / process"), threadsPerProcess_);
    form->addRow(tr("Spawn"), spawn_);
    form->addRow(tr("Duration"), duration_);
    form->addRow(tr("Sampling"), rate_);
    return form;
}

QWidget* ExperimentPanel::buildModelButtons()
{
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    const QString names[] = {tr("Threads"), tr("Processes"), tr("Hybrid"), tr("Async")};
    const QString tips[] = {
        tr("Workers are threads of one process"), tr("Workers are processes of one thread"),
        tr("Workers are processes, each with several threads"),
        tr("One thread, N requests in flight on an event loop: \"Workers\" then means "
           "requests in flight (only for workloads that wait: io, mixed)")};
    for (int i = 0; i < 4; ++i) {
        auto* b = new QToolButton(box);
        b->setText(names[i]);
        b->setToolTip(tips[i]);
        b->setCheckable(true);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        model_->addButton(b, i);
        row->addWidget(b);
    }
    model_->setExclusive(true);
    return box;
}

QWidget* ExperimentPanel::buildRunBox()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    start_ = new QPushButton(tr("Start"), box);
    start_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    start_->setToolTip(tr("Start the run (Ctrl+R)"));
    stop_ = new QPushButton(tr("Stop"), box);
    stop_->setShortcut(QKeySequence(Qt::Key_Escape));
    stop_->setToolTip(tr("Stop the run (Esc)"));
    buttons->addWidget(start_);
    buttons->addWidget(stop_);
    progress_ = new QProgressBar(box);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(tr("ready"));
    progressTimer_ = new QTimer(this);
    // the bar moves a few pixels a second and says whole seconds: repainting it ten times
    // a second cost the window a tenth of its CPU while a run was live (issue 14)
    progressTimer_->setInterval(250);
    connect(progressTimer_, &QTimer::timeout, this,
            [this] { setProgress(elapsed_.elapsed() / 1000.0, progressS_); });
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    return box;
}

void ExperimentPanel::connectSignals()
{
    connect(workload_, &QComboBox::currentIndexChanged, this, [this] {
        rebuildParams();
        validateNow();
    });
    connect(workload_, &QComboBox::activated, this, &ExperimentPanel::onWorkloadChosen);
    connect(model_, &QButtonGroup::idClicked, this, &ExperimentPanel::onModelChosen);
    connect(params_, &ParamForm::changed, this, &ExperimentPanel::validateNow);
    connect(options_, &WorkloadOptionsBox::changed, this, &ExperimentPanel::validateNow);
    for (auto* spin : {workers_, threadsPerProcess_, rate_})
        connect(spin, &QSpinBox::valueChanged, this, &ExperimentPanel::validateNow);
    connect(duration_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::validateNow);
    connect(start_, &QPushButton::clicked, this, [this] {
        if (!running_ && valid_) emit startRequested(spec());
    });
    connect(stop_, &QPushButton::clicked, this, &ExperimentPanel::stopRequested);
}

void ExperimentPanel::onWorkloadChosen()
{
    // the command decides its own threads and processes: one worker, threads model,
    // as `corelab run --command` defaults to
    if (workload_->currentText() != QStringLiteral("external")) return;
    modelButton(Model::Threads)->setChecked(true);
    updateWorkersField(Model::Threads);
    workers_->setValue(1);
    validateNow();
}

void ExperimentPanel::onModelChosen()
{
    updateWorkersField(currentModel());
    validateNow();
}

void ExperimentPanel::rebuildParams()
{
    const auto* w = findWorkload(workload_->currentText().toStdString());
    params_->setWorkload(w);
    description_->setText(w ? QString::fromStdString(w->description) : QString());
}

void ExperimentPanel::updateWorkersField(Model model)
{
    const bool async = model == Model::Async;
    workersLabel_->setText(async ? tr("Requests in flight") : tr("Workers"));
    workers_->setMaximum(async ? SpecLimits::maxInFlight : SpecLimits::maxWorkers);
    workers_->setToolTip(async ? tr("Requests the one event-loop thread keeps in flight")
                               : tr("Worker threads (Threads) or worker processes "
                                    "(Processes, Hybrid)"));
}

Model ExperimentPanel::currentModel() const
{
    return static_cast<Model>(std::max(0, model_->checkedId()));
}

QAbstractButton* ExperimentPanel::modelButton(Model model) const
{
    return model_->button(static_cast<int>(model));
}

QString ExperimentPanel::messageText() const
{
    return message_->text();
}

ExperimentSpec ExperimentPanel::spec() const
{
    ExperimentSpec s;
    s.workload = workload_->currentText().toStdString();
    s.model = currentModel();
    s.workers = workers_->value();
    // the field is greyed out for the other models, so its value does not count there
    s.threadsPerProcess = s.model == Model::Hybrid ? threadsPerProcess_->value() : 1;
    s.spawn = spawn_->currentIndex() == 1 ? SpawnMethod::Exec : SpawnMethod::Fork;
    s.durationS = duration_->value();
    s.rateHz = rate_->value();
    params_->apply(s);
    options_->apply(s);
    return s;
}

void ExperimentPanel::setSpec(const ExperimentSpec& s)
{
    const QSignalBlocker blockParams(params_);
    const QSignalBlocker blockOptions(options_);
    const int index = workload_->findText(QString::fromStdString(s.workload));
    {
        const QSignalBlocker blockWorkload(workload_);
        workload_->setCurrentIndex(std::max(0, index));
    }
    rebuildParams();
    auto* button = model_->button(static_cast<int>(s.model));
    (button ? button : model_->button(0))->setChecked(true);
    updateWorkersField(currentModel());
    workers_->setValue(s.workers);
    threadsPerProcess_->setValue(s.threadsPerProcess);
    spawn_->setCurrentIndex(s.spawn == SpawnMethod::Exec ? 1 : 0);
    duration_->setValue(s.durationS);
    rate_->setValue(s.rateHz);
    params_->setFrom(s);
    options_->setFrom(s);
    validateNow();
}

void ExperimentPanel::updateEnabled()
{
    const Model model = currentModel();
    const bool editable = !running_;
    for (auto* w : std::initializer_list<QWidget*>{workload_, workers_, duration_, rate_, params_})
        w->setEnabled(editable);
    const auto* w = findWorkload(workload_->currentText().toStdString());
    for (auto* b : model_->buttons())
        b->setEnabled(editable);
    // on a workload that cannot wait, a checked Async is left to validate() to explain
    modelButton(Model::Async)->setEnabled(editable && w && w->supportsAsync);
    threadsPerProcess_->setEnabled(editable && model == Model::Hybrid);
    spawn_->setEnabled(editable && (model == Model::Processes || model == Model::Hybrid));
    options_->updateEnabled(model, editable);
    start_->setEnabled(!running_ && valid_);
    stop_->setEnabled(running_);
}

void ExperimentPanel::validateNow()
{
    ExperimentSpec s = spec();
    const auto error = validate(s);
    valid_ = !error;
    if (error)
        showMessage(QString::fromStdString(error->text()), true);
    else if (s.model == Model::Async)
        showMessage(tr("one event-loop thread with %1 request(s) in flight").arg(s.workers), false);
    else
        showMessage(tr("%1 worker thread(s) in %2 process(es) plus the leader")
                        .arg(s.totalWorkers())
                        .arg(std::max(1, s.processCount())),
                    false);
    updateEnabled();
    emit specChanged();
}

void ExperimentPanel::showMessage(const QString& text, bool error)
{
    message_->setText(text);
    message_->setStyleSheet(
        error ? QStringLiteral("color: %1; font-weight: bold;").arg(currentTheme().error.name())
              : QString());
}

void ExperimentPanel::setRunning(bool running)
{
    running_ = running;
    updateEnabled();
    if (!running) progress_->setFormat(tr("done"));
}

void ExperimentPanel::setProgress(double elapsedS, double durationS)
{
    const double clamped = std::clamp(elapsedS, 0.0, durationS);
    progress_->setValue(durationS > 0 ? static_cast<int>(1000 * clamped / durationS) : 0);
    // QProgressBar repaints when its text changes, or its bar by a pixel
    const auto elapsed = static_cast<long long>(std::floor(clamped));
    const auto left = static_cast<long long>(std::ceil(durationS - clamped));
    progress_->setFormat(tr("%1 s elapsed · %2 s left").arg(elapsed).arg(left));
}

void ExperimentPanel::startProgress(double durationS)
{
    progressS_ = durationS;
    elapsed_.start();
    progressTimer_->start();
}

void ExperimentPanel::stopProgress()
{
    progressTimer_->stop();
}

void ExperimentPanel::saveTo(QSettings& settings) const
{
    settings.setValue(QStringLiteral("experiment/last"),
                      QString::fromStdString(nlohmann::json(spec()).dump()));
}

void ExperimentPanel::restoreFrom(const QSettings& settings)
{
    const auto text = settings.value(QStringLiteral("experiment/last")).toString().toStdString();
    if (text.empty()) return;
    try {
        ExperimentSpec s = parseJsonInput(text, kSpecLimits).get<ExperimentSpec>();
        if (!validate(s)) setSpec(s);
    } catch (const std::exception&) {
        // a spec from an older version: keep the defaults
    }
}

} // namespace corelab::ui
