// libFuzzer target: a preset or experiment file from any bytes is read or refused with
// an exception naming the field, never a crash, a stack overflow or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "spec/Preset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        (void)corelab::parsePreset(std::string_view(reinterpret_cast<const char*>(data), size),
                                   "fuzz");
    } catch (const std::exception&) {
    }
    return 0;
}
