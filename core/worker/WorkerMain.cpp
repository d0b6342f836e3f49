#include "worker/WorkerMain.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "runtime/SpawnChild.h"
#include "spec/ExperimentSpec.h"
#include "worker/ExternalRunner.h"
#include "worker/WorkerThread.h"

extern char** environ;

namespace corelab::worker {

namespace {

// A kernel's set-up lives as long as the leader and is never freed; held here it stays
// reachable to the end, so a leak check at exit (the ASan build) does not report it.
void* leaderSetUp = nullptr;

struct Args {
    bool child = false;
    int controlFd = -1;
    std::string specJson;
    pid_t parent = 0;
    int first = 0;
    int count = 1;
};

bool parseArgs(int argc, char** argv, Args& a)
{
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (k == "--child") {
            a.child = true;
            continue;
        }
        if (i + 1 >= argc) return false;
        const char* v = argv[++i];
        if (k == "--control-fd")
            a.controlFd = std::atoi(v);
        else if (k == "--spec")
            a.specJson = v;
        else if (k == "--parent")
            a.parent = std::atoi(v);
        else if (k == "--first")
            a.first = std::atoi(v);
        else if (k == "--count")
            a.count = std::atoi(v);
        else
            return false;
    }
    return a.controlFd >= 0 && !a.specJson.empty() && a.parent > 0;
}

// Dies with the parent: the flag is per-thread-of-parent and cleared by fork, and the
// parent may already be gone by the time it is set, hence the getppid() check.
void dieWithParent(pid_t expectedParent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != expectedParent) _exit(3);
}

// Core dumps off (not PR_SET_DUMPABLE, which would hide smaps from the engine), and
// the kernel's OOM killer picks a worker before the window.
void prepareLeaderProcess()
{
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    if (int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC); fd >= 0) {
        (void)!write(fd, "1000", 4);
        close(fd);
    }
}

void markSlotsEnded(ControlBlock& block, int first, int count, int status)
{
    const bool crashed = WIFSIGNALED(status);
    for (int i = first; i < first + count; ++i) {
        WorkerSlot& s = *block.slot(i);
        s.exitStatus.store(status);
        if (crashed || s.state.load() != static_cast<std::uint32_t>(WorkerState::Exited))
            s.state.store(
                static_cast<std::uint32_t>(crashed ? WorkerState::Crashed : WorkerState::Exited));
    }
}

int runChildProcess(const RunPlan& plan, int first, int count)
{
    if (count == 1) {
        runWorker(plan, first);
        return 0;
    }
    WorkerThreads threads;
    const bool ok = threads.start(plan, first, count);
    threads.join();
    return ok ? 0 : 1;
}

pid_t forkChild(const RunPlan& plan, int first, int count)
{
    const pid_t leader = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
        dieWithParent(leader);
        _exit(runChildProcess(plan, first, count));
    }
    return pid;
}

pid_t execChild(const Args& a, int first, int count)
{
    const std::string parent = std::to_string(getpid()), fd = std::to_string(a.controlFd),
                      firstText = std::to_string(first), countText = std::to_string(count);
    std::vector<const char*> argv = {
        "corelab-worker",   "--child",         "--control-fd", fd.c_str(), "--spec",
        a.specJson.c_str(), "--parent",        parent.c_str(), "--first",  firstText.c_str(),
        "--count",          countText.c_str(), nullptr};
    pid_t pid = -1;
    const int err = posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr,
                                const_cast<char* const*>(argv.data()), environ);
    if (err != 0) errno = err;
    return err == 0 ? pid : -1;
}

pid_t startChild(const Args& a, const RunPlan& plan, int first, int count)
{
    const pid_t pid = plan.spec->spawn == SpawnMethod::Fork ? forkChild(plan, first, count)
                                                            : execChild(a, first, count);
    if (pid < 0) {
        plan.block->header()->leaderError.store(errno);
        plan.block->header()->stop.store(1);
    }
    return pid;
}

// A crashed worker process comes back on the same slots while the run goes on;
// the barrier is already open, so it starts at once.
bool restartIfWanted(const Args& a, const RunPlan& plan, int status, int first, int count,
                     pid_t& pid)
{
    if (!plan.spec->restart || !WIFSIGNALED(status) || plan.block->header()->stop.load())
        return false;
    for (int i = first; i < first + count; ++i)
        plan.block->slot(i)->restarts.fetch_add(1);
    pid = startChild(a, plan, first, count);
    return pid > 0;
}

