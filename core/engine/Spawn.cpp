#include "engine/Spawn.h"

#include <cerrno>
#include <csignal>
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
    const int err = posix_spawn(&pid, workerPath.c_str(), &actions, &attr,
                                const_cast<char* const*>(argv.data()), environ);
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

} // namespace

bool killAndReapGroup(pid_t leader, const std::vector<int>& strays, int timeoutMs)
{
    kill(-leader, SIGKILL);
    std::vector<int> left;
    for (int pid : strays)
        if (pid != leader && kill(pid, SIGKILL) == 0) left.push_back(pid);
    const auto deadline = monotonicNs() + static_cast<std::int64_t>(timeoutMs) * 1'000'000;
    for (;;) {
        // reaps the leader and any orphan of the group handed to us as subreaper
        while (waitpid(-leader, nullptr, WNOHANG) > 0) {}
        std::erase_if(left, strayDone);
        if (left.empty() && kill(-leader, 0) != 0 && errno == ESRCH) return true;
        if (monotonicNs() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void becomeSubreaper()
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

} // namespace corelab
