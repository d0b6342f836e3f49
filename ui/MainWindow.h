#pragma once

#include <QElapsedTimer>
#include <QMainWindow>

#include "RunModel.h"

class QLabel;
class QTimer;

namespace corelab::ui {

class EngineController;
class ExperimentPanel;
class RunListModel;
class RunsPanel;
class TimelineView;

struct WindowOptions {
    QString workerPath;      // corelab-worker; empty: beside the executable
    QString runsFolder;      // empty: from settings, else AppDataLocation/runs
    bool useSettings = true; // tests run without reading or writing QSettings
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const WindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    ExperimentPanel* experimentPanel() const { return experiment_; }
    TimelineView* timeline() const { return timeline_; }
    EngineController* controller() const { return controller_; }
    const RunModel& shownModel() const { return *shown_; }
    QString runsFolder() const { return runsFolder_; }
    QString saveImage(const QString& path);
    void startRun();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void connectSignals();
    void restoreSettings();
    void saveSettings() const;
    void onRunStarted();
    void onRunFinished(const RunRecord& record);
    void onError(const QString& message);
    void updateProgress();
    void showRecord(RunRecord record);
    void loadRunAsync(const QString& path);
    void openRunFile();
    void saveRunFile();
    void saveImageDialog();
    void copyImage();
    void chooseRunsFolder();
    void togglePresentation();
    void changeFontSize(double delta);
    void showLive();

    WindowOptions options_;
    EngineController* controller_;
    ExperimentPanel* experiment_;
    TimelineView* timeline_;
    RunListModel* runs_;
    RunsPanel* runsPanel_;
    QLabel* status_;
    QTimer* progressTimer_;
    QElapsedTimer elapsed_;
    RunModel live_;
    RunModel loaded_;
    RunModel* shown_ = &live_;
    QString runsFolder_;
    double fontScale_ = 1.0;
    bool presentation_ = false;
};

} // namespace corelab::ui
