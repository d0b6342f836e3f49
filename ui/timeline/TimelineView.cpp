#include "timeline/TimelineView.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "FiguresPanel.h"
#include "ImageExport.h"
#include "Qcp.h"

#include "RunSeries.h"
#include "SpreadText.h"
#include "analysis/OtherLoad.h"
#include "timeline/CorePanel.h"
#include "timeline/EventMarkers.h"
#include "timeline/LanePanel.h"
#include "timeline/LinePanels.h"
#include "timeline/LiveLayer.h"
#include "timeline/PanelFit.h"
#include "timeline/TimelinePlot.h"

namespace corelab::ui {

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , plot_(new TimelinePlot(this))
    , figures_(new FiguresPanel(this))
    , timer_(new QTimer(this))
    , markers_(std::make_unique<EventMarkers>(plot_))
{
    plot_->setAutoAddPlottableToLegend(false);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->plotLayout()->clear();
    buildPanels();
    // after the panels: their axes, titles and legends stay on the static layers
    live_ = std::make_unique<LiveLayer>(plot_);
    // every buffer of a plot is composited whole on every paint, so a sample costs one
    // full-size blend per buffer (issue 14): the overlay, empty until the mouse hovers,
    // shares the axes' buffer until the hover cursor needs one of its own (moveCursor)
    plot_->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    toolbar_ = buildToolbar();
    layout->addWidget(toolbar_);
    layout->addWidget(plot_, 1);
    auto* holder = new FiguresHolder(figures_, this);
    figuresHolder_ = holder;
    connect(figures_, &FiguresPanel::shown, holder,
            [this, holder] { holder->fit(model_ && model_->live()); });
    layout->addWidget(holder);
    plot_->setMouseTracking(true);
    // the panels' own minimum (axes plus legends) would not let two timelines share a
    // 1280-pixel window; squeezed, the axis rects shrink first
    plot_->setMinimumSize(320, 360);
    // one redraw per change, started by markDirty(); not a fixed-rate timer, which would
    // wake the window 30 times a second whether anything changed or not
    timer_->setSingleShot(true);
    connectSignals();
    applyStyle();
    layoutPanels();
    markDirty();
}

QCustomPlot* TimelineView::plot() const
{
    return plot_;
}

TimelineView::~TimelineView()
{
    // out of the layout, the plot does not own it
    if (!otherLoad_->layout()) delete otherLoad_;
}

void TimelineView::buildPanels()
{
    // a row of the plot, not a widget: saved images and renders carry it, and it does not
    // take the plot's height
    otherLoad_ = new QCPTextElement(plot_, QString());
    // it may run past the axis column into the empty legend column beside it, rather than
    // widen the axis column and squeeze the legends
    otherLoad_->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip);
    otherLoad_->setMinimumSize(1, 0);
    otherLoad_->setMargins(QMargins(8, 4, 8, 2));
    cores_ = new CorePanel(plot_, this);
    lanes_ = new LanePanel(plot_, this);
    throughput_ = new ThroughputPanel(plot_, this);
    memory_ = new MemoryPanel(plot_, this);
    scheduling_ = new SchedulingPanel(plot_, this);
    panels_ = {cores_, lanes_, throughput_, memory_, scheduling_};
    margins_ = new QCPMarginGroup(plot_);
}

QWidget* TimelineView::buildToolbar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 2, 6, 2);
    coreMode_ = new QComboBox(bar);
    coreMode_->addItems({tr("Cores: workers' share"), tr("Cores: one line per core"),
                         tr("Cores: coloured by worker"), tr("Cores: all programs")});
    coreMode_->setToolTip(tr("Workers' share: each worker's run time on the CPU it was last seen "
                             "on (schedstat). All programs: /proc/stat, every process on the "
                             "machine; the difference is other programs' load."));
    perWorker_ = new QCheckBox(tr("Throughput per worker"), bar);
    freeze_ = new QCheckBox(tr("Freeze view"), bar);
    auto* whole = new QPushButton(tr("Whole run"), bar);
    whole->setToolTip(tr("Show the whole run and follow live data (double-click the chart). "
                         "Mouse wheel zooms time, dragging pans."));
    connect(whole, &QPushButton::clicked, this, &TimelineView::showWholeRun);
    row->addWidget(coreMode_);
    row->addWidget(perWorker_);
    row->addStretch(1);
    row->addWidget(freeze_);
    row->addWidget(whole);
    return bar;
}

