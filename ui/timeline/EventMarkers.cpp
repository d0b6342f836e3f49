#include "timeline/EventMarkers.h"

#include <algorithm>
#include <cmath>

#include <QFontMetrics>
#include <QSet>
#include <QStringList>

#include "Qcp.h"

namespace corelab::ui {

namespace {

// What a label takes beyond its text, in pixels: its padding (3 each side) and a gap.
constexpr double kLabelPadding = 8;

QString shortLabel(const Event& e)
{
    switch (e.kind) {
    case EventKind::LeaderSpawned:
        return QStringLiteral("spawn");
    case EventKind::AllRunning:
        return QStringLiteral("all running");
    case EventKind::WorkerExited:
        return QStringLiteral("exit");
    case EventKind::WorkerCrashed:
        // the engine says whether this thread faulted or its process died under it
        if (e.detail.starts_with("faulted")) return QStringLiteral("w%1 faulted").arg(e.worker);
        if (e.detail.starts_with("died with"))
            return QStringLiteral("w%1 died with it").arg(e.worker);
        return QStringLiteral("w%1 crashed").arg(e.worker);

    case EventKind::WorkerRestarted:
        return QStringLiteral("w%1 restarted").arg(e.worker);
    case EventKind::Stalled:
        // the kill after the grace period says how long CoreLab waited for the workers
        if (e.detail.starts_with("stopped by CoreLab"))
            return QStringLiteral("stalled, ") % QString::fromStdString(e.detail);
        return QStringLiteral("stalled");
    case EventKind::StopRequested:
        return QStringLiteral("stop");
    case EventKind::RunFinished:
        return QStringLiteral("end");
    case EventKind::Error:
        // "error" alone explains nothing; the detail is short enough to say what failed
        if (e.detail.empty()) return QStringLiteral("error");
        if (e.detail.size() > 48)
            return QStringLiteral("error: ") % QString::fromStdString(e.detail.substr(0, 47)) %
                   QChar(0x2026);
        return QStringLiteral("error: ") % QString::fromStdString(e.detail);
    case EventKind::WorkerStarted:
        break;
    }
    return {};
}

} // namespace

namespace {

// One marker's labels: the first few distinct ones, then a count. Each label is hashed
// once, so merging n events costs O(n) however many distinct labels they carry.
class MergedLabel {
public:
    void add(const QString& label)
    {
        if (seen_.contains(label)) return;
        seen_.insert(label);
        if (shown_.size() < kLabelsPerMarker)
            shown_.append(label);
        else
            ++more_;
    }
    QString text() const
    {
        QString out = shown_.join(QStringLiteral(" · "));
        if (more_ > 0) out += QStringLiteral(" · +%1 more").arg(more_);
        return out;
    }

private:
    static constexpr qsizetype kLabelsPerMarker = 3;
    QStringList shown_;
    QSet<QString> seen_;
    int more_ = 0;
};

// Groups markers (sorted by time) that `close` says belong to the first of their group.
template <class Close>
std::vector<Marker> mergeClose(const std::vector<Marker>& sorted, Close close)
{
    std::vector<Marker> merged;
    MergedLabel label;
    for (const auto& m : sorted) {
        if (!merged.empty() && close(merged.back().t, m.t)) {
            label.add(m.label);
            continue;
        }
        if (!merged.empty()) merged.back().label = label.text();
        merged.push_back(m);
        label = MergedLabel();
        label.add(m.label);
    }
    if (!merged.empty()) merged.back().label = label.text();
    return merged;
}

} // namespace

std::vector<Marker> markersFor(const std::vector<Event>& events, const TimeMapping& map,
                               double minPixels)
{
    std::vector<Marker> out;
    bool exitShown = false;
    for (const auto& e : events) {
        // a thousand workers starting would be a thousand lines: the run-level ones suffice
        if (e.kind == EventKind::WorkerStarted) continue;
        if (e.kind == EventKind::WorkerExited && std::exchange(exitShown, true)) continue;
        // each stopped worker's lane says so: the run-level kill is the one line
        if (e.kind == EventKind::Stalled && e.worker >= 0) continue;
        // a time that is not a number has no place on the axis (and would break the sort)
        if (!std::isfinite(e.t)) continue;
        out.push_back({e.t, shortLabel(e)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Marker& a, const Marker& b) { return a.t < b.t; });
    std::vector<Marker> merged = out;
    if (map.valid())
        merged = mergeClose(out, [&](double first, double t) {
            return map.toPixel(t) - map.toPixel(first) < minPixels;
        });
    if (merged.size() <= kMaxMarkers) return merged;
    // too many to tell apart however wide the plot: one per slice of the run
    const double slice = (out.back().t - out.front().t) / double(kMaxMarkers - 1);
    return mergeClose(out, [&](double first, double t) { return t - first <= slice; });
}

void EventMarkers::clear()
{
    for (auto* item : items_)
        plot_->removeItem(item);
    items_.clear();
}

// Where lines and labels go: a line per marker in view, a label per marker unless it
// would run into the one before, which then names both.
EventMarkers::Placement EventMarkers::place(const std::vector<Marker>& markers,
                                            const std::vector<QCPAxisRect*>& rects,
                                            const PlotStyle& style)
{
    Placement out;
    out.rects = rects;
    out.style = {style.marker, style.foreground, style.background, style.smallFont,
                 style.lineWidth};
    if (rects.empty()) return out;
    const auto* axis = rects.front()->axis(QCPAxis::atBottom);
    const auto range = axis->range();
    double lastLeft = 0, lastRight = -1e9; // pixels the last label covers
    for (const auto& m : markers) {
        // zoomed in, a marker left of the view would leave only the end of its label
        // ("nning") at the edge; its line is not in view either
        if (!range.contains(m.t)) continue;
        out.lines.push_back(m.t);
        // a label that would run into the one before joins it, as near markers do
        // (minPixels in markersFor cannot know how wide larger text is)
        const double x = axis->coordToPixel(m.t);
        const double width = textWidth(style.smallFont, m.label) + kLabelPadding;
        const bool nearEnd = m.t > range.lower + 0.8 * range.size();
        const double left = nearEnd ? x - width : x;
        if (!out.labels.empty() && left < lastRight + 2) {
            Label& last = out.labels.back();
            last.text = last.text % QStringLiteral(" · ") % m.label;
            lastRight = std::max(lastRight,
                                 lastLeft + textWidth(style.smallFont, last.text) + kLabelPadding);
            continue;
        }
        out.labels.push_back({m.t, m.label, nearEnd});
        lastLeft = left;
        lastRight = left + width;
    }
    return out;
}

bool EventMarkers::update(const std::vector<Marker>& markers,
                          const std::vector<QCPAxisRect*>& rects, const PlotStyle& style)
{
    Placement placement = place(markers, rects, style);
    // items already drawn stay: adding or removing one invalidates the charts' paint
    // buffer, and QCustomPlot then replots every layer, not the charts' alone
    if (placement == placed_) return false;
    placed_ = std::move(placement);
    clear();
    for (const double t : placed_.lines) {
        for (auto* rect : rects) {
            auto* line = new QCPItemLine(plot_);
            line->setClipAxisRect(rect);
            for (auto* p : {line->start, line->end}) {
                p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                p->setAxisRect(rect);
                p->setTypeX(QCPItemPosition::ptPlotCoords);
                p->setTypeY(QCPItemPosition::ptAxisRectRatio);
            }
            line->start->setCoords(t, 0);
            line->end->setCoords(t, 1);
            line->setPen(QPen(style.marker, std::max(1.0, style.lineWidth * 0.8), Qt::DashLine));
            items_.push_back(line);
        }
    }
    for (const Label& label : placed_.labels) {
        auto* text = new QCPItemText(plot_);
        text->setClipAxisRect(rects.front());
        text->position->setAxes(rects.front()->axis(QCPAxis::atBottom),
                                rects.front()->axis(QCPAxis::atLeft));
        text->position->setAxisRect(rects.front());
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(label.t, 0);
        // labels near the right edge hang to the left of their line, so they stay visible
        text->setPositionAlignment((label.hangLeft ? Qt::AlignRight : Qt::AlignLeft) |
                                   Qt::AlignTop);
        text->setText(label.text);
        text->setFont(style.smallFont);
        text->setColor(style.foreground);
        QColor bg = style.background;
        bg.setAlpha(210);
        text->setBrush(bg);
        text->setPadding(QMargins(3, 1, 3, 1));
        items_.push_back(text);
    }
    return true;
}

} // namespace corelab::ui
