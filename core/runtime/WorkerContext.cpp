#include <cstdint>

#include "runtime/InterpreterLock.h"
#include "runtime/WorkerContext.h"

namespace corelab {

WorkerContext::WorkerContext(ControlBlock& block, int index, const ExperimentSpec& spec,
                             const std::vector<double>& args, void* leaderState,
                             InterpreterLock* lock, void* workerState)
    : block_(block)
    , slot_(*block.slot(index))
    , index_(index)
    , spec_(spec)
    , args_(args)
    , leaderState_(leaderState)
    , lock_(lock)
    , workerState_(workerState)
{
    // workers end at the deadline themselves: a busy machine may delay the engine's stop
    deadlineNs_ =
        block.header()->releasedNs.load() + static_cast<std::int64_t>(spec.durationS * 1e9);
    if (spec.crashWorker == index && block.header()->crashDone.load() == 0)
        crashAtNs_ =
            block.header()->releasedNs.load() + static_cast<std::int64_t>(spec.crashAtS * 1e9);
}

bool WorkerContext::stopRequested() const
{
    return block_.header()->stop.load(std::memory_order_relaxed) != 0;
}

bool WorkerContext::keepGoing()
{
    if (crashAtNs_ && monotonicNs() >= crashAtNs_ && block_.header()->crashDone.exchange(1) == 0)
        crash();
    if (lock_) {
        bool tookFromOther = false; // the lock books its own wait in the slot
        lock_->yieldIfAsked(slot_, tookFromOther);
        if (tookFromOther) slot_.lockTakes.fetch_add(1, std::memory_order_relaxed);
    }
    return !stopRequested() && monotonicNs() < deadlineNs_;
}

void WorkerContext::addBatch(std::uint64_t ops, std::uint64_t bytes)
{
    slot_.ops.fetch_add(ops, std::memory_order_relaxed);
    if (bytes) slot_.bytes.fetch_add(bytes, std::memory_order_relaxed);
    // the thread CPU clock is a system call (0.3–1.3 µs on a VM): a kernel with short
    // batches (the racy counter's ~10 µs) would pay several % for it every batch
    if (monotonicNs() - publishedNs_ >= kPublishEveryNs) publishedNs_ = publishCpu(slot_);
}

void WorkerContext::addFigure(int k, std::uint64_t v)
{
    slot_.figures[k].fetch_add(v, std::memory_order_relaxed);
}

void WorkerContext::setFigure(int k, std::uint64_t v)
{
    slot_.figures[k].store(v, std::memory_order_relaxed);
}

// A real invalid memory access, not raise(): the address is read from a volatile,
// so the compiler cannot turn it into a trap instruction.
void WorkerContext::crash()
{
    volatile std::uintptr_t address = 16;
    *reinterpret_cast<volatile int*>(address) = 1;
}

namespace {
// owner only: two plain stores, no read-modify-write on the hot path
void bumpBlockCalls(WorkerSlot& slot)
{
    slot.blockCalls.store(slot.blockCalls.load(std::memory_order_relaxed) + 1,
                          std::memory_order_relaxed);
}
} // namespace

// The blocking call is what lies between the lock's release and its next acquire: a
// wait for the lock is not a blocking call, and it wakes every switch interval.
WorkerContext::Blocking::Blocking(WorkerContext& ctx)
    : ctx_(ctx)
{
    if (ctx_.lock_) ctx_.lock_->release(ctx_.slot_);
    bumpBlockCalls(ctx_.slot_);
}

WorkerContext::Blocking::~Blocking()
{
    bumpBlockCalls(ctx_.slot_);
    if (!ctx_.lock_) return;
    bool tookFromOther = false;
    ctx_.lock_->acquire(ctx_.slot_, tookFromOther);
    if (tookFromOther) ctx_.slot_.lockTakes.fetch_add(1, std::memory_order_relaxed);
}

} // namespace corelab
