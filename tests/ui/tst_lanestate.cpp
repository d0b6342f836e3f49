#include <QtTest>

#include "UiTestMain.h"
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

WorkerSample locked(char state, std::uint64_t runNs, std::uint64_t heldNs, std::uint64_t lockWaitNs)
{
    WorkerSample w = worker(state, runNs, 0);
    w.lockHeldNs = heldNs;
    w.lockWaitNs = lockWaitNs;
    return w;
}

float share(const LaneShares& shares, LaneState s)
{
    return shares[static_cast<std::size_t>(s)];
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
    void takingTurnsOnTheLockIsHalfHoldingHalfWaiting()
    {
        // 100 ms: held the lock 50 ms (computing 48 of them), waited for it 50 ms
        const auto before = locked('R', 1'000'000'000, 500'000'000, 500'000'000);
        const auto now = locked('S', 1'048'000'000, 550'000'000, 550'000'000);
        const LaneShares shares = laneShares(&before, now, 0.1, false, true);
        QVERIFY(qAbs(share(shares, LaneState::HoldingLock) - 0.5f) < 0.01f);
        QVERIFY(qAbs(share(shares, LaneState::WaitingLock) - 0.5f) < 0.01f);
        // the CPU time was spent holding the lock; waiting for it is not sleeping
        QVERIFY(share(shares, LaneState::Running) < 0.01f);
        QVERIFY(share(shares, LaneState::Sleeping) < 0.01f);
        float sum = 0;
        for (float x : shares)
            sum += x;
        QVERIFY(qAbs(sum - 1.0f) < 0.001f);
    }
    void waitingForTheLockIsNotSleeping()
    {
        // asleep on the lock's condition variable nearly the whole interval
        const auto before = locked('S', 0, 0, 0);
        const auto now = locked('S', 2'000'000, 5'000'000, 93'000'000);
        QCOMPARE(classifyLane(&before, now, 0.1, false, true), LaneState::WaitingLock);
        // the same counters without a lock shared with others: the lock is not drawn
        QCOMPARE(classifyLane(&before, now, 0.1, false, false), LaneState::Sleeping);
        // nor without lock figures (a run without the lock, or an older file)
        const auto plainBefore = worker('S', 0, 0), plainNow = worker('S', 2'000'000, 0);
        QCOMPARE(classifyLane(&plainBefore, plainNow, 0.1, false, true), LaneState::Sleeping);
    }
    void sharesOfAnIntervalWithoutTheLock()
    {
        // 40 ms running, 30 ms queued, the rest asleep: every part is kept
        const auto before = worker('S', 0, 0);
        const LaneShares shares =
            laneShares(&before, worker('S', 40'000'000, 30'000'000), 0.1, false);
        QVERIFY(qAbs(share(shares, LaneState::Running) - 0.4f) < 0.001f);
        QVERIFY(qAbs(share(shares, LaneState::Waiting) - 0.3f) < 0.001f);
        QVERIFY(qAbs(share(shares, LaneState::Sleeping) - 0.3f) < 0.001f);
    }
    void theLockColoursAreApartInLightnessToo()
    {
        // taking turns must read without colour vision: the two lock states are far
        // apart in lightness, and apart from running and sleeping
        const auto lightness = [](LaneState s) { return laneStateColor(s).toHsl().lightness(); };
        QVERIFY(qAbs(lightness(LaneState::HoldingLock) - lightness(LaneState::WaitingLock)) > 80);
        for (LaneState other : {LaneState::Running, LaneState::Sleeping, LaneState::Waiting})
            for (LaneState lock : {LaneState::HoldingLock, LaneState::WaitingLock})
                QVERIFY(laneStateColor(lock) != laneStateColor(other));
    }
    void everyStateHasADistinctColour()
    {
        QSet<QRgb> colors;
        for (int i = 0; i < kLaneStateCount; ++i)
            colors.insert(laneStateColor(static_cast<LaneState>(i)).rgb());
        QCOMPARE(colors.size(), kLaneStateCount);
    }
};

CORELAB_UI_TEST(TstLaneState)
#include "tst_lanestate.moc"
