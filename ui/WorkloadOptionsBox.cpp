#include "WorkloadOptionsBox.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace corelab::ui {

WorkloadOptionsBox::WorkloadOptionsBox(QWidget* parent)
    : QWidget(parent)
    , header_(new QToolButton(this))
    , lock_(new QCheckBox(tr("Interpreter lock"), this))
    , switchInterval_(new QDoubleSpinBox(this))
    , crashWorker_(new QSpinBox(this))
    , crashAt_(new QDoubleSpinBox(this))
    , restart_(new QCheckBox(tr("Restart a crashed worker process"), this))
{
    header_->setText(tr("Options for every workload"));
    header_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    header_->setCheckable(true);
    header_->setAutoRaise(true);
    header_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    body_ = buildBody();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(header_);
    layout->addWidget(body_);
    connect(header_, &QToolButton::toggled, this, &WorkloadOptionsBox::setExpanded);
    for (auto* box : {lock_, restart_})
        connect(box, &QCheckBox::toggled, this, &WorkloadOptionsBox::changed);
    for (auto* spin : {switchInterval_, crashAt_})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &WorkloadOptionsBox::changed);
    connect(crashWorker_, &QSpinBox::valueChanged, this, &WorkloadOptionsBox::changed);
    setExpanded(false);
}

QWidget* WorkloadOptionsBox::buildBody()
{
    auto* body = new QFrame(this);
    body->setFrameShape(QFrame::StyledPanel);
    lock_->setToolTip(tr("Emulate one global interpreter lock per process, as CPython has: "
                         "threads of one process take turns, processes do not"));
    switchInterval_->setRange(SpecLimits::minSwitchIntervalMs, SpecLimits::maxSwitchIntervalMs);
    switchInterval_->setDecimals(1);
    switchInterval_->setSuffix(tr(" ms"));
    switchInterval_->setToolTip(tr("How long a waiting thread lets the lock holder run "
                                   "(sys.setswitchinterval; %1 … %2 ms)")
                                    .arg(SpecLimits::minSwitchIntervalMs)
                                    .arg(SpecLimits::maxSwitchIntervalMs));
    crashWorker_->setRange(-1, SpecLimits::maxWorkers - 1);
    crashWorker_->setSpecialValueText(tr("none"));
    crashWorker_->setToolTip(tr("Worker index (0 = first) that faults with SIGSEGV"));
    crashAt_->setRange(0, SpecLimits::maxDurationS);
    crashAt_->setDecimals(2);
    crashAt_->setSuffix(tr(" s"));
    crashAt_->setToolTip(tr("Seconds after the start, within the run's duration"));
    restart_->setToolTip(tr("The leader starts a new process for a crashed worker "
                            "(Processes and Hybrid only: a crashed thread takes its whole "
                            "process with it)"));
    auto* form = new QFormLayout(body);
    form->addRow(lock_);
    form->addRow(tr("Switch interval"), switchInterval_);
    form->addRow(tr("Crash worker"), crashWorker_);
    form->addRow(tr("at"), crashAt_);
    form->addRow(restart_);
    return body;
}

void WorkloadOptionsBox::apply(ExperimentSpec& spec) const
{
    spec.interpreterLock = lock_->isChecked();
    spec.switchIntervalMs = switchInterval_->value();
    spec.crashWorker = crashWorker_->value();
    spec.crashAtS = crashAt_->value();
    spec.restart = restart_->isChecked();
}

void WorkloadOptionsBox::setFrom(const ExperimentSpec& spec)
{
    {
        const QSignalBlocker block(this);
        lock_->setChecked(spec.interpreterLock);
        switchInterval_->setValue(spec.switchIntervalMs);
        crashWorker_->setValue(spec.crashWorker);
        crashAt_->setValue(spec.crashAtS);
        restart_->setChecked(spec.restart);
    }
    const ExperimentSpec defaults;
    // an option in use should not hide behind a collapsed header
    if (spec.interpreterLock || spec.crashWorker >= 0 || spec.restart ||
        spec.switchIntervalMs != defaults.switchIntervalMs)
        setExpanded(true);
}

void WorkloadOptionsBox::updateEnabled(Model model, bool editable)
{
    lock_->setEnabled(editable);
    switchInterval_->setEnabled(editable && lock_->isChecked());
    crashWorker_->setEnabled(editable);
    crashAt_->setEnabled(editable && crashWorker_->value() >= 0);
    // a checked box stays enabled so the error it causes can be undone right here
    const bool processes = model == Model::Processes || model == Model::Hybrid;
    restart_->setEnabled(editable && (processes || restart_->isChecked()));
}

void WorkloadOptionsBox::setExpanded(bool expanded)
{
    const QSignalBlocker block(header_);
    header_->setChecked(expanded);
    header_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    body_->setVisible(expanded);
}

bool WorkloadOptionsBox::isExpanded() const
{
    return header_->isChecked();
}

} // namespace corelab::ui
