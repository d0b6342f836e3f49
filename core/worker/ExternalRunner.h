#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "worker/WorkerThread.h"

namespace corelab::worker {

// Splits a command's stdout into lines and adds up "corelab-ops N" lines; other
// lines are handed back so the user still sees what their program printed.
class OpsLineParser {
public:
    // Ops found in the complete lines of `chunk` (a line may span chunks); the
    // other complete lines, each with its '\n', are appended to `otherLines`.
    std::uint64_t feed(std::string_view chunk, std::string& otherLines);

    // Parses one line without its '\n': N for "corelab-ops N", nullopt otherwise.
    static std::optional<std::uint64_t> opsIn(std::string_view line);

private:
    std::string partial_;
};

// The leader's job for the external workload: runs spec.command as its child, in the
// run's process group, with stdout into a pipe read for ops; worker slot 0 stands for
// the whole command. Ends when the command ends, or stops it when the run's stop flag
// rises (SIGTERM to the group, SIGKILL after a grace period). Returns the leader's exit code.
int runExternal(const RunPlan& plan, int controlFd);

} // namespace corelab::worker
