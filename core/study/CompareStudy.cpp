#include "study/CompareStudy.h"

#include "spec/Rules.h"

namespace corelab {

CompareStudy::CompareStudy(const ExperimentSpec& a, const ExperimentSpec& b)
{
    for (const ExperimentSpec* s : {&a, &b}) {
        ExperimentSpec checked = *s;
        if (const auto e = validate(checked); e && !error_)
            error_ = std::string(s == &a ? "A (" : "B (") + toString(s->model) + "): " + e->text();
        plan_.push_back(checked);
    }
    if (error_) plan_.clear();
}

CompareStudy CompareStudy::ofModels(const ExperimentSpec& form, Model a, Model b)
{
    return CompareStudy(specUnderModel(form, a), specUnderModel(form, b));
}

void CompareStudy::add(int step, const RunRecord& run)
{
    if (step == 0) runs_[1].reset(); // a new A: the old B no longer pairs with it
    runs_[step == 0 ? 0 : 1] = run;
    comparison_.reset();
    if (runs_[0] && runs_[1])
        comparison_ = Comparison{*runs_[0], *runs_[1], compareRuns(*runs_[0], *runs_[1]), preset_};
}

} // namespace corelab
