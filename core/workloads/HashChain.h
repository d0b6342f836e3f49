#pragma once

#include <cstdint>

namespace corelab {

// A serial chain of multiply-xorshift rounds: each round needs the previous result,
// so the work can be neither vectorised nor folded away. The cpu and mixed
// workloads compute with it.
inline std::uint64_t hashRounds(std::uint64_t x, std::uint64_t rounds)
{
    for (std::uint64_t r = 0; r < rounds; ++r) {
        x ^= x >> 31;
        x *= 0x9e3779b97f4a7c15ULL;
        x ^= x >> 29;
    }
    return x;
}

} // namespace corelab
