#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QMainWindow>

#include "RunListModel.h"
#include "RunSeries.h"
#include "analysis/Table.h"
#include "spec/Preset.h"

class QLabel;
class QTabWidget;
class QTimer;

namespace corelab {
struct Comparison;
} // namespace corelab

namespace corelab::ui {

class CompareTab;
class EngineController;
class ExperimentPanel;
class TableTab;
class PresetsTab;
class RepeatTab;
class RunQueue;
class RunsPanel;
class SweepTab;
class TimelineView;

struct WindowOptions {
    QString workerPath;      // corelab-worker; empty: beside the executable
    QString runsFolder;      // empty: from settings, else AppDataLocation/runs
    bool useSettings = true; // tests run without reading or writing QSettings
    QString presetsFolder;   // empty: the presets of the source tree
    QString procRoot = {};   // where the engine samples; empty: its default, /proc
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const WindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    ExperimentPanel* experimentPanel() const { return experiment_; }
    TimelineView* timeline() const { return timeline_; }
    EngineController* controller() const { return controller_; }
    const RunSeries& shownModel() const { return *shown_; }
    QString runsFolder() const { return runsFolder_; }
    CompareTab* compareView() const { return compare_; }
    SweepTab* sweepTab() const { return sweep_; }
    RepeatTab* repeatTab() const { return repeat_; }
    TableTab* tableView() const { return table_; }
    PresetsTab* presetGallery() const { return gallery_; }
    QTabWidget* tabs() const { return tabs_; }
    RunQueue* queue() const { return queue_; }
    // The picture of the current tab, as PNG (2×) or PDF by suffix; empty on success.
    QString saveImage(const QString& path);
    void startRun();
    // Opens a run file or a comparison file without blocking the window.
    void loadRunAsync(const QString& path);
    void startCompare();
    void startSweep();
    void startRepeat();
    void startTable(bool quick);
    void loadPreset(const Preset& preset);
    void openExperiment(const QString& path);
    QString saveExperiment(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildTabs();
    void buildMenus();
    void connectJobs();
    void connectSignals();
    void restoreSettings();
    void saveSettings() const;
    void onRunStarted();
    void onRunFinished(const RunRecord& record);
    void onError(const QString& message);
    void updateProgress();
    void liveChanged();
    void showRecord(RunRecord record);
    void showComparison(Comparison c);
    void stopAll();
    enum class Job { None, Single, Compare, Sweep, Repeat, Table };
    bool refuseIfBusy();
    bool startQueue(Job job, std::vector<ExperimentSpec> specs, int tab);
    void onStepStarted(int index, const ExperimentSpec& spec);
    void onStepFinished(int index, const RunRecord& record, bool whole);
    void onQueueFinished(const std::vector<RunRecord>& records, bool complete,
                         const QString& error);
    void showSweep();
    void finishComparison(const std::vector<RunRecord>& records);
    QString saveAndListRun(const RunRecord& record, const QString& jobFolder);
    void writeInBackground(const QString& path, std::function<void()> write,
                           std::function<void()> onWritten);
    QString jobFolderFor(Job job, const std::vector<ExperimentSpec>& specs) const;
    void openExperimentDialog();
    void saveExperimentDialog();
    void openRunFile();
    void saveRunFile();
    void saveImageDialog();
    void copyImage();
    void chooseRunsFolder();
    void togglePresentation();
    void changeFontSize(double delta);
    void updateRunsPanel();
    void showLive();

    WindowOptions options_;
    EngineController* controller_;
    RunQueue* queue_;
    ExperimentPanel* experiment_;
    TimelineView* timeline_;
    CompareTab* compare_;
    SweepTab* sweep_;
    RepeatTab* repeat_;
    TableTab* table_;
    PresetsTab* gallery_;
    QTabWidget* tabs_;
    RunListModel* runs_;
    RunsPanel* runsPanel_;
    QLabel* status_;
    QTimer* progressTimer_;
    QElapsedTimer elapsed_;
    RunSeries live_;
    RunSeries loaded_;
    RunSeries* shown_ = &live_;
    RunSeries* liveTarget_ = &live_; // where the running run's samples go
    Job job_ = Job::None;
    QString jobFolder_; // where the current job's runs are saved
    std::vector<Preset> tablePresets_;
    std::vector<RunRecord> jobRecords_; // the whole runs of the current job, without samples
    std::vector<TableRow> tableRows_;
    QString runsFolder_;
    double fontScale_ = 1.0;
    bool presentation_ = false;
};

} // namespace corelab::ui
