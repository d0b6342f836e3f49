#include "Installation.h"

#include <unistd.h>

namespace corelab {

std::filesystem::path executableDir()
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : self.parent_path();
}

std::string workerBeside(const std::filesystem::path& exeDir)
{
    if (exeDir.empty()) return {};
    // CORELAB_WORKER_FROM_BIN is set by CMake from the install layout, so the two agree
    for (const auto& candidate :
         {exeDir / "corelab-worker", exeDir / CORELAB_WORKER_FROM_BIN / "corelab-worker"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0)
            return candidate.lexically_normal().string();
    }
    return {};
}

std::string presetsFolderFor(const std::filesystem::path& exeDir)
{
    std::error_code ec;
    if (!exeDir.empty()) {
        const auto installed = exeDir / CORELAB_PRESETS_FROM_BIN;
        if (std::filesystem::is_directory(installed, ec)) return installed.lexically_normal();
    }
    return CORELAB_PRESETS_DIR;
}

std::string defaultPresetsFolder()
{
    return presetsFolderFor(executableDir());
}

} // namespace corelab
