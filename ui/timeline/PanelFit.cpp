#include "timeline/PanelFit.h"

#include <algorithm>
#include <typeinfo>
#include <utility>

#include <QFontMetrics>

#include "Qcp.h"

#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

namespace {

constexpr int kPanelCount = 5;

// Whether neighbouring labels, centred on their ticks along an axis `length` pixels
// long, keep a gap between them.
bool labelsApart(const QCPAxis* axis, const QVector<double>& ticks, const QVector<QString>& labels,
                 int length)
{
    const QCPRange range = axis->range();
    if (ticks.size() < 2 || range.size() <= 0) return true;
    const QFont font = axis->tickLabelFont();
    const QFontMetrics fm(font);
    const bool vertical = axis->orientation() == Qt::Vertical;
    const double perUnit = length / range.size();
    for (int i = 1; i < ticks.size(); ++i) {
        const double apart = (ticks[i] - ticks[i - 1]) * perUnit;
        const double need =
            vertical
                ? fm.height() + fm.height() / 4.0
                : (textWidth(font, labels.value(i - 1)) + textWidth(font, labels.value(i))) / 2.0 +
                      fm.averageCharWidth();
        if (apart < need) return false;
    }
    return true;
}

} // namespace

std::vector<int> panelsNamedIn(const QString& watch)
{
    // words a preset uses for each panel; "CPU second" is a figure, not the heat map
    static const std::pair<int, const char*> names[] = {
        {0, "heat map"},           {0, "CPU panel"},     {0, "per-core"},   {1, "lanes"},
        {2, "throughput"},         {3, "memory panel"},  {4, "scheduling"}, {4, "context switches"},
        {4, "voluntary switches"}, {4, "run-queue wait"}};
    std::vector<std::pair<qsizetype, int>> found;
    for (const auto& [panel, word] : names)
        if (const qsizetype at = watch.indexOf(QLatin1String(word), 0, Qt::CaseInsensitive);
            at >= 0)
            found.emplace_back(at, panel);
    std::sort(found.begin(), found.end());
    std::vector<int> out;
    for (const auto& [at, panel] : found)
        if (std::find(out.begin(), out.end(), panel) == out.end()) out.push_back(panel);
    return out;
}

std::vector<int> panelPriority(int keyPanel, const QString& watch)
{
    std::vector<int> order;
    const auto add = [&order](int panel) {
        if (panel >= 0 && panel < kPanelCount &&
            std::find(order.begin(), order.end(), panel) == order.end())
            order.push_back(panel);
    };
    add(keyPanel);
    for (int panel : panelsNamedIn(watch))
        add(panel);
    for (int panel = 0; panel < kPanelCount; ++panel)
        add(panel);
    return order;
}

void foldAlike(TimelineView* a, TimelineView* b)
{
    const auto sync = [a, b] {
        const int n = std::min(a->panelsFitting(), b->panelsFitting());
        a->setMaxOpenPanels(n);
        b->setMaxOpenPanels(n);
    };
    QObject::connect(a, &TimelineView::refreshed, b, sync);
    QObject::connect(b, &TimelineView::refreshed, a, sync);
    QObject::connect(a, &TimelineView::panelOpened, b, &TimelineView::openPanel);
    QObject::connect(b, &TimelineView::panelOpened, a, &TimelineView::openPanel);
}

// TimelineView's folds live here, beside what they rest on, so the view keeps to drawing.

void TimelineView::setFoldOrder(const std::vector<int>& order)
{
    if (order == foldOrder_) return;
    foldOrder_ = order;
    if (order.empty()) {
        for (auto* p : panels_)
            p->setFolded(false);
        layoutPanels();
    }
    refold_ = true;
    markDirty();
}

std::vector<int> TimelineView::foldedPanels() const
{
    std::vector<int> out;
    for (std::size_t i = 0; i < panels_.size(); ++i)
        if (panels_[i]->folded()) out.push_back(static_cast<int>(i));
    return out;
}

// The layout QCustomPlot makes on a replot, without drawing: what a fold would leave.
void TimelineView::runLayout()
{
    auto* layout = plot_->plotLayout();
    layout->setOuterRect(plot_->viewport());
    for (auto phase :
         {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        layout->update(phase);
}

// Opens every panel, then folds the least wanted, one at a time, until each open chart
// is kMinPlotHeight high (the most wanted stays open however short). Runs only when the
// layout or the size changed; true if the folds changed.
bool TimelineView::foldToFit()
{
    const QSize size = plot_->viewport().size();
    if (foldOrder_.empty() || onlyPanel_ >= 0 || (!refold_ && size == foldedFor_)) return false;
    const auto before = foldedPanels();
    folding_ = true;
    for (auto* p : panels_)
        p->setFolded(false);
    const auto fits = [this] {
        fitLegends();
        layoutPanels();
        runLayout();
        for (auto* p : shownPanels())
            if (p->rect()->height() < kMinPlotHeight) return false;
        return true;
    };
    std::size_t open = foldOrder_.size();
    while (!fits() && --open > 0)
        panels_[static_cast<std::size_t>(foldOrder_[open])]->setFolded(true);
    open = std::max<std::size_t>(open, 1);
    panelsFitting_ = static_cast<int>(open);
    if (open > static_cast<std::size_t>(maxOpen_)) {
        while (open > static_cast<std::size_t>(std::max(1, maxOpen_)))
            panels_[static_cast<std::size_t>(foldOrder_[--open])]->setFolded(true);
        fits();
    }
    folding_ = false;
    refold_ = false;
    foldedFor_ = size;
    return foldedPanels() != before;
}

void TimelineView::setMaxOpenPanels(int n)
{
    if (n == maxOpen_) return;
    maxOpen_ = n;
    refold_ = true;
    markDirty();
}

void TimelineView::openPanel(int index)
{
    if (!foldOrder_.empty() && foldOrder_.front() == index) return;
    std::erase(foldOrder_, index);
    foldOrder_.insert(foldOrder_.begin(), index);
    refold_ = true;
    markDirty();
}

// A click on a folded panel's title opens it.
bool TimelineView::openFolded(const QPoint& pos)
{
    for (std::size_t i = 0; i < panels_.size(); ++i) {
        if (!panels_[i]->folded() || !panels_[i]->titleElement()->rect().contains(pos)) continue;
        openPanel(static_cast<int>(i));
        emit panelOpened(static_cast<int>(i));
        return true;
    }
    return false;
}

void fitTickCount(QCPAxis* axis)
{
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    if (!ticker || typeid(*ticker) != typeid(QCPAxisTicker)) return;
    if (!axis->visible() || !axis->tickLabels() || !axis->axisRect()) return;
    const bool vertical = axis->orientation() == Qt::Vertical;
    const int length = vertical ? axis->axisRect()->height() : axis->axisRect()->width();
    const QString format = axis->numberFormat();
    const QChar formatChar = format.isEmpty() ? QLatin1Char('g') : format.at(0);
    // QCustomPlot's default count is 5; a taller axis gets it back
    for (int count = 5; count >= 1; --count) {
        ticker->setTickCount(count);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker->generate(axis->range(), axis->parentPlot()->locale(), formatChar,
                         axis->numberPrecision(), ticks, nullptr, &labels);
        if (labelsApart(axis, ticks, labels, length)) return;
    }
}

void fitPanelTicks(TimelinePanel* panel)
{
    for (QCPAxis* axis : panel->rect()->axes())
        fitTickCount(axis);
    if (auto* scale = qobject_cast<QCPColorScale*>(panel->sideElement()))
        fitTickCount(scale->axis());
}

} // namespace corelab::ui
