#pragma once

// What the run file's tests share (test_run_file_format.cpp, test_run_file_errors.cpp,
// test_machine_info.cpp): a fresh folder per test, and a record with every field set.
#include <string>
#include <vector>

#include "TempFolderTest.h"
#include "TestHelpers.h"
#include "record/RunRecord.h"

namespace corelab::test {

// One class for every file that uses it: GoogleTest requires one fixture per suite name.
class RunRecordTest : public TempFolderTest {
protected:
    RunRecordTest()
        : TempFolderTest("record")
    {
    }
};

// Every field set to something other than its default, and text that needs escaping.
RunRecord makeRecord();

// The whole file (slurp, by the name these tests were written with).
inline std::string readAll(const std::string& path)
{
    return slurp(path);
}
void writeText(const std::string& path, const std::string& text);
// What loadRunFile throws for `path`; fails the test when the file loads.
std::string loadError(const std::string& path);
std::vector<std::string> lines(const std::string& text);

} // namespace corelab::test
