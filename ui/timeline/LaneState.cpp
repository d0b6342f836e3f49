#include "timeline/LaneState.h"

#include "Theme.h"

#include <algorithm>

namespace corelab::ui {

namespace {

bool gone(char state)
{
    return state == '-' || state == 'Z' || state == 'X' || state == 'x';
}

LaneState fromLetter(char state)
{
    if (state == 'R') return LaneState::Running;
    if (state == 'S' || state == 'D' || state == 'I' || state == 'T' || state == 't')
        return LaneState::Sleeping;
    return LaneState::NoData;
}

LaneShares whole(LaneState s)
{
    LaneShares shares{};
    if (s != LaneState::NoData) shares[static_cast<std::size_t>(s)] = 1;
    return shares;
}

float& at(LaneShares& shares, LaneState s)
{
    return shares[static_cast<std::size_t>(s)];
}

// Share of the interval a cumulative counter grew by, 0 when it went backwards.
double grown(std::uint64_t before, std::uint64_t after, double intervalNs)
{
    return after >= before ? static_cast<double>(after - before) / intervalNs : 0.0;
}

} // namespace

LaneShares laneShares(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                      bool crashed, bool lockShared)
{
    if (now.state == '!') return whole(LaneState::Crashed);
    if (now.state == '#') return whole(LaneState::Stopped);
    if (gone(now.state)) return whole(crashed ? LaneState::Crashed : LaneState::Exited);
    if (!previous || intervalS <= 0 || now.runNs < previous->runNs || now.waitNs < previous->waitNs)
        return whole(fromLetter(now.state));
    const double intervalNs = intervalS * 1e9;
    double run = grown(previous->runNs, now.runNs, intervalNs);
    double wait = grown(previous->waitNs, now.waitNs, intervalNs);
    double held = 0, lockWait = 0;
    if (lockShared && now.lockHeldNs && now.lockWaitNs && previous->lockHeldNs &&
        previous->lockWaitNs) {
        held = grown(*previous->lockHeldNs, *now.lockHeldNs, intervalNs);
        lockWait = grown(*previous->lockWaitNs, *now.lockWaitNs, intervalNs);
        // counters read a moment apart can add up to a little more than the interval
        if (const double sum = held + lockWait; sum > 1) {
            held /= sum;
            lockWait /= sum;
        }
        // the holder's CPU time lies inside its holding; a holder off the CPU was
        // (as far as the counters tell) queued for one
        wait = std::max(0.0, wait - std::max(0.0, held - run));
        run = std::max(0.0, run - held);
    }
    const double free = std::max(0.0, 1.0 - held - lockWait);
    run = std::min(run, free);
    wait = std::min(wait, free - run);
    const double rest = free - run - wait;
    LaneShares shares{};
    at(shares, LaneState::HoldingLock) = static_cast<float>(held);
    at(shares, LaneState::WaitingLock) = static_cast<float>(lockWait);
    at(shares, LaneState::Running) = static_cast<float>(run);
    at(shares, LaneState::Waiting) = static_cast<float>(wait);
    const bool runnable = now.state == 'R' && previous->state == 'R';
    at(shares, runnable ? LaneState::Waiting : LaneState::Sleeping) += static_cast<float>(rest);
    return shares;
}

LaneState dominantState(const LaneShares& shares)
{
    // ties go to the earlier state: running before waiting before sleeping
    const auto best = std::max_element(shares.begin(), shares.end());
    if (*best <= 0) return LaneState::NoData;
    return static_cast<LaneState>(best - shares.begin());
}

LaneState classifyLane(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                       bool crashed, bool lockShared)
{
    return dominantState(laneShares(previous, now, intervalS, crashed, lockShared));
}

const char* laneStateName(LaneState s)
{
    switch (s) {
    case LaneState::Running:
        return "running";
    case LaneState::Waiting:
        return "waiting for a CPU";
    case LaneState::Sleeping:
        return "sleeping / blocked";
    case LaneState::Exited:
        return "exited";
    case LaneState::Crashed:
        return "crashed";
    case LaneState::Stopped:
        return "stalled, stopped by CoreLab";
    case LaneState::HoldingLock:
        return "holding the interpreter lock";
    case LaneState::WaitingLock:
        return "waiting for the interpreter lock";
    case LaneState::NoData:
        break;
    }
    return "no data";
}

const char* laneStateShortName(LaneState s)
{
    switch (s) {
    case LaneState::Waiting:
        return "waiting for CPU";
    case LaneState::Sleeping:
        return "sleeping";
    case LaneState::Stopped:
        return "stopped by CoreLab";
    case LaneState::HoldingLock:
        return "holding lock";
    case LaneState::WaitingLock:
        return "waiting for lock";
    default:
        return laneStateName(s);
    }
}

QColor laneStateColor(LaneState s)
{
    return currentTheme().lane(s);
}

} // namespace corelab::ui
