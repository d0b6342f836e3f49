#include "worker/ExternalRunner.h"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/ProcessTree.h"

namespace corelab::worker {

std::optional<std::uint64_t> OpsLineParser::opsIn(std::string_view line)
{
    constexpr std::string_view kTag = "corelab-ops";
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    if (line.substr(0, kTag.size()) != kTag) return std::nullopt;
    line.remove_prefix(kTag.size());
    if (line.empty() || (line.front() != ' ' && line.front() != '\t')) return std::nullopt;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        line.remove_prefix(1);
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), n);
    if (ec != std::errc() || end != line.data() + line.size()) return std::nullopt;
    return n;
}

std::uint64_t OpsLineParser::feed(std::string_view chunk, std::string& otherLines)
{
    std::uint64_t ops = 0;
    partial_.append(chunk);
    std::size_t start = 0;
    for (std::size_t nl; (nl = partial_.find('\n', start)) != std::string::npos; start = nl + 1) {
        const std::string_view line(partial_.data() + start, nl - start);
        if (auto n = opsIn(line))
            ops += *n;
        else
            otherLines.append(line).push_back('\n');
    }
    partial_.erase(0, start);
    // a program that never ends its line must not grow this without bound
    if (partial_.size() > 64 * 1024) partial_.clear();
    return ops;
}

namespace {

struct Command {
    pid_t pid = -1;
    int out = -1; // read end of its stdout
};

// Forks and execs; the child dies with the leader, reads /dev/null, and does not keep
// the control block. An exec failure comes back through a close-on-exec pipe.
Command startCommand(const std::vector<std::string>& words, int controlFd, int& error)
{
    std::vector<char*> argv;
    for (const auto& w : words)
        argv.push_back(const_cast<char*>(w.c_str()));
    argv.push_back(nullptr);
    int out[2], failed[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(failed, O_CLOEXEC) != 0) {
        error = errno;
        return {};
    }
    const pid_t leader = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != leader) _exit(127);
        dup2(out[1], STDOUT_FILENO);
        // O_CLOEXEC: only the copy on stdin may reach the command
        if (int null = open("/dev/null", O_RDONLY | O_CLOEXEC); null > STDIN_FILENO)
            dup2(null, STDIN_FILENO);
        else if (null == STDIN_FILENO)
            fcntl(null, F_SETFD, 0);
        close(controlFd);
        // nothing CoreLab inherited (a shell's stray descriptors, the window's) reaches it
        close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
        execvp(argv[0], argv.data());
        const int e = errno;
        (void)!write(failed[1], &e, sizeof e);
        _exit(127);
    }
    close(out[1]);
    close(failed[1]);
    error = pid < 0 ? errno : 0;
    if (pid > 0 && read(failed[0], &error, sizeof error) == sizeof error) {
        waitpid(pid, nullptr, 0);
        close(out[0]);
        close(failed[0]);
        return {};
    }
    close(failed[0]);
    return pid > 0 ? Command{pid, out[0]} : Command{};
}

struct Ending {
    int status = 0;
    rusage usage{};
    bool reaped = false; // the command's status is known
    bool stoppedByUs = false;
};

// Reaps every child that has ended: the command, and orphans handed to the leader as
// child subreaper. Only here is anything reaped, so the command's status is never
// taken by a wait meant for another process.
void reapEnded(pid_t command, Ending& end)
{
    for (;;) {
        int status = 0;
        rusage usage{};
        const pid_t pid = wait4(-1, &status, WNOHANG, &usage);
        if (pid <= 0) return;
        if (pid == command) {
            end.status = status;
            end.usage = usage;
            end.reaped = true;
        }
    }
}

// Signals every process the command started, in the group or not (a daemon that called
// setsid is found through its parent links).
std::size_t signalDescendants(int sig)
{
    probe::ProcessTree tree;
    const auto& rest = tree.scan(getpid());
    for (const auto& p : rest)
        kill(p.pid, sig);
    return rest.size();
}

// Kills every descendant of the leader until none is left (a dying parent's children
// may still be forking), reaping as it goes.
void killDescendants(pid_t command, Ending& end)
{
    for (int round = 0; round < 50; ++round) {
        const bool any = signalDescendants(SIGKILL) > 0;
        reapEnded(command, end);
        if (!any) return;
        usleep(2000);
    }
}

} // namespace

namespace {

// How long a command may take to end after SIGTERM; well inside the engine's own
// grace period, after which it kills the whole group, leader included.
constexpr std::int64_t kTermGraceNs = 1'000'000'000;

// Reads what the command has written so far (the fd is non-blocking).
void drain(int& fd, OpsLineParser& parser, WorkerSlot& slot)
{
    char buffer[4096];
    while (fd >= 0) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return; // nothing more for now
        if (n == 0) {      // every writer has gone
            close(fd);
            fd = -1;
            return;
        }
        std::string other;
        const std::uint64_t ops =
            parser.feed(std::string_view(buffer, static_cast<std::size_t>(n)), other);
        if (ops) slot.ops.fetch_add(ops, std::memory_order_relaxed);
        if (!other.empty()) (void)!write(STDERR_FILENO, other.data(), other.size());
    }
}