void TimelineView::connectSignals()
{
    connect(timer_, &QTimer::timeout, this, &TimelineView::onTick);
    for (auto* p : panels_)
        connect(p->rect()->axis(QCPAxis::atBottom),
                qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                &TimelineView::onRangeChanged);
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { showWholeRun(); });
    connect(plot_, &QCustomPlot::mouseMove, this, &TimelineView::onMouseMove);
    // a click on a group's label opens it (many CPUs or workers, see RowGroups.h)
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() != Qt::LeftButton) return;
        if (cores_->toggleRowAt(event->pos()) || lanes_->toggleRowAt(event->pos()) ||
            openFolded(event->pos()))
            refreshNow();
    });
    connect(plot_, &QCustomPlot::afterLayout, this, &TimelineView::onLayout);
    connect(coreMode_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        const bool linesAllowed = !model_ || model_->coreBusyPercent().size() <= 16;
        const auto mode = static_cast<CorePanel::Mode>(i);
        cores_->setMode(mode == CorePanel::Mode::Lines && !linesAllowed ? CorePanel::Mode::Workers
                                                                        : mode);
        laidOutCores_ = -1;
        markDirty();
    });
    connect(perWorker_, &QCheckBox::toggled, this, [this](bool on) {
        throughput_->setPerWorker(on);
        markDirty();
    });
    connect(freeze_, &QCheckBox::toggled, this, &TimelineView::setFrozen);
}

void TimelineView::layoutPanels()
{
    auto* grid = plot_->plotLayout();
    for (int i = 0; i < grid->elementCount(); ++i)
        if (grid->elementAt(i)) grid->takeAt(i);
    grid->simplify();
    int row = 0;
    if (!otherLoad_->text().isEmpty()) {
        grid->addElement(row, 0, otherLoad_);
        grid->setRowStretchFactor(row, 0.001);
        ++row;
    }
    const auto shown = shownPanels();
    if (!folding_) refold_ = true;
    for (auto* p : panels_) {
        // a panel out of the layout keeps its old geometry: hidden, it draws nothing there
        const bool visible = std::find(shown.begin(), shown.end(), p) != shown.end();
        const bool folded = onlyPanel_ < 0 && p->folded();
        p->header()->setVisible(visible || folded);
        p->titleElement()->setVisible(visible || folded);
        p->rect()->setVisible(visible);
        if (p->sideElement()) p->sideElement()->setVisible(visible);
        p->legend()->setVisible(visible && p->hasLegend());
        auto* bottom = p->rect()->axis(QCPAxis::atBottom);
        bottom->setTickLabels(p == shown.back());
        bottom->setLabel(p == shown.back() ? tr("time since start (s)") : QString());
        // a hidden panel's axes (the scheduling panel's right one) must not widen the
        // margins of those on show: a slide's one panel would end short of its column
        p->rect()->setMarginGroup(QCP::msLeft | QCP::msRight, visible ? margins_ : nullptr);
        if (folded) {
            grid->addElement(row, 0, p->header());
            grid->setRowStretchFactor(row++, 0.001);
        }
        if (!visible) continue;
        // the legend beside the title, not in a column beside the chart: two timelines
        // side by side keep their width for the charts
        grid->addElement(row, 0, p->header());
        grid->setRowStretchFactor(row++, 0.001);
        grid->addElement(row, 0, p->rect());
        if (p->sideElement()) grid->addElement(row, 1, p->sideElement());
        grid->setRowStretchFactor(row++, model_ ? p->heightWeight(*model_) : 2.0);
    }
    grid->setColumnStretchFactor(0, 1);
    // a slide's one panel may have no side column
    if (grid->columnCount() > 1) grid->setColumnStretchFactor(1, 0.001);
    grid->setRowSpacing(0);
    laidOutCores_ = model_ ? static_cast<int>(model_->coreBusyPercent().size()) : -1;
    live_->invalidate();
}

void TimelineView::setModel(const RunSeries* model)
{
    model_ = model;
    forgetReductions();
    figures_->setModel(model);
    following_ = true;
    laidOutCores_ = -1;
    markDirty();
}

