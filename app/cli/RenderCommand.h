#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab render RUN-OR-COMPARE.json --out FILE.png|pdf [--width N] [--height N]`: draws a run
// file's timeline, or a comparison file's two timelines and verdict, with the window's own
// widgets on the offscreen platform: no display needed. Built only with the UI.
// Returns 0 ok, 1 failure, 2 bad input.
int renderCommand(int argc, char** argv, const std::vector<std::string>& args);

} // namespace corelab::cli
