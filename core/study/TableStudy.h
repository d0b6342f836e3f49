#pragma once

#include <vector>

#include "analysis/Table.h"
#include "study/Study.h"

namespace corelab {

// The article's table measured here: each preset's A and then B, shortened to table
// runs, and one row per preset once both its runs ran whole.
class TableStudy : public Study {
public:
    // runS: kTableRunS, or kQuickTableRunS for --quick.
    TableStudy(std::vector<Preset> presets, double runS);

    // "2/12 memory usage (A)"
    std::string stepLabel(int step) const override;
    void add(int step, const RunRecord& run) override;
    std::string kind() const override { return "table"; }

    const Preset& presetOf(int step) const;
    const std::vector<TableRow>& rows() const { return rows_; }
    double runS() const { return runS_; }

private:
    std::vector<Preset> presets_;
    double runS_;
    std::optional<RunRecord> pendingA_; // A of the preset being measured
    std::vector<TableRow> rows_;
};

} // namespace corelab
