#pragma once

#include "spec/ExperimentSpec.h"

namespace corelab {

// The same experiment under another model, as a comparison or a sweep runs it. A
// hybrid side gets the smallest real mix (2 threads per process) when the spec had
// fewer; every other model runs one thread per process.
ExperimentSpec specUnderModel(ExperimentSpec spec, Model model);

} // namespace corelab
