#pragma once

#include <QObject>
#include <QRect>

class QMainWindow;
class QTabWidget;
class QWidget;

namespace corelab::ui {

class TimelineView;

// Presentation mode is for the back of the room: full screen, the charts' text and
// lines larger. The form keeps its size and the runs list steps aside, so nothing is
// clipped on a 1280 × 800 projector. The font scale (Ctrl+= / Ctrl+-) applies in and
// out of it.
class Presentation : public QObject {
    Q_OBJECT
public:
    // The runs list belongs to the Run tab (the timeline); other tabs need its width.
    Presentation(QMainWindow* window, QWidget* form, TimelineView* timeline, QTabWidget* tabs,
                 QWidget* runsList);

    // First start: a big screen gets a big window (90 % of it), a small one 1280 × 800,
    // never more than fits.
    static QRect firstGeometry();

    void toggle();
    void changeFontSize(double delta);
    bool active() const { return active_; }

private:
    void updateRunsList();

    QMainWindow* window_;
    QWidget* form_;
    TimelineView* timeline_;
    QTabWidget* tabs_;
    QWidget* runsList_;
    double fontScale_ = 1.0;
    bool active_ = false;
};

} // namespace corelab::ui
