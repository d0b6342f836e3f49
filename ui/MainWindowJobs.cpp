// MainWindow's queued jobs: a comparison, a sweep, repeats and the measured table all
// run their specs one after another through the RunQueue, and each tab shows its part.
#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QTabWidget>

#include "CompareTab.h"
#include "EngineController.h"
#include "ExperimentPanel.h"
#include "ImageExport.h"
#include "MainWindow.h"
#include "PresetsTab.h"
#include "RepeatTab.h"
#include "RunListModel.h"
#include "RunQueue.h"
#include "RunsPanel.h"
#include "SpreadView.h"
#include "SweepTab.h"
#include "SweepView.h"
#include "TableTab.h"
#include "analysis/Sweep.h"
#include "analysis/Table.h"
#include "probe/MachineInfo.h"
#include "spec/Describe.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

namespace {

enum TabIndex { RunIndex, CompareIndex, SweepIndex, RepeatIndex, TableIndex, PresetsIndex };

QString stepName(const ExperimentSpec& s)
{
    return QString::fromStdString(describe(s));
}

} // namespace

void MainWindow::buildTabs()
{
    compare_ = new CompareTab(this);
    sweep_ = new SweepTab(readMachineInfo().usableCpus, this);
    repeat_ = new RepeatTab(this);
    table_ = new TableTab(this);
    gallery_ = new PresetsTab(this);
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(timeline_, tr("Run"));
    tabs_->addTab(compare_, tr("Compare"));
    tabs_->addTab(sweep_, tr("Sweep"));
    tabs_->addTab(repeat_, tr("Repeat"));
    tabs_->addTab(table_, tr("Table"));
    tabs_->addTab(gallery_, tr("Presets"));
    const QString presets = options_.presetsFolder.isEmpty() ? QStringLiteral(CORELAB_PRESETS_DIR)
                                                             : options_.presetsFolder;
    gallery_->loadFolder(presets);
    for (const Preset& p : gallery_->presets())
        tablePresets_.push_back(p);
    compare_->describeFor(experiment_->spec());
    sweep_->describeFor(experiment_->spec());
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateRunsPanel);
}

void MainWindow::connectJobs()
{
    connect(queue_, &RunQueue::stepStarted, this, &MainWindow::onStepStarted);
    connect(queue_, &RunQueue::stepFinished, this, &MainWindow::onStepFinished);
    connect(queue_, &RunQueue::finished, this, &MainWindow::onQueueFinished);
    connect(compare_, &CompareTab::runRequested, this, &MainWindow::startCompare);
    connect(compare_, &CompareTab::stopRequested, this, &MainWindow::stopAll);
    connect(compare_, &CompareTab::captureRequested, this,
            [this](int side) { compare_->captureSide(side, experiment_->spec()); });
    connect(sweep_, &SweepTab::runRequested, this, &MainWindow::startSweep);
    connect(sweep_, &SweepTab::stopRequested, this, &MainWindow::stopAll);
    connect(repeat_, &RepeatTab::runRequested, this, &MainWindow::startRepeat);
    connect(repeat_, &RepeatTab::stopRequested, this, &MainWindow::stopAll);
    connect(table_, &TableTab::startRequested, this, &MainWindow::startTable);
    connect(table_, &TableTab::stopRequested, this, &MainWindow::stopAll);
    connect(gallery_, &PresetsTab::loadRequested, this, &MainWindow::loadPreset);
    connect(gallery_, &PresetsTab::compareRequested, this, [this](const Preset& p) {
        loadPreset(p);
        startCompare();
    });
    connect(experiment_, &ExperimentPanel::specChanged, this, [this] {
        compare_->describeFor(experiment_->spec());
        sweep_->describeFor(experiment_->spec());
    });
}

void MainWindow::stopAll()
{
    if (queue_->active())
        queue_->stop();
    else
        controller_->stop();
}

bool MainWindow::refuseIfBusy()
{
    if (!queue_->active() && !controller_->running() && job_ == Job::None) return false;
    onError(tr("a run is already in progress: stop it or wait for it to end"));
    return true;
}

