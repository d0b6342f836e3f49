// libFuzzer target: a comparison file from any bytes is loaded or refused with an
// exception, never a crash or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "analysis/Compare.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        (void)corelab::parseCompareFile(
            std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception&) {
    }
    return 0;
}
