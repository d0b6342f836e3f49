#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corelab::probe {

// One process found in a process group, with the threads it had at the scan.
struct GroupProcess {
    int pid = 0;
    std::vector<int> tids; // ascending; the main thread's tid is the pid
};

// The process group of /proc/<pid>/stat (field 5, counted after the last ')'),
// or nullopt for a zombie or unparsable text: a zombie has no threads to measure.
std::optional<int> liveGroupOf(std::string_view statText);

// Finds the processes of a run and their threads by scanning <root>/*/stat (root
// injectable, so fixtures can stand in for /proc): the members of the process group
// whose leader is `pgid` and of its session (a run's leader leads both), and every live
// descendant of that leader. A process that left the group (setsid, setpgid) is found
// through its parent links; one whose parent died is found too when the leader is a
// child subreaper (orphans are then handed to it). Parent links pass through zombies:
// a process whose stat was read just before its parent died still names that parent.
class ProcessTree {
public:
    explicit ProcessTree(std::string procRoot = "/proc");

    // Rescans; the leader itself and `exclude` are left out.
    const std::vector<GroupProcess>& scan(int pgid, int exclude = 0);
    const std::vector<GroupProcess>& processes() const { return found_; }

    // Rescans for what was handed to `reaper`, a child subreaper, from the runs it
    // started: its children outside its own `session` but for `keep` (leaders of runs
    // still going), zombies included (they are the reaper's to reap), and every live
    // process that descends from them. Pids only; the sampler's list is left as it was.
    std::vector<int> adoptedBy(int reaper, int session, const std::vector<int>& keep) const;

    // A stable small number for each thread ever seen, in the order they were first
    // asked for; nullopt once `limit` threads have numbers.
    std::optional<int> indexOf(int pid, int tid, std::size_t limit);

private:
    struct Entry {
        int ppid = 0;
        int pgrp = 0;
        int session = 0;
        bool live = false; // not a zombie
    };
    using Entries = std::map<int, Entry>; // by pid
    Entries readEntries() const;
    // The first process on pid's parent chain (pid itself included) whose parent is
    // `ancestor`; 0 when the chain does not reach it.
    static int childOnTheWayTo(const Entries& entries, int pid, int ancestor);

    std::string root_;
    std::vector<GroupProcess> found_;
    std::map<std::pair<int, int>, int> index_;
};

} // namespace corelab::probe
