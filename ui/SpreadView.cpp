#include "SpreadView.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "Qcp.h"

#include "PlotItems.h"

#include "SpreadText.h"
#include "Text.h"

namespace corelab::ui {

namespace {

QSharedPointer<QCPAxisTickerFixed> wholeNumberTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

} // namespace

SpreadView::SpreadView(QWidget* parent)
    : QWidget(parent)
    , stack_(new QStackedWidget(this))
    , empty_(new QLabel(this))
    , figureBox_(new QComboBox(this))
    , plot_(new QCustomPlot(this))
{
    empty_->setObjectName(QStringLiteral("spreadEmpty"));
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    empty_->setText(tr("No repeated runs yet.\nRun one spec several times (corelab repeat) and "
                       "each run appears here as soon as it has finished."));
    stack_->addWidget(empty_);
    stack_->addWidget(buildContent());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    plot_->setAutoAddPlottableToLegend(false);
    buildLayout();
    buildPlottables();
    connect(figureBox_, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        chosen_ = figureBox_->itemData(i).toString().toStdString();
        redraw();
    });
    applyStyle();
}

QWidget* SpreadView::buildContent()
{
    auto* content = new QWidget(this);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    auto* label = new QLabel(tr("Figure:"), content);
    label->setBuddy(figureBox_);
    figureBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(label);
    bar->addWidget(figureBox_);
    bar->addStretch(1);
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(bar);
    column->addWidget(plot_, 1);
    return content;
}

void SpreadView::buildLayout()
{
    plot_->plotLayout()->clear();
    title_ = new QCPTextElement(plot_);
    source_ = new QCPTextElement(plot_);
    note_ = new QCPTextElement(plot_);
    runsTitle_ = new QCPTextElement(plot_);
    histogramTitle_ = new QCPTextElement(plot_);
    runsRect_ = new QCPAxisRect(plot_);
    histogramRect_ = new QCPAxisRect(plot_);
    // the two charts side by side, each under its own heading
    auto* charts = new QCPLayoutGrid;
    auto* grid = plot_->plotLayout();
    grid->addElement(0, 0, title_);
    grid->addElement(1, 0, source_);
    grid->addElement(2, 0, charts);
    grid->addElement(3, 0, note_);
    for (int row : {0, 1, 3})
        grid->setRowStretchFactor(row, 0.001);
    charts->addElement(0, 0, runsTitle_);
    charts->addElement(0, 1, histogramTitle_);
    charts->addElement(1, 0, runsRect_);
    charts->addElement(1, 1, histogramRect_);
    charts->setRowStretchFactor(0, 0.001);
    charts->setColumnStretchFactor(0, 3);
    charts->setColumnStretchFactor(1, 2);
    for (auto* t : {title_, source_, note_})
        t->setMargins(QMargins(8, 2, 8, 2));
    auto* group = new QCPMarginGroup(plot_);
    runsRect_->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    histogramRect_->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    runsRect_->axis(QCPAxis::atBottom)->setLabel(tr("run, in the order they ran"));
    histogramRect_->axis(QCPAxis::atLeft)->setLabel(tr("runs"));
    histogramRect_->axis(QCPAxis::atLeft)->setTicker(wholeNumberTicker());
    for (auto* rect : {runsRect_, histogramRect_})
        rect->setRangeDrag(Qt::Orientations());
}

void SpreadView::buildPlottables()
{
    auto* x = runsRect_->axis(QCPAxis::atBottom);
    auto* y = runsRect_->axis(QCPAxis::atLeft);
    runsGraph_ = plot_->addGraph(x, y);
    runsGraph_->setName(tr("runs"));
    runsGraph_->setLineStyle(QCPGraph::lsNone);
    meanLine_ = plot_->addGraph(x, y);
    meanLine_->setName(tr("mean"));
    meanPoint_ = plot_->addGraph(x, y);
    meanPoint_->setName(tr("mean ± sd"));
    meanPoint_->setLineStyle(QCPGraph::lsNone);
    errorBars_ = new QCPErrorBars(x, y);
    errorBars_->setName(tr("sample sd"));
    errorBars_->setDataPlottable(meanPoint_);
    errorBars_->setErrorType(QCPErrorBars::etValueError);
    errorBars_->setWhiskerWidth(14);
    bars_ =
        new QCPBars(histogramRect_->axis(QCPAxis::atBottom), histogramRect_->axis(QCPAxis::atLeft));
    bars_->setName(tr("some updates lost"));
    noneLost_ =
        new QCPBars(histogramRect_->axis(QCPAxis::atBottom), histogramRect_->axis(QCPAxis::atLeft));
    noneLost_->setName(tr("no update lost"));
    expectedLine_ = new QCPItemStraightLine(plot_);
    placeAt(expectedLine_->point1, histogramRect_, QCPItemPosition::ptAxisRectRatio);
    placeAt(expectedLine_->point2, histogramRect_, QCPItemPosition::ptAxisRectRatio);
    expectedLine_->setClipAxisRect(histogramRect_);
    expectedLabel_ = new QCPItemText(plot_);
    placeAt(expectedLabel_->position, histogramRect_, QCPItemPosition::ptAxisRectRatio);
    expectedLabel_->setPadding(QMargins(4, 2, 4, 2));
    expectedLabel_->setClipAxisRect(histogramRect_);
    runsExpected_ = new QCPItemStraightLine(plot_);
    for (auto* p : {runsExpected_->point1, runsExpected_->point2}) {
        p->setAxisRect(runsRect_);
        p->setAxes(runsRect_->axis(QCPAxis::atBottom), runsRect_->axis(QCPAxis::atLeft));
        p->setType(QCPItemPosition::ptPlotCoords);
    }
    runsExpected_->setClipAxisRect(runsRect_);
}

