#pragma once

#include <map>
#include <string>

#include <QWidget>

#include "spec/ExperimentSpec.h"

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace corelab::ui {

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
    void showMessage(const QString& text, bool error);
    QPushButton* startButton() const { return start_; }
    QPushButton* stopButton() const { return stop_; }

signals:
    void startRequested(const corelab::ExperimentSpec& spec);
    void stopRequested();

private:
    QWidget* buildModelButtons();
    QWidget* buildRunBox();
    void connectSignals();
    void rebuildParams();
    void updateEnabled();
    void validateNow();

    QComboBox* workload_;
    QLabel* description_;
    QButtonGroup* model_;
    QSpinBox* workers_;
    QSpinBox* threadsPerProcess_;
    QComboBox* spawn_;
    QDoubleSpinBox* duration_;
    QSpinBox* rate_;
    QFormLayout* paramsForm_;
    QWidget* paramsBox_;
    std::map<std::string, QDoubleSpinBox*> params_;
    QLabel* message_;
    QPushButton* start_;
    QPushButton* stop_;
    QProgressBar* progress_;
    bool running_ = false;
    bool valid_ = true;
};

} // namespace corelab::ui
