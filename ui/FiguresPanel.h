#pragma once

#include <cstdint>
#include <string>

#include <QLabel>

class QTimer;

namespace corelab::ui {

class RunSeries;

// What a run measured, in words with units, under the Run tab's charts: the answering
// figure first and large, then the workload's own figures and the run's summary. While
// the run goes on it shows the latest readings; it redraws at most four times a second,
// and only when the run changed.
class FiguresPanel : public QLabel {
    Q_OBJECT
public:
    explicit FiguresPanel(QWidget* parent = nullptr);

    void setModel(const RunSeries* model);
    // The preset's figure when a preset chose the run; empty: the workload's own.
    void setPresetFigure(const std::string& figure);
    // Updates now (tests and pictures); normally a timer does it.
    void refreshNow();

signals:
    // A text was set (its height may have changed).
    void shown();

private:
    QString liveText() const;
    QString finishedText() const;

    const RunSeries* model_ = nullptr;
    std::string presetFigure_;
    QTimer* timer_;
    std::uint64_t shownVersion_ = 0;
    bool shownAny_ = false;
};

} // namespace corelab::ui
