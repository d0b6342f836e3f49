#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "spec/ExperimentSpec.h"

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QSettings;
class QTimer;
class QPushButton;
class QSpinBox;

namespace corelab::ui {

class ParamForm;
class WorkloadOptionsBox;

// Left side of the window: what to run. The workload's own parameters are generated
// from its ParamInfo list; every change is validated at once and shown inline.
class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentPanel(QWidget* parent = nullptr);

    ExperimentSpec spec() const;
    void setSpec(const ExperimentSpec& spec);
    // While a run is on: Start is off, Stop is on, the form is read-only.
    void setRunning(bool running);
    void setProgress(double elapsedS, double durationS);
    // The progress bar counts a run of durationS from now, ten times a second, until
    // stopProgress().
    void startProgress(double durationS);
    void stopProgress();
    // The last experiment of the form, kept across sessions.
    void saveTo(QSettings& settings) const;
    void restoreFrom(const QSettings& settings);
    void showMessage(const QString& text, bool error);
    QPushButton* startButton() const { return start_; }
    QPushButton* stopButton() const { return stop_; }
    QAbstractButton* modelButton(Model model) const;
    QComboBox* workloadBox() const { return workload_; }
    QSpinBox* workersField() const { return workers_; }
    ParamForm* paramForm() const { return params_; }
    WorkloadOptionsBox* optionsBox() const { return options_; }
    QString messageText() const;

signals:
    void startRequested(const corelab::ExperimentSpec& spec);
    void stopRequested();
    // Any field changed (and was validated).
    void specChanged();

private:
    QFormLayout* buildForm();
    QWidget* buildModelButtons();
    QWidget* buildRunBox();
    void connectSignals();
    void onWorkloadChosen();
    void onModelChosen();
    void rebuildParams();
    void updateWorkersField(Model model);
    Model currentModel() const;
    void updateEnabled();
    void validateNow();

    QComboBox* workload_;
    QLabel* description_;
    QButtonGroup* model_;
    QLabel* workersLabel_;
    QSpinBox* workers_;
    QSpinBox* threadsPerProcess_;
    QComboBox* spawn_;
    QDoubleSpinBox* duration_;
    QSpinBox* rate_;
    ParamForm* params_;
    WorkloadOptionsBox* options_;
    QLabel* message_;
    QPushButton* start_;
    QPushButton* stop_;
    QProgressBar* progress_;
    QTimer* progressTimer_;
    QElapsedTimer elapsed_;
    double progressS_ = 0; // the running run's planned duration
    bool running_ = false;
    bool valid_ = true;
};

} // namespace corelab::ui
