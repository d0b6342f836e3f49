#pragma once

#include <cstdint>

#include "catalogue/Catalogue.h"
#include "runtime/WorkerContext.h"

namespace corelab {

enum class IoMode { Sleep = 0, File = 1, Socket = 2 };

// What the io workload's prepare() builds in the leader: forked workers inherit the
// file descriptor, threads share it; both reach the echo server by its port.
struct IoState {
    IoMode mode = IoMode::Sleep;
    std::int64_t latencyNs = 0;
    int fileFd = -1;              // already unlinked: nothing is left behind, even on SIGKILL
    std::uint64_t fileBlocks = 0; // 4 KiB blocks in the file
    bool dropCache = false;       // posix_fadvise(DONTNEED) after each read
    std::uint16_t port = 0;       // echo server on 127.0.0.1
    int error = 0;                // errno when prepare() failed
};

// Worker figure slots of io (and of mixed, which shares the async figure).
inline constexpr int kIoDiskBytesFigure = 0; // bytes this thread read from storage
inline constexpr int kInFlightFigure = 1;    // async: streams that kept a request in flight

// The async model's io kernel (sleep and socket modes).
void runIoAsync(WorkerContext& ctx, const IoState& state);

// Sleeps for ns in slices of at most 50 ms; false when the run stopped first.
bool sleepFor(WorkerContext& ctx, std::int64_t ns);

// A parameter's value before validation has filled in the defaults.
double paramOr(const ExperimentSpec& spec, const char* name, double fallback);

} // namespace corelab
