#include "study/TableStudy.h"

namespace corelab {

TableStudy::TableStudy(std::vector<Preset> presets, double runS)
    : presets_(std::move(presets))
    , runS_(runS)
{
    if (presets_.empty()) error_ = "no presets were found to measure";
    for (const Preset& p : presets_) {
        plan_.push_back(tableSpec(p, p.a, runS_));
        plan_.push_back(tableSpec(p, p.b, runS_));
    }
}

const Preset& TableStudy::presetOf(int step) const
{
    return presets_.at(static_cast<std::size_t>(step / 2));
}

std::string TableStudy::stepLabel(int step) const
{
    return std::to_string(step / 2 + 1) + "/" + std::to_string(presets_.size()) + " " +
           presetOf(step).aspect + (step % 2 ? " (B)" : " (A)");
}

void TableStudy::add(int step, const RunRecord& run)
{
    if (step % 2 == 0) {
        pendingA_ = withoutSamples(run);
        return;
    }
    if (!pendingA_) return; // A did not run whole: this preset has no row
    rows_.push_back(tableRow(presetOf(step), *pendingA_, run));
    pendingA_.reset();
}

} // namespace corelab