void SpreadView::applyStyle()
{
    style_ = PlotStyle::from(palette(), font(), 1.5);
    plot_->setBackground(palette().color(QPalette::Window));
    style_.applyTo(runsRect_);
    style_.applyTo(histogramRect_);
    QFont bold = style_.font;
    bold.setBold(true);
    for (auto* t : {title_, runsTitle_, histogramTitle_}) {
        t->setFont(t == title_ ? bold : style_.font);
        t->setTextColor(style_.foreground);
    }
    for (auto* t : {source_, note_}) {
        t->setFont(style_.smallFont);
        t->setTextColor(style_.marker);
    }
    const QColor run = style_.series(0), mean = style_.series(1);
    runsGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, run, run, 7));
    meanLine_->setPen(QPen(mean, style_.lineWidth, Qt::DashLine));
    meanPoint_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(mean, style_.lineWidth), mean, 8));
    errorBars_->setPen(QPen(mean, style_.lineWidth));
    QColor fill = run;
    fill.setAlpha(150);
    bars_->setBrush(fill);
    // a background-coloured outline keeps neighbouring bars apart
    bars_->setPen(QPen(style_.background, 1));
    QColor none = style_.series(2);
    none.setAlpha(170);
    noneLost_->setBrush(none);
    noneLost_->setPen(QPen(style_.background, 1));
    runsExpected_->setPen(QPen(style_.foreground, style_.lineWidth, Qt::DashDotLine));
    expectedLine_->setPen(QPen(style_.foreground, style_.lineWidth, Qt::DashDotLine));
    expectedLabel_->setFont(style_.smallFont);
    expectedLabel_->setColor(style_.foreground);
    expectedLabel_->setBrush(QBrush(style_.background));
    redraw();
}

void SpreadView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) applyStyle();
    QWidget::changeEvent(event);
}

void SpreadView::setRuns(const std::vector<RunRecord>& runs)
{
    result_ = repeatResult(runs);
    fillCombo();
    redraw();
}

void SpreadView::fillCombo()
{
    const QSignalBlocker blocker(figureBox_);
    figureBox_->clear();
    for (const FigureSpread& f : result_.figures)
        figureBox_->addItem(f.unit.empty() ? figureLabel(f.name)
                                           : figureLabel(f.name) % QStringLiteral(" (") %
                                                 spreadUnit(f) % QStringLiteral(")"),
                            qs(f.name));
    int index = figureBox_->findData(qs(chosen_));
    if (index < 0 && result_.answer()) index = figureBox_->findData(qs(result_.answer()->name));
    figureBox_->setCurrentIndex(std::max(0, index));
}

const FigureSpread* SpreadView::currentFigure() const
{
    const std::string name = figureBox_->currentData().toString().toStdString();
    return result_.find(name);
}

SpreadView::Scale SpreadView::scaleFor(const FigureSpread& f) const
{
    if (f.unit == "B") return {1 / kMiB, QStringLiteral("MiB")};
    double top = std::max(std::fabs(f.spread.min), std::fabs(f.spread.max));
    if (result_.boundedByExpected(f)) top = std::max(top, result_.expected);
    const QString unit = qs(f.unit);
    auto prefixed = [&](double factor, const char* prefix) {
        return Scale{factor, QString(QString::fromLatin1(prefix) + unit).trimmed()};
    };
    if (top >= 1e9) return prefixed(1e-9, "G ");
    if (top >= 1e6) return prefixed(1e-6, "M ");
    if (top >= 1e4) return prefixed(1e-3, "k ");
    return {1, unit};
}

