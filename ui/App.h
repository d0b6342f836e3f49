#pragma once

#include <string>
#include <vector>

namespace corelab::ui {

// `corelab` with no subcommand: creates the QApplication and shows the main window.
int runWindow(int argc, char** argv);

// `corelab render RUN.json --out FILE.png|pdf`: draws a run file's timeline without a
// display (offscreen platform). Returns 0 ok, 1 failure, 2 bad input.
int renderCommand(int argc, char** argv, const std::vector<std::string>& args);

} // namespace corelab::ui