bool MainWindow::startQueue(Job job, std::vector<ExperimentSpec> specs, int tab)
{
    if (refuseIfBusy()) return false;
    job_ = job;
    tabs_->setCurrentIndex(tab);
    jobRecords_.clear();
    tableRows_.clear();
    const QString folder = jobFolderFor(job, specs);
    if (const auto error = queue_->start(std::move(specs))) {
        job_ = Job::None;
        onError(*error);
        return false;
    }
    jobFolder_ = folder;
    runs_->addSessionJob(jobFolder_);
    return true;
}

// A job's runs go into a folder of their own, named for the job, its time and what
// it ran; a comparison's file sits beside it under the same name.
QString MainWindow::jobFolderFor(Job job, const std::vector<ExperimentSpec>& specs) const
{
    QString kind, what;
    switch (job) {
    case Job::Compare:
        kind = QStringLiteral("compare");
        what = RunListModel::comparisonStem(specs.at(0), specs.at(1));
        break;
    case Job::Sweep:
        kind = QStringLiteral("sweep");
        what = QString::fromStdString(specs.at(0).workload);
        break;
    case Job::Repeat:
        kind = QStringLiteral("repeat");
        what = RunListModel::fileStem(specs.at(0));
        break;
    default:
        kind = QStringLiteral("table");
    }
    return runsFolder_ % QLatin1Char('/') % kind % QLatin1Char('-') % RunListModel::timeStamp() %
           (what.isEmpty() ? QString() : QLatin1Char('-') % what);
}

void MainWindow::startCompare()
{
    if (refuseIfBusy()) return;
    const auto [a, b] = compare_->specsFor(experiment_->spec());
    if (startQueue(Job::Compare, {a, b}, CompareIndex)) compare_->setRunning(true);
}

void MainWindow::startSweep()
{
    if (refuseIfBusy()) return;
    if (sweep_->models().empty()) return onError(tr("choose at least one model to sweep"));
    const SweepPlan plan = sweep_->planFor(experiment_->spec());
    if (plan.error) return onError(QString::fromStdString(*plan.error));
    sweep_->view()->clear();
    if (!startQueue(Job::Sweep, plan.specs, SweepIndex)) return;
    sweep_->setRunning(true);
    sweep_->setNotes(plan.notes);
}

void MainWindow::startRepeat()
{
    if (refuseIfBusy()) return;
    const std::vector<ExperimentSpec> specs(static_cast<std::size_t>(repeat_->times()),
                                            experiment_->spec());
    repeat_->view()->setRuns({});
    if (startQueue(Job::Repeat, specs, RepeatIndex)) repeat_->setRunning(true);
}

void MainWindow::startTable(bool quick)
{
    if (refuseIfBusy()) return;
    if (tablePresets_.empty()) return onError(tr("no presets were found to measure"));
    std::vector<ExperimentSpec> specs;
    const double runS = quick ? kQuickTableRunS : kTableRunS;
    for (const Preset& p : tablePresets_) {
        specs.push_back(tableSpec(p, p.a, runS));
        specs.push_back(tableSpec(p, p.b, runS));
    }
    table_->setRows({});
    table_->setCaption(
        tr("Measuring on %1").arg(QString::fromStdString(readMachineInfo().cpuModel)));
    if (startQueue(Job::Table, specs, TableIndex)) table_->setRunning(true);
}

void MainWindow::onStepStarted(int index, const ExperimentSpec& spec)
{
    const QString step = tr("%1/%2").arg(index + 1).arg(queue_->count());
    if (job_ == Job::Compare) {
        compare_->beginRun(index, spec);
        liveTarget_ = &compare_->liveModel(index);
        status_->setText(
            tr("comparison: running %1 (%2)")
                .arg(index ? QStringLiteral("B") : QStringLiteral("A"), stepName(spec)));
        return;
    }
    // sweeps, repeats and the table show each run live on the Run tab
    live_.beginLive(spec);
    liveTarget_ = &live_;
    if (shown_ != &live_) showLive();
    if (job_ == Job::Sweep) {
        sweep_->setStatus(tr("Sweep run %1: %2").arg(step, stepName(spec)));
    } else if (job_ == Job::Repeat) {
        repeat_->setStatus(tr("Repeat %1: %2").arg(step, stepName(spec)));
    } else if (job_ == Job::Table) {
        const Preset& p = tablePresets_[static_cast<std::size_t>(index / 2)];
        table_->setProgress(index, queue_->count(),
                            tr("measuring %1: %2 (%3)")
                                .arg(step, QString::fromStdString(p.aspect),
                                     index % 2 ? QStringLiteral("B") : QStringLiteral("A")));
    }
    status_->setText(tr("run %1: %2").arg(step, stepName(spec)));
}

