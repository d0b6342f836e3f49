#pragma once

#include <string>

#include <sys/types.h>

namespace corelab {

// Starts corelab-worker as the leader of a new session and process group, with the control
// block's fd as fd 3 and default signal dispositions. Throws std::system_error.
pid_t spawnLeader(const std::string& workerPath, int controlFd, const std::string& specJson);

// Non-blocking: true once the leader has ended (it is left unreaped, so its pid and
// process group cannot be reused while we still signal them). Fills the wait status.
bool leaderEnded(pid_t leader, int& status);

// Kills whatever is left of the process group, reaps the leader and every orphan
// that was handed to us (the engine's process is a child subreaper), and returns
// once no process of the group remains or timeoutMs has passed. True when none remains.
bool killAndReapGroup(pid_t leader, int timeoutMs);

// Makes this process the reaper of the run's orphans (once per process).
void becomeSubreaper();

} // namespace corelab
