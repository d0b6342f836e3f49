#pragma once

#include <vector>

#include <QFont>
#include <QString>

#include "record/Sample.h"
#include "timeline/PlotStyle.h"
#include "timeline/TimeMapping.h"

class QCustomPlot;
class QCPAbstractItem;
class QCPAxisRect;

namespace corelab::ui {

// A marker to draw: one time, one short label (events close together share a marker).
struct Marker {
    double t = 0;
    QString label;
};

// Picks the run-level events worth a line (start, all running, first exit, every crash,
// stop, end) and merges those closer than minPixels on screen. A merged marker names its
// first three distinct labels and counts the rest ("+N more"), and there are at most
// kMaxMarkers: a file of 50 000 crashes costs linear time and a hundred lines to draw.
inline constexpr std::size_t kMaxMarkers = 100;
std::vector<Marker> markersFor(const std::vector<Event>& events, const TimeMapping& map,
                               double minPixels);

// Vertical lines across every panel, labels along the top of the first.
class EventMarkers {
public:
    explicit EventMarkers(QCustomPlot* plot)
        : plot_(plot)
    {
    }
    // Makes the lines and labels again only when where they go or how they look changed
    // (lines and labels are placed in plot coordinates and follow the axes by
    // themselves); true when it did.
    bool update(const std::vector<Marker>& markers, const std::vector<QCPAxisRect*>& rects,
                const PlotStyle& style);

private:
    struct Label {
        double t = 0;
        QString text;
        bool hangLeft = false; // near the right edge: left of its line
        bool operator==(const Label&) const = default;
    };
    struct Look {
        QColor marker, foreground, background;
        QFont font;
        double lineWidth = 0;
        bool operator==(const Look&) const = default;
    };
    struct Placement {
        std::vector<double> lines;
        std::vector<Label> labels;
        std::vector<QCPAxisRect*> rects;
        Look style;
        bool operator==(const Placement&) const = default;
    };
    Placement place(const std::vector<Marker>& markers, const std::vector<QCPAxisRect*>& rects,
                    const PlotStyle& style);
    void clear();

    QCustomPlot* plot_;
    std::vector<QCPAbstractItem*> items_;
    Placement placed_;
};

} // namespace corelab::ui