void MainWindow::onStepFinished(int index, const RunRecord& record, bool whole)
{
    saveAndListRun(record, jobFolder_); // kept even when cut short
    if (job_ == Job::Compare) return compare_->finishRun(index, record);
    live_.setRecord(record);
    if (shown_ == &live_) timeline_->modelChanged();
    // a stopped or failed run would pull the spread, the sweep or a row off its value
    if (!whole) return;
    RunRecord figures = record; // the job needs the totals only, not every sample
    figures.samples.clear();
    figures.samples.shrink_to_fit();
    jobRecords_.push_back(std::move(figures));
    if (job_ == Job::Sweep) showSweep();
    if (job_ == Job::Repeat) repeat_->view()->setRuns(jobRecords_);
    if (job_ == Job::Table && index % 2 == 1 && jobRecords_.size() >= 2) {
        const Preset& p = tablePresets_[static_cast<std::size_t>(index / 2)];
        tableRows_.push_back(tableRow(p, jobRecords_[jobRecords_.size() - 2], jobRecords_.back()));
        table_->setRows(tableRows_);
    }
}

// The sweep so far, one series per model, analysed as the CLI does.
void MainWindow::showSweep()
{
    std::vector<SweepSeries> series;
    const int usable = readMachineInfo().usableCpus;
    std::vector<Model> models; // in run order; the boxes may change while it runs
    for (const RunRecord& r : jobRecords_)
        if (std::find(models.begin(), models.end(), r.spec.model) == models.end())
            models.push_back(r.spec.model);
    for (Model m : models) {
        std::vector<std::pair<int, double>> measured;
        for (const RunRecord& r : jobRecords_)
            if (r.spec.model == m) measured.emplace_back(r.spec.workers, r.summary.opsPerS);
        if (!measured.empty()) series.push_back({m, analyseSweep(measured, usable)});
    }
    sweep_->view()->setSweep(series, usable);
}

void MainWindow::onQueueFinished(const std::vector<RunRecord>& records, bool complete,
                                 const QString& error)
{
    const Job job = job_;
    job_ = Job::None;
    liveTarget_ = &live_;
    experiment_->setRunning(false);
    compare_->setRunning(false);
    sweep_->setRunning(false);
    repeat_->setRunning(false);
    table_->setRunning(false);
    if (!error.isEmpty()) onError(error);
    const QString ending =
        complete ? tr("finished")
                 : tr("stopped after %1 of %2 runs").arg(records.size()).arg(queue_->count());
    if (job == Job::Compare && complete) finishComparison(records);
    if (job == Job::Compare && !complete)
        status_->setText(tr("comparison %1: no verdict without two whole runs").arg(ending));
    if (job == Job::Sweep) sweep_->setStatus(tr("Sweep %1.").arg(ending));
    if (job == Job::Repeat) repeat_->setStatus(tr("Repeats %1.").arg(ending));
    if (job == Job::Table) {
        table_->setProgress(queue_->count(), queue_->count(), {});
        // where and when, as under every other picture
        if (!records.empty())
            table_->setCaption(tr("The threads-vs-processes table, measured: %1 s per run · %2")
                                   .arg(records.front().spec.durationS)
                                   .arg(captionLines(records.front()).value(1)));
    }
    if (job != Job::Compare) status_->setText(ending);
}

void MainWindow::finishComparison(const std::vector<RunRecord>& records)
{
    Comparison c{records[0], records[1], compareRuns(records[0], records[1])};
    compare_->setComparison(c, true);
    const QString path = jobFolder_ % QStringLiteral(".json");
    writeInBackground(
        path, [c, p = path.toStdString()] { saveCompareFile(c, p); },
        [this, folder = jobFolder_, path] { runs_->setJobResult(folder, path); });
    status_->setText(tr("comparison finished — saved to %1").arg(path));
}

void MainWindow::showComparison(Comparison c)
{
    if (job_ == Job::Compare)
        return onError(tr("a comparison is running: open the file when it has ended"));
    compare_->setComparison(c);
    tabs_->setCurrentIndex(CompareIndex);
    status_->setText(
        tr("showing a comparison of %1").arg(QString::fromStdString(c.a.spec.workload)));
}

} // namespace corelab::ui
