#pragma once

// Helpers the window's tests share: a run's leader, colours read off a drawn timeline, a
// plot's graph by name.
#include <cstdlib>

#include <QColor>
#include <QElapsedTimer>
#include <QImage>
#include <QtTest>

#include "EngineController.h"
#include "Qcp.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

namespace corelab::test {

// The plot's graph of that name, or nullptr.
inline QCPGraph* graphNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name) return plot->graph(i);
    return nullptr;
}

// The leader's pid, read while the run is on (the engine clears it when the run ends);
// not above 0 when no run started within 5 s.
inline int captureLeader(ui::EngineController* c)
{
    QElapsedTimer timer;
    timer.start();
    while (c->leaderPid() <= 0 && timer.elapsed() < 5000)
        QTest::qWait(10);
    return c->leaderPid();
}

// The colour drawn at (t, row) of a colour-map panel, from the rendered plot.
inline QColor colourAt(ui::TimelineView& view, ui::TimelinePanel* panel, double t, double row)
{
    const QImage image = view.plot()->toPixmap().toImage();
    const int x = static_cast<int>(panel->rect()->axis(QCPAxis::atBottom)->coordToPixel(t));
    const int y = static_cast<int>(panel->rect()->axis(QCPAxis::atLeft)->coordToPixel(row));
    return image.pixelColor(x, y);
}

// Within 8 of each other in every channel: the same colour, drawn.
inline bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) <= 8 && std::abs(a.green() - b.green()) <= 8 &&
           std::abs(a.blue() - b.blue()) <= 8;
}

} // namespace corelab::test
