#pragma once

#include <vector>

#include <QWidget>

#include "analysis/Sweep.h"
#include "spec/ExperimentSpec.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace corelab::ui {

class SweepView;

// The Sweep tab: which models, up to how many workers, and the sweep chart.
class SweepTab : public QWidget {
    Q_OBJECT
public:
    explicit SweepTab(int usableCpus, QWidget* parent = nullptr);
    std::vector<Model> models() const; // checked and supported by the form's workload
    std::vector<int> counts() const;   // 1 … the chosen maximum
    // The form's spec at every chosen model and count the workload takes, in run order.
    SweepPlan planFor(const ExperimentSpec& form) const;
    // Greys out the models the form's workload cannot run, saying why.
    void describeFor(const ExperimentSpec& form);
    void setRunning(bool running);
    void setStatus(const QString& text);
    // What the running sweep left out (empty hides the line).
    void setNotes(const std::vector<std::string>& notes);
    SweepView* view() const { return view_; }
    QSpinBox* maxWorkersField() const { return maxWorkers_; }
    QCheckBox* modelBox(Model m) const;

signals:
    void runRequested();
    void stopRequested();

private:
    std::vector<QCheckBox*> modelBoxes_;
    std::vector<bool> supported_; // per model box, for the form's workload
    QSpinBox* maxWorkers_;
    QPushButton* run_;
    QLabel* status_;
    QLabel* notes_;
    SweepView* view_;
    bool running_ = false;
};

} // namespace corelab::ui
