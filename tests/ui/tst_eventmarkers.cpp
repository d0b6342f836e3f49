#include <QElapsedTimer>
#include <QtTest>

#include "UiTestMain.h"
#include "timeline/EventMarkers.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// A killed leader of n process workers: n distinct "wN crashed" at one instant.
std::vector<Event> crashes(int n, double t)
{
    std::vector<Event> events;
    for (int w = 0; w < n; ++w)
        events.push_back({t, EventKind::WorkerCrashed, w, "killed by signal 9"});
    return events;
}

qint64 nsToMerge(const std::vector<Event>& events)
{
    QElapsedTimer timer;
    timer.start();
    const auto markers = markersFor(events, TimeMapping{0, 2, 0, 1000}, 60);
    const qint64 ns = timer.nsecsElapsed();
    QTest::qWait(0); // keep the result from being optimised away with nothing to show
    return markers.empty() ? -1 : ns;
}

} // namespace

class TstEventMarkers : public QObject {
    Q_OBJECT
private slots:
    void manyCrashesAtOnceMakeOneShortMarker()
    {
        const auto markers = markersFor(crashes(50000, 0.5), TimeMapping{0, 2, 0, 1000}, 60);
        QCOMPARE(markers.size(), std::size_t{1});
        const QString& label = markers[0].label;
        QVERIFY2(label.size() < 120, qPrintable(label.left(200)));
        QVERIFY2(label.startsWith(u"w0 crashed · w1 crashed · w2 crashed"), qPrintable(label));
        QVERIFY2(label.endsWith(u"+49997 more"), qPrintable(label));
    }
    void aRepeatedLabelIsCountedOnce()
    {
        std::vector<Event> events = crashes(2, 0.5);
        events.push_back({0.5, EventKind::WorkerCrashed, 1, "killed by signal 9"});
        const auto markers = markersFor(events, TimeMapping{0, 2, 0, 1000}, 60);
        QCOMPARE(markers.size(), std::size_t{1});
        QCOMPARE(markers[0].label, QStringLiteral("w0 crashed · w1 crashed"));
    }
    void markersSpreadOverTheRunAreCapped()
    {
        // far apart on screen, or no screen mapping yet: still at most kMaxMarkers lines
        std::vector<Event> events;
        for (int w = 0; w < 5000; ++w)
            events.push_back({w * 1.0, EventKind::WorkerCrashed, w, "killed by signal 9"});
        for (const TimeMapping& map : {TimeMapping{0, 5000, 0, 1000000}, TimeMapping{0, 0, 0, 0}}) {
            const auto markers = markersFor(events, map, 60);
            QVERIFY2(markers.size() <= kMaxMarkers, qPrintable(QString::number(markers.size())));
            QVERIFY(markers.size() >= kMaxMarkers / 2);
            QCOMPARE(markers.front().t, 0.0);
        }
    }
    void aTimeThatIsNotANumberGetsNoMarker()
    {
        std::vector<Event> events = crashes(3, 0.5);
        events[1].t = std::numeric_limits<double>::quiet_NaN();
        const auto markers = markersFor(events, TimeMapping{0, 2, 0, 1000}, 60);
        QCOMPARE(markers.size(), std::size_t{1});
        QCOMPARE(markers[0].label, QStringLiteral("w0 crashed · w2 crashed"));
    }
    void fiftyTimesTheEventsCostAboutFiftyTimesAsMuch()
    {
        // A quadratic merge makes 50× the events cost 2500× as much; a linear one 50×.
        // The bound is generous for a loaded machine and still far below quadratic.
        const auto small = crashes(1000, 0.5);
        const auto large = crashes(50000, 0.5);
        qint64 baseline = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 5; ++i)
            baseline = std::min(baseline, nsToMerge(small));
        qint64 cost = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 2; ++i)
            cost = std::min(cost, nsToMerge(large));
        QVERIFY(baseline > 0);
        QVERIFY2(cost < 500 * baseline,
                 qPrintable(QStringLiteral("1k events: %1 µs, 50k events: %2 µs")
                                .arg(baseline / 1000)
                                .arg(cost / 1000)));
    }
};

CORELAB_UI_TEST(TstEventMarkers)
#include "tst_eventmarkers.moc"
