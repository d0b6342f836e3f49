#include "probe/OwnCpu.h"

#include <unistd.h>

#include "probe/MachineInfo.h"
#include "probe/Parsers.h"

namespace corelab::probe {

std::optional<double> ownCpuSeconds(const std::string& procRoot)
{
    const std::string text = readTextFile(procRoot + "/self/stat").value_or(std::string());
    const auto stat = parseTaskStat(text);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!stat || ticksPerSecond <= 0) return std::nullopt;
    return static_cast<double>(stat->utimeTicks + stat->stimeTicks) /
           static_cast<double>(ticksPerSecond);
}

std::optional<double> percentOfCore(double cpuS, double wallS)
{
    if (!(wallS > 0)) return std::nullopt;
    return 100.0 * cpuS / wallS;
}

} // namespace corelab::probe
