#include "MainWindow.h"

#include <algorithm>

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QTimer>

#include <nlohmann/json.hpp>

#include "CompareTab.h"
#include "EngineController.h"
#include "ExperimentPanel.h"
#include "ImageExport.h"
#include "RunListModel.h"
#include "RunQueue.h"
#include "RunsPanel.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

namespace {

// First start: a big screen gets a big window (90 % of it), a small one the default
// size, never more than fits.
QRect defaultGeometry()
{
    const QSize fallback(1280, 800);
    const QScreen* screen = QGuiApplication::primaryScreen();
    if (!screen) return QRect(QPoint(0, 0), fallback);
    const QRect avail = screen->availableGeometry();
    const bool big = avail.width() > fallback.width() && avail.height() > fallback.height();
    const QSize size = big ? avail.size() * 0.9 : fallback.boundedTo(avail.size());
    QRect rect(QPoint(0, 0), size);
    rect.moveCenter(avail.center());
    return rect;
}

} // namespace

MainWindow::MainWindow(const WindowOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , options_(options)
    , controller_(new EngineController(options.workerPath, options.procRoot, this))
    , queue_(new RunQueue(controller_, this))
    , experiment_(new ExperimentPanel(this))
    , timeline_(new TimelineView(this))
    , runs_(new RunListModel(this))
    , runsPanel_(new RunsPanel(runs_, this))
    , status_(new QLabel(this))
    , progressTimer_(new QTimer(this))
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
    progressTimer_->setInterval(100);
    setGeometry(defaultGeometry()); // before restoreSettings(): a saved geometry wins
    buildMenus();
    connectSignals();
    connectJobs();
    runsFolder_ =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
    if (options_.useSettings) restoreSettings();
    if (!options_.runsFolder.isEmpty()) runsFolder_ = options_.runsFolder;
    runs_->scanFolder(runsFolder_);
    live_.beginLive(experiment_->spec());
    timeline_->setModel(&live_);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Run or Comparison…"), QKeySequence::Open, this,
                    &MainWindow::openRunFile);
    file->addAction(tr("&Save Run As…"), QKeySequence::Save, this, &MainWindow::saveRunFile);
    file->addAction(tr("Save &Image…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    &MainWindow::saveImageDialog);
    file->addAction(tr("Runs &Folder…"), this, &MainWindow::chooseRunsFolder);
    file->addSeparator();
    file->addAction(tr("Open E&xperiment…"), this, &MainWindow::openExperimentDialog);
    file->addAction(tr("Save Ex&periment As…"), this, &MainWindow::saveExperimentDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Image"), QKeySequence::Copy, this, &MainWindow::copyImage);
    auto* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Live Run"), this, &MainWindow::showLive);
    view->addAction(tr("&Whole Run"), timeline_, &TimelineView::showWholeRun);
    view->addAction(tr("&Presentation Mode"), QKeySequence(Qt::Key_F11), this,
                    &MainWindow::togglePresentation);
    view->addAction(tr("&Larger Font"), QKeySequence(Qt::CTRL | Qt::Key_Equal), this,
                    [this] { changeFontSize(0.1); });
    view->addAction(tr("&Smaller Font"), QKeySequence(Qt::CTRL | Qt::Key_Minus), this,
                    [this] { changeFontSize(-0.1); });
}

void MainWindow::connectSignals()
{
    connect(experiment_, &ExperimentPanel::startRequested, this, &MainWindow::startRun);
    connect(experiment_, &ExperimentPanel::stopRequested, this, &MainWindow::stopAll);
    connect(controller_, &EngineController::runStarted, this, &MainWindow::onRunStarted);
    connect(controller_, &EngineController::samplesAvailable, this, [this](const auto& batch) {
        liveTarget_->appendSamples(batch);
        liveChanged();
    });
    connect(controller_, &EngineController::eventsAvailable, this, [this](const auto& batch) {
        liveTarget_->appendEvents(batch);
        liveChanged();
    });
    connect(controller_, &EngineController::runFinished, this, &MainWindow::onRunFinished);
    connect(controller_, &EngineController::errorOccurred, this, &MainWindow::onError);
    connect(progressTimer_, &QTimer::timeout, this, &MainWindow::updateProgress);
    connect(runsPanel_, &RunsPanel::runSelected, this, &MainWindow::loadRunAsync);
    connect(runsPanel_, &RunsPanel::openRequested, this, &MainWindow::openRunFile);
    connect(runsPanel_, &RunsPanel::refreshRequested, this,
            [this] { runs_->scanFolder(runsFolder_); });
}

void MainWindow::startRun()
{
    if (refuseIfBusy()) return;
    const ExperimentSpec spec = experiment_->spec();
    live_.beginLive(spec);
    liveTarget_ = &live_;
    showLive();
    tabs_->setCurrentIndex(0);
    job_ = Job::Single;
    if (const auto error = controller_->start(spec)) {
        job_ = Job::None;
        onError(*error);
    }
}

void MainWindow::liveChanged()
{
    if (liveTarget_ != &live_)
        compare_->liveChanged();
    else if (shown_ == &live_)
        timeline_->modelChanged();
}

void MainWindow::onRunStarted()
{
    elapsed_.start();
    progressTimer_->start();
    experiment_->setRunning(true);
    if (job_ == Job::Single) status_->setText(tr("running…")); // a job says which run
}

void MainWindow::updateProgress()
{
    experiment_->setProgress(elapsed_.elapsed() / 1000.0, liveTarget_->record().spec.durationS);
}

void MainWindow::onRunFinished(const RunRecord& record)
{
    progressTimer_->stop();
    if (job_ != Job::Single) return; // a queued run: the queue's handlers take it
    job_ = Job::None;
    live_.setRecord(record);
    experiment_->setRunning(false);
    if (shown_ == &live_) timeline_->modelChanged();
    const QString path = saveAndListRun(record, {});
    status_->setText(tr("run finished: %1").arg(RunListModel::titleFor(record)) %
                     (path.isEmpty() ? QString() : tr(" — saved to %1").arg(path)));
}

// Every finished run is kept: a single run in the runs folder, a job's in the job's
// folder, named by when it ended and what ran, and listed once its file is written.
// Returns the path; empty when nothing was measured (the run is listed without a file).
QString MainWindow::saveAndListRun(const RunRecord& record, const QString& jobFolder)
{
    const auto list = [this, jobFolder](RunListModel::Entry e) {
        if (jobFolder.isEmpty())
            runs_->addSessionEntry(std::move(e));
        else
            runs_->addJobRun(jobFolder, std::move(e));
    };
    if (record.samples.empty()) {
        list(RunListModel::runEntry(record, {}));
        return {};
    }
    const QString path = (jobFolder.isEmpty() ? runsFolder_ : jobFolder) % QStringLiteral("/run-") %
                         RunListModel::timeStamp() % QLatin1Char('-') %
                         RunListModel::fileStem(record.spec) % QStringLiteral(".json");
    writeInBackground(
        path, [record, p = path.toStdString()] { corelab::saveRunFile(record, p); },
        [list, e = RunListModel::runEntry(record, path)] { list(e); });
    return path;
}

// A long run's file takes a while to write: the GUI thread hands it to the pool. The
// file is listed (onWritten, on the GUI thread) when it is complete, so a click never
// finds half a file; a failure comes back as an error line. The pool is drained
// before the program exits.
void MainWindow::writeInBackground(const QString& path, std::function<void()> write,
                                   std::function<void()> onWritten)
{
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start(
        [self, path, write = std::move(write), onWritten = std::move(onWritten)] {
            QString error;
            try {
                if (!QDir().mkpath(QFileInfo(path).absolutePath()))
                    throw std::runtime_error("cannot create the folder");
                write();
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
            QMetaObject::invokeMethod(qApp, [self, path, error, onWritten] {
                if (!self) return;
                if (error.isEmpty())
                    onWritten();
                else
                    self->onError(tr("could not save %1: %2").arg(path, error));
            });
        });
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

void MainWindow::showRecord(RunRecord record)
{
    loaded_.setRecord(std::move(record));
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
    queue_->stop();
    controller_->stop();
    delete controller_;
    controller_ = nullptr;
    event->accept();
}

void MainWindow::restoreSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    runsFolder_ = s.value(QStringLiteral("runs/folder"), runsFolder_).toString();
    const auto text = s.value(QStringLiteral("experiment/last")).toString().toStdString();
    if (text.empty()) return;
    try {
        ExperimentSpec spec = nlohmann::json::parse(text).get<ExperimentSpec>();
        if (!validate(spec)) experiment_->setSpec(spec);
    } catch (const std::exception&) {
        // a spec from an older version: keep the defaults
    }
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("runs/folder"), runsFolder_);
    s.setValue(QStringLiteral("experiment/last"),
               QString::fromStdString(nlohmann::json(experiment_->spec()).dump()));
}

} // namespace corelab::ui