void TimelineView::showWholeRun()
{
    following_ = true;
    markDirty();
    refreshNow();
}

void TimelineView::setFrozen(bool frozen)
{
    frozen_ = frozen;
    if (freeze_->isChecked() != frozen) freeze_->setChecked(frozen);
    markDirty();
}

void TimelineView::setPresentation(double fontScale, double lineWidth)
{
    fontScale_ = fontScale;
    lineWidth_ = lineWidth;
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * fontScale);
    figures_->setFont(f);
    figuresHolder_->fit(false);
    applyStyle();
}

void TimelineView::setCompact(bool compact)
{
    toolbar_->setVisible(!compact);
    figuresHolder_->setVisible(!compact);
    for (auto* p : panels_)
        p->setCompact(compact);
    markDirty();
}

void TimelineView::setScaleFloor(const ScaleFloor& floor)
{
    floor_ = floor;
    for (auto* p : panels_)
        p->setScaleFloor(floor);
    markDirty();
}

void TimelineView::applyStyle()
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * fontScale_);
    style_ = PlotStyle::from(palette(), f, lineWidth_);
    // a live run's lines are drawn again with every sample: 1-pixel pens without
    // antialiasing take QPainter's fast path (issue 14 measured wide antialiased pens at
    // 100× the cost); a finished run, drawn once, keeps the smooth wide lines, and so do
    // presentation mode and the projector themes, whose lines must carry across a room
    if (drawnLive_ && lineWidth_ <= 1.5 && style_.lineWidth <= 1.5) style_.lineWidth = 1.0;
    plot_->setNotAntialiasedElements(drawnLive_ ? QCP::aePlottables : QCP::aeNone);
    plot_->setPlottingHint(QCP::phFastPolylines, drawnLive_);
    plot_->setBackground(palette().color(QPalette::Window));
    for (auto* p : panels_)
        p->applyStyle(style_);
    otherLoad_->setFont(style_.font);
    otherLoad_->setTextColor(style_.foreground);
    live_->invalidate();
    markDirty();
}

void TimelineView::forgetReductions()
{
    for (auto* p : panels_)
        p->forgetReductions();
    live_->invalidate();
    markDirty();
}

void TimelineView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) applyStyle();
    QWidget::changeEvent(event);
}

void TimelineView::onTick()
{
    if (dirty_ && !frozen_ && onScreen()) refreshNow();
}

// At most 30 redraws a second: a change within 33 ms of the last redraw waits for the
// rest of them; any further change before then joins the same redraw.
void TimelineView::markDirty()
{
    constexpr qint64 minIntervalMs = 33;
    dirty_ = true;
    if (timer_->isActive() || frozen_ || !onScreen()) return;
    const qint64 since = sinceRefresh_.isValid() ? sinceRefresh_.elapsed() : minIntervalMs;
    timer_->start(static_cast<int>(std::max<qint64>(0, minIntervalMs - since)));
}

// Visible in its window (not in a tab behind another) and the window not minimised.
bool TimelineView::onScreen() const
{
    return isVisible() && !window()->isMinimized();
}

// QCustomPlot lays the plot out again on every replot: only a layout that moved or
// resized a chart needs the columns reduced (and the event labels placed) again.
void TimelineView::onLayout()
{
    std::vector<QRect> rects;
    for (auto* p : shownPanels())
        rects.push_back(p->rect()->rect());
    if (rects == laidOutRects_) return;
    laidOutRects_ = std::move(rects);
    markDirty();
}

void TimelineView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // a minimised window shown again tells only the window: watch it (installing the same
    // filter twice keeps one)
    window()->installEventFilter(this);
    if (dirty_) markDirty();
}

bool TimelineView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == window() && event->type() == QEvent::WindowStateChange && dirty_)
        QTimer::singleShot(0, this, [this] { markDirty(); });
    return QWidget::eventFilter(watched, event);
}

void TimelineView::onRangeChanged(const QCPRange& range)
{
    if (syncingRange_) return;
    syncingRange_ = true;
    for (auto* p : panels_)
        p->rect()->axis(QCPAxis::atBottom)->setRange(range);
    syncingRange_ = false;
    // the user zoomed or panned: stop following until "Whole run"
    following_ = false;
    markDirty();
}

