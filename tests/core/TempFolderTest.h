#pragma once

#include <filesystem>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <unistd.h>

namespace corelab::test {

// A fresh folder for each test, $TMPDIR/corelab-<kind>-<pid>-<test name>, removed after
// it: tests that write files derive their fixture from it.
class TempFolderTest : public ::testing::Test {
protected:
    explicit TempFolderTest(std::string kind)
        : kind_(std::move(kind))
    {
    }
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::temp_directory_path() /
               ("corelab-" + kind_ + "-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    std::filesystem::path dir_;

private:
    std::string kind_;
};

} // namespace corelab::test
