#include "workloads/EchoServer.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/AsyncLoop.h"

namespace corelab {

namespace {

constexpr std::size_t kMessage = 8;

struct Connection {
    int fd = -1;
    std::uint32_t generation = 0; // a reply for a closed fd's old owner is dropped
    std::size_t partial = 0;      // bytes of the next request already read
};

struct Server {
    int listenFd;
    std::int64_t latencyNs;
    std::vector<Connection> connections; // by fd
};

// timer tokens carry fd and generation, so a reused fd never gets a stale reply
std::uint64_t replyToken(int fd, std::uint32_t generation)
{
    return (static_cast<std::uint64_t>(generation) << 32) | static_cast<std::uint32_t>(fd);
}

void acceptAll(Server& s, AsyncLoop& loop)
{
    for (;;) {
        const int fd = accept4(s.listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (s.connections.size() <= static_cast<std::size_t>(fd))
            s.connections.resize(static_cast<std::size_t>(fd) + 1);
        Connection& c = s.connections[static_cast<std::size_t>(fd)];
        c.fd = fd;
        c.partial = 0;
        ++c.generation;
        loop.watch(fd, EPOLLIN, static_cast<std::uint32_t>(fd));
    }
}

// Reads what arrived and schedules one reply per complete request.
void readRequests(Server& s, AsyncLoop& loop, Connection& c)
{
    char buf[4096];
    const ssize_t n = read(c.fd, buf, sizeof buf);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        close(c.fd); // also leaves the epoll set
        c.fd = -1;
        return;
    }
    if (n < 0) return;
    c.partial += static_cast<std::size_t>(n);
    const std::int64_t due = asyncNowNs() + s.latencyNs;
    for (; c.partial >= kMessage; c.partial -= kMessage)
        loop.after(due, replyToken(c.fd, c.generation));
}

void reply(Server& s, std::uint64_t token)
{
    const auto fd = static_cast<std::size_t>(token & 0xffffffffu);
    const auto generation = static_cast<std::uint32_t>(token >> 32);
    if (fd >= s.connections.size()) return;
    const Connection& c = s.connections[fd];
    if (c.fd < 0 || c.generation != generation) return;
    const char message[kMessage] = {'c', 'o', 'r', 'e', 'l', 'a', 'b', '\n'};
    (void)!write(c.fd, message, kMessage); // 8 bytes always fit a loopback socket buffer
}

void* serve(void* arg)
{
    auto& s = *static_cast<Server*>(arg);
    AsyncLoop loop;
    loop.watch(s.listenFd, EPOLLIN, static_cast<std::uint32_t>(s.listenFd));
    for (;;)
        loop.poll(-1, [&](std::uint64_t token, std::uint32_t events) {
            const auto fd = static_cast<int>(token & 0xffffffffu);
            if (events == 0)
                reply(s, token);
            else if (fd == s.listenFd)
                acceptAll(s, loop);
            else
                readRequests(s, loop, s.connections[static_cast<std::size_t>(fd)]);
        });
    return nullptr;
}

int listenLoopback(std::uint16_t& port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || listen(fd, 4096) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    port = ntohs(addr.sin_port);
    return fd;
}

} // namespace

std::uint16_t EchoServer::start(std::int64_t latencyNs)
{
    std::uint16_t port = 0;
    const int fd = listenLoopback(port);
    if (fd < 0) return 0;
    // lives as long as the leader, which exits right after its workers
    auto* server = new Server{fd, latencyNs, {}};
    pthread_t thread;
    if (pthread_create(&thread, nullptr, serve, server) != 0) return 0;
    pthread_detach(thread);
    return port;
}

int connectEcho(std::uint16_t port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

} // namespace corelab
