#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "Installation.h"

using namespace corelab;
namespace fs = std::filesystem;

namespace {

// A prefix laid out as the .deb lays it out (bin/, lib/corelab/, share/corelab/presets/),
// removed again at the end of the test.
class InstalledTree : public ::testing::Test {
protected:
    void SetUp() override
    {
        char pattern[] = "/tmp/corelab-install-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        root_ = pattern;
        fs::create_directories(bin());
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path bin() const { return root_ / "bin"; }
    fs::path root() const { return root_; }

    static void program(const fs::path& path, fs::perms perms = fs::perms::owner_all)
    {
        fs::create_directories(path.parent_path());
        std::ofstream(path) << "#!/bin/sh\n";
        fs::permissions(path, perms);
    }

private:
    fs::path root_;
};

} // namespace

TEST_F(InstalledTree, WorkerBesideTheProgramIsTheBuildTreesAndWins)
{
    program(bin() / "corelab-worker");
    program(root() / "lib/corelab/corelab-worker");
    EXPECT_EQ(workerBeside(bin()), (bin() / "corelab-worker").string());
}

TEST_F(InstalledTree, InstalledWorkerIsFoundInLibCorelab)
{
    program(root() / "lib/corelab/corelab-worker");
    EXPECT_EQ(workerBeside(bin()), (root() / "lib/corelab/corelab-worker").string());
}

TEST_F(InstalledTree, NoWorkerOrOneThatCannotRunIsNotFound)
{
    EXPECT_EQ(workerBeside(bin()), "");
    program(root() / "lib/corelab/corelab-worker", fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(workerBeside(bin()), "");
    fs::create_directories(bin() / "corelab-worker"); // a folder by that name is no program
    EXPECT_EQ(workerBeside(bin()), "");
    EXPECT_EQ(workerBeside(fs::path()), "");
}

TEST_F(InstalledTree, InstalledPresetsWinOverTheSourceTree)
{
    EXPECT_EQ(presetsFolderFor(bin()), CORELAB_PRESETS_DIR);
    fs::create_directories(root() / "share/corelab/presets");
    EXPECT_EQ(presetsFolderFor(bin()), (root() / "share/corelab/presets").string());
    EXPECT_EQ(presetsFolderFor(fs::path()), CORELAB_PRESETS_DIR);
}

TEST(Installation, TheBuildTreeFindsItsOwnWorkerAndTheSourcePresets)
{
    // this test runs from build/tests/core: nothing is installed around it
    EXPECT_EQ(executableDir().filename().string(), "core");
    EXPECT_EQ(defaultPresetsFolder(), CORELAB_PRESETS_DIR);
    const fs::path beside = fs::path(CORELAB_WORKER_PATH).parent_path();
    EXPECT_EQ(workerBeside(beside), CORELAB_WORKER_PATH);
}
