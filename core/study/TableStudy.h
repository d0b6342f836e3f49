#pragma once

#include <optional>
#include <vector>

#include "analysis/Table.h"
#include "study/Study.h"

namespace corelab {

// The article's table measured here. The study plans every run of every row: each
// side `repeats` times, A and B alternating so drift on a shared machine reaches both
// alike; a speed-up row runs both sides at each of its worker counts in every repeat.
// The command line and the window only run the plan and show rows().
class TableStudy : public Study {
public:
    // Presets whose "table" is false are left out (notes()).
    TableStudy(std::vector<Preset> presets, TableOptions options);

    // "3/12 Memory usage: threads, run 2/3"; "8/12 Scalability: processes ×4, run 1/3"
    std::string stepLabel(int step) const override;
    void add(int step, const RunRecord& run) override;
    std::string kind() const override { return "table"; }

    // Where a step of the plan belongs.
    struct Step {
        int row;    // index into presets()
        int side;   // 0: A, 1: B
        int repeat; // 0 … repeats − 1
    };
    const Step& step(int i) const { return steps_.at(static_cast<std::size_t>(i)); }
    const std::vector<Preset>& presets() const { return presets_; }
    const TableOptions& options() const { return options_; }
    // Rows with at least one whole run of each side, in preset order: up to date after
    // every add(), so a window can show the table while it is measured.
    const std::vector<TableRow>& rows() const { return rows_; }

private:
    // Every run of a row keeps its samples while the row is measured; once the plan
    // moves on, only its representative run per side does (representativeRun), so
    // memory holds one row's runs whole, not the table's.
    struct Measured {
        std::vector<RunRecord> runs[2];
        std::vector<int> repeats[2]; // of each run
    };
    void planRow(int row, const Preset& p);
    void settle(int row);

    std::vector<Preset> presets_;
    TableOptions options_;
    std::vector<Step> steps_;
    std::vector<Measured> measured_;
    std::vector<TableRow> rows_;
    int measuring_ = -1; // the row whose runs all keep their samples
};

} // namespace corelab
