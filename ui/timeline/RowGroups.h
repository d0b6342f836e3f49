#pragma once

#include <set>
#include <vector>

#include <QString>

#include "record/RunRecord.h"

namespace corelab::ui {

// A group row holds its label: about a line of the axis font.
inline constexpr int kMinGroupRowPx = 13;

// Rows of a heat map or of the worker lanes when there are too many CPUs or workers
// for a readable row each (256 CPUs, 512 workers): items (CPU ids, worker indices) are
// grouped, each group is one row of their mean, and a group can be opened to show one
// row per item under its own. Plain data, so the layout is tested without widgets.
struct RowGroup {
    QString label;          // "P0 D1 c16–23", "p2–3 · w16–31", "cpu0–7"
    std::vector<int> items; // CPU ids or worker indices, in row order
};

// One row as drawn: the group's mean (item -1) or one item of an opened group.
struct GroupRow {
    int group = 0;
    int item = -1;
    bool operator==(const GroupRow&) const = default;
};

// CPUs in topological order (package, die, core, SMT sibling), grouped by whole cores
// within a die — blocks of 8, 16, 32 … CPUs, the smallest that gives at most maxRows
// rows; groups grow past a die, then a package, only when they must. Without a
// topology that names every CPU: blocks of the same sizes by CPU id.
std::vector<RowGroup> groupCpus(const std::vector<int>& cpus, const std::vector<CpuPlace>& topology,
                                int maxRows);

// Workers by whole processes (threadsPerProcess > 1), else by blocks of 8: the smallest
// multiple (×1, ×2, ×4 …) that gives at most maxRows rows.
std::vector<RowGroup> groupWorkers(int workers, int threadsPerProcess, int maxRows);

// The groups and which are open, as rows top to bottom.
class RowGrouping {
public:
    // New groups (same items keep their open state); clears when `groups` is empty.
    void setGroups(std::vector<RowGroup> groups);
    bool grouped() const { return !groups_.empty(); }
    const std::vector<RowGroup>& groups() const { return groups_; }
    const std::vector<GroupRow>& rows() const { return rows_; }
    // Opens or closes the group of row `row`; false when there is no such row.
    bool toggle(int row);
    bool isOpen(int group) const;
    // The row of group `group`'s mean, -1 when there is none.
    int rowOfGroup(int group) const;

private:
    void layout();

    std::vector<RowGroup> groups_;
    std::set<int> open_; // by the group's first item, which survives regrouping
    std::vector<GroupRow> rows_;
};

} // namespace corelab::ui
