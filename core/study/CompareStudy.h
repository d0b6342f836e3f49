#pragma once

#include <optional>

#include "analysis/Compare.h"
#include "spec/ExperimentSpec.h"
#include "study/Study.h"

namespace corelab {

// One experiment as A and then B, never at the same time, and the verdict once both
// ran whole. Both runs are kept with their samples: a comparison file holds them.
class CompareStudy : public Study {
public:
    // Exactly these two specs (a preset, an experiment file, two captured forms).
    CompareStudy(const ExperimentSpec& a, const ExperimentSpec& b);
    // The form's experiment under two models (see specUnderModel).
    static CompareStudy ofModels(const ExperimentSpec& form, Model a, Model b);

    std::string stepLabel(int step) const override { return step == 0 ? "A" : "B"; }
    void add(int step, const RunRecord& run) override;
    std::string kind() const override { return "compare"; }

    // The preset the pair comes from: its comparison carries the texts (Comparison::preset).
    void setPreset(const PresetNote& note) { preset_ = note; }
    const std::optional<PresetNote>& preset() const { return preset_; }

    // Both runs and the verdict, once both ran whole.
    const std::optional<Comparison>& comparison() const { return comparison_; }

private:
    std::optional<RunRecord> runs_[2];
    std::optional<Comparison> comparison_;
    std::optional<PresetNote> preset_;
};

} // namespace corelab
