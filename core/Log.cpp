#include "Log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace corelab {

std::shared_ptr<spdlog::logger> logger(const std::string& component)
{
    if (auto existing = spdlog::get(component)) return existing;
    auto created = spdlog::stderr_color_mt(component);
    created->set_level(spdlog::get_level());
    created->set_pattern("%^[%l]%$ %n: %v");
    return created;
}

bool setLogLevel(const std::string& level)
{
    const auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off") return false;
    spdlog::set_level(parsed);
    return true;
}

} // namespace corelab
