#pragma once

#include <string>

#include "spec/ExperimentSpec.h"

namespace corelab {

// One line a person reads: "cpu, processes, 2 processes (fork), rounds=64,
// interpreter lock". Choice parameters show their names.
std::string describe(const ExperimentSpec& spec);

} // namespace corelab
