// libFuzzer target: `corelab run`'s option parser and the command-line tokenizer, from
// any bytes. The input is split into arguments at newlines, as a shell would pass them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/RunOptions.h"
#include "spec/CommandLine.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> args;
    std::string word;
    for (char c : text) {
        if (c == '\n') {
            args.push_back(word);
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    args.push_back(word);
    corelab::cli::RunOptions options;
    (void)corelab::cli::parseRunOptions(args, options);

    // the tokenizer's promise: joining and splitting again gives the same words
    const auto words = corelab::splitCommandLine(text);
    if (corelab::splitCommandLine(corelab::joinCommandLine(words)) != words) __builtin_trap();
    return 0;
}
