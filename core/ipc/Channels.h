#pragma once

#include <vector>

namespace corelab {

// Two ends of a byte stream between a pair of workers: the writer writes writeFd,
// the reader reads readFd. Created in the leader before any fork, so every forked
// worker inherits them; close-on-exec, so an exec'd worker never sees stale ones.
struct FdPair {
    int readFd = -1;
    int writeFd = -1;
};

enum class StreamKind { Pipe, Socket };

// Non-blocking ends, so a side that cannot move data polls with a timeout and can
// notice a stop request. Ends are -1 when the kernel refused (e.g. too many fds).
FdPair makeStream(StreamKind kind);
std::vector<FdPair> makeStreams(StreamKind kind, int count);

// poll() one fd for `events` for at most timeoutMs; true when it is ready.
bool pollFd(int fd, short events, int timeoutMs);

} // namespace corelab