// Processes and hybrid: one child per process worker, then reap them all.
int runProcesses(const Args& a, const RunPlan& plan, const ExperimentSpec& spec)
{
    const int perProcess = spec.model == Model::Hybrid ? spec.threadsPerProcess : 1;
    std::vector<pid_t> children;
    for (int p = 0; p < spec.workers; ++p) {
        const pid_t pid = startChild(a, plan, p * perProcess, perProcess);
        if (pid < 0) break;
        children.push_back(pid);
    }
    openBarrierWhenReady(*plan.block);
    for (std::size_t left = children.size(); left > 0;) {
        int status = 0;
        const pid_t ended = waitpid(-1, &status, 0);
        if (ended < 0) {
            if (errno == EINTR) continue;
            break;
        }
        const auto it = std::find(children.begin(), children.end(), ended);
        if (it == children.end()) continue;
        const int first = static_cast<int>(it - children.begin()) * perProcess;
        markSlotsEnded(*plan.block, first, perProcess, status);
        if (!restartIfWanted(a, plan, status, first, perProcess, *it)) --left;
    }
    return plan.block->header()->leaderError.load() ? 1 : 0;
}

int runThreadsModel(const RunPlan& plan, const ExperimentSpec& spec)
{
    WorkerThreads threads;
    // async: totalWorkers() is 1, the loop thread; the workload's run() drives the loop
    const bool ok = threads.start(plan, 0, spec.totalWorkers());
    openBarrierWhenReady(*plan.block);
    threads.join();
    return ok ? 0 : 1;
}

} // namespace

int workerMain(int argc, char** argv)
{
    // the spawn workload's child: it only says when it ran
    if (argc == 2 && std::strcmp(argv[1], kSpawnProbeFlag) == 0) return spawnProbeMain();
    Args a;
    if (!parseArgs(argc, argv, a)) {
        std::fprintf(stderr, "corelab-worker is started by corelab, not by hand\n");
        return 2;
    }
    dieWithParent(a.parent);
    ExperimentSpec spec;
    try {
        spec = nlohmann::json::parse(a.specJson).get<ExperimentSpec>();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "corelab-worker: bad spec: %s\n", e.what());
        return 2;
    }
    if (auto err = validate(spec)) {
        std::fprintf(stderr, "corelab-worker: %s\n", err->text().c_str());
        return 2;
    }
    ControlBlock block;
    try {
        block = ControlBlock::map(a.controlFd);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "corelab-worker: %s\n", e.what());
        return 2;
    }
    RunPlan plan{&block, &spec, findWorkload(spec.workload), {}};
    for (const auto& p : plan.workload->params)
        plan.args.push_back(spec.params.at(p.name));
    // one lock per process: forked children get their own copy, as CPython's do
    std::optional<InterpreterLock> lock;
    if (spec.interpreterLock) plan.lock = &lock.emplace(spec.switchIntervalMs);

    if (a.child) return runChildProcess(plan, a.first, a.count);

    prepareLeaderProcess();
    if (plan.workload->prepare) {
        // a set-up that cannot get its memory is a failed run with a reason, not an abort
        try {
            plan.leaderState = leaderSetUp = plan.workload->prepare(spec, plan.args);
        } catch (const std::bad_alloc&) {
            block.header()->leaderError.store(ENOMEM);
            std::fprintf(stderr, "corelab-worker: set-up: %s\n", std::strerror(ENOMEM));
            return 1;
        }
    }
    block.header()->leaderPid.store(getpid());
    // async is one loop thread in the leader: it runs as the threads model does
    const bool inLeader = spec.model == Model::Threads || spec.model == Model::Async;
    const int rc = !spec.command.empty() ? runExternal(plan, a.controlFd)
                   : inLeader            ? runThreadsModel(plan, spec)
                                         : runProcesses(a, plan, spec);
    block.header()->runState.store(static_cast<std::uint32_t>(RunState::Finished));
    return rc;
}

} // namespace corelab::worker
