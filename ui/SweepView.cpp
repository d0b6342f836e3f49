#include "SweepView.h"

#include <algorithm>
#include <cmath>

#include <QLabel>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include "Qcp.h"

#include "PlotItems.h"

#include "SpreadText.h"

namespace corelab::ui {

namespace {

double amdahl(double s, double n)
{
    return 1.0 / (s + (1.0 - s) / n);
}

QString modelName(Model m)
{
    return QString::fromLatin1(toString(m));
}

int baseWorkersOf(const std::vector<SweepSeries>& series)
{
    int base = 0;
    for (const auto& s : series)
        if (!s.analysis.points.empty())
            base = base ? std::min(base, s.analysis.points.front().workers)
                        : s.analysis.points.front().workers;
    return std::max(1, base);
}

} // namespace

SweepView::SweepView(QWidget* parent)
    : QWidget(parent)
    , stack_(new QStackedWidget(this))
    , empty_(new QLabel(this))
    , plot_(new QCustomPlot(this))
{
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    empty_->setText(tr("No sweep measured yet.\nEach worker count appears here as soon as its "
                       "run has finished."));
    stack_->addWidget(empty_);
    stack_->addWidget(plot_);
    // the two-line source note would otherwise set the window's minimum width
    plot_->setMinimumSize(320, 300);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    plot_->setAutoAddPlottableToLegend(false);
    plot_->setMouseTracking(true);
    buildLayout();
    connect(plot_, &QCustomPlot::mouseMove, this, &SweepView::onMouseMove);
    applyStyle();
}

void SweepView::buildLayout()
{
    plot_->plotLayout()->clear();
    speedupRect_ = new QCPAxisRect(plot_);
    efficiencyRect_ = new QCPAxisRect(plot_);
    speedupTitle_ = new QCPTextElement(plot_);
    efficiencyTitle_ = new QCPTextElement(plot_, tr("Efficiency (speedup / workers)"));
    sourceNote_ = new QCPTextElement(plot_);
    note_ =
        tr("Each point is one run: ops/s = control block counters ÷ wall time, speedup = ops/s ÷ "
           "ops/s at the smallest count.\nAmdahl's law is fitted to the counts up to the usable "
           "CPUs; \"stops helping\" = < 5 % gain, \"starts hurting\" = > 5 % loss against the "
           "count before.");
    legend_ = new QCPLegend;
    auto* grid = plot_->plotLayout();
    grid->addElement(0, 0, speedupTitle_);
    grid->addElement(1, 0, legend_);
    grid->addElement(2, 0, speedupRect_);
    grid->addElement(3, 0, efficiencyTitle_);
    grid->addElement(4, 0, efficiencyRect_);
    grid->addElement(5, 0, sourceNote_);
    legend_->setLayer(QStringLiteral("legend"));
    // one row per model under the title, so the legend never covers data; the ideal last
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend_->setWrap(2);
    legend_->setMargins(QMargins(8, 2, 8, 2));
    for (int row : {0, 1, 3, 5})
        grid->setRowStretchFactor(row, 0.001);
    grid->setRowStretchFactor(2, 3);
    grid->setRowStretchFactor(4, 2);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    for (auto* rect : {speedupRect_, efficiencyRect_}) {
        rect->axis(QCPAxis::atBottom)->setTicker(ticker);
        rect->axis(QCPAxis::atBottom)->setSubTicks(false);
    }
    efficiencyRect_->axis(QCPAxis::atBottom)->setLabel(tr("workers"));
    speedupRect_->axis(QCPAxis::atLeft)->setLabel(tr("speedup (×)"));
    efficiencyRect_->axis(QCPAxis::atLeft)->setLabel(tr("efficiency (%)"));
    auto* group = new QCPMarginGroup(plot_);
    speedupRect_->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    efficiencyRect_->setMarginGroup(QCP::msLeft | QCP::msRight, group);
}

void SweepView::applyStyle()
{
    style_ = PlotStyle::from(palette(), font(), 1.5);
    plot_->setBackground(palette().color(QPalette::Window));
    style_.applyTo(speedupRect_);
    style_.applyTo(efficiencyRect_);
    style_.applyTo(legend_);
    QFont bold = style_.font;
    bold.setBold(true);
    for (auto* title : {speedupTitle_, efficiencyTitle_}) {
        title->setFont(bold);
        title->setTextColor(style_.foreground);
    }
    sourceNote_->setFont(style_.smallFont);
    sourceNote_->setTextColor(style_.marker);
    wrapNote();
    redraw();
}

void SweepView::wrapNote()
{
    sourceNote_->setText(wrapText(note_, sourceNote_->font(), std::max(200, width() - 24)));
}

void SweepView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    wrapNote();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SweepView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) applyStyle();
    QWidget::changeEvent(event);
}

