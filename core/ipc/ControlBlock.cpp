#include "ipc/ControlBlock.h"

#include <cerrno>
#include <climits>
#include <ctime>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace corelab {

std::size_t controlBlockBytes(int workers, std::size_t sharedAreaBytes)
{
    const std::size_t slots = kHeaderBytes + sizeof(WorkerSlot) * static_cast<std::size_t>(workers);
    return slots + (sharedAreaBytes + 63) / 64 * 64;
}

namespace {

void* mapShared(int fd, std::size_t bytes)
{
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        throw std::system_error(errno, std::generic_category(), "mmap control block");
    return p;
}

} // namespace

ControlBlock ControlBlock::create(int workers, std::size_t sharedAreaBytes)
{
    ControlBlock cb;
    cb.fd_ = memfd_create("corelab-control", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (cb.fd_ < 0) throw std::system_error(errno, std::generic_category(), "memfd_create");
    cb.ownsFd_ = true;
    cb.bytes_ = controlBlockBytes(workers, sharedAreaBytes);
    if (ftruncate(cb.fd_, static_cast<off_t>(cb.bytes_)) != 0)
        throw std::system_error(errno, std::generic_category(), "ftruncate control block");
    // Every process of the run (and any program it runs, through /proc/PID/fd) could
    // resize an unsealed memfd, and the engine's next read past the end is a SIGBUS.
    if (fcntl(cb.fd_, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0)
        throw std::system_error(errno, std::generic_category(), "seal control block");
    // a fresh memfd is zero-filled, so every atomic starts at 0
    cb.header_ = static_cast<ControlHeader*>(mapShared(cb.fd_, cb.bytes_));
    cb.header_->magic = kControlMagic;
    cb.header_->version = kControlVersion;
    cb.header_->workerCount = static_cast<std::uint32_t>(workers);
    cb.header_->sharedAreaBytes = sharedAreaBytes;
    cb.workers_ = workers;
    cb.sharedAreaBytes_ = sharedAreaBytes;
    return cb;
}

ControlBlock ControlBlock::map(int fd)
{
    struct stat st {};
    if (fstat(fd, &st) != 0)
        throw std::system_error(errno, std::generic_category(), "fstat control fd");
    if (static_cast<std::size_t>(st.st_size) < kHeaderBytes)
        throw std::runtime_error("control block too small");
    ControlBlock cb;
    cb.fd_ = fd;
    cb.bytes_ = static_cast<std::size_t>(st.st_size);
    cb.header_ = static_cast<ControlHeader*>(mapShared(fd, cb.bytes_));
    if (cb.header_->magic != kControlMagic || cb.header_->version != kControlVersion)
        throw std::runtime_error("control block has the wrong magic or version");
    // read once: what the layout is checked against is what every later access uses
    const std::uint32_t workers = cb.header_->workerCount;
    const std::uint64_t shared = cb.header_->sharedAreaBytes;
    if (workers > kMaxControlWorkers || shared > cb.bytes_ ||
        controlBlockBytes(static_cast<int>(workers), shared) > cb.bytes_)
        throw std::runtime_error("control block smaller than its worker count");
    cb.workers_ = static_cast<int>(workers);
    cb.sharedAreaBytes_ = shared;
    return cb;
}

ControlBlock::ControlBlock(ControlBlock&& o) noexcept
    : header_(std::exchange(o.header_, nullptr))
    , bytes_(std::exchange(o.bytes_, 0))
    , fd_(std::exchange(o.fd_, -1))
    , ownsFd_(std::exchange(o.ownsFd_, false))
    , workers_(std::exchange(o.workers_, 0))
    , sharedAreaBytes_(std::exchange(o.sharedAreaBytes_, 0))
{
}

ControlBlock& ControlBlock::operator=(ControlBlock&& o) noexcept
{
    // the old mapping goes with o's destructor
    std::swap(header_, o.header_);
    std::swap(bytes_, o.bytes_);
    std::swap(fd_, o.fd_);
    std::swap(ownsFd_, o.ownsFd_);
    std::swap(workers_, o.workers_);
    std::swap(sharedAreaBytes_, o.sharedAreaBytes_);
    return *this;
}

ControlBlock::~ControlBlock()
{
    if (header_) munmap(header_, bytes_);
    if (ownsFd_ && fd_ >= 0) close(fd_);
}

WorkerSlot* ControlBlock::slot(int i) const
{
    auto* base = reinterpret_cast<char*>(header_) + kHeaderBytes;
    return reinterpret_cast<WorkerSlot*>(base) + i;
}

std::byte* ControlBlock::sharedArea() const
{
    return reinterpret_cast<std::byte*>(slot(workerCount()));
}

// A sequence lock: the owner makes lockSeq odd, writes, and makes it even again; a
// reader retries while it is odd or changed under it. The owner never waits.
void enterLockState(WorkerSlot& slot, LockState next, std::int64_t nowNs)
{
    const std::uint32_t seq = slot.lockSeq.load(std::memory_order_relaxed);
    slot.lockSeq.store(seq + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    const std::int64_t since = slot.lockSinceNs.load(std::memory_order_relaxed);
    const auto elapsed = static_cast<std::uint64_t>(since > 0 && nowNs > since ? nowNs - since : 0);
    const auto state = static_cast<LockState>(slot.lockState.load(std::memory_order_relaxed));
    if (state == LockState::Holding)
        slot.lockHeldNs.store(slot.lockHeldNs.load(std::memory_order_relaxed) + elapsed,
                              std::memory_order_relaxed);
    else if (state == LockState::Waiting)
        slot.lockWaitNs.store(slot.lockWaitNs.load(std::memory_order_relaxed) + elapsed,
                              std::memory_order_relaxed);
    slot.lockState.store(static_cast<std::uint32_t>(next), std::memory_order_relaxed);
    slot.lockSinceNs.store(nowNs, std::memory_order_relaxed);
    slot.lockSeq.store(seq + 2, std::memory_order_release);
}

LockReading readLock(const WorkerSlot& slot, std::int64_t nowNs, bool ongoing)
{
    LockReading r;
    std::int64_t since = 0;
    // the owner holds the line odd for a few stores; a reader that keeps losing the
    // race (or finds a worker that died mid-write) takes the figures as they are
    for (int attempt = 0; attempt < 64; ++attempt) {
        const std::uint32_t before = slot.lockSeq.load(std::memory_order_acquire);
        r.heldNs = slot.lockHeldNs.load(std::memory_order_relaxed);
        r.waitNs = slot.lockWaitNs.load(std::memory_order_relaxed);
        r.state = static_cast<LockState>(slot.lockState.load(std::memory_order_relaxed));
        since = slot.lockSinceNs.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if ((before & 1) == 0 && slot.lockSeq.load(std::memory_order_relaxed) == before) break;
    }
    const auto elapsed =
        static_cast<std::uint64_t>(ongoing && since > 0 && nowNs > since ? nowNs - since : 0);
    if (r.state == LockState::Holding) r.heldNs += elapsed;
    if (r.state == LockState::Waiting) r.waitNs += elapsed;
    return r;
}

std::int64_t publishCpu(WorkerSlot& slot)
{
    const std::int64_t cpuNs = threadCpuNs();
    const std::int64_t atNs = monotonicNs();
    const int cpu = sched_getcpu();
    const std::uint32_t seq = slot.pubSeq.load(std::memory_order_relaxed);
    slot.pubSeq.store(seq + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    slot.pubCpu.store(cpu, std::memory_order_relaxed);
    slot.pubCpuNs.store(cpuNs, std::memory_order_relaxed);
    slot.pubAtNs.store(atNs, std::memory_order_relaxed);
    slot.pubBatches.store(slot.pubBatches.load(std::memory_order_relaxed) + 1,
                          std::memory_order_relaxed);
    slot.pubSeq.store(seq + 2, std::memory_order_release);
    return atNs;
}

std::optional<PublishedCpu> readPublished(const WorkerSlot& slot)
{
    // the owner holds the sequence odd for four stores; unlike the lock line, a torn
    // reading is not taken as it is: CPU time and time must belong together
    for (int attempt = 0; attempt < 64; ++attempt) {
        const std::uint32_t before = slot.pubSeq.load(std::memory_order_acquire);
        PublishedCpu p;
        p.cpu = slot.pubCpu.load(std::memory_order_relaxed);
        p.cpuNs = slot.pubCpuNs.load(std::memory_order_relaxed);
        p.atNs = slot.pubAtNs.load(std::memory_order_relaxed);
        p.batches = slot.pubBatches.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if ((before & 1) == 0 && slot.pubSeq.load(std::memory_order_relaxed) == before) return p;
    }
    return std::nullopt;
}

std::int64_t monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::int64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void futexWait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeoutNs)
{
    timespec ts{static_cast<time_t>(timeoutNs / 1'000'000'000),
                static_cast<long>(timeoutNs % 1'000'000'000)};
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, expected,
            timeoutNs >= 0 ? &ts : nullptr, nullptr, 0);
}

void futexWakeAll(std::atomic<std::uint32_t>& word)
{
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, INT_MAX, nullptr,
            nullptr, 0);
}

} // namespace corelab