void SpreadView::redraw()
{
    const FigureSpread* f = currentFigure();
    stack_->setCurrentIndex(f ? 1 : 0);
    if (!f) return;
    const Scale scale = scaleFor(*f);
    drawRuns(*f, scale);
    drawHistogram(*f, scale);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SpreadView::drawRuns(const FigureSpread& f, const Scale& scale)
{
    const Spread& s = f.spread;
    const int n = static_cast<int>(f.values.size());
    const int step = std::max(1, (n + 9) / 10); // at most ~10 run labels
    const double meanX = n + 1 + step;          // a gap between the runs and their summary
    QVector<double> keys, values;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < n; ++i) {
        keys << i + 1;
        values << f.values[static_cast<std::size_t>(i)] * scale.factor;
        if (i % step == 0) ticker->addTick(i + 1, QString::number(i + 1));
    }
    ticker->addTick(meanX, n >= 2 ? tr("mean ± sd") : tr("mean"));
    runsGraph_->setData(keys, values, true);
    const double mean = s.mean * scale.factor, sd = s.stddev * scale.factor;
    meanLine_->setData({0.5, meanX}, {mean, mean}, true);
    meanPoint_->setData({meanX}, {mean}, true);
    // one run has no sample sd: no bar rather than a bar of zero
    errorBars_->setData(n >= 2 ? QVector<double>{sd} : QVector<double>{});
    auto* x = runsRect_->axis(QCPAxis::atBottom);
    x->setTicker(ticker);
    x->setRange(0.3, meanX + 0.9);
    double lo = std::min(s.min * scale.factor, mean - sd);
    double hi = std::max(s.max * scale.factor, mean + sd);
    // the count no lost update gives, as a line the runs fall short of
    const bool bounded = result_.boundedByExpected(f);
    runsExpected_->setVisible(bounded);
    if (bounded) {
        const double e = result_.expected * scale.factor;
        runsExpected_->point1->setCoords(0, e);
        runsExpected_->point2->setCoords(1, e);
        lo = std::min(lo, e);
        hi = std::max(hi, e);
    }
    const double pad = hi > lo ? (hi - lo) * 0.15 : std::max(std::fabs(hi) * 0.05, 1e-9);
    auto* y = runsRect_->axis(QCPAxis::atLeft);
    y->setRange(lo - pad, hi + pad);
    y->setLabel(scale.unit.isEmpty() ? tr("value") : scale.unit);
}

void SpreadView::drawHistogram(const FigureSpread& f, const Scale& scale)
{
    // memory is binned in the MiB it is shown in: byte-sized bins would mean nothing
    const bool bytes = f.unit == "B";
    std::vector<double> values = f.values;
    for (double& v : values)
        v /= bytes ? kMiB : 1;
    const double factor = bytes ? 1 : scale.factor;
    // counts that can reach the expected count but not pass it: no bar straddles it
    const Histogram h = result_.histogram(f, bytes ? kMiB : 1);
    // whole numbers: bin [a, a + w) holds a … a + w − 1, drawn centred on those values
    const bool whole =
        std::all_of(values.begin(), values.end(), [](double v) { return v == std::floor(v); });
    double start = h.lo - (whole ? 0.5 : 0);
    QVector<double> keys, counts;
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        keys << (start + (static_cast<double>(i) + 0.5) * h.binWidth) * factor;
        counts << h.counts[i];
    }
    bars_->setData(keys, counts, true);
    double end = start + static_cast<double>(h.counts.size()) * h.binWidth;
    // the runs that lost nothing stand apart, right of the expected count's line
    const bool bounded = result_.boundedByExpected(f);
    const int reached = bounded ? static_cast<int>(result_.reached(f)) : 0;
    if (reached > 0) {
        noneLost_->setData({(result_.expected + h.binWidth / 2) * factor},
                           {static_cast<double>(reached)}, true);
        if (h.counts.empty()) start = result_.expected - h.binWidth;
        end = std::max(end, result_.expected + h.binWidth);
    } else {
        noneLost_->data()->clear();
    }
    drawExpected(f, scale, start * factor, end * factor);
    // a one-value bin next to a wide range would be a hairline: only the bar is widened
    const double span = histogramRect_->axis(QCPAxis::atBottom)->range().size();
    bars_->setWidth(std::max(h.binWidth * factor, span * 0.05));
    noneLost_->setWidth(std::max(h.binWidth * factor, span * 0.05));
    int top = h.counts.empty() ? 1 : *std::max_element(h.counts.begin(), h.counts.end());
    top = std::max(top, reached);
    histogramRect_->axis(QCPAxis::atLeft)->setRange(0, top * 1.3 + 0.2);
    histogramRect_->axis(QCPAxis::atBottom)->setLabel(scale.unit);
    const Spread& s = f.spread;
    if (s.n == 1)
        setTexts(f, tr("Histogram: the one run, at %1").arg(formatSpreadValue(f, s.min)));
    else if (s.min == s.max)
        setTexts(f, tr("Histogram: all %1 runs at %2").arg(s.n).arg(formatSpreadValue(f, s.min)));
    else if (bounded)
        setTexts(f, tr("Histogram: runs per %1; left of the expected count some updates were "
                       "lost, right of it (%2 runs) none")
                        .arg(formatSi(h.binWidth, qs(f.unit)).trimmed())
                        .arg(reached));
    else
        setTexts(
            f,
            tr("Histogram: runs per %1")
                .arg(formatSi(h.binWidth, bytes ? QStringLiteral("MiB") : qs(f.unit)).trimmed()));
}