void SweepView::setSweep(const std::vector<SweepSeries>& series, int usableCpus)
{
    series_ = series;
    usableCpus_ = usableCpus;
    redraw();
}

void SweepView::clear()
{
    series_.clear();
    redraw();
}

void SweepView::redraw()
{
    plot_->clearGraphs();
    plot_->clearItems();
    const bool any = std::any_of(series_.begin(), series_.end(),
                                 [](const SweepSeries& s) { return !s.analysis.points.empty(); });
    stack_->setCurrentWidget(any ? static_cast<QWidget*>(plot_) : empty_);
    if (!any) return;
    const int base = baseWorkersOf(series_);
    double xMax = std::max(usableCpus_, base + 1);
    for (const auto& s : series_)
        if (!s.analysis.points.empty())
            xMax = std::max<double>(xMax, s.analysis.points.back().workers);
    speedupTitle_->setText(base == 1 ? tr("Speedup vs 1 worker")
                                     : tr("Speedup vs %1 workers").arg(base));
    auto* ideal = drawGuides(base, xMax);
    for (const auto& s : series_) {
        drawSeries(s);
        drawAmdahl(s, base, xMax);
        drawTurningPoints(s);
    }
    ideal->addToLegend(legend_);
    setRanges(base, xMax);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QCPGraph* SweepView::drawGuides(int base, double xMax)
{
    QColor guide = style_.foreground;
    guide.setAlpha(170);
    auto* ideal =
        plot_->addGraph(speedupRect_->axis(QCPAxis::atBottom), speedupRect_->axis(QCPAxis::atLeft));
    ideal->setData({double(base), xMax}, {1.0, xMax / base}, true);
    ideal->setPen(QPen(guide, style_.lineWidth, Qt::DashLine));
    ideal->setName(base == 1 ? tr("ideal: speedup = workers")
                             : tr("ideal: speedup = workers / %1").arg(base));
    auto* full = plot_->addGraph(efficiencyRect_->axis(QCPAxis::atBottom),
                                 efficiencyRect_->axis(QCPAxis::atLeft));
    full->setData({double(base), xMax}, {100.0, 100.0}, true);
    full->setPen(QPen(guide, style_.lineWidth, Qt::DashLine));
    full->setName(tr("ideal: 100 %"));
    if (usableCpus_ > 0) markUsableCpus(xMax);
    return ideal;
}

// Past the usable CPUs workers share cores: shade that side in both rows.
void SweepView::markUsableCpus(double xMax)
{
    QColor shade = style_.foreground;
    shade.setAlpha(18);
    for (auto* rect : {speedupRect_, efficiencyRect_}) {
        auto* beyond = new QCPItemRect(plot_);
        placeAt(beyond->topLeft, rect, QCPItemPosition::ptAxisRectRatio);
        placeAt(beyond->bottomRight, rect, QCPItemPosition::ptAxisRectRatio);
        beyond->topLeft->setCoords(usableCpus_, 0);
        beyond->bottomRight->setCoords(xMax + 1, 1);
        beyond->setPen(Qt::NoPen);
        beyond->setBrush(shade);
        beyond->setClipAxisRect(rect);
        auto* line = new QCPItemStraightLine(plot_);
        placeAt(line->point1, rect, QCPItemPosition::ptAxisRectRatio);
        placeAt(line->point2, rect, QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(usableCpus_, 0);
        line->point2->setCoords(usableCpus_, 1);
        line->setPen(QPen(style_.marker, 1, Qt::DashDotLine));
        line->setClipAxisRect(rect);
    }
    addGuideLabel(usableCpus_, tr("usable CPUs: %1").arg(usableCpus_), Qt::AlignRight);
    if (xMax - usableCpus_ >= 1)
        addGuideLabel(usableCpus_, tr("more workers than CPUs"), Qt::AlignLeft);
}

void SweepView::addGuideLabel(double x, const QString& text, Qt::Alignment side)
{
    auto* label = new QCPItemText(plot_);
    placeAt(label->position, speedupRect_, QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(x, 0);
    label->setPositionAlignment(side | Qt::AlignTop);
    label->setPadding(QMargins(4, 2, 4, 2));
    label->setText(text);
    label->setFont(style_.smallFont);
    label->setColor(style_.foreground);
    label->setClipAxisRect(speedupRect_);
}

void SweepView::drawSeries(const SweepSeries& s)
{
    const QColor color = style_.series(static_cast<int>(s.model));
    QVector<double> keys, speedups, efficiencies;
    for (const auto& p : s.analysis.points) {
        keys << p.workers;
        speedups << p.speedup;
        efficiencies << p.efficiency * 100;
    }
    const QCPScatterStyle dots(QCPScatterStyle::ssDisc, color, color, 7);
    auto* speedup =
        plot_->addGraph(speedupRect_->axis(QCPAxis::atBottom), speedupRect_->axis(QCPAxis::atLeft));
    speedup->setData(keys, speedups, true);
    speedup->setPen(QPen(color, style_.lineWidth));
    speedup->setScatterStyle(dots);
    speedup->setName(tr("%1, measured").arg(modelName(s.model)));
    speedup->addToLegend(legend_);
    auto* efficiency = plot_->addGraph(efficiencyRect_->axis(QCPAxis::atBottom),
                                       efficiencyRect_->axis(QCPAxis::atLeft));
    efficiency->setData(keys, efficiencies, true);
    efficiency->setPen(QPen(color, style_.lineWidth));
    efficiency->setScatterStyle(dots);
    efficiency->setName(tr("%1, efficiency").arg(modelName(s.model)));
    drawCrowded(s);
}

// Points measured while other programs took cores the workers needed get a cross: their
// speedup is partly the machine's doing.
void SweepView::drawCrowded(const SweepSeries& s)
{
    QVector<double> keys, speedups;
    for (const auto& p : s.analysis.points)
        for (const SweepLoad& l : s.load)
            if (l.workers == p.workers && l.crowded) {
                keys << p.workers;
                speedups << p.speedup;
            }
    if (keys.isEmpty()) return;
    auto* crowded =
        plot_->addGraph(speedupRect_->axis(QCPAxis::atBottom), speedupRect_->axis(QCPAxis::atLeft));
    crowded->setData(keys, speedups, true);
    crowded->setLineStyle(QCPGraph::lsNone);
    crowded->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle,
                                             QPen(style_.foreground, 1.5), Qt::NoBrush, 15));
    crowded->setName(tr("%1: measured while other programs took cores").arg(modelName(s.model)));
    crowded->addToLegend(legend_);
}

void SweepView::drawAmdahl(const SweepSeries& s, int base, double xMax)
{
    if (s.analysis.fittedPoints < 2) return;
    const double sf = s.analysis.serialFraction;
    QVector<double> keys, values;
    // keys are tenths computed from integers so whole worker counts are exact
    for (int tenth = base * 10; tenth <= static_cast<int>(std::lround(xMax * 10)); ++tenth) {
        keys << tenth / 10.0;
        values << amdahl(sf, tenth / 10.0 / base);
    }
    auto* fit =
        plot_->addGraph(speedupRect_->axis(QCPAxis::atBottom), speedupRect_->axis(QCPAxis::atLeft));
    fit->setData(keys, values, true);
    fit->setPen(QPen(style_.series(static_cast<int>(s.model)), style_.lineWidth, Qt::DotLine));
    fit->setName(tr("%1: Amdahl fit, serial fraction %2")
                     .arg(modelName(s.model))
                     .arg(QString::number(sf, 'f', 2)));
    fit->addToLegend(legend_);
}

void SweepView::drawTurningPoints(const SweepSeries& s)
{
    const auto& a = s.analysis;
    if (a.stopsHelpingAt && a.stopsHelpingAt == a.startsHurtingAt) {
        addTurningPoint(s, *a.stopsHelpingAt, tr("stops helping, starts hurting"));
        return;
    }
    if (a.stopsHelpingAt) addTurningPoint(s, *a.stopsHelpingAt, tr("stops helping"));
    if (a.startsHurtingAt) addTurningPoint(s, *a.startsHurtingAt, tr("starts hurting"));
}

void SweepView::addTurningPoint(const SweepSeries& s, int workers, const QString& what)
{
    const auto& points = s.analysis.points;
    const auto it = std::find_if(points.begin(), points.end(),
                                 [&](const SweepPoint& p) { return p.workers == workers; });
    if (it == points.end()) return;
    // labels of several models at one count are stacked, not drawn over each other
    int stacked = 0;
    for (int i = 0; i < plot_->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemTracer*>(plot_->item(i)))
            stacked += t->position->key() == workers ? 1 : 0;
    const QColor color = style_.series(static_cast<int>(s.model));
    auto* ring = new QCPItemTracer(plot_);
    placeAt(ring->position, speedupRect_, QCPItemPosition::ptPlotCoords);
    ring->position->setCoords(workers, it->speedup);
    ring->setStyle(QCPItemTracer::tsCircle);
    ring->setSize(15);
    ring->setPen(QPen(color, style_.lineWidth));
    auto* label = new QCPItemText(plot_);
    label->position->setParentAnchor(ring->position);
    label->position->setCoords(0, -24 - 18 * stacked);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setText(tr("%1: %2").arg(modelName(s.model), what));
    label->setFont(style_.smallFont);
    // text in the foreground colour stays readable where a series colour is dim
    label->setColor(style_.foreground);
    label->setPen(QPen(color, 1));
    label->setBrush(QBrush(style_.background));
    label->setPadding(QMargins(3, 1, 3, 1));
    label->setClipToAxisRect(false);
    auto* arrow = new QCPItemLine(plot_);
    arrow->start->setParentAnchor(label->bottom);
    arrow->end->setParentAnchor(ring->position);
    arrow->end->setCoords(0, -8);
    arrow->setPen(QPen(color, 1));
    arrow->setHead(QCPLineEnding::esSpikeArrow);
}

void SweepView::setRanges(int base, double xMax)
{
    double top = std::min<double>(xMax, std::max(usableCpus_, 1)) / base;
    double topEfficiency = 100;
    bool marked = false;
    for (const auto& s : series_) {
        for (const auto& p : s.analysis.points) {
            top = std::max(top, p.speedup);
            topEfficiency = std::max(topEfficiency, p.efficiency * 100);
        }
        marked = marked || s.analysis.stopsHelpingAt || s.analysis.startsHurtingAt;
    }
    // room above the highest point for the turning-point labels
    speedupRect_->axis(QCPAxis::atLeft)->setRange(0, top * (marked ? 1.35 : 1.12));
    efficiencyRect_->axis(QCPAxis::atLeft)->setRange(0, topEfficiency * 1.12);
    for (auto* rect : {speedupRect_, efficiencyRect_})
        rect->axis(QCPAxis::atBottom)->setRange(base - 0.5, xMax + 0.5);
}

// ", other programs 0.8 cores (took cores the workers needed)" for the hover text
QString SweepView::otherLoadText(const SweepSeries& s, int workers)
{
    for (const SweepLoad& l : s.load)
        if (l.workers == workers && !std::isnan(l.otherCores))
            return tr(", other programs %1 cores%2")
                .arg(l.otherCores, 0, 'f', 1)
                .arg(l.crowded ? tr(" (took cores the workers needed)") : QString());
    return {};
}

void SweepView::onMouseMove(QMouseEvent* event)
{
    const QPointF pos = event->position();
    for (const auto& s : series_) {
        for (const auto& p : s.analysis.points) {
            const QPointF at(speedupRect_->axis(QCPAxis::atBottom)->coordToPixel(p.workers),
                             speedupRect_->axis(QCPAxis::atLeft)->coordToPixel(p.speedup));
            const QPointF atEff(
                efficiencyRect_->axis(QCPAxis::atBottom)->coordToPixel(p.workers),
                efficiencyRect_->axis(QCPAxis::atLeft)->coordToPixel(p.efficiency * 100));
            if (QLineF(pos, at).length() > 8 && QLineF(pos, atEff).length() > 8) continue;
            QToolTip::showText(event->globalPosition().toPoint(),
                               tr("%1, %2 workers: %3, speedup %4×, efficiency %5 %")
                                       .arg(modelName(s.model))
                                       .arg(p.workers)
                                       .arg(formatSi(p.opsPerS, tr("ops/s")),
                                            QString::number(p.speedup, 'f', 2),
                                            QString::number(p.efficiency * 100, 'f', 0)) +
                                   otherLoadText(s, p.workers),
                               plot_);
            return;
        }
    }
    QToolTip::hideText();
}

} // namespace corelab::ui
