#pragma once

#include <optional>
#include <string>
#include <vector>

#include "record/RunRecord.h"

namespace corelab {

// A whole small file (/proc, /sys) as text; nullopt when it cannot be opened or read
// (a process that ended meanwhile: ESRCH). Never throws.
std::optional<std::string> readTextFile(const std::string& path);

// The machine a run happens on, read from /proc, /sys and the cgroup v2 mount.
MachineInfo readMachineInfo();
// The same with the /proc root and the cgroup v2 mount injectable, for tests.
MachineInfo readMachineInfo(const std::string& procRoot, const std::string& cgroupRoot);
// Every cpuN under `cpuRoot` (normally /sys/devices/system/cpu) that has a topology
// folder, by id; empty when none has one (containers that hide /sys).
std::vector<CpuPlace> readCpuTopology(const std::string& cpuRoot);

} // namespace corelab
