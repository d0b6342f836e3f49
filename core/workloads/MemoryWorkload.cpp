#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "catalogue/Catalogue.h"
#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

constexpr std::size_t kLine = 64;
constexpr std::size_t kChunk = 1 << 20; // one batch: a MiB of the shared set

// The data set the leader builds before any worker exists: threads see this one
// copy; forked workers see it copy-on-write, so a page is copied only when written.
struct SharedSet {
    std::uint64_t* data = nullptr;
    std::size_t bytes = 0;
    int error = 0;
};

std::size_t pageSize()
{
    return static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Anonymous private memory with every page written, in 4 KiB pages: huge pages
// would make copy-on-write and PSS move in 2 MiB steps.
void* touchedMapping(std::size_t bytes, std::uint64_t seed)
{
    if (bytes == 0) return nullptr;
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return MAP_FAILED;
    madvise(p, bytes, MADV_NOHUGEPAGE);
    auto* words = static_cast<std::uint64_t*>(p);
    const std::size_t perPage = pageSize() / sizeof(std::uint64_t);
    for (std::size_t w = 0; w < bytes / sizeof(std::uint64_t); w += perPage)
        words[w] = seed + w;
    return p;
}

void* prepareMemory(const ExperimentSpec&, const std::vector<double>& args)
{
    auto* set = new SharedSet; // lives as long as the leader
    set->bytes = static_cast<std::size_t>(args[0]) << 20;
    void* p = touchedMapping(set->bytes, 0x5eed);
    if (p == MAP_FAILED)
        set->error = errno;
    else
        set->data = static_cast<std::uint64_t*>(p);
    return set;
}

// Reads one word of every cache line of a chunk (and writes one word per page when
// asked, which is what makes a forked worker copy the page). Returns bytes touched.
std::uint64_t touchChunk(std::uint64_t* chunk, std::size_t bytes, bool write, std::uint64_t tag,
                         std::uint64_t& sum)
{
    const std::size_t perLine = kLine / sizeof(std::uint64_t);
    const std::size_t perPage = pageSize() / sizeof(std::uint64_t);
    const std::size_t words = bytes / sizeof(std::uint64_t);
    for (std::size_t w = 0; w < words; w += perLine)
        sum += std::atomic_ref<std::uint64_t>(chunk[w]).load(std::memory_order_relaxed);
    if (write)
        for (std::size_t w = 0; w < words; w += perPage)
            std::atomic_ref<std::uint64_t>(chunk[w]).store(tag, std::memory_order_relaxed);
    return bytes;
}

// Before the start: the worker's own memory, mapped and touched, and with
// --write-shared yes one word written into every page of the shared set, which is when
// a forked worker copies the page. Copying is page faults (10-30 µs each on a VM), so
// done inside the window it would still be going on when a short run ends, and the
// memory the run shows would be whatever share of the copies it caught.
struct OwnMemory {
    void* data = nullptr;
    std::size_t bytes = 0;
};

WorkerSetUp setUpMemory(const ExperimentSpec&, const std::vector<double>& args, int index,
                        const void* leaderState)
{
    const auto* set = static_cast<const SharedSet*>(leaderState);
    if (!set || set->error) return {nullptr, set ? set->error : EINVAL};
    auto* own = new OwnMemory{nullptr, static_cast<std::size_t>(args[1]) << 20};
    own->data = touchedMapping(own->bytes, static_cast<std::uint64_t>(index));
    if (own->data == MAP_FAILED) {
        const int error = errno;
        delete own;
        return {nullptr, error};
    }
    if (args[2] != 0) {
        const std::size_t perPage = pageSize() / sizeof(std::uint64_t);
        const auto tag = static_cast<std::uint64_t>(index) + 1;
        for (std::size_t w = 0; w < set->bytes / sizeof(std::uint64_t); w += perPage)
            std::atomic_ref<std::uint64_t>(set->data[w]).store(tag, std::memory_order_relaxed);
    }
    return {own, 0};
}

void tearDownMemory(void* state, const std::vector<double>&)
{
    auto* own = static_cast<OwnMemory*>(state);
    if (own && own->data) munmap(own->data, own->bytes);
    delete own;
}

// Held until stop (tearDown frees the worker's own memory after it), so the 2 Hz memory
// samples see it.
void runMemory(WorkerContext& ctx)
{
    const auto* set = static_cast<const SharedSet*>(ctx.leaderState());
    const bool write = ctx.arg(2) != 0;
    std::uint64_t sum = 0;
    for (std::size_t offset = 0; ctx.keepGoing();) {
        if (set->bytes == 0) { // nothing to read: hold the own memory until stop
            WorkerContext::Blocking blocking(ctx);
            usleep(10'000);
            continue;
        }
        const std::size_t n = std::min(kChunk, set->bytes - offset);
        auto* chunk = set->data + offset / sizeof(std::uint64_t);
        const auto tag = static_cast<std::uint64_t>(ctx.index()) + 1;
        ctx.addBatch(n / pageSize(), touchChunk(chunk, n, write, tag, sum));
        offset = (offset + n) % set->bytes;
    }
    ctx.slot().sink.store(sum, std::memory_order_relaxed);
}

// The shared set once, each worker's own memory, and, when forked workers write the
// shared set, one copy of it per worker process.
std::uint64_t plannedMemoryBytes(const ExperimentSpec& spec)
{
    auto mib = [&](const char* name) {
        const auto it = spec.params.find(name);
        return it == spec.params.end() ? 0 : static_cast<std::uint64_t>(it->second) << 20;
    };
    const auto shared = mib("shared-mib");
    const auto it = spec.params.find("write-shared");
    const bool writes = it != spec.params.end() && it->second != 0;
    const auto copies = writes ? static_cast<std::uint64_t>(spec.processCount()) : 0;
    return shared * (1 + copies) +
           mib("private-mib") * static_cast<std::uint64_t>(spec.totalWorkers());
}

std::string memoryUnsupported(const ExperimentSpec& spec)
{
    if (spec.spawn == SpawnMethod::Exec && spec.processCount() > 0)
        return "memory needs --spawn fork: the shared set is built by the leader, and an exec'd "
               "worker starts with a fresh address space that does not contain it";
    return "";
}

// An op is one page whose every cache line was read, so bytes = pages × page size.
void summarizeMemory(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::uint64_t pages = 0;
    for (std::uint64_t ops : r.ops)
        pages += ops;
    const double bytes = static_cast<double>(pages) * static_cast<double>(pageSize());
    out["bytes_touched_per_s"] = r.wallS > 0 ? bytes / r.wallS : 0;
}

} // namespace

WorkloadInfo memoryWorkload()
{
    WorkloadInfo w;
    w.name = "memory";
    w.description = "A data set the leader builds once, read (or written) by every worker, plus "
                    "memory of each worker's own: compare RSS, PSS and USS.";
    w.opUnit = "page";
    w.params = {
        {"shared-mib", "MiB", 64, 0, 8192, "data set the leader builds before workers start"},
        {"private-mib", "MiB", 16, 0, 8192, "memory each worker allocates and touches for itself"},
        {"write-shared",
         "",
         0,
         0,
         1,
         "yes: workers also write one word per page of the shared set (copy-on-write after "
         "fork)",
         {"no", "yes"}}};
    w.run = runMemory;
    w.prepare = prepareMemory;
    w.setUp = setUpMemory;
    w.tearDown = tearDownMemory;
    w.plannedBytes = plannedMemoryBytes;
    w.unsupported = memoryUnsupported;
    w.summarize = summarizeMemory;
    w.figures = {{"bytes_touched_per_s", "B/s", Better::Higher,
                  "bytes of the shared set read per second, all workers (one 8-byte load per "
                  "64-byte line counts the whole line)"}};
    return w;
}

} // namespace corelab
