#include "timeline/LaneState.h"

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

} // namespace

LaneState classifyLane(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                       bool crashed)
{
    if (now.state == '!') return LaneState::Crashed;
    if (now.state == '#') return LaneState::Stopped;
    if (gone(now.state)) return crashed ? LaneState::Crashed : LaneState::Exited;
    if (!previous || intervalS <= 0 || now.runNs < previous->runNs || now.waitNs < previous->waitNs)
        return fromLetter(now.state);
    const double intervalNs = intervalS * 1e9;
    const double run = static_cast<double>(now.runNs - previous->runNs) / intervalNs;
    const double wait = static_cast<double>(now.waitNs - previous->waitNs) / intervalNs;
    const double rest = 1.0 - run - wait;
    if (run >= wait && run >= rest) return LaneState::Running;
    if (wait >= rest) return LaneState::Waiting;
    if (now.state == 'R' && previous->state == 'R') return LaneState::Waiting;
    return LaneState::Sleeping;
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
    case LaneState::NoData:
        break;
    }
    return "no data";
}

QColor laneStateColor(LaneState s)
{
    switch (s) {
    case LaneState::Running:
        return QColor(0x2e, 0xa0, 0x43);
    case LaneState::Waiting:
        return QColor(0xe6, 0x9f, 0x00);
    case LaneState::Sleeping:
        return QColor(0x56, 0xb4, 0xe9);
    case LaneState::Exited:
        return QColor(0x99, 0x99, 0x99);
    case LaneState::Crashed:
        return QColor(0xd5, 0x3e, 0x4f);
    case LaneState::Stopped:
        return QColor(0x6a, 0x3d, 0x9a);
    case LaneState::NoData:
        break;
    }
    return QColor(Qt::transparent);
}

} // namespace corelab::ui
