#pragma once

#include <QLabel>

namespace corelab {
struct RunRecord;
} // namespace corelab

namespace corelab::ui {

class RunFiles;
class StudyRunner;

// The status bar's line about runs: which step of which study runs now, where a
// single run was saved, how a study ended. Other messages are set on it directly. A line
// wider than the window is cut in the middle (both ends stay readable: what happened, and
// the file's name) and shown whole in the tooltip; it never widens the window.
class StudyStatus : public QLabel {
    Q_OBJECT
public:
    StudyStatus(const StudyRunner* runner, const RunFiles* files, QWidget* parent = nullptr);

    // Hides QLabel::setText (every caller holds a StudyStatus): also the tooltip.
    void setText(const QString& line);
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void onStepStarted(int step);
    void onRunSaved(const RunRecord& record, const QString& path);
    void onFinished(bool complete);

    const StudyRunner* runner_;
};

} // namespace corelab::ui
