#pragma once

namespace corelab::ui {

// Organisation, application name and version, which QSettings and QStandardPaths read: every
// QApplication corelab creates (the window's, `corelab render`'s) sets them first.
void setApplicationIdentity();

// `corelab` with no subcommand: creates the QApplication and shows the main window.
int runWindow(int argc, char** argv);

} // namespace corelab::ui
