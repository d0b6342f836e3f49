#pragma once

// Small helpers the core, window and benchmark tests share. Nothing here links
// GoogleTest, Qt or the core: each folder's own helpers build on these.
#include <cstdint>
#include <string>
#include <vector>

namespace corelab::test {

inline constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

// The whole file as it is on disk; "" when it cannot be read.
std::string slurp(const std::string& path);
// A character device itself (/dev/null, /dev/full), not a link to one or a file put
// in its place.
bool isCharDevice(const std::string& path);

// A device that refuses every write with ENOSPC: /dev/full, or as root (CI) a private
// one made at `privatePath`, so a test that goes wrong cannot harm the machine's own.
std::string fullDevice(const std::string& privatePath);

// Live, non-zombie processes whose process group is pgid: what a run left behind.
std::vector<int> processesInGroup(int pgid);
bool processAlive(int pid);
// Ended and reaped (or never was): kill() finds no such process.
bool processGone(int pid);

// Wall time of a shell command (std::system), printing its exit status when not 0.
double secondsFor(const std::string& command);

} // namespace corelab::test
