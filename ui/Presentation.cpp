#include "Presentation.h"

#include <algorithm>

#include <QApplication>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QTabWidget>

#include "timeline/TimelineView.h"

namespace corelab::ui {

Presentation::Presentation(QMainWindow* window, QWidget* formPane, QWidget* form,
                           TimelineView* timeline, QTabWidget* tabs, QWidget* runsList)
    : QObject(window)
    , window_(window)
    , formPane_(formPane)
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
    if (active_) {
        normalGeometry_ = window_->saveGeometry();
        window_->showFullScreen();
    } else {
        window_->showNormal();
        // showNormal() alone may come back wider than the screen (seen without a window
        // manager): the saved geometry is the window as it was
        if (!normalGeometry_.isEmpty()) window_->restoreGeometry(normalGeometry_);
    }
    updateRunsList();
    applyScale();
}

void Presentation::changeFontSize(double delta)
{
    fontScale_ = std::clamp(fontScale_ + delta, 0.6, 3.0);
    applyScale();
}

void Presentation::setFormShown(bool shown)
{
    formShown_ = shown;
    formPane_->setVisible(shown);
}

// The Run tab's timeline scales its own charts from its unscaled font; every other tab
// takes the scaled font, which its charts (the Compare tab's timelines too) follow.
void Presentation::applyScale()
{
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * fontScale_);
    form_->setFont(f);
    const double lineWidth = active_ ? 3.0 : 1.5;
    for (int i = 0; i < tabs_->count(); ++i) {
        QWidget* tab = tabs_->widget(i);
        if (tab == timeline_) continue;
        tab->setFont(f);
        for (auto* t : tab->findChildren<TimelineView*>())
            t->setPresentation(active_ ? 1.2 : 1.0, active_ ? 2.5 : 1.5);
    }
    timeline_->setPresentation(fontScale_ * (active_ ? 1.4 : 1.0), lineWidth);
}

void Presentation::updateRunsList()
{
    runsList_->setVisible(!active_ && tabs_->currentWidget() == timeline_);
}

} // namespace corelab::ui
