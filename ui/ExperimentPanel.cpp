#include "ExperimentPanel.h"

#include <cmath>

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "workloads/Workload.h"

namespace corelab::ui {

namespace {

int decimalsFor(const ParamInfo& p)
{
    const bool integral = std::floor(p.defaultValue) == p.defaultValue &&
                          std::floor(p.min) == p.min && std::floor(p.max) == p.max;
    return integral ? 0 : 3;
}

} // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent)
    : QWidget(parent)
    , workload_(new QComboBox(this))
    , description_(new QLabel(this))
    , model_(new QButtonGroup(this))
    , workers_(new QSpinBox(this))
    , threadsPerProcess_(new QSpinBox(this))
    , spawn_(new QComboBox(this))
    , duration_(new QDoubleSpinBox(this))
    , rate_(new QSpinBox(this))
    , paramsBox_(new QGroupBox(tr("Workload parameters"), this))
    , message_(new QLabel(this))
{
    for (const auto& w : workloads())
        workload_->addItem(QString::fromStdString(w.name));
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
    paramsForm_ = new QFormLayout(paramsBox_);
    message_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Workload"), workload_);
    form->addRow(description_);
    form->addRow(tr("Model"), buildModelButtons());
    form->addRow(tr("Workers"), workers_);
    form->addRow(tr("Threads / process"), threadsPerProcess_);
    form->addRow(tr("Spawn"), spawn_);
    form->addRow(tr("Duration"), duration_);
    form->addRow(tr("Sampling"), rate_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(paramsBox_);
    layout->addWidget(message_);
    layout->addWidget(buildRunBox());
    layout->addStretch(1);
    connectSignals();
    setSpec(ExperimentSpec{});
}

QWidget* ExperimentPanel::buildModelButtons()
{
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    const QString names[] = {tr("Threads"), tr("Processes"), tr("Hybrid")};
    for (int i = 0; i < 3; ++i) {
        auto* b = new QToolButton(box);
        b->setText(names[i]);
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
    connect(model_, &QButtonGroup::idClicked, this, [this] {
        updateEnabled();
        validateNow();
    });
    for (auto* spin : {workers_, threadsPerProcess_, rate_})
        connect(spin, &QSpinBox::valueChanged, this, &ExperimentPanel::validateNow);
    connect(duration_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::validateNow);
    connect(start_, &QPushButton::clicked, this, [this] {
        if (!running_ && valid_) emit startRequested(spec());
    });
    connect(stop_, &QPushButton::clicked, this, &ExperimentPanel::stopRequested);
}

void ExperimentPanel::rebuildParams()
{
    while (paramsForm_->rowCount() > 0)
        paramsForm_->removeRow(0);
    params_.clear();
    const auto* w = findWorkload(workload_->currentText().toStdString());
    if (!w) return;
    description_->setText(QString::fromStdString(w->description));
    for (const auto& p : w->params) {
        auto* spin = new QDoubleSpinBox(paramsBox_);
        spin->setDecimals(decimalsFor(p));
        spin->setRange(p.min, p.max);
        spin->setValue(p.defaultValue);
        spin->setSuffix(QStringLiteral(" ") % QString::fromStdString(p.unit));
        spin->setToolTip(QString::fromStdString(p.help) %
                         tr(" (%1 … %2, default %3)").arg(p.min).arg(p.max).arg(p.defaultValue));
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::validateNow);
        paramsForm_->addRow(QString::fromStdString(p.name), spin);
        params_[p.name] = spin;
    }
    paramsBox_->setVisible(!w->params.empty());
}

ExperimentSpec ExperimentPanel::spec() const
{
    ExperimentSpec s;
    s.workload = workload_->currentText().toStdString();
    s.model = static_cast<Model>(std::max(0, model_->checkedId()));
    s.workers = workers_->value();
    s.threadsPerProcess = threadsPerProcess_->value();
    s.spawn = spawn_->currentIndex() == 1 ? SpawnMethod::Exec : SpawnMethod::Fork;
    s.durationS = duration_->value();
    s.rateHz = rate_->value();
    for (const auto& [name, spin] : params_)
        s.params[name] = spin->value();
    return s;
}

void ExperimentPanel::setSpec(const ExperimentSpec& s)
{
    const int index = workload_->findText(QString::fromStdString(s.workload));
    workload_->setCurrentIndex(std::max(0, index));
    rebuildParams();
    // models the window does not offer yet fall back to Threads
    auto* modelButton = model_->button(static_cast<int>(s.model));
    (modelButton ? modelButton : model_->button(0))->setChecked(true);
    workers_->setValue(s.workers);
    threadsPerProcess_->setValue(s.threadsPerProcess);
    spawn_->setCurrentIndex(s.spawn == SpawnMethod::Exec ? 1 : 0);
    duration_->setValue(s.durationS);
    rate_->setValue(s.rateHz);
    for (const auto& [name, value] : s.params)
        if (auto it = params_.find(name); it != params_.end()) it->second->setValue(value);
    updateEnabled();
    validateNow();
}

void ExperimentPanel::updateEnabled()
{
    const auto model = static_cast<Model>(std::max(0, model_->checkedId()));
    const bool editable = !running_;
    for (auto* w :
         std::initializer_list<QWidget*>{workload_, workers_, duration_, rate_, paramsBox_})
        w->setEnabled(editable);
    for (auto* b : model_->buttons())
        b->setEnabled(editable);
    threadsPerProcess_->setEnabled(editable && model == Model::Hybrid);
    spawn_->setEnabled(editable && model != Model::Threads);
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
    else
        showMessage(tr("%1 worker thread(s) in %2 process(es) plus the leader")
                        .arg(s.totalWorkers())
                        .arg(std::max(1, s.processCount())),
                    false);
    updateEnabled();
}

void ExperimentPanel::showMessage(const QString& text, bool error)
{
    message_->setText(text);
    message_->setStyleSheet(error ? QStringLiteral("color: #c0392b; font-weight: bold;")
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
    progress_->setFormat(
        tr("%1 s elapsed · %2 s left").arg(clamped, 0, 'f', 1).arg(durationS - clamped, 0, 'f', 1));
}

} // namespace corelab::ui
