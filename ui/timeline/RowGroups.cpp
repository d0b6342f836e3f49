#include "timeline/RowGroups.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace corelab::ui {

namespace {

QString span(const QString& prefix, int first, int last)
{
    if (first == last) return prefix + QString::number(first);
    return QStringLiteral("%1%2–%3").arg(prefix).arg(first).arg(last);
}

// One physical core: its place and its SMT siblings.
struct Unit {
    int package = 0, die = 0, core = 0;
    std::vector<int> cpus;
};

std::vector<Unit> unitsOf(const std::vector<int>& cpus, const std::vector<CpuPlace>& topology)
{
    std::map<int, CpuPlace> place;
    for (const CpuPlace& p : topology)
        place[p.cpu] = p;
    std::map<std::tuple<int, int, int>, Unit> units;
    for (int cpu : cpus) {
        const auto it = place.find(cpu);
        if (it == place.end()) return {}; // a CPU the topology does not name: ids it is
        const CpuPlace& p = it->second;
        Unit& u = units[{p.package, p.die, p.core}];
        u.package = p.package;
        u.die = p.die;
        u.core = p.core;
        u.cpus.push_back(cpu);
    }
    std::vector<Unit> out;
    for (auto& [key, u] : units) {
        std::sort(u.cpus.begin(), u.cpus.end());
        out.push_back(std::move(u));
    }
    return out;
}

QString labelOf(const std::vector<Unit>& units, std::size_t from, std::size_t to, bool dies)
{
    const Unit& a = units[from];
    const Unit& b = units[to - 1];
    if (a.package != b.package) return span(QStringLiteral("P"), a.package, b.package);
    QString label = QStringLiteral("P%1 ").arg(a.package);
    if (a.die != b.die) return label + span(QStringLiteral("D"), a.die, b.die);
    if (dies) label += QStringLiteral("D%1 ").arg(a.die);
    return label + span(QStringLiteral("c"), a.core, b.core);
}

// Units chunked `perGroup` at a time, a chunk never crossing the domain `key` gives.
template <class Key>
std::vector<RowGroup> chunk(const std::vector<Unit>& units, std::size_t perGroup, Key key,
                            bool dies)
{
    std::vector<RowGroup> groups;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= units.size(); ++i) {
        const bool close =
            i == units.size() || i - from == perGroup || key(units[i]) != key(units[from]);
        if (!close || i == from) continue;
        RowGroup g{labelOf(units, from, i, dies), {}};
        for (std::size_t k = from; k < i; ++k)
            g.items.insert(g.items.end(), units[k].cpus.begin(), units[k].cpus.end());
        groups.push_back(std::move(g));
        from = i;
    }
    return groups;
}

std::vector<RowGroup> groupByTopology(const std::vector<Unit>& units, int maxRows)
{
    std::size_t smt = 1;
    bool dies = false;
    for (const Unit& u : units) {
        smt = std::max(smt, u.cpus.size());
        dies = dies || u.die != 0;
    }
    auto byDie = [](const Unit& u) { return std::pair{u.package, u.die}; };
    auto byPackage = [](const Unit& u) { return std::pair{u.package, 0}; };
    auto whole = [](const Unit&) { return std::pair{0, 0}; };
    std::vector<RowGroup> groups;
    for (std::size_t cpusPer = 8;; cpusPer *= 2) {
        const std::size_t per = std::max<std::size_t>(1, cpusPer / smt);
        for (int level = 0; level < 3; ++level) {
            groups = level == 0   ? chunk(units, per, byDie, dies)
                     : level == 1 ? chunk(units, per, byPackage, dies)
                                  : chunk(units, per, whole, dies);
            if (static_cast<int>(groups.size()) <= maxRows) return groups;
        }
        if (per >= units.size()) return groups;
    }
}

} // namespace

std::vector<RowGroup> groupCpus(const std::vector<int>& cpus, const std::vector<CpuPlace>& topology,
                                int maxRows)
{
    if (cpus.empty()) return {};
    maxRows = std::max(1, maxRows);
    if (const auto units = unitsOf(cpus, topology); !units.empty())
        return groupByTopology(units, maxRows);
    std::vector<int> sorted = cpus;
    std::sort(sorted.begin(), sorted.end());
    std::size_t per = 8;
    while ((sorted.size() + per - 1) / per > static_cast<std::size_t>(maxRows))
        per *= 2;
    std::vector<RowGroup> groups;
    for (std::size_t i = 0; i < sorted.size(); i += per) {
        RowGroup g;
        g.items.assign(sorted.begin() + static_cast<std::ptrdiff_t>(i),
                       sorted.begin() +
                           static_cast<std::ptrdiff_t>(std::min(i + per, sorted.size())));
        g.label = span(QStringLiteral("cpu"), g.items.front(), g.items.back());
        groups.push_back(std::move(g));
    }
    return groups;
}

std::vector<RowGroup> groupWorkers(int workers, int threadsPerProcess, int maxRows)
{
    if (workers <= 0) return {};
    const int tpp = std::max(1, threadsPerProcess);
    int per = tpp > 1 ? tpp : 8;
    while ((workers + per - 1) / per > std::max(1, maxRows))
        per *= 2;
    std::vector<RowGroup> groups;
    for (int first = 0; first < workers; first += per) {
        const int last = std::min(workers, first + per) - 1;
        RowGroup g;
        for (int w = first; w <= last; ++w)
            g.items.push_back(w);
        const QString ws = span(QStringLiteral("w"), first, last);
        g.label = ws;
        if (tpp > 1)
            g.label =
                span(QStringLiteral("p"), first / tpp, last / tpp) + QStringLiteral(" · ") + ws;
        groups.push_back(std::move(g));
    }
    return groups;
}

void RowGrouping::setGroups(std::vector<RowGroup> groups)
{
    groups_ = std::move(groups);
    layout();
}

bool RowGrouping::isOpen(int group) const
{
    const auto& items = groups_.at(static_cast<std::size_t>(group)).items;
    return !items.empty() && open_.count(items.front()) > 0;
}

bool RowGrouping::toggle(int row)
{
    if (row < 0 || row >= static_cast<int>(rows_.size())) return false;
    const auto& items =
        groups_[static_cast<std::size_t>(rows_[static_cast<std::size_t>(row)].group)].items;
    if (items.empty()) return false;
    if (!open_.erase(items.front())) open_.insert(items.front());
    layout();
    return true;
}

int RowGrouping::rowOfGroup(int group) const
{
    for (std::size_t r = 0; r < rows_.size(); ++r)
        if (rows_[r].group == group && rows_[r].item < 0) return static_cast<int>(r);
    return -1;
}

void RowGrouping::layout()
{
    rows_.clear();
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        rows_.push_back({static_cast<int>(g), -1});
        if (!isOpen(static_cast<int>(g))) continue;
        for (int item : groups_[g].items)
            rows_.push_back({static_cast<int>(g), item});
    }
}

} // namespace corelab::ui
