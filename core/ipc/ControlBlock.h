#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace corelab {

// The shared control block: one memfd, mapped by the engine, the leader and every
// worker process. Workers write only their own slot; the engine reads without syscalls.

inline constexpr std::uint64_t kControlMagic = 0x42414c45524f43ULL; // "CORELAB"
// 2: the interpreter-lock line; 3: the published CPU clock beside it; 4: the window's
// start reading (ControlHeader::measured)
inline constexpr std::uint32_t kControlVersion = 4;

enum class RunState : std::uint32_t { Starting = 0, Running = 1, Stopping = 2, Finished = 3 };

enum class WorkerState : std::uint32_t {
    NotStarted = 0,
    Waiting = 1, // at the start barrier
    Running = 2,
    Exited = 3,
    Crashed = 4,
    Killed = 5, // by the engine, after it ignored the stop request for the grace period
};

// Where a worker thread stands with its process's emulated interpreter lock.
enum class LockState : std::uint32_t { None = 0, Holding = 1, Waiting = 2 };

struct ControlHeader {
    std::uint64_t magic;
    std::uint32_t version;
    std::uint32_t workerCount;
    std::atomic<std::uint32_t> runState;
    std::atomic<std::uint32_t> arrived;   // futex word: workers at the barrier
    std::atomic<std::uint32_t> go;        // futex word: 1 releases the barrier
    std::atomic<std::uint32_t> stop;      // 1 asks every worker to finish its batch and end
    std::atomic<std::int64_t> releasedNs; // CLOCK_MONOTONIC when the barrier opened
    std::atomic<std::int32_t> leaderPid;
    std::atomic<std::int32_t> leaderError; // errno of a failed fork/spawn in the leader, 0 if none
    std::uint64_t sharedAreaBytes;         // workload memory after the slots, shared by all
    std::atomic<std::uint32_t> crashDone;  // an injected crash fires once, not after a restart
    // futex word: 1 once the engine has read the window's start with every worker at the
    // barrier; the leader holds the barrier shut until then (bounded)
    std::atomic<std::uint32_t> measured;
};

// The first cache line is the hot one: only its owner writes it, once per batch.
struct alignas(64) WorkerSlot {
    std::atomic<std::uint64_t> ops;
    std::atomic<std::uint64_t> bytes;
    std::atomic<std::int32_t> lastCpu;
    std::atomic<std::uint32_t> state; // WorkerState
    std::atomic<std::int32_t> pid;
    std::atomic<std::int32_t> tid;
    std::atomic<std::int64_t> startNs;    // CLOCK_MONOTONIC when it passed the barrier
    std::atomic<std::int64_t> endNs;      // CLOCK_MONOTONIC when its last batch ended
    std::atomic<std::uint64_t> sink;      // kernel result, so no compiler can drop the work
    std::atomic<std::int64_t> startCpuNs; // the thread's CPU time when it passed the barrier

    // Written once, by the worker, just before it ends: a thread takes its
    // /proc counters with it when it exits.
    alignas(64) std::atomic<std::int64_t> cpuNs;
    std::atomic<std::uint64_t> runNs;
    std::atomic<std::uint64_t> waitNs;
    std::atomic<std::uint64_t> ctxVoluntary;
    std::atomic<std::uint64_t> ctxInvoluntary;
    std::atomic<std::int32_t> exitStatus; // process workers: wait status seen by the leader
    std::atomic<std::uint32_t> finalsWritten;
    std::atomic<std::uint32_t> lockTakes; // times it took the lock from another thread
    std::atomic<std::uint32_t> restarts;  // times the leader restarted this worker's process

    // Workload figures (meaning per workload: WorkloadInfo::figures), owner-written.
    alignas(64) std::atomic<std::uint64_t> figures[8];

    // The emulated interpreter lock, live: written by the owner at every acquire,
    // release and hand-over (enterLockState), read with readLock. Stretches are timed
    // with the clock reads the lock does anyway; nothing here makes a system call.
    alignas(64) std::atomic<std::uint32_t> lockSeq; // odd while the owner writes the line
    std::atomic<std::uint32_t> lockState;           // LockState
    std::atomic<std::int64_t> lockSinceNs;          // CLOCK_MONOTONIC when lockState began
    std::atomic<std::uint64_t> lockHeldNs;          // holding the lock, finished stretches
    std::atomic<std::uint64_t> lockWaitNs;          // waiting for it, finished stretches

