#pragma once

#include <cstddef>
#include <string>

#include "catalogue/Catalogue.h"
#include "runtime/WorkerContext.h"

namespace corelab {

// Helpers for workloads whose workers come in pairs (2k, 2k+1): messaging, pingpong.

inline int pairOf(const WorkerContext& ctx)
{
    return ctx.index() / 2;
}
inline bool isFirstOfPair(const WorkerContext& ctx)
{
    return ctx.index() % 2 == 0;
}

// "" when the spec has whole pairs, otherwise why not.
std::string pairsUnsupported(const ExperimentSpec& spec, const char* workload);

enum class Xfer {
    Done,  // the whole buffer moved
    Idle,  // nothing moved during one 10 ms wait: call keepGoing() and try again
    Ended, // stop was asked or the other end is gone
};

// Whole-buffer transfer over a non-blocking fd. A side that cannot move data sleeps
// in poll() for at most 10 ms (a blocking call: the emulated interpreter lock is let
// go). Once part of the buffer moved, it finishes the buffer unless the run stops.
Xfer sendAll(WorkerContext& ctx, int fd, const void* data, std::size_t n);
Xfer recvAll(WorkerContext& ctx, int fd, void* data, std::size_t n);

} // namespace corelab
