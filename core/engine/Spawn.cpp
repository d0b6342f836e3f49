#include "engine/Spawn.h"

#include <cerrno>
#include <csignal>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/ControlBlock.h"
#include "probe/ProcessTree.h"

extern char** environ;

namespace corelab {

namespace {

// The leaders this process spawned and has not reaped. The process is a child subreaper
// and starts nothing else in a session of its own, so its other children outside its
// session were handed to it by runs; these were not, and their runs may still be going
// (on another Engine). Process-wide, as being a subreaper is.
std::mutex leadersMutex;
std::vector<int> unreapedLeaders;

} // namespace

pid_t spawnLeader(const std::string& workerPath, int controlFd, const std::string& specJson)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, controlFd, 3); // also clears FD_CLOEXEC
    // whatever else this process inherited (a shell's strays) stays out of the run
    posix_spawn_file_actions_addclosefrom_np(&actions, 4);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all); // the GUI or CLI may ignore or catch some
    // A new session is also a new process group (one kill(-pgid) ends the run) and,
    // where the scheduler groups by session (autogroup), a thousand busy workers
    // share the CPU with the window as one group rather than starving it.
    posix_spawnattr_setflags(&attr,
                             POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const std::string parent = std::to_string(getpid());
    std::vector<const char*> argv = {"corelab-worker", "--control-fd",   "3",
                                     "--spec",         specJson.c_str(), "--parent",
                                     parent.c_str(),   nullptr};
    pid_t pid = -1;
    int err = 0;
    {
        // listed before any other run's final scan can see it
        std::lock_guard lock(leadersMutex);
        err = posix_spawn(&pid, workerPath.c_str(), &actions, &attr,
                          const_cast<char* const*>(argv.data()), environ);
        if (err == 0) unreapedLeaders.push_back(pid);
    }
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0)
        throw std::system_error(err, std::generic_category(), "cannot start " + workerPath);
    return pid;
}

bool leaderEnded(pid_t leader, int& status)
{
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(leader), &info, WEXITED | WNOHANG | WNOWAIT) != 0)
        return errno == ECHILD; // already reaped: nothing left to wait for
    if (info.si_pid == 0) return false;
    status = info.si_code == CLD_EXITED ? W_EXITCODE(info.si_status, 0) : info.si_status;
    return true;
}

std::vector<int> descendantsOf(pid_t leader)
{
    std::vector<int> pids;
    probe::ProcessTree tree;
    for (const probe::GroupProcess& p : tree.scan(leader))
        pids.push_back(p.pid);
    return pids;
}

namespace {

// True once `pid` is reaped or gone. A stray becomes our child only when its parent
// has died (we are the subreaper); until then it is not ours to wait for.
bool strayDone(int pid)
{
    const pid_t r = waitpid(pid, nullptr, WNOHANG);
    if (r == pid) return true;
    return r < 0 && errno == ECHILD && kill(pid, 0) != 0 && errno == ESRCH;
}

// One round: SIGKILL to the group and the leader's descendants (while its number is
// still theirs) and to what runs handed to this process (their orphans, once their
// parents died). True when any of those was found.
bool killRound(pid_t leader, bool groupGone, std::set<int>& left)
{
    std::vector<int> found;
    if (!groupGone) {
        kill(-leader, SIGKILL);
        found = descendantsOf(leader);
    }
    {
        std::lock_guard lock(leadersMutex);
        const auto adopted = probe::ProcessTree().adoptedBy(getpid(), getsid(0), unreapedLeaders);
        found.insert(found.end(), adopted.begin(), adopted.end());
        for (int pid : found)
            kill(pid, SIGKILL);
    }
    left.insert(found.begin(), found.end());
    return !found.empty();
}

} // namespace

bool killAndReapGroup(pid_t leader, const std::vector<int>& strays, int timeoutMs)
{
    std::set<int> left;
    for (int pid : strays)
        if (pid != leader && kill(pid, SIGKILL) == 0) left.insert(pid);
    const auto deadline = monotonicNs() + static_cast<std::int64_t>(timeoutMs) * 1'000'000;
    bool leaderReaped = false, groupGone = false, done = false;
    // A process of the run may fork as it is killed, or be orphaned as the leader dies:
    // the child, born after the scan, outside the group if its parent left it, is handed
    // to this process. So every kill is followed by another scan, until one finds nothing.
    for (;;) {
        const bool found = killRound(leader, groupGone, left);
        // reaps the leader and any orphan of the group handed to us as subreaper
        for (pid_t pid; (pid = waitpid(-leader, nullptr, WNOHANG)) > 0;)
            leaderReaped = leaderReaped || pid == leader;
        leaderReaped = leaderReaped || (kill(leader, 0) != 0 && errno == ESRCH);
        std::erase_if(left, strayDone);
        // once the leader is reaped and its group empty, its number may be a new process's
        groupGone = groupGone || (leaderReaped && kill(-leader, 0) != 0 && errno == ESRCH);
        done = !found && left.empty() && groupGone;
        if (done || monotonicNs() > deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::lock_guard lock(leadersMutex);
    std::erase(unreapedLeaders, leader);
    return done;
}

void becomeSubreaper()
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

} // namespace corelab