std::vector<TimelinePanel*> TimelineView::shownPanels() const
{
    if (onlyPanel_ >= 0 && onlyPanel_ < static_cast<int>(panels_.size()))
        return {panels_[static_cast<std::size_t>(onlyPanel_)]};
    std::vector<TimelinePanel*> open;
    for (auto* p : panels_)
        if (!p->folded()) open.push_back(p);
    return open;
}

void TimelineView::setOnlyPanel(int index)
{
    onlyPanel_ = index;
    // a slide's one panel comes whole, with its legend; the folds are chosen again after
    for (auto* p : panels_)
        p->setFolded(false);
    layoutPanels();
    markDirty();
}

TimeMapping TimelineView::currentMapping() const
{
    const auto* rect = shownPanels().front()->rect();
    const auto range = rect->axis(QCPAxis::atBottom)->range();
    return TimeMapping{range.lower, range.upper, rect->left(), std::max(1, rect->width())};
}

void TimelineView::refreshNow()
{
    dirty_ = false;
    if (!model_) return;
    ++refreshCount_;
    sinceRefresh_.start();
    if (model_->live() != drawnLive_) {
        drawnLive_ = model_->live();
        // the finished record's series are derived afresh
        forgetReductions();
        applyStyle();
    }
    if (laidOutCores_ != static_cast<int>(model_->coreBusyPercent().size())) layoutPanels();
    if (following_) {
        syncingRange_ = true;
        for (auto* p : panels_)
            p->rect()->axis(QCPAxis::atBottom)->setRange(0, std::max(model_->span(), floor_.spanS));
        syncingRange_ = false;
    }
    updateOtherLoad();
    const TimeMapping map = currentMapping();
    for (auto* p : panels_)
        p->update(*model_, map);
    if (fitLegends()) {
        layoutPanels();
        plot_->layOut(); // places the rows before markers
    }
    if (foldToFit()) plot_->layOut();
    for (auto* p : shownPanels())
        fitPanelTicks(p);
    std::vector<QCPAxisRect*> rects;
    for (auto* p : shownPanels())
        rects.push_back(p->rect());
    markers_->update(markersFor(model_->record().events, map, 60 * fontScale_), rects, style_);
    live_->replot();
    emit refreshed();
}

// Legends take as many rows as their entries need at the plot's width; true when a
// legend came, went or changed its number of rows, and the layout must follow.
bool TimelineView::fitLegends()
{
    const int side = 80; // the colour scale's column, when there is one
    const int width = std::max(200, plot_->viewport().width() - side);
    std::vector<int> rows;
    bool changed = false;
    for (auto* p : shownPanels()) {
        changed = p->fitLegend(width) || changed;
        rows.push_back(p->hasLegend() ? p->legend()->rowCount() : 0);
    }
    changed = changed || rows != legendRows_;
    legendRows_ = rows;
    return changed;
}

QString TimelineView::otherLoadNote() const
{
    return otherLoad_->layout() ? otherLoad_->text() : QString();
}

// A finished run that other programs crowded says so above its charts: its busy cores
// and throughput are partly the machine's doing.
void TimelineView::updateOtherLoad()
{
    QString text =
        QString::fromStdString(model_->live() ? std::string() : otherLoadWarning(model_->record()));
    // half a window (Compare) says what happened and leaves what it means to the
    // verdict's other-load row: the charts need the height
    if (toolbar_->isHidden()) {
        text = text.section(u':', 0, 0);
        otherLoad_->setFont(style_.smallFont);
    }
    // wrapped to the plot's width: a text element does not wrap
    const QString warning =
        wrapText(text, otherLoad_->font(), std::max(200, plot_->viewport().width() - 24));
    if (warning == otherLoad_->text()) return;
    otherLoad_->setText(warning);
    layoutPanels();
}

void TimelineView::layoutFor(const QSize& size)
{
    plot_->setViewport(size.isEmpty() ? plot_->rect() : QRect(QPoint(0, 0), size));
    plot_->layOut();
    refreshNow();
}

QImage TimelineView::renderImage(double scale)
{
    refreshNow();
    return renderTimelineImage(plot_, model_ ? model_->record() : RunRecord{}, scale);
}

QString TimelineView::saveImage(const QString& path)
{
    refreshNow();
    return saveTimelineImage(plot_, model_ ? model_->record() : RunRecord{}, path);
}

} // namespace corelab::ui
