#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QStringList>
#include <QWidget>

#include "Picture.h"

#include "spec/ExperimentSpec.h"
#include "study/SweepStudy.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace corelab::ui {

class StudyRunner;
class SweepView;

// The Sweep tab: which models, up to how many workers, and the sweep chart.
class SweepTab : public QWidget, public Picture {
    Q_OBJECT
public:
    explicit SweepTab(int usableCpus, QWidget* parent = nullptr);
    std::vector<Model> models() const; // checked and supported by the form's workload
    std::vector<int> counts() const;   // 1 … the chosen maximum
    // The form's spec at every chosen model and count the workload takes, in run order.
    SweepPlan planFor(const ExperimentSpec& form) const;
    // Greys out the models the form's workload cannot run, saying why.
    void describeFor(const ExperimentSpec& form);
    // Runs this tab's sweeps; call once.
    void attach(StudyRunner* runner);
    // Sweeps the form's experiment; the error line when it cannot.
    std::optional<QString> start(const ExperimentSpec& form);
    SweepView* view() const { return view_; }
    QSpinBox* maxWorkersField() const { return maxWorkers_; }
    QCheckBox* modelBox(Model m) const;
    // The chart and the line that names the points other programs crowded (hidden when
    // none was): what the tab shows after every measured point.
    void showSweep(const std::vector<SweepSeries>& series);
    const QLabel* otherLoadNote() const { return otherLoad_; }

    // The picture's caption: what the sweep on show ran, over how many workers, and where.
    const QStringList& caption() const { return caption_; }
    QImage renderImage(double scale = 2.0) override;
    QString saveImage(const QString& path) override;

signals:
    void runRequested();
    void stopRequested();

private:
    void setRunning(bool running);
    void setStatus(const QString& text);
    // What the running sweep left out (empty hides the line).
    void setNotes(const std::vector<std::string>& notes);

    int usableCpus_;
    std::vector<QCheckBox*> modelBoxes_;
    std::vector<bool> supported_; // per model box, for the form's workload
    QSpinBox* maxWorkers_;
    QPushButton* run_;
    QLabel* status_;
    QLabel* notes_;
    QLabel* otherLoad_;
    SweepView* view_;
    bool running_ = false;
    StudyRunner* runner_ = nullptr;
    std::unique_ptr<SweepStudy> study_;
    QStringList caption_; // what the sweep on show ran, for its picture
};

} // namespace corelab::ui
