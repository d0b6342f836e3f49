#include "MainWindow.h"

#include <algorithm>
#include <chrono>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "CompareTab.h"
#include "EngineController.h"
#include "ExperimentPanel.h"
#include "ObserverLoad.h"
#include "Presentation.h"
#include "RunFiles.h"
#include "RunListModel.h"
#include "RunsPanel.h"
#include "StudyRunner.h"
#include "StudyStatus.h"
#include "TableTab.h"
#include "study/Study.h"
#include "timeline/LiveLayer.h"
#include "timeline/TimelineView.h"

#include "Qcp.h"

namespace corelab::ui {

MainWindow::MainWindow(const WindowOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , options_(options)
    , controller_(new EngineController(options.workerPath, options.procRoot, this))
    , runner_(new StudyRunner(controller_, &live_, this))
    , experiment_(new ExperimentPanel(this))
    , timeline_(new TimelineView(this))
    , files_(new RunFiles(this))
    , runsPanel_(new RunsPanel(files_->list(), this))
    , status_(new StudyStatus(runner_, files_, this))
{
    setWindowTitle(tr("CoreLab — threads, processes, or both?"));
    setWindowIcon(QIcon(QStringLiteral(":/corelab/corelab.svg")));
    auto* left = new QScrollArea(this);
    left->setWidget(experiment_);
    left->setWidgetResizable(true);
    // the panel scrolls rather than push the runs list off a 1280-pixel screen
    left->setMinimumWidth(std::min(experiment_->sizeHint().width() + 24, 400));
    auto* splitter = new QSplitter(this);
    buildTabs();
    splitter->addWidget(left);
    splitter->addWidget(tabs_);
    splitter->addWidget(runsPanel_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({400, 720, 160});
    setCentralWidget(splitter);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(new ObserverLoad(runner_, this));
    setGeometry(Presentation::firstGeometry()); // before restoreSettings(): a saved geometry wins
    presentation_ = new Presentation(this, left, experiment_, timeline_, tabs_, runsPanel_);
    buildMenus();
    connectSignals();
    connectTabs();
    QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
    if (options_.useSettings)
        folder = QSettings().value(QStringLiteral("runs/folder"), folder).toString();
    if (!options_.runsFolder.isEmpty()) folder = options_.runsFolder;
    files_->setFolder(folder);
    files_->follow(runner_);
    if (options_.useSettings) restoreSettings();
    live_.beginLive(experiment_->spec());
    timeline_->setModel(&live_);
    if (qEnvironmentVariableIsSet("CORELAB_PAINT_LOG")) countPaints();
}

MainWindow::~MainWindow()
{
    if (!paints_) return;
    QFile out(qEnvironmentVariable("CORELAB_PAINT_LOG"));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return;
    const auto& live = timeline_->liveLayer();
    out.write(paints_->report(paintSamples_).toUtf8());
    out.write(QStringLiteral("timeline refreshes %1, whole replots %2, live-layer replots %3\n")
                  .arg(timeline_->refreshCount())
                  .arg(live.wholeReplots())
                  .arg(live.layerReplots())
                  .toUtf8());
}

// CORELAB_PAINT_LOG=FILE: what the window paints per live sample, written to FILE when
// it closes (issue 14; docs/benchmarks.md, bench_window).
void MainWindow::countPaints()
{
    paints_ = new PaintCounter(this);
    connect(runner_, &StudyRunner::liveChanged, this, [this](RunSeries* live) {
        // counted from the first sample on: the window's first show is not a sample's cost
        if (live == &live_ && paintSamples_++ == 0) paints_->reset();
    });
    connect(timeline_->plot(), &QCustomPlot::afterReplot, this,
            [this] { paints_->add(QStringLiteral("QCustomPlot::replot")); });
}

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Run or Comparison…"), QKeySequence::Open, this,
                    &MainWindow::openRunFile);
    file->addAction(tr("&Save Run As…"), QKeySequence::Save, this, [this] {
        saveAs(tr("Save Run"), files_->folder(),
               tr("Compact run files (*.corelab);;JSON run files (*.json)"),
               [this](const QString& path) {
                   // a loaded run keeps no samples: its file has them
                   if (shown_ == &loaded_ && !loadedPath_.isEmpty())
                       return files_->saveRunFileAs(loadedPath_, path);
                   return files_->saveRunAs(shown_->record(), path);
               });
    });
    file->addAction(tr("Save &Image…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    [this] {
                        saveAs(tr("Save Image"), {}, tr("PNG image (*.png);;PDF (*.pdf)"),
                               [this](const QString& path) { return saveImage(path); });
                    });
    saveReport_ = file->addAction(tr("Save &Report…"), this, &MainWindow::saveReport);
    saveReport_->setStatusTip(tr("A lab handout (PDF) of the table on show in the Table tab"));
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateReportAction);
    connect(table_, &TableTab::reportAvailable, this, &MainWindow::updateReportAction);
    updateReportAction();
    file->addAction(tr("Runs &Folder…"), this, &MainWindow::chooseRunsFolder);
    file->addSeparator();
    file->addAction(tr("Open E&xperiment…"), this, &MainWindow::openExperimentDialog);
    file->addAction(tr("Save Ex&periment As…"), this, [this] {
        const bool pair = tabs_->currentWidget() == compare_;
        saveAs(pair ? tr("Save Comparison Experiment") : tr("Save Experiment"), {},
               tr("Experiment files (*.json)"),
               [this](const QString& path) { return saveExperiment(path); });
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Image"), QKeySequence::Copy, this, &MainWindow::copyImage);
    auto* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Live Run"), this, &MainWindow::showLive);
    view->addAction(tr("&Whole Run"), timeline_, &TimelineView::showWholeRun);
    view->addAction(tr("&Presentation Mode"), QKeySequence(Qt::Key_F11), presentation_,
                    &Presentation::toggle);
    auto* form = view->addAction(tr("Show the &Form"));
    form->setShortcut(QKeySequence(Qt::Key_F9));
    form->setStatusTip(tr("F9 hides the form, so the charts take the screen"));
    form->setCheckable(true);
    form->setChecked(true);
    connect(form, &QAction::toggled, presentation_, &Presentation::setFormShown);
    view->addAction(tr("&Larger Font"), QKeySequence(Qt::CTRL | Qt::Key_Equal), presentation_,
                    [this] { presentation_->changeFontSize(0.1); });
    view->addAction(tr("&Smaller Font"), QKeySequence(Qt::CTRL | Qt::Key_Minus), presentation_,
                    [this] { presentation_->changeFontSize(-0.1); });
    buildThemeMenu(view);
}

void MainWindow::buildThemeMenu(QMenu* view)
{
    auto* menu = view->addMenu(tr("&Theme"));
    themeActions_ = new QActionGroup(this);
    for (ThemeId id : kThemes) {
        auto* action = menu->addAction(themeTitle(id));
        action->setCheckable(true);
        action->setChecked(id == theme_);
        action->setData(static_cast<int>(id));
        themeActions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, id] { setTheme(id); });
    }
}

