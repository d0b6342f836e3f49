#include "RepeatTab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ImageExport.h"
#include "Qcp.h"
#include "RunSeries.h"
#include "SpreadView.h"
#include "StudyRunner.h"
#include "spec/Describe.h"

namespace corelab::ui {

RepeatTab::RepeatTab(QWidget* parent)
    : QWidget(parent)
    , times_(new QSpinBox(this))
    , run_(new QPushButton(tr("Run repeats"), this))
    , status_(new QLabel(this))
    , view_(new SpreadView(this))
{
    run_->setDefault(true);
    times_->setRange(2, 100);
    times_->setValue(5);
    times_->setSuffix(tr(" times"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Repeat the form's experiment"), this));
    bar->addWidget(times_);
    bar->addStretch(1);
    bar->addWidget(run_);
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(bar);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
    setStatus(tr("Runs the same experiment several times, one after another, to show how much "
                 "one run varies on this machine."));
    connect(run_, &QPushButton::clicked, this, [this] {
        if (running_)
            emit stopRequested();
        else
            emit runRequested();
    });
}

int RepeatTab::times() const
{
    return times_->value();
}

void RepeatTab::setRunning(bool running)
{
    running_ = running;
    run_->setText(running ? tr("Stop repeats") : tr("Run repeats"));
    times_->setEnabled(!running);
}

void RepeatTab::setStatus(const QString& text)
{
    status_->setText(text);
}

void RepeatTab::attach(StudyRunner* runner)
{
    runner_ = runner;
    connect(this, &RepeatTab::stopRequested, runner, &StudyRunner::stop);
    auto mine = [this] { return study_ && runner_->study() == study_.get(); };
    connect(runner, &StudyRunner::stepStarted, this, [this, mine](int step, const auto& spec) {
        if (!mine()) return;
        setStatus(tr("Repeat %1/%2: %3")
                      .arg(step + 1)
                      .arg(study_->steps())
                      .arg(QString::fromStdString(describe(spec))));
    });
    connect(runner, &StudyRunner::stepFinished, this, [this, mine](int, const auto&, bool whole) {
        if (mine() && whole) view_->setRuns(study_->runs());
    });
    connect(runner, &StudyRunner::finished, this, [this, mine](bool complete) {
        if (!mine()) return;
        setRunning(false);
        setStatus(complete ? tr("Repeats finished.")
                           : tr("Repeats stopped after %1 of %2 runs.")
                                 .arg(runner_->wholeRuns())
                                 .arg(study_->steps()));
    });
}

std::optional<QString> RepeatTab::start(const ExperimentSpec& form)
{
    if (runner_->active()) return tr("a run is already in progress: stop it or wait for it to end");
    study_ = std::make_unique<RepeatStudy>(form, times());
    if (auto error = runner_->start(*study_)) return error;
    view_->setRuns({});
    setRunning(true);
    return std::nullopt;
}

// What was repeated, how often, and where and when it ran.
QStringList RepeatTab::caption() const
{
    if (!study_ || study_->runs().empty()) return {tr("Repeat: no runs yet")};
    const RunRecord& first = study_->runs().front();
    const QString what = tr("Repeated %1 × (%2 planned): %3 · %4 s each")
                             .arg(study_->runs().size())
                             .arg(study_->steps())
                             .arg(QString::fromStdString(describe(first.spec)))
                             .arg(first.spec.durationS);
    return {what, captionLines(first).value(1)};
}

QImage RepeatTab::renderImage(double scale)
{
    return renderCaptionedPlot(view_->plot(), caption(), scale);
}

QString RepeatTab::saveImage(const QString& path)
{
    return saveCaptionedPlot(view_->plot(), caption(), path);
}

} // namespace corelab::ui
