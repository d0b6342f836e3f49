#pragma once

#include <filesystem>
#include <string>

namespace corelab {

// Where CoreLab's parts lie. In the build tree corelab-worker lies beside corelab and the
// presets stay in the source tree. Installed (the .deb, cmake --install) corelab is in bin/,
// corelab-worker in lib/corelab/ and the presets in share/corelab/presets/ of the same
// prefix; they are found from the running executable, so any prefix works.

// The folder of the running executable (/proc/self/exe); empty when it cannot be read.
std::filesystem::path executableDir();

// corelab-worker beside exeDir, else in the installed lib/corelab/; empty when neither is
// an executable file.
std::string workerBeside(const std::filesystem::path& exeDir);

// The installed share/corelab/presets/ when it is a folder, else the source tree's
// resources/presets/ (where a build finds them).
std::string presetsFolderFor(const std::filesystem::path& exeDir);

// presetsFolderFor(executableDir()): the presets the window and `corelab table` show.
std::string defaultPresetsFolder();

} // namespace corelab
