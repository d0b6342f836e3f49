#include <algorithm>
#include <cstdint>

#include "catalogue/Catalogue.h"
#include "ipc/ControlBlock.h"
#include "runtime/WorkerContext.h"
#include "workloads/HashChain.h"

namespace corelab {

namespace {

void runCpu(WorkerContext& ctx)
{
    const auto rounds = static_cast<std::uint64_t>(ctx.arg(0));
    // about a millisecond of work per batch, so a stop is noticed quickly and the
    // counters cost nothing measurable
    const std::uint64_t opsPerBatch = std::max<std::uint64_t>(1, 600000 / rounds);
    std::uint64_t x = 0x12345678ULL + static_cast<std::uint64_t>(ctx.index());
    while (ctx.keepGoing()) {
        for (std::uint64_t i = 0; i < opsPerBatch; ++i)
            x = hashRounds(x + i, rounds);
        ctx.addBatch(opsPerBatch);
    }
    ctx.slot().sink.store(x, std::memory_order_relaxed);
}

} // namespace

WorkloadInfo cpuWorkload()
{
    WorkloadInfo w;
    w.name = "cpu";
    w.description =
        "Pure computation: each op is a chain of integer hash rounds no compiler can skip.";
    w.opUnit = "op";
    w.params = {
        {"rounds", "rounds/op", 64, 1, 1e6, "hash rounds in one op (more rounds, fewer ops/s)"}};
    w.run = runCpu;
    return w;
}

} // namespace corelab
