#include "probe/ProcessTree.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <dirent.h>

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

std::string readAll(const std::string& path)
{
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
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

const std::vector<GroupProcess>& ProcessTree::scan(int pgid, int exclude)
{
    struct Seen {
        int ppid = 0;
        bool inGroup = false;
    };
    std::map<int, Seen> live; // every live process, by pid
    for (int pid : numericEntries(root_)) {
        const auto stat = parseTaskStat(readAll(root_ + "/" + std::to_string(pid) + "/stat"));
        if (!stat || stat->state == 'Z' || stat->state == 'X') continue;
        live[pid] = Seen{stat->ppid, stat->pgrp == pgid};
    }
    // a process that left the group (setsid, setpgid) still descends from the group's
    // leader: follow parent links up to it (bounded, in case of a pid reused mid-scan)
    auto descends = [&](int pid) {
        for (int hops = 0; hops < 64; ++hops) {
            const auto it = live.find(pid);
            if (it == live.end()) return false;
            if (it->second.ppid == pgid) return true;
            pid = it->second.ppid;
        }
        return false;
    };
    found_.clear();
    for (const auto& [pid, seen] : live) {
        if (pid == exclude || pid == pgid || !(seen.inGroup || descends(pid))) continue;
        GroupProcess p{pid, numericEntries(root_ + "/" + std::to_string(pid) + "/task")};
        if (!p.tids.empty()) found_.push_back(std::move(p));
    }
    return found_;
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
