#include "probe/ProcessTree.h"

#include <algorithm>
#include <cstdlib>

#include <dirent.h>

#include "probe/MachineInfo.h"
#include "probe/Parsers.h"

namespace corelab::probe {

namespace {

// Numeric entries of a directory: pids in /proc, tids in /proc/<pid>/task.
std::vector<int> numericEntries(const std::string& dir)
{
    std::vector<int> ids;
    DIR* d = opendir(dir.c_str());
    if (!d) return ids; // the process has just gone
    while (const dirent* e = readdir(d)) {
        char* end = nullptr;
        const long id = std::strtol(e->d_name, &end, 10);
        if (id > 0 && *end == '\0') ids.push_back(static_cast<int>(id));
    }
    closedir(d);
    std::sort(ids.begin(), ids.end());
    return ids;
}

// the processes of a tree come and go while it is read: a file that vanished is empty
std::string readAll(const std::string& path)
{
    return readTextFile(path).value_or(std::string());
}

} // namespace

std::optional<int> liveGroupOf(std::string_view statText)
{
    const auto stat = parseTaskStat(statText);
    if (!stat || stat->state == 'Z' || stat->state == 'X') return std::nullopt;
    return stat->pgrp;
}

ProcessTree::ProcessTree(std::string procRoot)
    : root_(std::move(procRoot))
{
}

ProcessTree::Entries ProcessTree::readEntries() const
{
    Entries entries;
    for (int pid : numericEntries(root_)) {
        const auto stat = parseTaskStat(readAll(root_ + "/" + std::to_string(pid) + "/stat"));
        if (!stat || stat->state == 'X') continue;
        entries[pid] = Entry{stat->ppid, stat->pgrp, stat->session, stat->state != 'Z'};
    }
    return entries;
}

// Bounded, in case of a pid reused mid-scan. A zombie keeps its place on the chain: its
// child read a moment before it died names it as parent, and was handed on only after.
int ProcessTree::childOnTheWayTo(const Entries& entries, int pid, int ancestor)
{
    for (int hops = 0; hops < 64; ++hops) {
        const auto it = entries.find(pid);
        if (it == entries.end()) return 0;
        if (it->second.ppid == ancestor) return pid;
        pid = it->second.ppid;
    }
    return 0;
}

const std::vector<GroupProcess>& ProcessTree::scan(int pgid, int exclude)
{
    const Entries entries = readEntries();
    found_.clear();
    for (const auto& [pid, e] : entries) {
        if (!e.live || pid == exclude || pid == pgid) continue;
        if (e.pgrp != pgid && e.session != pgid && !childOnTheWayTo(entries, pid, pgid)) continue;
        GroupProcess p{pid, numericEntries(root_ + "/" + std::to_string(pid) + "/task")};
        if (!p.tids.empty()) found_.push_back(std::move(p));
    }
    return found_;
}

std::vector<int> ProcessTree::adoptedBy(int reaper, int session, const std::vector<int>& keep) const
{
    const Entries entries = readEntries();
    auto adopted = [&](int child) {
        const Entry& e = entries.at(child);
        return e.session != session && std::find(keep.begin(), keep.end(), child) == keep.end();
    };
    std::vector<int> pids;
    for (const auto& [pid, e] : entries) {
        if (pid == reaper) continue;
        const int child = childOnTheWayTo(entries, pid, reaper);
        if (child && (e.live || child == pid) && adopted(child)) pids.push_back(pid);
    }
    return pids;
}

std::optional<int> ProcessTree::indexOf(int pid, int tid, std::size_t limit)
{
    const auto key = std::make_pair(pid, tid);
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    if (index_.size() >= limit) return std::nullopt;
    const int next = static_cast<int>(index_.size());
    index_.emplace(key, next);
    return next;
}

} // namespace corelab::probe
