#include "study/Study.h"

namespace corelab {

SingleRun::SingleRun(const ExperimentSpec& spec)
{
    ExperimentSpec checked = spec;
    if (const auto e = validate(checked))
        error_ = e->text();
    else
        plan_.push_back(checked);
}

RunRecord withoutSamples(RunRecord run)
{
    run.samples.clear();
    run.samples.shrink_to_fit();
    return run;
}

} // namespace corelab
