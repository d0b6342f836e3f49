#pragma once

#include <optional>

#include <QColor>

#include "record/Sample.h"

namespace corelab::ui {

// What a worker thread mostly did over one sample interval.
enum class LaneState {
    NoData = -1,
    Running = 0,
    Waiting = 1,
    Sleeping = 2,
    Exited = 3,
    Crashed = 4,
    Stopped = 5, // stalled, and killed by CoreLab when it ignored the stop request
};
inline constexpr int kLaneStateCount = 6;

// Classifies one worker over the interval that ends at `now`. With a previous sample
// the schedstat deltas decide (ns: run time vs run-queue wait vs the rest, which is
// sleeping or blocked); without one, the /proc state letter at the instant does.
// schedstat adds run-queue wait only when the task next runs, so a worker runnable ('R')
// at both ends of an interval it barely ran in was waiting for a CPU, not asleep.
// The engine's own letters say how a worker ended: '!' crashed, '#' killed by CoreLab.
// `crashed` comes from the run's events, for files whose gone workers say only '-' or 'Z'.
LaneState classifyLane(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                       bool crashed);

const char* laneStateName(LaneState s);
// Colours chosen to stay apart for the common colour-vision deficiencies, on light and
// dark backgrounds alike.
QColor laneStateColor(LaneState s);

} // namespace corelab::ui
