#pragma once

#include <QLabel>

namespace corelab {
struct RunRecord;
} // namespace corelab

namespace corelab::ui {

class RunFiles;
class StudyRunner;

// The status bar's line about runs: which step of which study runs now, where a
// single run was saved, how a study ended. Other messages are set on it directly.
class StudyStatus : public QLabel {
    Q_OBJECT
public:
    StudyStatus(const StudyRunner* runner, const RunFiles* files, QWidget* parent = nullptr);

private:
    void onStepStarted(int step);
    void onRunSaved(const RunRecord& record, const QString& path);
    void onFinished(bool complete);

    const StudyRunner* runner_;
};

} // namespace corelab::ui
