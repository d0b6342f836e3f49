#include "engine/Run.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <thread>

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "Log.h"
#include "catalogue/Catalogue.h"
#include "engine/Spawn.h"
#include "engine/Totals.h"
#include "probe/MachineInfo.h"
#include "probe/OwnCpu.h"
#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

std::string isoNowUtc()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string describeStatus(int status)
{
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        std::string text =
            std::string("killed by signal ") + std::to_string(sig) + " (" + sigdescr_np(sig) + ")";
        return text;
    }
    return "exit code " + std::to_string(WEXITSTATUS(status));
}

// How long the leader may take to bring every worker to the barrier: a fixed allowance,
// more per worker, and time for every page the run plans to touch before the start (the
// leader's set-up and the workers' own, at ~10x what a page fault costs on a slow VM).
std::int64_t startupBudgetNs(const ExperimentSpec& spec)
{
    const WorkloadInfo* workload = findWorkload(spec.workload);
    const std::uint64_t pages =
        workload && workload->plannedBytes ? workload->plannedBytes(spec) / 4096 : 0;
    return (10'000 + 5LL * spec.totalWorkers()) * 1'000'000 +
           static_cast<std::int64_t>(pages) * 100'000;
}
// How long workers may take to notice the stop flag before they are killed.
std::int64_t stopGraceNs(int workers)
{
    return (2'000 + 1LL * workers) * 1'000'000;
}

// Why a worker of a leader that ended by `status` is gone. Threads share their process:
// one thread's fault ends all of them, and only the injected crash says which one it was.
std::string crashCause(const ExperimentSpec& spec, int worker, int faulted, int status)
{
    const bool oneProcess = spec.model == Model::Threads || spec.model == Model::Async;
    if (worker == faulted) return "faulted: " + describeStatus(status);
    if (!oneProcess) return "died with the leader: " + describeStatus(status);
    if (faulted >= 0)
        return "died with its process when w" + std::to_string(faulted) +
               " faulted: " + describeStatus(status);
    return "died with its process: " + describeStatus(status);
}

} // namespace

Run::Run(ExperimentSpec spec, const EngineOptions& options, RunSink& sink,
         std::atomic<bool>& stopRequested, std::atomic<int>& leaderPid, int wakeFd)
    : spec_(std::move(spec))
    , options_(options)
    , sink_(sink)
    , stopRequested_(stopRequested)
    , leaderPid_(leaderPid)
    , wakeFd_(wakeFd)
    , sampler_(options.procRoot, spec_.rateHz, !spec_.command.empty(), spec_.interpreterLock)
    , store_(options.recordBudget, options.spoolFolder)
{
}

Run::~Run()
{
    if (leaderFd_ >= 0) close(leaderFd_);
}

double Run::now() const
{
    return (monotonicNs() - t0Ns_) / 1e9;
}

void Run::event(EventKind kind, int worker, std::string detail)
{
    record_.events.push_back(Event{now(), kind, worker, std::move(detail)});
}

void Run::eventAt(std::int64_t ns, EventKind kind, int worker)
{
    const double t = ns > 0 ? (ns - t0Ns_) / 1e9 : now();
    record_.events.push_back(Event{t, kind, worker, {}});
}

RunRecord Run::execute()
{
    record_.corelabVersion = CORELAB_VERSION;
    record_.startedAt = isoNowUtc();
    record_.spec = spec_;
    record_.machine = readMachineInfo();
    seenState_.assign(static_cast<std::size_t>(spec_.totalWorkers()), WorkerState::NotStarted);
    seenRestarts_.assign(static_cast<std::size_t>(spec_.totalWorkers()), 0);
    try {
        const WorkloadInfo* workload = findWorkload(spec_.workload);
        const std::size_t shared = workload->sharedAreaBytes ? workload->sharedAreaBytes(spec_) : 0;
        block_ = ControlBlock::create(spec_.totalWorkers(), shared);
        t0Ns_ = monotonicNs();
        leader_ = spawnLeader(options_.workerPath, block_.fd(), nlohmann::json(spec_).dump());
    } catch (const std::exception& e) {
        logger("engine")->error("{}", e.what());
        event(EventKind::Error, -1, e.what());
        sink_.onError(e.what());
        return finish();
    }
    leaderPid_.store(leader_);
    // not yet reaped, so the pid is still the leader's; without a pidfd the run looks
    // for its end every 5 ms instead
    leaderFd_ = static_cast<int>(syscall(SYS_pidfd_open, leader_, 0));
    // t = 0 is the spawn call itself: stamped after spawnLeader returned, a busy machine
    // could put it after the leader's own first events
    record_.events.push_back(
        Event{0.0, EventKind::LeaderSpawned, -1, "pid " + std::to_string(leader_)});
    superviseUntilLeaderEnds();
    return finish();
}

void Run::superviseUntilLeaderEnds()
{
    const std::int64_t periodNs = 1'000'000'000LL / spec_.rateHz;
    std::int64_t next = t0Ns_;
    int status = 0;
    for (;;) {
        next += periodNs;
        // a stop request or the leader's end wakes the wait for the next tick at once
        while (monotonicNs() < next && !leaderEnded(leader_, status) &&
               !(stopRequested_.load() && !stopSent_) && !windowUnread())
            nap(next);
        if (leaderEnded(leader_, status)) break;
        const std::int64_t nowNs = monotonicNs();
        if (windowUnread()) {
            readWindowStart(); // the ticks that follow keep their period from here
            next = nowNs;
        } else if (nowNs >= next) {
            tick(now(), lastTickBeforeDeadline(nowNs, periodNs));
        }
        // a tick that came late starts the schedule afresh: making up the missed ones in a
        // burst gives samples a few ms apart, which say nothing a rate can use
        if (monotonicNs() >= next + periodNs) next = monotonicNs();
        if (!stopSent_) decideStop(nowNs);
        if (stopSent_ && nowNs - stopAtNs_ > stopGraceNs(spec_.totalWorkers())) {
            logger("engine")->warn("workers did not stop within the grace period; killing them");
            const auto waitedS = std::to_string((nowNs - stopAtNs_ + 500'000'000) / 1'000'000'000);
            event(EventKind::Stalled, -1, "stopped by CoreLab after " + waitedS + " s");
            // once the leader is gone, a process that left its group no longer leads
            // back to it: remember those first
            const auto descendants = descendantsOf(leader_);
            strays_.insert(descendants.begin(), descendants.end());
            kill(-leader_, SIGKILL);
            for (int pid : strays_)
                kill(pid, SIGKILL);
            killSent_ = true;
            stopAtNs_ = nowNs; // once per grace period, not every tick
        }
        deliver(false);
    }
    noteLeaderEnd(now(), status);
}

// Before the barrier opens the nap waits on it: on the workers' arrivals until all are
// there (the engine then reads the window's start), then on its opening. After, it waits
// for the next tick, the leader's end or a stop request, whichever comes first: a wake-up
// every few ms would cost more than the sampling itself.
void Run::nap(std::int64_t untilNs)
{
    ControlHeader& h = *block_.header();
    if (h.go.load() == 0) {
        const std::uint32_t arrived = h.arrived.load();
        if (!windowRead_ && !allArrived(arrived))
            futexWait(h.arrived, arrived, 5'000'000);
        else
            futexWait(h.go, 0, 5'000'000);
        return;
    }
    if (leaderFd_ < 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return;
    }
    pollfd fds[2] = {{leaderFd_, POLLIN, 0}, {wakeFd_, POLLIN, 0}};
    const std::int64_t waitNs = std::max<std::int64_t>(0, untilNs - monotonicNs());
    const timespec ts{static_cast<time_t>(waitNs / 1'000'000'000),
                      static_cast<long>(waitNs % 1'000'000'000)};
    ppoll(fds, wakeFd_ >= 0 ? 2 : 1, &ts, nullptr);
    std::uint64_t requests = 0;
    if (fds[1].revents & POLLIN && read(wakeFd_, &requests, sizeof requests) < 0) {}
}

// Every one of CoreLab's workers waits at the barrier. A command has no barrier: it
// runs from its start, which opens the window.
bool Run::allArrived(std::uint32_t arrived) const
{
    return spec_.command.empty() && arrived >= static_cast<std::uint32_t>(block_.workerCount());
}

// The window's first reading is due: every worker is at the barrier, which the leader
// keeps shut until it is taken, or the barrier has opened without one.
bool Run::windowUnread() const
{
    const ControlHeader& h = *block_.header();
    return !windowRead_ && (allArrived(h.arrived.load()) || h.releasedNs.load() != 0);
}

// However short the run, its window gets a memory reading. Taken at the barrier, it opens
// the window; taken after the release (a command, or a leader that stopped waiting for
// it), the release does (collectTotals takes the earlier of the two).
void Run::readWindowStart()
{
    windowReadNs_ = monotonicNs();
    tick((windowReadNs_ - t0Ns_) / 1e9, true);
    windowRead_ = true;
    ControlHeader& h = *block_.header();
    h.measured.store(1);
    futexWakeAll(h.measured);
}

// Workers end themselves at the deadline: the tick before it is the last one in which
// they all still run, so it reads memory too.
bool Run::lastTickBeforeDeadline(std::int64_t nowNs, std::int64_t periodNs) const
{
    const std::int64_t released = block_.header()->releasedNs.load();
    if (!released) return false;
    const std::int64_t deadline = released + static_cast<std::int64_t>(spec_.durationS * 1e9);
    return nowNs < deadline && nowNs + periodNs >= deadline;
}

void Run::decideStop(std::int64_t nowNs)
{
    const std::int64_t released = block_.header()->releasedNs.load();
    const bool durationOver =
        released && nowNs - released >= static_cast<std::int64_t>(spec_.durationS * 1e9);
    // the budget (a catalogue lookup) only matters, and is only worked out, before the release
    const bool startupTooSlow =
        !released && nowNs - t0Ns_ > (options_.startupBudgetS > 0
                                          ? static_cast<std::int64_t>(options_.startupBudgetS * 1e9)
                                          : startupBudgetNs(spec_));
    // a command need not report ops at all, so its silence is not a stall
    const bool stalled = released && spec_.command.empty() && noProgressFor(nowNs) > kStallNs;
    if (!(stopRequested_.load() || durationOver || startupTooSlow || stalled)) return;
    userStopped_ = stopRequested_.load() && !durationOver;
    if (startupTooSlow) {
        const std::string what = "workers did not all start in time";
        event(EventKind::Error, -1, what);
        sink_.onError(what);
    }
    if (stalled)
        event(EventKind::Stalled, -1,
              "no worker made progress for " + std::to_string(kStallNs / 1'000'000'000) + " s");
    if (userStopped_) event(EventKind::StopRequested, -1);
    ControlHeader& h = *block_.header();
    h.stop.store(1);
    futexWakeAll(h.go);
    futexWakeAll(h.stop); // sleeping workers (io, mixed) sleep on it
    stopSent_ = true;
    stopAtNs_ = stopSentAtNs_ = nowNs;
    workersToldToStopNs_ = nowNs;
}

// Nanoseconds since the sum of all workers' ops last grew.
std::int64_t Run::noProgressFor(std::int64_t nowNs)
{
    std::uint64_t ops = 0;
    for (int i = 0; i < spec_.totalWorkers(); ++i)
        ops += block_.slot(i)->ops.load();
    if (ops != lastOps_ || lastProgressNs_ == 0) {
        lastOps_ = ops;
        lastProgressNs_ = nowNs;
    }
    return nowNs - lastProgressNs_;
}

void Run::tick(double t, bool withMemory)
{
    keep(sampler_.take(t, block_, leader_, withMemory));
    // this process's CPU at each sample: CoreLab's own load over the samples' span
    if (const auto cpuS = probe::ownCpuSeconds(options_.procRoot)) {
        if (!observerFirst_) observerFirst_ = {t, *cpuS};
        observerLast_ = {t, *cpuS};
    }
    noteSamplerRefusals();
    noteWorkerChanges(t);
}

// A worker's slot that published the impossible is a fault of the program measured, not
// of the run: it is said once, and the figure comes from /proc instead.
void Run::noteSamplerRefusals()
{
    for (auto& [worker, note] : sampler_.takeNotes()) {
        logger("engine")->warn("worker {}: {}", worker, note);
        event(EventKind::Error, worker, std::move(note));
    }
}

void Run::noteWorkerChanges(double)
{
    for (int i = 0; i < spec_.totalWorkers(); ++i) {
        const auto state = static_cast<WorkerState>(block_.slot(i)->state.load());
        auto& seen = seenState_[static_cast<std::size_t>(i)];
        const std::uint32_t restarts = block_.slot(i)->restarts.load();
        if (restarts != seenRestarts_[static_cast<std::size_t>(i)]) {
            seenRestarts_[static_cast<std::size_t>(i)] = restarts;
            if (seen != WorkerState::Crashed) // the crash fell between two ticks
                event(EventKind::WorkerCrashed, i, "restarted by the leader");
            event(EventKind::WorkerRestarted, i, "restart " + std::to_string(restarts));
            seen = state;
            continue;
        }
        if (state == seen) continue;
        // stamped with the worker's own clock readings, not the tick that noticed them
        const WorkerSlot& slot = *block_.slot(i);
        if (seen < WorkerState::Running && state >= WorkerState::Running)
            eventAt(slot.startNs.load(), EventKind::WorkerStarted, i);
        if (state == WorkerState::Exited) eventAt(slot.endNs.load(), EventKind::WorkerExited, i);
        if (state == WorkerState::Crashed)
            event(EventKind::WorkerCrashed, i, describeStatus(block_.slot(i)->exitStatus.load()));
        seen = state;
    }
    if (!allRunningSeen_ && block_.header()->releasedNs.load()) {
        allRunningSeen_ = true;
        const double t = (block_.header()->releasedNs.load() - t0Ns_) / 1e9;
        record_.events.push_back(Event{t, EventKind::AllRunning, -1, {}});
    }
}

void Run::noteLeaderEnd(double t, int status)
{
    const bool leaderCrashed =
        WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
    const bool killedByUs = WIFSIGNALED(status) && stopSent_ && WTERMSIG(status) == SIGKILL;
    if (WIFSIGNALED(status)) markWorkersEnded(status, killedByUs && killSent_);
    leaderEndNs_ = monotonicNs();
    keep(sampler_.final(t, block_, leader_));
    noteSamplerRefusals();
    noteWorkerChanges(t);
    // a set-up error (a file, a mapping, a fork that failed) is a failed run whatever
    // the leader's exit status: the threads model ends cleanly after one
    const int err = block_.header()->leaderError.load();
    if (leaderCrashed || err) {
        std::string what = leaderCrashed ? "worker leader ended with " + describeStatus(status)
                                         : std::string("the workers could not be set up");
        if (err) what += ": " + std::string(std::strerror(err));
        const bool crashAsked = WIFSIGNALED(status) && block_.header()->crashDone.load();
        if (err || (!killedByUs && !crashAsked)) {
            event(EventKind::Error, -1, what);
            sink_.onError(what);
        }
    }
}

// A leader that dies takes its threads with it: their slots never say so. Workers the
// grace-period kill ended were stopped by us, not crashed.
void Run::markWorkersEnded(int status, bool killedByUs)
{
    const int faulted = block_.header()->crashDone.load() ? spec_.crashWorker : -1;
    for (int i = 0; i < spec_.totalWorkers(); ++i) {
        WorkerSlot& s = *block_.slot(i);
        const auto state = static_cast<WorkerState>(s.state.load());
        if (state == WorkerState::Exited || (killedByUs && state == WorkerState::Crashed)) continue;
        const auto end = killedByUs ? WorkerState::Killed : WorkerState::Crashed;
        s.exitStatus.store(status);
        s.state.store(static_cast<std::uint32_t>(end));
        auto& seen = seenState_[static_cast<std::size_t>(i)];
        if (seen == end) continue;
        seen = end;
        if (killedByUs)
            event(EventKind::Stalled, i, "ignored the stop request; stopped by CoreLab");
        else
            event(EventKind::WorkerCrashed, i, crashCause(spec_, i, faulted, status));
    }
}

void Run::keep(Sample sample)
{
    undelivered_.push_back(sample);
    if (auto error = store_.add(std::move(sample))) {
        logger("engine")->error("{}", *error);
        event(EventKind::Error, -1, *error);
    }
}

void Run::deliver(bool force)
{
    const std::int64_t nowNs = monotonicNs();
    if (!force && nowNs - lastDeliveryNs_ < 90'000'000) return; // batches of ~100 ms
    lastDeliveryNs_ = nowNs;
    if (!undelivered_.empty()) {
        sink_.onSamples(undelivered_);
        undelivered_.clear();
    }
    if (record_.events.size() > deliveredEvents_) {
        sink_.onEvents({record_.events.begin() + static_cast<std::ptrdiff_t>(deliveredEvents_),
                        record_.events.end()});
        deliveredEvents_ = record_.events.size();
    }
}

// When the workers were told to stop: they end at their deadline by themselves, or
// earlier at the engine's stop signal; 0 when they never started.
std::int64_t Run::workEndNs() const
{
    const std::int64_t released = block_.header() ? block_.header()->releasedNs.load() : 0;
    std::int64_t end = released ? released + static_cast<std::int64_t>(spec_.durationS * 1e9) : 0;
    if (workersToldToStopNs_ && (!end || workersToldToStopNs_ < end)) end = workersToldToStopNs_;
    return end;
}

RunRecord Run::finish()
{
    if (leader_ > 0) {
        for (int pid : descendantsOf(leader_))
            strays_.insert(pid);
        for (int pid : sampler_.followedPids())
            strays_.insert(pid);
        if (!killAndReapGroup(leader_, {strays_.begin(), strays_.end()}, 2000))
            logger("engine")->error("processes of run {} survived SIGKILL for 2 s", leader_);
    }
    leaderPid_.store(0);
    WorkTotals totals = collectTotals(
        block_, spec_, {leaderEndNs_, userStopped_, t0Ns_, stopSentAtNs_, windowReadNs_});
    if (const std::int64_t endNs = workEndNs()) totals.workEndT = (endNs - t0Ns_) / 1e9;
    record_.summary = store_.summary().finish(totals);
    if (observerFirst_ && observerLast_ && observerLast_->first > observerFirst_->first)
        record_.summary.observerBusyCores = (observerLast_->second - observerFirst_->second) /
                                            (observerLast_->first - observerFirst_->first);
    record_.summary.figures =
        workloadFigures(block_, spec_, store_.summary().digest(), totals.wallS);
    if (auto error = store_.finish(record_)) {
        logger("engine")->error("{}", *error);
        event(EventKind::Error, -1, *error);
    }
    event(EventKind::RunFinished, -1);
    deliver(true);
    // events found a tick late carry their own earlier times
    std::stable_sort(record_.events.begin(), record_.events.end(),
                     [](const Event& a, const Event& b) { return a.t < b.t; });
    return std::move(record_);
}

} // namespace corelab
