#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

namespace corelab {

// Starts corelab-worker as the leader of a new session and process group, with the control
// block's fd as fd 3 and default signal dispositions. Throws std::system_error.
pid_t spawnLeader(const std::string& workerPath, int controlFd, const std::string& specJson);

// Non-blocking: true once the leader has ended (it is left unreaped, so its pid and
// process group cannot be reused while we still signal them). Fills the wait status.
bool leaderEnded(pid_t leader, int& status);

// Kills whatever is left of the process group and the `strays` (processes of the run
// that left the group, found through their parent links while the leader lived), the
// leader's descendants, and every orphan handed to us (the engine's process is a child
// subreaper) from outside our session but for other runs' leaders, with all that descends
// from them; scans again after each kill, reaps the leader and those orphans, and returns
// once a scan finds none of them and none remains, or timeoutMs has passed. True when
// none remains.
bool killAndReapGroup(pid_t leader, const std::vector<int>& strays, int timeoutMs);

// The live processes that descend from the leader (its group, and any that left it),
// leader excluded: read while the leader lives, they are what must end with the run.
std::vector<int> descendantsOf(pid_t leader);

// Makes this process the reaper of the run's orphans (once per process).
void becomeSubreaper();

} // namespace corelab
