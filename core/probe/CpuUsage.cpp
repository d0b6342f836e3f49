#include "probe/CpuUsage.h"

#include <algorithm>
#include <optional>

namespace corelab::probe {

namespace {

// the kernel's proc documentation warns that iowait can decrease; any backward step
// counts as no time spent rather than wrapping around to a huge delta
std::uint64_t step(std::uint64_t now, std::uint64_t before)
{
    return now >= before ? now - before : 0;
}

double share(std::uint64_t part, std::uint64_t total)
{
    return std::clamp(static_cast<double>(part) / static_cast<double>(total), 0.0, 1.0);
}

std::optional<CoreSample> sampleBetween(const CpuTicks& before, const CpuTicks& now)
{
    const std::uint64_t user = step(now.user, before.user);
    const std::uint64_t nice = step(now.nice, before.nice);
    const std::uint64_t system = step(now.system, before.system);
    const std::uint64_t idle = step(now.idle, before.idle);
    const std::uint64_t iowait = step(now.iowait, before.iowait);
    const std::uint64_t irq = step(now.irq, before.irq);
    const std::uint64_t softirq = step(now.softirq, before.softirq);
    const std::uint64_t steal = step(now.steal, before.steal);
    // summing the clamped steps keeps every share's numerator within the total
    const std::uint64_t total = user + nice + system + idle + iowait + irq + softirq + steal;
    if (total == 0) return std::nullopt;

    CoreSample s;
    s.cpu = now.cpu;
    s.user = share(user + nice, total);
    s.system = share(system + irq + softirq, total);
    s.iowait = share(iowait, total);
    s.busy = share(total - idle - iowait, total);
    return s;
}

} // namespace

std::vector<CoreSample> CpuUsage::update(const std::vector<CpuTicks>& now)
{
    std::vector<CoreSample> samples;
    samples.reserve(now.size());
    std::map<int, CpuTicks> seen;
    for (const CpuTicks& ticks : now) {
        // a repeated id would otherwise be compared twice against one baseline
        if (!seen.try_emplace(ticks.cpu, ticks).second) continue;
        const auto before = previous_.find(ticks.cpu);
        if (before == previous_.end()) continue;
        if (auto sample = sampleBetween(before->second, ticks)) samples.push_back(*sample);
    }
    // cores absent from this reading went offline: their old baseline must not be reused
    previous_ = std::move(seen);
    return samples;
}

} // namespace corelab::probe