    // The owner's own CPU clock and CPU, published at the end of a batch (publishCpu,
    // at most once a millisecond), read with readPublished: a running worker's CPU time and CPU
    // without a system call on the sampler's side. Untrusted, like all of the slot.
    std::atomic<std::uint32_t> pubSeq;     // odd while the owner writes these four
    std::atomic<std::int32_t> pubCpu;      // sched_getcpu()
    std::atomic<std::int64_t> pubCpuNs;    // CLOCK_THREAD_CPUTIME_ID
    std::atomic<std::int64_t> pubAtNs;     // CLOCK_MONOTONIC, read just after the CPU clock
    std::atomic<std::uint32_t> pubBatches; // how many times it published
    // Odd while the owner is inside a blocking call (WorkerContext::Blocking): bumped on
    // the way in and on the way out, so the sampler can tell a thread asleep in the same
    // call as at its last reading from one that came out in between.
    std::atomic<std::uint32_t> blockCalls;
};

inline constexpr int kMaxFigures = 8;
static_assert(sizeof(WorkerSlot) == 256, "four cache lines per worker");
static_assert(offsetof(WorkerSlot, cpuNs) == 64, "final figures start on the second line");
static_assert(offsetof(WorkerSlot, lockSeq) == 192, "the lock figures have the fourth line");
static_assert(offsetof(WorkerSlot, pubSeq) == 224, "the published CPU clock shares it");
static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "slots are shared across processes");
static_assert(sizeof(ControlHeader) <= 64, "header fits one cache line");
static_assert(offsetof(ControlHeader, measured) == 60, "the header's last free word");

inline constexpr std::size_t kHeaderBytes = 64;

std::size_t controlBlockBytes(int workers, std::size_t sharedAreaBytes = 0);

// Most workers a control block may hold (the spec allows 4096; this only bounds what a
// mapped block may claim).
inline constexpr std::uint32_t kMaxControlWorkers = 1u << 16;

// A mapping of the control block. The creator owns the memfd, sized once and sealed;
// others map an inherited fd. The worker count and the shared area's size are kept
// privately from the moment of creation or mapping: the header lives in memory every
// process of the run can write, so nothing that sizes a loop or an offset is read back
// from it.
class ControlBlock {
public:
    static ControlBlock create(int workers,
                               std::size_t sharedAreaBytes = 0); // throws std::system_error
    static ControlBlock map(int fd); // throws std::system_error / std::runtime_error
    ControlBlock() = default;
    ControlBlock(ControlBlock&&) noexcept;
    ControlBlock& operator=(ControlBlock&&) noexcept;
    ControlBlock(const ControlBlock&) = delete;
    ControlBlock& operator=(const ControlBlock&) = delete;
    ~ControlBlock();

    ControlHeader* header() const { return header_; }
    WorkerSlot* slot(int i) const;
    int workerCount() const { return workers_; }
    // Workload memory every worker of every model shares (zero-filled at start).
    std::byte* sharedArea() const;
    std::size_t sharedAreaBytes() const { return sharedAreaBytes_; }
    int fd() const { return fd_; }

private:
    ControlHeader* header_ = nullptr;
    std::size_t bytes_ = 0;
    int fd_ = -1;
    bool ownsFd_ = false;
    int workers_ = 0;
    std::size_t sharedAreaBytes_ = 0;
};

// Owner only: ends the current lock stretch at nowNs (adding it to held or waited)
// and begins `next`. Entering the state it is in just banks the time so far.
void enterLockState(WorkerSlot& slot, LockState next, std::int64_t nowNs);

// Cumulative lock figures of one worker, the stretch in progress counted up to nowNs.
struct LockReading {
    std::uint64_t heldNs = 0;
    std::uint64_t waitNs = 0;
    LockState state = LockState::None;
};
// Any process: a consistent reading of a live slot. ongoing = false leaves out the
// stretch in progress (a worker that ended while holding the lock holds it no longer).
LockReading readLock(const WorkerSlot& slot, std::int64_t nowNs, bool ongoing = true);

// Owner only: its thread CPU clock, the time and the CPU it runs on. Returns the time.
std::int64_t publishCpu(WorkerSlot& slot);

// What a worker last published; batches = 0 when it never did.
struct PublishedCpu {
    std::int64_t cpuNs = 0;
    std::int64_t atNs = 0;
    std::int32_t cpu = -1;
    std::uint64_t batches = 0;
    bool operator==(const PublishedCpu&) const = default;
};
// Any process: a consistent reading of the four, or nullopt when the owner kept
// writing them (or died mid-write) through every attempt.
std::optional<PublishedCpu> readPublished(const WorkerSlot& slot);

std::int64_t monotonicNs();
// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), ns.
std::int64_t threadCpuNs();

// Shared (not private) futex calls: the word lives in a MAP_SHARED memfd.
void futexWait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeoutNs);
void futexWakeAll(std::atomic<std::uint32_t>& word);

} // namespace corelab
