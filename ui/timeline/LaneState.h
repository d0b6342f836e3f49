#pragma once

#include <array>
#include <optional>

#include <QColor>

#include "record/Sample.h"

namespace corelab::ui {

// What a worker thread did over one sample interval.
enum class LaneState {
    NoData = -1,
    Running = 0,
    Waiting = 1,
    Sleeping = 2,
    Exited = 3,
    Crashed = 4,
    Stopped = 5,     // stalled, and killed by CoreLab when it ignored the stop request
    HoldingLock = 6, // holding the emulated interpreter lock another thread wants too
    WaitingLock = 7, // waiting for the emulated interpreter lock
};
inline constexpr int kLaneStateCount = 8;

// The share of one sample interval a worker spent in each state, by LaneState value.
// They sum to 1, or are all 0 when nothing is known.
using LaneShares = std::array<float, kLaneStateCount>;

// Splits the interval that ends at `now` between the states. With a previous sample
// the schedstat deltas decide (ns: run time, run-queue wait, and the rest, which is
// sleeping or blocked); without one, the /proc state letter at the instant does, whole.
// schedstat adds run-queue wait only when the task next runs, so the rest of a worker
// runnable ('R') at both ends of the interval was waiting for a CPU, not asleep.
// `lockShared`: the worker shares an interpreter lock with other threads and the
// samples carry its lock times; then the time it held the lock and the time it waited
// for it come first, and run time and run-queue wait fill the rest (the holder's CPU
// time is part of holding; waiting for the lock is never sleeping).
// The engine's own letters say how a worker ended: '!' crashed, '#' killed by CoreLab.
// `crashed` comes from the run's events, for files whose gone workers say only '-' or 'Z'.
LaneShares laneShares(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                      bool crashed, bool lockShared = false);

// The state with the largest share (NoData when nothing is known).
LaneState dominantState(const LaneShares& shares);

// dominantState(laneShares(…)).
LaneState classifyLane(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                       bool crashed, bool lockShared = false);

// The order shares are stacked in a lane, top to bottom.
inline constexpr std::array<LaneState, kLaneStateCount> kLaneStackOrder = {
    LaneState::HoldingLock, LaneState::Running, LaneState::Waiting, LaneState::WaitingLock,
    LaneState::Sleeping,    LaneState::Exited,  LaneState::Crashed, LaneState::Stopped};

const char* laneStateName(LaneState s);
// The legend's few words for it ("waiting for CPU", "holding lock"); the tooltip and
// the docs give the full name.
const char* laneStateShortName(LaneState s);
// The current theme's colour of the state (Theme.h; chosen and tested to stay apart with
// protanopia and deuteranopia in every theme).
QColor laneStateColor(LaneState s);

} // namespace corelab::ui