// The command is the run's only worker: its start opens the barrier.
void markStarted(ControlBlock& block, pid_t pid)
{
    WorkerSlot& slot = *block.slot(0);
    slot.pid.store(pid);
    slot.tid.store(pid);
    const std::int64_t now = monotonicNs();
    slot.startNs.store(now);
    slot.state.store(static_cast<std::uint32_t>(WorkerState::Running), std::memory_order_release);
    ControlHeader& h = *block.header();
    h.releasedNs.store(now);
    h.runState.store(static_cast<std::uint32_t>(RunState::Running), std::memory_order_release);
    h.go.store(1, std::memory_order_release);
    futexWakeAll(h.go);
}

void markEnded(ControlBlock& block, int status, const rusage& ru, bool stoppedByUs)
{
    WorkerSlot& slot = *block.slot(0);
    slot.endNs.store(monotonicNs());
    auto ns = [](const timeval& tv) { return tv.tv_sec * 1'000'000'000LL + tv.tv_usec * 1000LL; };
    // the command and every descendant it waited for
    slot.cpuNs.store(ns(ru.ru_utime) + ns(ru.ru_stime));
    slot.exitStatus.store(status);
    const bool crashed = WIFSIGNALED(status) && !stoppedByUs;
    slot.state.store(
        static_cast<std::uint32_t>(crashed ? WorkerState::Crashed : WorkerState::Exited),
        std::memory_order_release);
}

// Reads ops until the command ends; on stop, SIGTERM to the group, then SIGKILL. When the
// engine is gone (a killed window or CLI), SIGKILL to every descendant at once.
Ending supervise(ControlBlock& block, Command& cmd, pid_t engine)
{
    OpsLineParser parser;
    WorkerSlot& slot = *block.slot(0);
    Ending end;
    std::int64_t termAt = 0;
    for (;;) {
        pollfd p{cmd.out, POLLIN, 0};
        poll(&p, cmd.out >= 0 ? 1 : 0, 10); // ~10 ms: the stop flag is not an fd
        drain(cmd.out, parser, slot);
        reapEnded(cmd.pid, end);
        if (end.reaped) break;
        if (getppid() != engine) {
            end.stoppedByUs = true;
            killDescendants(cmd.pid, end);
            continue;
        }
        if (!termAt && block.header()->stop.load(std::memory_order_acquire)) {
            end.stoppedByUs = true;
            termAt = monotonicNs();
            kill(-getpgrp(), SIGTERM); // the leader ignores it
            signalDescendants(SIGTERM);
        }
        if (termAt && monotonicNs() - termAt > kTermGraceNs) killDescendants(cmd.pid, end);
    }
    drain(cmd.out, parser, slot);
    if (cmd.out >= 0) close(cmd.out);
    return end;
}

} // namespace

int runExternal(const RunPlan& plan, int controlFd)
{
    ControlBlock& block = *plan.block;
    // A process whose parent dies is handed to the nearest subreaper: the leader, so
    // what the command leaves behind (daemons that left the group too) can be ended.
    // Before the fork: a command that orphans a daemon at once must find it set.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // The parent-death signal set at the leader's start would kill it with the engine,
    // before it could end the command's processes: only the command has one of its own
    // (tied to the leader), so its children would outlive a killed window. Instead the
    // leader notices its parent has changed, within one 10 ms poll, and ends them all.
    const pid_t engine = getppid();
    prctl(PR_SET_PDEATHSIG, 0);
    if (getppid() != engine) return 1; // the engine died before the signal was cleared
    int error = 0;
    Command cmd = startCommand(plan.spec->command, controlFd, error);
    if (cmd.pid < 0) {
        std::fprintf(stderr, "corelab-worker: cannot run '%s': %s\n",
                     plan.spec->command.front().c_str(), std::strerror(error));
        block.header()->leaderError.store(error);
        return 1;
    }
    // only now: the command must keep the default disposition
    signal(SIGTERM, SIG_IGN);
    fcntl(cmd.out, F_SETFL, O_NONBLOCK);
    markStarted(block, cmd.pid);
    Ending end = supervise(block, cmd, engine);
    markEnded(block, end.status, end.usage, end.stoppedByUs);
    killDescendants(cmd.pid, end); // what the command left behind ends with the run
    if (!end.stoppedByUs && WIFEXITED(end.status) && WEXITSTATUS(end.status) != 0) {
        std::fprintf(stderr, "corelab-worker: the command exited with code %d\n",
                     WEXITSTATUS(end.status));
        return 1;
    }
    return 0;
}

} // namespace corelab::worker
