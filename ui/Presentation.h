#pragma once

#include <QByteArray>
#include <QObject>
#include <QRect>

class QMainWindow;
class QTabWidget;
class QWidget;

namespace corelab::ui {

class TimelineView;

// Presentation mode is for the back of the room: full screen, every tab's text and the
// charts' lines larger, the runs list out of the way. The font scale (Ctrl+= / Ctrl+-)
// applies to every tab, in and out of it. The form can be hidden so the charts take
// the screen.
class Presentation : public QObject {
    Q_OBJECT
public:
    // `formPane` holds the form (it is hidden with it); the runs list belongs to the Run
    // tab (the timeline), other tabs need its width.
    Presentation(QMainWindow* window, QWidget* formPane, QWidget* form, TimelineView* timeline,
                 QTabWidget* tabs, QWidget* runsList);

    // First start: a big screen gets a big window (90 % of it), a small one 1280 × 800,
    // never more than fits.
    static QRect firstGeometry();

    void toggle();
    void changeFontSize(double delta);
    void setFormShown(bool shown);
    bool formShown() const { return formShown_; }
    bool active() const { return active_; }
    double fontScale() const { return fontScale_; }

private:
    void updateRunsList();
    void applyScale();

    QMainWindow* window_;
    QWidget* formPane_;
    QWidget* form_;
    TimelineView* timeline_;
    QTabWidget* tabs_;
    QWidget* runsList_;
    QByteArray normalGeometry_; // the window before full screen, restored exactly after
    double fontScale_ = 1.0;
    bool active_ = false;
    bool formShown_ = true;
};

} // namespace corelab::ui
