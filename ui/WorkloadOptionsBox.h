#pragma once

#include <QWidget>

#include "spec/ExperimentSpec.h"

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;
class QToolButton;

namespace corelab::ui {

// "Options for every workload", collapsed until asked for (or until a spec uses one):
// the emulated interpreter lock and crash injection.
class WorkloadOptionsBox : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadOptionsBox(QWidget* parent = nullptr);

    void apply(ExperimentSpec& spec) const;
    void setFrom(const ExperimentSpec& spec);
    // Restart only means something with worker processes to restart.
    void updateEnabled(Model model, bool editable);
    void setExpanded(bool expanded);
    bool isExpanded() const;

    QCheckBox* interpreterLock() const { return lock_; }
    QSpinBox* crashWorker() const { return crashWorker_; }
    QCheckBox* restart() const { return restart_; }

signals:
    void changed();

private:
    QWidget* buildBody();

    QToolButton* header_;
    QWidget* body_;
    QCheckBox* lock_;
    QDoubleSpinBox* switchInterval_;
    QSpinBox* crashWorker_;
    QDoubleSpinBox* crashAt_;
    QCheckBox* restart_;
};

} // namespace corelab::ui
