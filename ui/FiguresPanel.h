#pragma once

#include <cstdint>
#include <string>

#include <QLabel>

class QTimer;

namespace corelab::ui {

class RunSeries;

// What a run measured, in words with units, under the Run tab's charts: the answering
// figure first and large, then the workload's own figures and the run's summary. While
// the run goes on it shows the latest readings; it redraws at most twice a second, and
// only when the run changed.
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

// Holds the figures text out of the layouts' reach (issue 14). A QLabel's setText asks its
// parent's layout to run again, twice a second during a run; that layout asks its
// parent's, up to the tab widget, which repaints itself and the toolbar whole on every
// layout request. A parent without a layout ignores the request: the holder sizes the text
// itself, and changes its own height only when the text needs another (while the run goes
// on it grows but does not shrink, so the plot above is not resized every other second).
class FiguresHolder : public QWidget {
public:
    FiguresHolder(FiguresPanel* figures, QWidget* parent);
    // Takes the height the text needs at the holder's width; `growOnly`: never less than
    // now.
    void fit(bool growOnly);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    FiguresPanel* figures_;
};

} // namespace corelab::ui
