#pragma once

#include <cstddef>
#include <cstdint>

namespace corelab {

// What a workload's own summary reads from the stream of samples, gathered a sample at
// a time (SummaryBuilder), so neither the engine nor a hook has to hold every sample of
// a long run.
struct SampleDigest {
    std::size_t samples = 0;
    double lastT = 0; // t of the last sample; 0 when none
    // t of the last sample in which Σ ops of its workers grew beyond every earlier sum
    double lastProgressT = 0;
    std::uint64_t mostOps = 0; // that largest Σ ops
    // most workers alive (state not '-', '?' or 'Z') in one sample, and most distinct
    // pids among them
    std::size_t peakAliveThreads = 0;
    std::size_t peakAliveProcesses = 0;
};

} // namespace corelab
