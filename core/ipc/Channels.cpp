#include "ipc/Channels.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace corelab {

FdPair makeStream(StreamKind kind)
{
    int fds[2] = {-1, -1};
    const int rc = kind == StreamKind::Pipe
                       ? pipe2(fds, O_NONBLOCK | O_CLOEXEC)
                       : socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds);
    if (rc != 0) return {};
    return {fds[0], fds[1]};
}

std::vector<FdPair> makeStreams(StreamKind kind, int count)
{
    std::vector<FdPair> all;
    all.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        all.push_back(makeStream(kind));
    return all;
}

bool pollFd(int fd, short events, int timeoutMs)
{
    pollfd p{fd, events, 0};
    return poll(&p, 1, timeoutMs) > 0;
}

} // namespace corelab