void SpreadView::drawExpected(const FigureSpread& f, const Scale& scale, double lo, double hi)
{
    const bool shown = result_.boundedByExpected(f);
    expectedLine_->setVisible(shown);
    expectedLabel_->setVisible(shown);
    const double e = result_.expected * scale.factor;
    if (shown) {
        lo = std::min(lo, e);
        hi = std::max(hi, e);
    }
    double pad = (hi - lo) * 0.06;
    // one narrow bin beside large values (all runs at 2 M) would give ticks that all read "2"
    if (const double size = std::max(std::fabs(lo), std::fabs(hi)); hi - lo < size * 1e-3)
        pad = size * 0.05;
    pad = std::max(pad, 1e-9);
    histogramRect_->axis(QCPAxis::atBottom)->setRange(lo - pad, hi + pad);
    if (!shown) return;
    expectedLine_->point1->setCoords(e, 0);
    expectedLine_->point2->setCoords(e, 1);
    // the label goes on the side of the line with more room
    const bool rightHalf = e > (lo + hi) / 2;
    expectedLabel_->position->setCoords(e, 0);
    expectedLabel_->setPositionAlignment(Qt::AlignTop |
                                         (rightHalf ? Qt::AlignRight : Qt::AlignLeft));
    expectedLabel_->setTextAlignment(rightHalf ? Qt::AlignRight : Qt::AlignLeft);
    expectedLabel_->setText(tr("expected %1\n= %2 workers × %3")
                                .arg(formatSi(result_.expected, QString()).trimmed())
                                .arg(result_.workers)
                                .arg(formatSi(result_.increments, QString()).trimmed()));
}

void SpreadView::setTexts(const FigureSpread& f, const QString& histogramTitle)
{
    const Spread& s = f.spread;
    texts_.title = tr("%1 over %2 %3: each run, mean ± sample sd")
                       .arg(figureLabel(f.name))
                       .arg(s.n)
                       .arg(s.n == 1 ? tr("run") : tr("runs"));
    texts_.source = tr("Source: %1").arg(qs(f.source));
    texts_.runs = precisionText(f);
    texts_.histogram = histogramTitle;
    texts_.note = tr("sd: sample standard deviation, √(Σ(x − mean)² / (n − 1)); median %1, "
                     "min %2, max %3. Bins: ⌈log₂ n⌉ + 1, widths 1, 2 or 5 × 10ᵏ.")
                      .arg(formatSpreadValue(f, s.median), formatSpreadValue(f, s.min),
                           formatSpreadValue(f, s.max));
    if (result_.boundedByExpected(f)) {
        const auto reached = result_.reached(f);
        texts_.note += QStringLiteral("\n") %
                       tr("Expected: workers × increments, the count when no update is lost "
                          "(a bin ends there); reached by %1 of %2 runs.")
                           .arg(reached)
                           .arg(s.n);
    }
    wrapTexts();
}

void SpreadView::wrapTexts()
{
    const int width = std::max(200, this->width() - 24);
    title_->setText(wrapText(texts_.title, title_->font(), width));
    source_->setText(wrapText(texts_.source, source_->font(), width));
    note_->setText(wrapText(texts_.note, note_->font(), width));
    // the charts share the width 3 : 2
    runsTitle_->setText(wrapText(texts_.runs, runsTitle_->font(), width * 3 / 5));
    histogramTitle_->setText(wrapText(texts_.histogram, histogramTitle_->font(), width * 2 / 5));
}

void SpreadView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    wrapTexts();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace corelab::ui
