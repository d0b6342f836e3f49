#include <QtTest>

#include "timeline/LaneState.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

WorkerSample worker(char state, std::uint64_t runNs, std::uint64_t waitNs)
{
    WorkerSample w;
    w.state = state;
    w.runNs = runNs;
    w.waitNs = waitNs;
    return w;
}

} // namespace

class TstLaneState : public QObject {
    Q_OBJECT
private slots:
    void intervalSharesDecide()
    {
        const auto before = worker('R', 0, 0);
        // 100 ms interval: 80 ms on a CPU
        QCOMPARE(classifyLane(&before, worker('R', 80'000'000, 10'000'000), 0.1, false),
                 LaneState::Running);
        // 70 ms waiting in the run queue, 20 ms running: waiting for a CPU
        QCOMPARE(classifyLane(&before, worker('R', 20'000'000, 70'000'000), 0.1, false),
                 LaneState::Waiting);
        // barely ran nor waited, and asleep when the interval began: it slept, and the
        // letter at the instant only says it just woke
        const auto asleep = worker('S', 0, 0);
        QCOMPARE(classifyLane(&asleep, worker('R', 1'000'000, 0), 0.1, false), LaneState::Sleeping);
    }
    void runnableThroughoutIsWaitingNotSleeping()
    {
        // schedstat adds run-queue wait only when the task runs again: a CPU-bound worker
        // queued for the whole interval shows neither run nor wait time, but stays 'R'
        const auto before = worker('R', 500'000'000, 40'000'000);
        QCOMPARE(classifyLane(&before, worker('R', 502'000'000, 40'000'000), 0.1, false),
                 LaneState::Waiting);
        // the same deltas from a worker that went to sleep are sleeping
        QCOMPARE(classifyLane(&before, worker('S', 502'000'000, 40'000'000), 0.1, false),
                 LaneState::Sleeping);
    }
    void theEnginesCrashLetterIsCrashed()
    {
        // '!' is what the engine writes for a crashed worker (docs/run-file.md); the run's
        // events need not have been seen yet
        const auto before = worker('R', 80'000'000, 0);
        QCOMPARE(classifyLane(&before, worker('!', 80'000'000, 0), 0.1, false), LaneState::Crashed);
        QCOMPARE(classifyLane(nullptr, worker('!', 0, 0), 0, false), LaneState::Crashed);
    }
    void killedByTheEngineIsStoppedNotCrashed()
    {
        const auto before = worker('S', 80'000'000, 0);
        QCOMPARE(classifyLane(&before, worker('#', 80'000'000, 0), 0.1, false), LaneState::Stopped);
        QVERIFY(laneStateColor(LaneState::Stopped) != laneStateColor(LaneState::Crashed));
        QVERIFY(QString::fromLatin1(laneStateName(LaneState::Stopped)).contains(u"CoreLab"));
    }
    void letterWithoutHistory()
    {
        QCOMPARE(classifyLane(nullptr, worker('R', 5, 5), 0, false), LaneState::Running);
        QCOMPARE(classifyLane(nullptr, worker('D', 5, 5), 0, false), LaneState::Sleeping);
        QCOMPARE(classifyLane(nullptr, worker('?', 5, 5), 0, false), LaneState::NoData);
    }
    void goneWorkers()
    {
        const auto before = worker('R', 0, 0);
        QCOMPARE(classifyLane(&before, worker('-', 0, 0), 0.1, false), LaneState::Exited);
        QCOMPARE(classifyLane(&before, worker('Z', 0, 0), 0.1, true), LaneState::Crashed);
    }
    void countersGoingBackwardsFallBackToTheLetter()
    {
        const auto before = worker('R', 100, 100);
        QCOMPARE(classifyLane(&before, worker('S', 50, 100), 0.1, false), LaneState::Sleeping);
    }
    void everyStateHasADistinctColour()
    {
        QSet<QRgb> colors;
        for (int i = 0; i < kLaneStateCount; ++i)
            colors.insert(laneStateColor(static_cast<LaneState>(i)).rgb());
        QCOMPARE(colors.size(), kLaneStateCount);
    }
};

QTEST_GUILESS_MAIN(TstLaneState)
#include "tst_lanestate.moc"
