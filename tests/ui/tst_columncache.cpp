// The reductions kept between redraws (timeline/ColumnCache.h) against a reduction of the
// whole series: every column bit for bit, over many appends, holes, gaps and a thinning.
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>

#include <QtTest>

#include "RunSeries.h"
#include "UiTestMain.h"
#include "timeline/ColorMapFill.h"
#include "timeline/ColumnCache.h"
#include "timeline/ColumnReducer.h"
#include "timeline/LanePanel.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

constexpr double kTick = 0.1;
constexpr double kMaxGap = 0.25;

bool same(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool same(const LaneShares& a, const LaneShares& b)
{
    for (std::size_t k = 0; k < a.size(); ++k)
        if (std::bit_cast<std::uint32_t>(a[k]) != std::bit_cast<std::uint32_t>(b[k])) return false;
    return true;
}

// Sample times at kTick with, now and then, a gap of several ticks (a stalled sampler).
struct Clock {
    std::mt19937 rng{14};
    double t = 0;
    double next()
    {
        t += std::uniform_int_distribution<int>(0, 60)(rng) == 0 ? 7 * kTick : kTick;
        return t;
    }
};

// The whole reduction's columns, the cache's after appends in bursts of 1 to 7 points.
template <class S, class Push, class Reduce>
void appendInBursts(S& series, int points, Push push, Reduce reduce)
{
    std::mt19937 rng(7);
    for (int pushed = 0; pushed < points;) {
        const int burst = std::uniform_int_distribution<int>(1, 7)(rng);
        for (int i = 0; i < burst && pushed < points; ++i, ++pushed)
            push(series);
        reduce(series);
    }
}

} // namespace

class TstColumnCache : public QObject {
    Q_OBJECT
private slots:
    // Heat-map cells (binSeries) kept and extended equal those of one pass at the end,
    // past a thinning of the series (kMaxPoints), for mean and mode.
    void binnedColumnsEqualAFullReduction()
    {
        for (BinMode mode : {BinMode::Mean, BinMode::Mode}) {
            const int points = static_cast<int>(Series::kMaxPoints) + 3000;
            const TimeMapping cells{0, points * kTick * 1.2, 0, 640};
            Clock clock;
            std::mt19937 values(3);
            ColumnCache<double> cache;
            int thinnings = 0;
            Series series;
            appendInBursts(
                series, points,
                [&](Series& s) {
                    const int v = std::uniform_int_distribution<int>(0, 9)(values);
                    s.push(clock.next(), v == 0 ? std::nan("") : v * 10.0);
                },
                [&](const Series& s) {
                    const ColumnSpan span = cache.prepare(s, cells, kMaxGap);
                    if (span.first == 0 && span.last == cells.width - 1) ++thinnings;
                    binColumns(s, cells, kMaxGap, mode, span, cache.columns());
                });
            QVERIFY(series.thinning > 1);
            // the first reduction and the one after the thinning, no other
            QCOMPARE(thinnings, 2);
            const auto full = binSeries(series, cells, kMaxGap, mode);
            QCOMPARE(cache.columns().size(), full.size());
            for (std::size_t c = 0; c < full.size(); ++c)
                QVERIFY2(same(cache.columns()[c], full[c]), qPrintable(QString::number(c)));
        }
    }

    // One more sample costs the columns it reaches, not the whole row.
    void oneAppendedPointRecomputesAFewColumns()
    {
        Series s;
        for (int i = 1; i <= 600; ++i)
            s.push(i * kTick, i % 100);
        const TimeMapping cells{0, 120, 0, 960};
        ColumnCache<double> cache;
        QCOMPARE(cache.prepare(s, cells, kMaxGap).first, 0);
        s.push(60.1, 1);
        const ColumnSpan span = cache.prepare(s, cells, kMaxGap);
        QVERIFY(!span.empty());
        QVERIFY2(span.last - span.first <= 3,
                 qPrintable(QStringLiteral("%1–%2").arg(span.first).arg(span.last)));
        QVERIFY(span.first <= cells.column(60.0) && span.last >= cells.column(60.1));
        QVERIFY(cache.prepare(s, cells, kMaxGap).empty()); // nothing new, nothing to do
        // another mapping, or a replaced series, starts over
        QCOMPARE(cache.prepare(s, TimeMapping{0, 130, 0, 960}, kMaxGap).last, 959);
        Series other;
        other.push(0.05, 1);
        other.push(0.15, 1);
        QCOMPARE(cache.prepare(other, cells, kMaxGap).last, 959);
    }

    // The lanes' summed shares, the same way (ShareSeries merges neighbours when it thins).
    void laneColumnsEqualAFullReduction()
    {
        const int points = static_cast<int>(Series::kMaxPoints) + 2000;
        const TimeMapping cells{0, points * kTick * 1.1, 0, 500};
        Clock clock;
        std::mt19937 values(5);
        ColumnCache<LaneShares> cache;
        ShareSeries series;
        appendInBursts(
            series, points,
            [&](ShareSeries& s) {
                LaneShares shares{};
                shares[static_cast<std::size_t>(
                    std::uniform_int_distribution<int>(0, kLaneStateCount - 1)(values))] = 0.75f;
                shares[0] += 0.25f;
                s.push(clock.next(), shares);
            },
            [&](const ShareSeries& s) {
                sumLaneColumns(s, cells, kMaxGap, cache.prepare(s, cells, kMaxGap),
                               cache.columns());
            });
        QVERIFY(series.thinning > 1);
        std::vector<LaneShares> full(static_cast<std::size_t>(cells.width));
        sumLaneColumns(series, cells, kMaxGap, ColumnSpan::all(cells.width), full);
        for (std::size_t c = 0; c < full.size(); ++c)
            QVERIFY2(same(cache.columns()[c], full[c]), qPrintable(QString::number(c)));
    }

    // A line's extents (reduceToColumns) continued over appends equal one pass, for a view
    // of the whole run and for views that end before, or begin after, most of the points.
    void lineExtentsEqualAFullReduction()
    {
        const TimeMapping views[] = {{0, 700, 0, 1500}, {100, 180, 3, 400}, {400, 700, 0, 300}};
        for (const TimeMapping& map : views) {
            Clock clock;
            std::mt19937 values(9);
            LineCache cache;
            Series series;
            appendInBursts(
                series, 6000,
                [&](Series& s) {
                    const int v = std::uniform_int_distribution<int>(0, 40)(values);
                    s.push(clock.next(), v == 0 ? std::nan("") : v * 1.5);
                },
                [&](const Series& s) { cache.reduce(s, map); });
            const auto kept = cache.reduce(series, map);
            const auto full = reduceToColumns(series.t, series.v, map);
            QVERIFY(!full.empty());
            QCOMPARE(kept.size(), full.size());
            for (std::size_t i = 0; i < full.size(); ++i) {
                const auto& a = kept[i];
                const auto& b = full[i];
                QVERIFY2(same(a.t, b.t) && same(a.min, b.min) && same(a.max, b.max) &&
                             same(a.sum, b.sum) && a.count == b.count,
                         qPrintable(QString::number(i)));
            }
        }
    }
};

CORELAB_UI_TEST(TstColumnCache)
#include "tst_columncache.moc"