void MainWindow::setTheme(ThemeId id)
{
    theme_ = id;
    for (QAction* action : themeActions_->actions())
        action->setChecked(action->data().toInt() == static_cast<int>(id));
    applyTheme(id);
    if (options_.useSettings) QSettings().setValue(QStringLiteral("view/theme"), themeKey(id));
}

void MainWindow::togglePresentation()
{
    presentation_->toggle();
}

void MainWindow::connectSignals()
{
    connect(experiment_, &ExperimentPanel::startRequested, this, &MainWindow::startRun);
    connect(experiment_, &ExperimentPanel::stopRequested, this, &MainWindow::stopAll);
    connect(controller_, &EngineController::runStarted, this,
            [this](const ExperimentSpec& spec) { experiment_->startProgress(spec.durationS); });
    connect(controller_, &EngineController::errorOccurred, this, &MainWindow::onError);
    connect(runner_, &StudyRunner::stepStarted, this, &MainWindow::onStepStarted);
    connect(runner_, &StudyRunner::stepFinished, experiment_, &ExperimentPanel::stopProgress);
    connect(runner_, &StudyRunner::finished, this,
            [this](bool, const QString& error) { onStudyFinished(error); });
    connect(runner_, &StudyRunner::liveChanged, this, [this](RunSeries* live) {
        if (live == &live_ && shown_ == &live_) timeline_->modelChanged();
    });
    connect(runsPanel_, &RunsPanel::runSelected, this, &MainWindow::loadRunAsync);
    connect(runsPanel_, &RunsPanel::openRequested, this, &MainWindow::openRunFile);
    connect(runsPanel_, &RunsPanel::refreshRequested, files_, &RunFiles::rescan);
    connect(files_, &RunFiles::runLoaded, this, &MainWindow::showLoaded);
    connect(files_, &RunFiles::comparisonLoaded, this, &MainWindow::showComparison);
    connect(files_, &RunFiles::failed, this, &MainWindow::onError);
}

RunQueue* MainWindow::queue() const
{
    return runner_->queue();
}

void MainWindow::startRun()
{
    if (runner_->active())
        return onError(tr("a run is already in progress: stop it or wait for it to end"));
    single_ = std::make_unique<SingleRun>(experiment_->spec());
    tabs_->setCurrentIndex(0);
    showLive();
    if (const auto error = runner_->start(*single_)) onError(*error);
}

void MainWindow::stopAll()
{
    if (runner_->active())
        runner_->stop();
    else
        controller_->stop();
}

void MainWindow::stopAndClose()
{
    if (!controller_ || !controller_->running()) return void(close());
    // queued behind the slots that save the finished run
    connect(controller_, &EngineController::runFinished, this,
            [this] { QTimer::singleShot(0, this, &MainWindow::close); });
    QTimer::singleShot(std::chrono::seconds(15), this, &MainWindow::close);
    stopAll();
}

QString MainWindow::runsFolder() const
{
    return files_->folder();
}

void MainWindow::onError(const QString& message)
{
    experiment_->showMessage(message, true);
    status_->setText(tr("error: %1").arg(message));
}

void MainWindow::showLive()
{
    shown_ = &live_;
    timeline_->setModel(&live_);
}

void MainWindow::showLoaded(const std::shared_ptr<RunSeries>& series, const QString& path)
{
    loaded_.replaceWith(std::move(*series));
    loadedPath_ = path;
    shown_ = &loaded_;
    timeline_->setModel(&loaded_);
    status_->setText(tr("showing %1").arg(RunListModel::titleFor(loaded_.record())));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!controller_) return event->accept(); // closed before: the runs are gone
    if (options_.useSettings) saveSettings();
    // hide first: stopping a large run and reaping its processes may take a moment
    hide();
    runner_->stop();
    controller_->stop();
    delete controller_;
    controller_ = nullptr;
    event->accept();
}

void MainWindow::restoreSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    if (const ThemeId id = themeFromKey(s.value(QStringLiteral("view/theme")).toString());
        id != ThemeId::System)
        setTheme(id);
    experiment_->restoreFrom(s);
    compare_->setDetailsShown(s.value(QStringLiteral("compare/details"), false).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("runs/folder"), files_->folder());
    s.setValue(QStringLiteral("compare/details"), compare_->detailsShown());
    experiment_->saveTo(s);
}

} // namespace corelab::ui
