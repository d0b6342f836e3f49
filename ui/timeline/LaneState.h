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
    Crashed = 4
};
inline constexpr int kLaneStateCount = 5;

// Classifies one worker over the interval that ends at `now`. With a previous sample
// the schedstat deltas decide (ns: run time vs run-queue wait vs the rest, which is
// sleeping or blocked); without one, the /proc state letter at the instant does.
// `crashed` comes from the run's events: the worker ended by a signal we did not send.
LaneState classifyLane(const WorkerSample* previous, const WorkerSample& now, double intervalS,
                       bool crashed);

const char* laneStateName(LaneState s);
// Colours chosen to stay apart for the common colour-vision deficiencies, on light and
// dark backgrounds alike.
QColor laneStateColor(LaneState s);

} // namespace corelab::ui
