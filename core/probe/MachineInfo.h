#pragma once

#include <string>

#include "record/RunRecord.h"

namespace corelab {

// The machine a run happens on, read from /proc, /sys and the cgroup v2 mount.
MachineInfo readMachineInfo();
// The same with the /proc root and the cgroup v2 mount injectable, for tests.
MachineInfo readMachineInfo(const std::string& procRoot, const std::string& cgroupRoot);

} // namespace corelab
