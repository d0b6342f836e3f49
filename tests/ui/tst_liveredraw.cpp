// A live timeline keeps its reductions and repaints only its charts' layer per sample
// (ColumnCache.h, LiveLayer.h): what it shows must be what a fresh view of the same model
// shows, after every sample and after a zoom, a resize or a theme switch.
#include <bit>
#include <cstdint>

#include <QtTest>

#include "Qcp.h"
#include "UiTestMain.h"

#include "RunSeries.h"
#include "Theme.h"
#include "record/Synthetic.h"
#include "timeline/ColumnColorMap.h"
#include "timeline/CorePanel.h"
#include "timeline/LanePanel.h"
#include "timeline/LiveLayer.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// Every cell of the colour maps and every point of the lines, panel by panel, as bits.
std::vector<std::uint64_t> drawnData(const TimelineView& view)
{
    std::vector<std::uint64_t> out;
    auto put = [&](double x) { out.push_back(std::bit_cast<std::uint64_t>(x)); };
    for (const TimelinePanel* panel : view.panels()) {
        for (QCPAbstractPlottable* p : panel->rect()->plottables()) {
            if (!p->visible()) continue;
            if (auto* map = qobject_cast<QCPColorMap*>(p)) {
                QCPColorMapData* d = map->data();
                put(d->keySize());
                put(d->valueSize());
                for (int x = 0; x < d->keySize(); ++x)
                    for (int y = 0; y < d->valueSize(); ++y)
                        put(d->cell(x, y));
            } else if (auto* graph = qobject_cast<QCPGraph*>(p)) {
                put(graph->dataCount());
                for (const QCPGraphData& point : *graph->data()) {
                    put(point.key);
                    put(point.value);
                }
            }
        }
    }
    return out;
}

// Redraws until the layout stops moving (legends, groups and markers follow the layout).
void settle(TimelineView& view)
{
    for (int i = 0; i < 3; ++i) {
        view.refreshNow();
        QCoreApplication::processEvents();
    }
}

// Opens the first group of a grouped panel, as a click on its label does.
void openFirstGroup(TimelinePanel* panel, bool cores)
{
    const auto* rect = panel->rect();
    const int y = static_cast<int>(rect->axis(QCPAxis::atLeft)->coordToPixel(0));
    const QPoint at(rect->left() - 5, y);
    QVERIFY(cores ? static_cast<CorePanel*>(panel)->toggleRowAt(at)
                  : static_cast<LanePanel*>(panel)->toggleRowAt(at));
}

} // namespace

class TstLiveRedraw : public QObject {
    Q_OBJECT

    // A live run of `shape` played into `model`, `view` redrawn after every sample (as the
    // window does, one sample a turn); `after(i, n)` runs after sample i of n.
    static void playLive(const char* shape, RunSeries& model, TimelineView& view,
                         const std::function<void(int, int)>& after = {})
    {
        SyntheticSource source(*parseSyntheticShape(shape));
        model.beginLive(source.spec(), &source.machine());
        view.setModel(&model);
        for (int i = 0; !source.done(); ++i) {
            std::vector<Event> events;
            std::vector<Sample> batch{source.next(events)};
            if (!events.empty()) model.appendEvents(events);
            model.appendSamples(batch);
            view.refreshNow();
            QCoreApplication::processEvents();
            if (after) after(i, source.sampleCount());
        }
    }

    static std::unique_ptr<TimelineView> freshView(const RunSeries& model, QSize size)
    {
        auto view = std::make_unique<TimelineView>();
        view->resize(size);
        view->setModel(&model);
        view->show();
        settle(*view);
        return view;
    }

    static QImage picture(TimelineView& view) { return view.plot()->grab().toImage(); }

    // The live view and a fresh one draw the same cells and points, and the same picture.
    static void compareWithFresh(TimelineView& live, const RunSeries& model,
                                 const std::function<void(TimelineView&)>& prepare = {})
    {
        auto fresh = freshView(model, live.size());
        if (prepare) {
            prepare(*fresh);
            settle(*fresh);
        }
        // the figures under the charts follow on a timer of their own, and their height
        // sets the plot's
        QTest::qWait(600);
        settle(live);
        settle(*fresh);
        const auto a = drawnData(live);
        const auto b = drawnData(*fresh);
        QVERIFY(a.size() > 100);
        QVERIFY2(a == b, "the kept reductions differ from a fresh view's");
        const QImage pa = picture(live);
        const QImage pb = picture(*fresh);
        QCOMPARE(pa.size(), pb.size());
        if (pa != pb) {
            pa.save(QStringLiteral("/tmp/tst_liveredraw-live.png"));
            pb.save(QStringLiteral("/tmp/tst_liveredraw-fresh.png"));
        }
        QVERIFY2(pa == pb, "the live view's picture differs (saved /tmp/tst_liveredraw-*.png)");
    }

private slots:
    void cleanup() { applyTheme(ThemeId::System); }

