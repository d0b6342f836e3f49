#pragma once

#include <vector>

#include <QString>

class QCPAxis;

namespace corelab::ui {

class TimelinePanel;
class TimelineView;

// A chart shorter than this teaches nothing: its ticks crowd and its lines lie flat. A
// timeline that cannot give every panel this much folds the least wanted ones to their
// title (TimelineView::setFoldOrder).
constexpr int kMinPlotHeight = 60;

// The timeline's panels (0 cores, 1 lanes, 2 throughput, 3 memory, 4 scheduling), most
// wanted first: the panel that draws the answering figure, then those a preset's
// "what to watch" names, in the order it names them, then the rest in view order.
std::vector<int> panelPriority(int keyPanel, const QString& watch);

// The panels a preset's "what to watch" names, in the order it names them.
std::vector<int> panelsNamedIn(const QString& watch);

// Two timelines side by side open the same panels: as many as the shorter one fits
// (both take the same fold order), and a panel opened on one opens on the other.
void foldAlike(TimelineView* a, TimelineView* b);

// Fewer ticks on a numeric axis until no two of its labels touch at the axis's current
// length; text tickers (cores, lanes) place their own labels and are left alone.
void fitTickCount(QCPAxis* axis);

// fitTickCount on every axis of the panel that shows tick labels, its colour scale's too.
void fitPanelTicks(TimelinePanel* panel);

} // namespace corelab::ui
