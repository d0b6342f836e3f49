#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace corelab {

// What any JSON file CoreLab reads may hold. Files are shared between students and
// lecturers, so every loader (run file, comparison file, preset, experiment) goes
// through parseJsonInput: nlohmann's tree is copied and destroyed recursively, so
// unbounded nesting would overflow the stack long after parsing succeeded.
struct JsonLimits {
    std::size_t maxBytes;
    int maxDepth; // arrays and objects, the outermost counting 1
};
// A run file nests 5 deep, a comparison 6; a long run at 100 Hz stays far below 512 MiB,
// and parsing that much already takes several GiB of memory.
inline constexpr JsonLimits kRecordLimits{std::size_t(512) << 20, 64};
// Presets and experiment files are a screenful of text.
inline constexpr JsonLimits kSpecLimits{std::size_t(1) << 20, 64};

// Checks size and nesting before a byte is parsed, then parses. Throws
// std::invalid_argument saying what is wrong ("nested deeper than 64 levels", "not valid
// JSON (truncated or damaged?): …"), without a path: callers add theirs.
nlohmann::json parseJsonInput(std::string_view bytes, const JsonLimits& limits);

// The bytes of a regular file, at most maxBytes of them. A FIFO, device or folder is
// refused rather than read (a FIFO would block the caller forever). Throws
// std::runtime_error "<path>: …".
std::string readInputFile(const std::string& path, std::size_t maxBytes);

// nlohmann's what() starts with "[json.exception.type_error.302] ": noise to a user.
std::string plainJsonMessage(const std::exception& e);

} // namespace corelab
