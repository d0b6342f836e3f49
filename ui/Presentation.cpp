#include "Presentation.h"

#include <algorithm>

#include <QApplication>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QTabWidget>

#include "timeline/TimelineView.h"

namespace corelab::ui {

Presentation::Presentation(QMainWindow* window, QWidget* form, TimelineView* timeline,
                           QTabWidget* tabs, QWidget* runsList)
    : QObject(window)
    , window_(window)
    , form_(form)
    , timeline_(timeline)
    , tabs_(tabs)
    , runsList_(runsList)
{
    connect(tabs, &QTabWidget::currentChanged, this, &Presentation::updateRunsList);
}

// First start: a big screen gets a big window (90 % of it), a small one the default
// size, never more than fits.
QRect Presentation::firstGeometry()
{
    const QSize fallback(1280, 800);
    const QScreen* screen = QGuiApplication::primaryScreen();
    if (!screen) return QRect(QPoint(0, 0), fallback);
    const QRect avail = screen->availableGeometry();
    const bool big = avail.width() > fallback.width() && avail.height() > fallback.height();
    const QSize size = big ? avail.size() * 0.9 : fallback.boundedTo(avail.size());
    QRect rect(QPoint(0, 0), size);
    rect.moveCenter(avail.center());
    return rect;
}

void Presentation::toggle()
{
    active_ = !active_;
    if (active_)
        window_->showFullScreen();
    else
        window_->showNormal();
    updateRunsList();
    changeFontSize(0);
}

void Presentation::changeFontSize(double delta)
{
    fontScale_ = std::clamp(fontScale_ + delta, 0.6, 3.0);
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * fontScale_);
    form_->setFont(f);
    timeline_->setPresentation(fontScale_ * (active_ ? 1.4 : 1.0), active_ ? 3.0 : 1.5);
}

void Presentation::updateRunsList()
{
    runsList_->setVisible(!active_ && tabs_->currentWidget() == timeline_);
}

} // namespace corelab::ui
