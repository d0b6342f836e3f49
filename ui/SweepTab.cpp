#include "SweepTab.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ImageExport.h"
#include "Qcp.h"
#include "RunSeries.h"
#include "StudyRunner.h"
#include "SweepView.h"
#include "spec/Describe.h"

namespace corelab::ui {

namespace {

// Hybrid is left out: its worker count is processes of T threads each, so a point at
// "n workers" would run n × T threads and the ideal line would not apply.
const Model kSweepModels[] = {Model::Threads, Model::Processes, Model::Async};

QPushButton* runButton(const QString& text, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setDefault(true);
    return b;
}

} // namespace

SweepTab::SweepTab(int usableCpus, QWidget* parent)
    : QWidget(parent)
    , usableCpus_(usableCpus)
    , maxWorkers_(new QSpinBox(this))
    , run_(runButton(tr("Run sweep"), this))
    , status_(new QLabel(this))
    , notes_(new QLabel(this))
    , otherLoad_(new QLabel(this))
    , view_(new SweepView(this))
{
    auto* models = new QHBoxLayout;
    models->addWidget(new QLabel(tr("Models:"), this));
    for (Model m : kSweepModels) {
        auto* box = new QCheckBox(QString::fromLatin1(toString(m)), this);
        box->setChecked(m == Model::Threads || m == Model::Processes);
        modelBoxes_.push_back(box);
        supported_.push_back(true);
        models->addWidget(box);
    }
    models->addStretch(1);
    maxWorkers_->setRange(2, 64);
    maxWorkers_->setValue(std::clamp(2 * usableCpus, 2, 64));
    maxWorkers_->setPrefix(tr("1 … "));
    maxWorkers_->setSuffix(tr(" workers"));
    maxWorkers_->setToolTip(
        tr("Every count from 1 to this, one run each (default 2 × usable CPUs)"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Worker counts:"), this));
    bar->addWidget(maxWorkers_);
    bar->addStretch(1);
    bar->addWidget(run_);
    status_->setWordWrap(true);
    notes_->setWordWrap(true);
    notes_->hide();
    otherLoad_->setObjectName(QStringLiteral("otherLoadNote"));
    otherLoad_->setWordWrap(true);
    otherLoad_->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(models);
    layout->addLayout(bar);
    layout->addWidget(status_);
    layout->addWidget(notes_);
    layout->addWidget(otherLoad_);
    layout->addWidget(view_, 1);
    setStatus(tr("Runs the form's experiment at every worker count, one run after another."));
    connect(run_, &QPushButton::clicked, this, [this] {
        if (running_)
            emit stopRequested();
        else
            emit runRequested();
    });
}

std::vector<Model> SweepTab::models() const
{
    std::vector<Model> out;
    for (std::size_t i = 0; i < modelBoxes_.size(); ++i)
        if (modelBoxes_[i]->isChecked() && supported_[i]) out.push_back(kSweepModels[i]);
    return out;
}

std::vector<int> SweepTab::counts() const
{
    std::vector<int> out;
    for (int n = 1; n <= maxWorkers_->value(); ++n)
        out.push_back(n);
    return out;
}

SweepPlan SweepTab::planFor(const ExperimentSpec& form) const
{
    return planSweep(form, models(), counts());
}

void SweepTab::describeFor(const ExperimentSpec& form)
{
    for (std::size_t i = 0; i < modelBoxes_.size(); ++i) {
        const SweepPlan plan = planSweep(form, {kSweepModels[i]}, counts());
        supported_[i] = !plan.error.has_value();
        modelBoxes_[i]->setEnabled(supported_[i] && !running_);
        modelBoxes_[i]->setToolTip(plan.error ? QString::fromStdString(*plan.error) : QString());
    }
}

QCheckBox* SweepTab::modelBox(Model m) const
{
    for (std::size_t i = 0; i < modelBoxes_.size(); ++i)
        if (kSweepModels[i] == m) return modelBoxes_[i];
    return nullptr;
}

void SweepTab::setRunning(bool running)
{
    running_ = running;
    run_->setText(running ? tr("Stop sweep") : tr("Run sweep"));
    maxWorkers_->setEnabled(!running);
    for (std::size_t i = 0; i < modelBoxes_.size(); ++i)
        modelBoxes_[i]->setEnabled(!running && supported_[i]);
}

void SweepTab::setNotes(const std::vector<std::string>& notes)
{
    QStringList lines;
    for (const std::string& n : notes)
        lines << QString::fromStdString(n);
    notes_->setText(lines.join(QLatin1Char('\n')));
    notes_->setVisible(!lines.isEmpty());
}

void SweepTab::attach(StudyRunner* runner)
{
    runner_ = runner;
    connect(this, &SweepTab::stopRequested, runner, &StudyRunner::stop);
    auto mine = [this] { return study_ && runner_->study() == study_.get(); };
    connect(runner, &StudyRunner::stepStarted, this, [this, mine](int step, const auto& spec) {
        if (!mine()) return;
        setStatus(tr("Sweep run %1/%2: %3")
                      .arg(step + 1)
                      .arg(study_->steps())
                      .arg(QString::fromStdString(describe(spec))));
    });
    connect(runner, &StudyRunner::stepFinished, this, [this, mine](int, const auto&, bool whole) {
        if (mine() && whole) showSweep(study_->series());
    });
    connect(runner, &StudyRunner::finished, this, [this, mine](bool complete) {
        if (!mine()) return;
        setRunning(false);
        setStatus(complete ? tr("Sweep finished.")
                           : tr("Sweep stopped after %1 of %2 runs.")
                                 .arg(runner_->wholeRuns())
                                 .arg(study_->steps()));
    });
}

std::optional<QString> SweepTab::start(const ExperimentSpec& form)
{
    if (runner_->active()) return tr("a run is already in progress: stop it or wait for it to end");
    if (models().empty()) return tr("choose at least one model to sweep");
    study_ = std::make_unique<SweepStudy>(form, models(), counts(), usableCpus_);
    // what was swept, so two sweep pictures on a slide cannot be mistaken for each other
    QStringList modelNames;
    for (Model m : models())
        modelNames << QString::fromLatin1(toString(m));
    QStringList countTexts;
    for (int c : counts())
        countTexts << QString::number(c);
    caption_ = {tr("Sweep: %1 · %2 workers · %3")
                    .arg(QString::fromStdString(describe(form)),
                         countTexts.join(QStringLiteral(", ")), modelNames.join(tr(" and "))),
                tr("%1 usable CPUs · %2")
                    .arg(usableCpus_)
                    .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))};
    if (auto error = runner_->start(*study_)) return error;
    view_->clear();
    showSweep({});
    setRunning(true);
    setNotes(study_->notes());
    return std::nullopt;
}

void SweepTab::showSweep(const std::vector<SweepSeries>& series)
{
    if (!series.empty()) view_->setSweep(series, usableCpus_);
    const QString warning = QString::fromStdString(sweepLoadWarning(series));
    otherLoad_->setText(warning);
    otherLoad_->setVisible(!warning.isEmpty());
}

void SweepTab::setStatus(const QString& text)
{
    status_->setText(text);
}

QImage SweepTab::renderImage(double scale)
{
    return renderCaptionedPlot(view_->plot(), caption_, scale);
}

QString SweepTab::saveImage(const QString& path)
{
    return saveCaptionedPlot(view_->plot(), caption_, path);
}

} // namespace corelab::ui
