// Saving and loading a run file when something is wrong: no temp file left behind, and
// every error names the path and what is wrong with it.
#include <filesystem>
#include <iterator>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "RunFileFixture.h"
#include "record/RunRecord.h"

namespace fs = std::filesystem;
using corelab::RunRecord;
using nlohmann::json;
using namespace corelab::test;

TEST_F(RunRecordTest, SaveCreatesTheFolderAndLeavesNoTempFile)
{
    const auto target = path("history/2024/run.json");
    corelab::saveRunFile(makeRecord(), target);
    const auto folder = fs::path(target).parent_path();
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);

    RunRecord other = makeRecord();
    other.corelabVersion = "replaced";
    other.samples.resize(1);
    corelab::saveRunFile(other, target);
    EXPECT_EQ(corelab::loadRunFile(target), other);
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
}

TEST_F(RunRecordTest, FailedSaveNamesThePathAndRemovesTheTempFile)
{
    // A folder where the file should go: the temp file is written, the rename fails.
    const auto taken = path("taken.json");
    fs::create_directories(fs::path(taken) / "inside");
    try {
        corelab::saveRunFile(makeRecord(), taken);
        ADD_FAILURE() << "saving over a folder did not throw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(taken), std::string::npos) << e.what();
    }
    // nothing left beside it: the temp file (whatever its random name) is gone
    EXPECT_EQ(std::distance(fs::directory_iterator(fs::path(taken).parent_path()),
                            fs::directory_iterator()),
              1);

    writeText(path("plain"), "not a folder");
    const auto underFile = path("plain/run.json");
    try {
        corelab::saveRunFile(makeRecord(), underFile);
        ADD_FAILURE() << "saving under a regular file did not throw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(underFile), std::string::npos) << e.what();
    }
}

TEST_F(RunRecordTest, LoadErrorsNameThePathAndTheProblem)
{
    const auto missing = path("missing.json");
    const auto missingError = loadError(missing);
    EXPECT_NE(missingError.find(missing), std::string::npos) << missingError;

    corelab::saveRunFile(makeRecord(), path("full.json"));
    const std::string text = readAll(path("full.json"));
    writeText(path("truncated.json"), text.substr(0, text.size() / 2));
    const auto truncatedError = loadError(path("truncated.json"));
    EXPECT_NE(truncatedError.find(path("truncated.json")), std::string::npos) << truncatedError;

    json j = json::parse(text);
    j["schema"] = 999;
    writeText(path("future.json"), j.dump());
    const auto futureError = loadError(path("future.json"));
    EXPECT_NE(futureError.find(path("future.json")), std::string::npos) << futureError;
    EXPECT_NE(futureError.find("newer"), std::string::npos) << futureError;

    j = json::parse(text);
    j.erase("summary");
    writeText(path("nosummary.json"), j.dump());
    const auto summaryError = loadError(path("nosummary.json"));
    EXPECT_NE(summaryError.find(path("nosummary.json")), std::string::npos) << summaryError;
    EXPECT_NE(summaryError.find("summary"), std::string::npos) << summaryError;
}

TEST_F(RunRecordTest, LoadErrorsPointAtTheBadElement)
{
    json j = makeRecord();
    j["samples"][1]["workers"][0].erase("pid");
    writeText(path("badsample.json"), j.dump());
    const auto error = loadError(path("badsample.json"));
    EXPECT_NE(error.find("samples[1]"), std::string::npos) << error;
    EXPECT_NE(error.find("pid"), std::string::npos) << error;

    j = makeRecord();
    j.erase("schema");
    writeText(path("noschema.json"), j.dump());
    EXPECT_NE(loadError(path("noschema.json")).find("schema"), std::string::npos);
}
