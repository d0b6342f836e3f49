#include "study/TableStudy.h"

#include "spec/Rules.h"

namespace corelab {

TableStudy::TableStudy(std::vector<Preset> presets, TableOptions options)
    : options_(options)
{
    for (Preset& p : presets) {
        if (p.table.inTable)
            presets_.push_back(std::move(p));
        else
            notes_.push_back(p.title + ": an experiment of its own, not a row of the table");
    }
    if (presets_.empty()) error_ = "no presets were found to measure";
    for (std::size_t r = 0; r < presets_.size(); ++r)
        planRow(static_cast<int>(r), presets_[r]);
    measured_.resize(presets_.size());
}

void TableStudy::planRow(int row, const Preset& p)
{
    std::vector<int> counts = p.table.workers;
    if (p.table.answer != TableAnswer::SpeedUp) counts = {0}; // 0: the preset's own count
    for (int repeat = 0; repeat < std::max(options_.repeats, 1); ++repeat)
        for (int n : counts)
            for (int side = 0; side < 2; ++side) {
                ExperimentSpec s = tableSpec(p, side ? p.b : p.a, options_.runS);
                if (n > 0) s.workers = n;
                if (const auto e = validate(s)) {
                    notes_.push_back(p.title + ": " + e->text());
                    continue;
                }
                plan_.push_back(s);
                steps_.push_back({row, side, repeat});
            }
}

std::string TableStudy::stepLabel(int i) const
{
    const Step& s = step(i);
    const Preset& p = presets_.at(static_cast<std::size_t>(s.row));
    const ExperimentSpec& spec = plan_.at(static_cast<std::size_t>(i));
    std::string side = s.side                   ? p.b.model == p.a.model ? "B" : toString(p.b.model)
                                         : p.a.model == p.b.model ? "A"
                                                : toString(p.a.model);
    if (p.table.answer == TableAnswer::SpeedUp) side += " \u00d7" + std::to_string(spec.workers);
    return std::to_string(s.row + 1) + "/" + std::to_string(presets_.size()) + " " + p.aspect +
           ": " + side + ", run " + std::to_string(s.repeat + 1) + "/" +
           std::to_string(std::max(options_.repeats, 1));
}

void TableStudy::settle(int row)
{
    Measured& m = measured_.at(static_cast<std::size_t>(row));
    const Preset& p = presets_.at(static_cast<std::size_t>(row));
    for (auto& runs : m.runs) {
        const std::size_t keep = representativeRun(p, runs);
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (i != keep && !runs[i].samples.empty()) runs[i] = withoutSamples(runs[i]);
    }
}

void TableStudy::add(int i, const RunRecord& run)
{
    const Step& s = step(i);
    if (s.row != measuring_) {
        if (measuring_ >= 0) settle(measuring_);
        measuring_ = s.row;
    }
    Measured& m = measured_.at(static_cast<std::size_t>(s.row));
    m.runs[s.side].push_back(run);
    m.repeats[s.side].push_back(s.repeat);
    rows_.clear();
    for (std::size_t r = 0; r < presets_.size(); ++r) {
        const Measured& x = measured_[r];
        if (x.runs[0].empty() || x.runs[1].empty()) continue;
        TableRow row = tableRow(presets_[r], x.runs[0], x.runs[1]);
        const std::size_t a = representativeRun(presets_[r], x.runs[0]);
        const std::size_t b = representativeRun(presets_[r], x.runs[1]);
        row.aRun = x.runs[0][a];
        row.bRun = x.runs[1][b];
        row.aRepeat = x.repeats[0][a] + 1;
        row.bRepeat = x.repeats[1][b] + 1;
        rows_.push_back(std::move(row));
    }
}

} // namespace corelab
