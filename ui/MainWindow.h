#pragma once

// The window: the form on the left, the tabs in the middle, the runs list on the
// right; its menus, settings and files. Each tab owns its study and runs it through
// the one StudyRunner; the window only saves and lists what the runs leave.
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QMainWindow>
#include <QSizePolicy>

#include "RunSeries.h"
#include "Theme.h"
#include "spec/Preset.h"

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;

namespace corelab {
struct Comparison;
class SingleRun;
class Study;
} // namespace corelab

namespace corelab::ui {

class AdviseTab;
class CompareTab;
class EngineController;
class ExperimentPanel;
class PaintCounter;
class Picture;
class Presentation;
class TableTab;
class PresetsTab;
class RepeatTab;
class RunFiles;
class RunQueue;
class RunsPanel;
class StudyRunner;
class StudyStatus;
class SweepTab;
class TimelineView;

struct WindowOptions {
    QString workerPath;      // corelab-worker; empty: beside the executable
    QString runsFolder;      // empty: from settings, else AppDataLocation/runs
    bool useSettings = true; // tests run without reading or writing QSettings
    QString presetsFolder;   // empty: defaultPresetsFolder() (installed, else source tree)
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
    // SIGTERM (a logout, `kill`): stop as the Stop button does, so the run is saved as
    // any stopped run is, then close; close() ends a run that does not stop in time.
    void stopAndClose();
    const RunSeries& shownModel() const { return *shown_; }
    QString runsFolder() const;
    CompareTab* compareView() const { return compare_; }
    SweepTab* sweepTab() const { return sweep_; }
    RepeatTab* repeatTab() const { return repeat_; }
    AdviseTab* adviseTab() const { return advise_; }
    TableTab* tableView() const { return table_; }
    PresetsTab* presetGallery() const { return gallery_; }
    QTabWidget* tabs() const { return tabs_; }
    RunQueue* queue() const;
    StudyRunner* runner() const { return runner_; }
    // The picture of the current tab, as PNG (2×) or PDF by suffix; empty on success.
    QString saveImage(const QString& path);
    void startRun();
    // View → Theme: applied at once to every tab, remembered in QSettings.
    void setTheme(ThemeId id);
    ThemeId theme() const { return theme_; }
    // F11
    void togglePresentation();
    // Opens a run file or a comparison file without blocking the window.
    void loadRunAsync(const QString& path);
    void startCompare();
    void startSweep();
    void startRepeat();
    void startAdvise();
    void startTable(bool quick);
    void loadPreset(const Preset& preset);
    void openExperiment(const QString& path);
    QString saveExperiment(const QString& path);
    // File → Save Report…: on while the Table tab shows a measured table.
    QAction* saveReportAction() const { return saveReport_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void countPaints();
    void buildTabs();
    void fitToShownTab();
    void buildMenus();
    void buildThemeMenu(QMenu* view);
    void connectTabs();
    void connectSignals();
    void restoreSettings();
    void saveSettings() const;
    void onError(const QString& message);
    void showLoaded(const std::shared_ptr<RunSeries>& series, const QString& path);
    void showComparison(const Comparison& c);
    void stopAll();
    // Shows `tab` when the study it started runs; else the error.
    void started(QWidget* tab, const std::optional<QString>& error);
    void onStepStarted(int step, const ExperimentSpec& spec, RunSeries* live);
    void onStudyFinished(const QString& error);
    void saveComparison(const Comparison& c);
    void saveReport();
    void updateReportAction();
    void openExperimentDialog();
    void openRunFile();
    Picture* currentPicture() const;
    void copyImage();
    void saveAs(const QString& title, const QString& folder, const QString& filter,
                const std::function<QString(const QString&)>& save);
    void chooseRunsFolder();
    void showLive();

    WindowOptions options_;
    EngineController* controller_;
    RunSeries live_;
    StudyRunner* runner_;
    ExperimentPanel* experiment_;
    TimelineView* timeline_;
    CompareTab* compare_;
    SweepTab* sweep_;
    RepeatTab* repeat_;
    AdviseTab* advise_;
    TableTab* table_;
    PresetsTab* gallery_;
    QTabWidget* tabs_;
    std::vector<QSizePolicy> pagePolicies_; // each tab page's own, by index
    RunFiles* files_;
    RunsPanel* runsPanel_;
    StudyStatus* status_;
    RunSeries loaded_;
    QString loadedPath_; // the file loaded_ was read from
    RunSeries* shown_ = &live_;
    std::unique_ptr<SingleRun> single_; // the Start button's run
    Presentation* presentation_ = nullptr;
    QAction* saveReport_ = nullptr;
    QActionGroup* themeActions_ = nullptr;
    ThemeId theme_ = ThemeId::System;
    PaintCounter* paints_ = nullptr; // CORELAB_PAINT_LOG
    int paintSamples_ = 0;
};

} // namespace corelab::ui
