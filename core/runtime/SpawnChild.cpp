#include "runtime/SpawnChild.h"

#include <cerrno>
#include <climits>
#include <system_error>

#include <fcntl.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/ControlBlock.h"

extern char** environ;

namespace corelab::worker {

namespace {

void* threadBody(void* mark)
{
    static_cast<std::atomic<std::int64_t>*>(mark)->store(monotonicNs(), std::memory_order_release);
    return nullptr;
}

bool reap(pid_t pid)
{
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

int spawnProbeMain()
{
    const std::int64_t now = monotonicNs();
    return write(STDOUT_FILENO, &now, sizeof now) == sizeof now ? 0 : 1;
}

ChildSpawner::ChildSpawner(SpawnKind kind)
    : kind_(kind)
{
    if (kind_ == SpawnKind::Thread || kind_ == SpawnKind::Fork) return;
    char path[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) throw std::system_error(errno, std::generic_category(), "readlink /proc/self/exe");
    exe_.assign(path, static_cast<std::size_t>(n));
    // non-blocking read: a child that died before writing must not hang the worker
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
    pipeRead_ = fds[0];
    pipeWrite_ = fds[1];
    fcntl(pipeRead_, F_SETFL, O_NONBLOCK);
    posix_spawn_file_actions_init(&actions_);
    posix_spawn_file_actions_adddup2(&actions_, pipeWrite_, STDOUT_FILENO); // clears CLOEXEC
}

ChildSpawner::~ChildSpawner()
{
    if (pipeRead_ < 0) return;
    posix_spawn_file_actions_destroy(&actions_);
    close(pipeRead_);
    close(pipeWrite_);
}

std::optional<SpawnTiming> ChildSpawner::once(std::atomic<std::int64_t>& mark)
{
    switch (kind_) {
    case SpawnKind::Thread:
        return onceThread(mark);
    case SpawnKind::Fork:
        return onceFork(mark);
    default:
        return onceProgram();
    }
}

std::optional<SpawnTiming> ChildSpawner::onceThread(std::atomic<std::int64_t>& mark)
{
    mark.store(0, std::memory_order_relaxed);
    SpawnTiming t;
    t.createNs = monotonicNs();
    pthread_t thread;
    if (pthread_create(&thread, nullptr, threadBody, &mark) != 0) return std::nullopt;
    pthread_join(thread, nullptr);
    t.reapedNs = monotonicNs();
    t.runningNs = mark.load(std::memory_order_acquire);
    return t;
}

std::optional<SpawnTiming> ChildSpawner::onceFork(std::atomic<std::int64_t>& mark)
{
    mark.store(0, std::memory_order_relaxed);
    SpawnTiming t;
    t.createNs = monotonicNs();
    const pid_t pid = fork();
    if (pid == 0) {
        mark.store(monotonicNs(), std::memory_order_release);
        _exit(0);
    }
    if (pid < 0 || !reap(pid)) return std::nullopt;
    t.reapedNs = monotonicNs();
    t.runningNs = mark.load(std::memory_order_acquire);
    return t;
}

// fork+exec or posix_spawn of corelab-worker --spawn-probe, stdout into our pipe.
pid_t ChildSpawner::startProgram()
{
    char* const argv[] = {const_cast<char*>(exe_.c_str()), const_cast<char*>(kSpawnProbeFlag),
                          nullptr};
    if (kind_ == SpawnKind::Spawn) {
        pid_t pid = -1;
        return posix_spawn(&pid, exe_.c_str(), &actions_, nullptr, argv, environ) == 0 ? pid : -1;
    }
    const pid_t pid = fork();
    if (pid == 0) {
        // only async-signal-safe calls here: the parent may have other threads
        dup2(pipeWrite_, STDOUT_FILENO);
        execve(exe_.c_str(), argv, environ);
        _exit(127);
    }
    return pid;
}

std::optional<SpawnTiming> ChildSpawner::onceProgram()
{
    SpawnTiming t;
    t.createNs = monotonicNs();
    const pid_t pid = startProgram();
    if (pid < 0 || !reap(pid)) return std::nullopt;
    t.reapedNs = monotonicNs();
    // the child wrote before it ended, so the bytes are already in the pipe
    if (read(pipeRead_, &t.runningNs, sizeof t.runningNs) != sizeof t.runningNs)
        return std::nullopt;
    return t;
}

} // namespace corelab::worker