    // Few CPUs and workers: a row each, lines of the line panels.
    void liveViewDrawsWhatAFreshViewDraws()
    {
        RunSeries model;
        TimelineView view;
        view.resize(1280, 800);
        view.show();
        ColumnColorMap* cores = nullptr;
        long cells = 0;
        playLive("4x6x12", model, view, [&](int i, int n) {
            if (i != n / 2) return;
            for (auto* p : view.panels()[0]->rect()->plottables())
                if (auto* map = dynamic_cast<ColumnColorMap*>(p)) cores = map;
            QVERIFY(cores);
            cells = static_cast<long>(cores->data()->keySize()) * cores->data()->valueSize();
            cores->resetColouredCells();
        });
        // a map of a few rows, too, is coloured column by column (QCustomPlot would colour
        // its oversampled image whole at every sample)
        QVERIFY(cells > 0);
        QVERIFY2(cores->colouredCells() < 10 * cells,
                 qPrintable(QStringLiteral("%1 cells coloured over 60 samples of a %2-cell map")
                                .arg(cores->colouredCells())
                                .arg(cells)));
        settle(view);
        // the samples were drawn by repainting the charts' layer, not every layer
        QVERIFY(view.liveLayer().layerReplots() > 50);
        QVERIFY(view.liveLayer().wholeReplots() < view.liveLayer().layerReplots());
        compareWithFresh(view, model);
    }

    // 64 CPUs and 96 workers in groups, one of each opened halfway through the run.
    void groupedLiveViewDrawsWhatAFreshViewDraws()
    {
        RunSeries model;
        TimelineView view;
        view.resize(1280, 800);
        view.show();
        ColumnColorMap* lanes = nullptr;
        long cells = 0;
        playLive("64x96x12", model, view, [&](int i, int n) {
            if (i == n / 2) {
                openFirstGroup(view.panels()[0], true);
                openFirstGroup(view.panels()[1], false);
            }
            if (i == n / 2 + 10) {
                for (auto* p : view.panels()[1]->rect()->plottables())
                    if (auto* map = dynamic_cast<ColumnColorMap*>(p)) lanes = map;
                QVERIFY(lanes);
                cells = static_cast<long>(lanes->data()->keySize()) * lanes->data()->valueSize();
                lanes->resetColouredCells();
            }
        });
        // the last samples coloured the lanes' image column by column, not whole
        QVERIFY(cells > 100 * 100);
        QVERIFY2(lanes->colouredCells() < 10 * cells,
                 qPrintable(QStringLiteral("%1 cells coloured over 50 samples of a %2-cell map")
                                .arg(lanes->colouredCells())
                                .arg(cells)));
        QVERIFY(static_cast<CorePanel*>(view.panels()[0])->grouping().grouped());
        QVERIFY(static_cast<LanePanel*>(view.panels()[1])->grouping().grouped());
        settle(view);
        compareWithFresh(view, model, [](TimelineView& fresh) {
            openFirstGroup(fresh.panels()[0], true);
            openFirstGroup(fresh.panels()[1], false);
        });
    }

    // A zoom, a resize and a theme switch each draw the live view anew.
    void zoomResizeAndThemeDrawAnew()
    {
        RunSeries model;
        TimelineView view;
        view.resize(1280, 800);
        view.show();
        playLive("4x6x12", model, view);
        settle(view);
        auto zoom = [](TimelineView& v) {
            v.panels()[0]->rect()->axis(QCPAxis::atBottom)->setRange(3.0, 7.5);
        };
        zoom(view);
        settle(view);
        compareWithFresh(view, model, zoom);

        view.showWholeRun();
        view.resize(1000, 700);
        settle(view);
        compareWithFresh(view, model);

        applyTheme(ThemeId::ProjectorDark);
        settle(view);
        compareWithFresh(view, model);
    }
};

CORELAB_UI_TEST(TstLiveRedraw)
#include "tst_liveredraw.moc"
