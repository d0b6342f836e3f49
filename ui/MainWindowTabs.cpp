// MainWindow's tabs: each owns its study and runs it through the one StudyRunner; the
// window saves every run into the study's folder, lists it, and says on the status
// line what runs.
#include <QTabWidget>

#include "AdviseTab.h"
#include "CompareTab.h"
#include "ExperimentPanel.h"
#include "Installation.h"
#include "MainWindow.h"
#include "PresetsTab.h"
#include "RepeatTab.h"
#include "RunFiles.h"
#include "StudyRunner.h"
#include "StudyStatus.h"
#include "SweepTab.h"
#include "TableTab.h"
#include "probe/MachineInfo.h"
#include "study/Study.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

void MainWindow::buildTabs()
{
    // read once: the window does not read /proc while it runs
    const MachineInfo machine = readMachineInfo();
    compare_ = new CompareTab(this);
    sweep_ = new SweepTab(machine.usableCpus, this);
    repeat_ = new RepeatTab(this);
    advise_ = new AdviseTab(this);
    table_ = new TableTab(this);
    gallery_ = new PresetsTab(this);
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(timeline_, tr("Run"));
    tabs_->addTab(compare_, tr("Compare"));
    tabs_->addTab(sweep_, tr("Sweep"));
    tabs_->addTab(repeat_, tr("Repeat"));
    tabs_->addTab(table_, tr("Table"));
    tabs_->addTab(advise_, tr("Advise"));
    tabs_->addTab(gallery_, tr("Presets"));
    for (int i = 0; i < tabs_->count(); ++i)
        pagePolicies_.push_back(tabs_->widget(i)->sizePolicy());
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::fitToShownTab);
    fitToShownTab();
    const QString presets = options_.presetsFolder.isEmpty()
                                ? QString::fromStdString(defaultPresetsFolder())
                                : options_.presetsFolder;
    gallery_->loadFolder(presets);
    table_->setPresets(gallery_->presets(), QString::fromStdString(machine.cpuModel));
    compare_->describeFor(experiment_->spec());
    sweep_->describeFor(experiment_->spec());
}

// A tab widget is as wide (and tall) as the largest minimum of all its pages, shown or not:
// the Compare tab's two timelines held the window at 1318 pixels on every tab, wider than
// a 1280-pixel projector. Hidden pages ignore their size; the shown one keeps its own.
void MainWindow::fitToShownTab()
{
    for (int i = 0; i < tabs_->count(); ++i)
        tabs_->widget(i)->setSizePolicy(
            i == tabs_->currentIndex() ? pagePolicies_[static_cast<std::size_t>(i)]
                                       : QSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored));
}

void MainWindow::connectTabs()
{
    compare_->attach(runner_);
    sweep_->attach(runner_);
    repeat_->attach(runner_);
    advise_->attach(runner_);
    table_->attach(runner_);
    connect(compare_, &CompareTab::runRequested, this, &MainWindow::startCompare);
    connect(compare_, &CompareTab::captureRequested, this,
            [this](int side) { compare_->captureSide(side, experiment_->spec()); });
    connect(compare_, &CompareTab::comparisonFinished, this, &MainWindow::saveComparison);
    connect(sweep_, &SweepTab::runRequested, this, &MainWindow::startSweep);
    connect(repeat_, &RepeatTab::runRequested, this, &MainWindow::startRepeat);
    connect(advise_, &AdviseTab::runRequested, this, &MainWindow::startAdvise);
    connect(table_, &TableTab::startRequested, this, &MainWindow::startTable);
    connect(table_, &TableTab::rowOpened, this, &MainWindow::showComparison);
    connect(table_, &TableTab::reportRequested, this, &MainWindow::saveReport);
    connect(table_, &TableTab::reportSaved, this,
            [this](const QString& path, const QString& error) {
                if (error.isEmpty())
                    status_->setText(tr("saved the report %1").arg(path));
                else
                    onError(error);
            });
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

void MainWindow::started(QWidget* tab, const std::optional<QString>& error)
{
    if (error) return onError(*error);
    tabs_->setCurrentWidget(tab);
}

void MainWindow::startCompare()
{
    started(compare_, compare_->start(experiment_->spec()));
}

void MainWindow::startSweep()
{
    started(sweep_, sweep_->start(experiment_->spec()));
}

void MainWindow::startRepeat()
{
    started(repeat_, repeat_->start(experiment_->spec()));
}

void MainWindow::startAdvise()
{
    started(advise_, advise_->start());
}

void MainWindow::startTable(bool quick)
{
    started(table_, table_->start(quick));
}

void MainWindow::onStepStarted(int step, const ExperimentSpec&, RunSeries* live)
{
    if (step == 0) experiment_->setRunning(true);
    // a run that is not a comparison's side is shown live on the Run tab
    if (live == &live_ && shown_ != &live_) showLive();
}

void MainWindow::onStudyFinished(const QString& error)
{
    experiment_->setRunning(false);
    if (!error.isEmpty()) onError(error);
}

void MainWindow::saveComparison(const Comparison& c)
{
    const QString path = files_->saveComparison(c);
    status_->setText(tr("comparison finished — saved to %1").arg(path));
}

void MainWindow::showComparison(const Comparison& c)
{
    if (runner_->study() && runner_->study() == compare_->study())
        return onError(tr("a comparison is running: open the file when it has ended"));
    compare_->setComparison(c);
    tabs_->setCurrentWidget(compare_);
    status_->setText(
        tr("showing a comparison of %1").arg(QString::fromStdString(c.a.spec.workload)));
}

} // namespace corelab::ui
