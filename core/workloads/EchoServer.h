#pragma once

#include <cstdint>

namespace corelab {

// The io workload's loopback TCP server: one thread in the leader, epoll over every
// connection; each 8-byte request is echoed back after `latencyNs` (a timer, not a
// sleep, so thousands of requests wait at once). It lives until the leader exits.
class EchoServer {
public:
    // Listens on 127.0.0.1 (ephemeral port) and starts the thread; port 0 on failure.
    static std::uint16_t start(std::int64_t latencyNs);
};

// Connects to the server (blocking, TCP_NODELAY); -1 on failure.
int connectEcho(std::uint16_t port);

} // namespace corelab
