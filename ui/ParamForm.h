#pragma once

#include <map>
#include <string>
#include <vector>

#include <QGroupBox>

#include "spec/ExperimentSpec.h"

class QFormLayout;
class QLineEdit;

namespace corelab {
struct ParamInfo;
struct WorkloadInfo;
} // namespace corelab

namespace corelab::ui {

// The selected workload's own parameters, generated from its ParamInfo list: choice
// parameters as a combo box of their names (value = index), numbers as spin boxes.
// The external workload adds its command line.
class ParamForm : public QGroupBox {
    Q_OBJECT
public:
    explicit ParamForm(QWidget* parent = nullptr);

    // Rebuilds the rows with the workload's defaults.
    void setWorkload(const WorkloadInfo* workload);
    void apply(ExperimentSpec& spec) const; // params and command
    void setFrom(const ExperimentSpec& spec);
    QLineEdit* commandEdit() const { return command_; }
    // The editor of one parameter (QComboBox or QDoubleSpinBox), or nullptr.
    QWidget* editor(const std::string& name) const;

signals:
    void changed();

private:
    QWidget* makeEditor(const ParamInfo& p);
    void addCommandRow();

    QFormLayout* form_;
    std::map<std::string, QWidget*> editors_;
    QLineEdit* command_ = nullptr;
    QString commandText_; // kept while another workload is selected
};

} // namespace corelab::ui
