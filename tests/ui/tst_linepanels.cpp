#include <QtTest>
#include <cmath>

#include "Qcp.h"
#include "RunSeries.h"
#include "UiTestMain.h"
#include "timeline/LinePanels.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// Two workers at 700 ops/s sampled at 10 Hz, with no sample between 1.0 s and 2.4 s.
RunRecord recordWithAHole()
{
    RunRecord r;
    r.spec.workers = 2;
    r.spec.rateHz = 10;
    r.spec.durationS = 3;
    for (int k = 0; k <= 30; ++k) {
        const double t = 0.1 * k;
        if (t > 1.05 && t < 2.35) continue;
        Sample s;
        s.t = t;
        for (int i = 0; i < 2; ++i) {
            WorkerSample w;
            w.index = i;
            w.tid = 100 + i;
            w.state = 'S';
            w.ops = static_cast<std::uint64_t>(70 * k);
            w.waitNs = static_cast<std::uint64_t>(10'000'000ULL * k);
            s.workers.push_back(w);
        }
        r.samples.push_back(s);
    }
    return r;
}

// Index of the first NaN value in the graph, or -1.
int firstNaN(const QCPGraph* graph)
{
    for (int i = 0; i < graph->dataCount(); ++i)
        if (std::isnan(graph->dataMainValue(i))) return i;
    return -1;
}

} // namespace

class TstLinePanels : public QObject {
    Q_OBJECT
private slots:
    void aHoleInTheSamplesBreaksTheLine()
    {
        RunSeries model;
        model.setRecord(recordWithAHole());
        QCustomPlot plot;
        ThroughputPanel panel(&plot);
        panel.update(model, TimeMapping{0, 3.1, 0, 600});
        const QCPGraph* total = plot.graph(0);
        QVERIFY(total->dataCount() > 3);
        const int hole = firstNaN(total);
        QVERIFY2(hole > 0, "no break in the throughput line across the hole");
        // the break lies inside the hole, between the last point before it and the first after
        QVERIFY(total->dataMainKey(hole - 1) <= 1.0 + 1e-9);
        QVERIFY(total->dataMainKey(hole) > 1.0 && total->dataMainKey(hole) <= 2.4 + 1e-9);
        QVERIFY(hole + 1 < total->dataCount());
        QVERIFY(total->dataMainKey(hole + 1) > 2.4);
        // and no point pretends to know the rate over the hole: every one is the steady
        // 1400 ops/s (drawn in k ops/s)
        for (double v : model.opsPerS().v)
            QVERIFY(std::isnan(v) || std::abs(v - 1400) < 1e-6);
        for (int i = 0; i < total->dataCount(); ++i) {
            const double v = total->dataMainValue(i);
            QVERIFY(std::isnan(v) || std::abs(v - 1.4) < 1e-9);
        }
    }
    void everyRateStaysUnderItsCeiling()
    {
        RunRecord r = recordWithAHole();
        Sample teardown = r.samples.back();
        teardown.t += 0.006;
        for (WorkerSample& w : teardown.workers)
            w.waitNs += 70'000'000; // two workers cannot wait 140 ms in 6 ms
        r.samples.push_back(teardown);
        RunSeries model;
        model.setRecord(r);
        QVERIFY(!model.runqueueWaitMsPerS().empty());
        QVERIFY(model.runqueueWaitMsPerS().maxValue() <= 2 * 1000.0);
    }
};

CORELAB_UI_TEST(TstLinePanels)
#include "tst_linepanels.moc"
