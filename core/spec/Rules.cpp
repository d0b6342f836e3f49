#include "spec/Rules.h"

namespace corelab {

ExperimentSpec specUnderModel(ExperimentSpec spec, Model model)
{
    spec.model = model;
    if (model == Model::Hybrid && spec.threadsPerProcess < 2) spec.threadsPerProcess = 2;
    if (model != Model::Hybrid) spec.threadsPerProcess = 1;
    return spec;
}

} // namespace corelab
