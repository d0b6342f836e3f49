// libFuzzer target: a run file from any bytes is loaded or refused with an exception,
// never a crash, a sanitizer report or a hang (reliability review D1, D4). Both layouts
// go through parseRunFile: bytes starting with the compact magic are read as the
// container (schema 2, seeded by the .corelab files of the corpus), any others as JSON.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "record/RunRecord.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        (void)corelab::parseRunFile(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception&) {
        // refused, with a message: what a bad file should get
    }
    return 0;
}
