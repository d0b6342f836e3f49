#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace corelab {

// One named logger per component ("engine", "probe", "worker", "ui", "cli"),
// all writing to stderr. Created on first use; the level is shared.
std::shared_ptr<spdlog::logger> logger(const std::string& component);

// Accepts trace, debug, info, warn, error, off. False on anything else.
bool setLogLevel(const std::string& level);

} // namespace corelab
