#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "RunHelpers.h"
#include "analysis/Table.h"
#include "spec/Preset.h"

using namespace corelab;
using namespace corelab::test;

namespace {

const std::string kPresets = CORELAB_FIXTURES "/../../resources/presets";

// A preset's spec shortened for a test run; a crash is moved inside the shorter run.
ExperimentSpec shortened(ExperimentSpec s)
{
    s.durationS = 0.5;
    s.crashAtS = std::min(s.crashAtS, 0.25);
    return s;
}

} // namespace

TEST(Presets, OnePerRowOfTheTableAndMore)
{
    EXPECT_GE(presetFiles(kPresets).size(), 12u);
}

TEST(Presets, EveryPresetLoadsValidatesAndRuns)
{
    for (const std::string& file : presetFiles(kPresets)) {
        SCOPED_TRACE(file);
        const Preset p = loadPreset(file);
        EXPECT_FALSE(p.title.empty());
        EXPECT_FALSE(p.question.empty());
        EXPECT_FALSE(p.watch.empty());
        EXPECT_FALSE(p.expect.empty());
        EXPECT_NE(p.a, p.b) << "A and B must differ";
        for (const ExperimentSpec& s : {p.a, p.b}) {
            const RunRecord r = runToEnd(shortened(s));
            EXPECT_FALSE(r.samples.empty());
            EXPECT_TRUE(processesInGroup(std::stoi(r.events.front().detail.substr(4))).empty());
        }
    }
}

TEST(Presets, ChoiceNamesAreReadAndBadOnesNamed)
{
    const Preset p = loadPreset(kPresets + "/06-data-safety.json");
    EXPECT_EQ(p.a.params.at("sync"), 0); // "none"
    const std::string bad = ::testing::TempDir() + "bad-preset.json";
    std::ofstream(bad) << R"({"title":"t","question":"q","watch":"w","expect":"e",
        "spec":{"workload":"counter","params":{"sync":"sometimes"}},"a":{},"b":{"model":"processes"}})";
    try {
        loadPreset(bad);
        FAIL() << "a bad choice name must be refused";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("sometimes"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
}

TEST(Presets, ExperimentFilesRoundTrip)
{
    Preset pair = loadPreset(kPresets + "/06-data-safety.json");
    pair.b.workers = pair.a.workers + 1; // B differs in more than its model
    const std::string path = ::testing::TempDir() + "experiment-pair.json";
    savePreset(pair, path);
    const Preset back = loadPreset(path);
    EXPECT_EQ(back.a, pair.a);
    EXPECT_EQ(back.b, pair.b);
    EXPECT_EQ(back.title, pair.title);
    EXPECT_EQ(back.question, pair.question);
    EXPECT_FALSE(back.single);
    // choices are written by name, so a teacher can read and edit the file
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("\"sync\": \"none\""), std::string::npos) << text;

    Preset single;
    single.a = single.b = pair.b;
    single.single = true;
    single.title = "one run";
    savePreset(single, path);
    const Preset one = loadPreset(path);
    EXPECT_TRUE(one.single);
    EXPECT_EQ(one.a, pair.b);
    EXPECT_EQ(one.b, pair.b);
}

TEST(Presets, ExperimentFileWithOtherWorkloadsKeepsOnlyItsOwnParams)
{
    Preset p;
    p.title = "cpu against counter";
    p.a.workload = "counter";
    p.a.params = {{"increments", 1000}, {"sync", 1}, {"shared", 0}};
    p.b = ExperimentSpec{}; // cpu with its defaults
    p.b.model = Model::Processes;
    ASSERT_FALSE(validate(p.a)) << validate(p.a)->text();
    ASSERT_FALSE(validate(p.b)) << validate(p.b)->text();
    const std::string path = ::testing::TempDir() + "experiment-mixed.json";
    savePreset(p, path);
    const Preset back = loadPreset(path);
    EXPECT_EQ(back.a, p.a);
    EXPECT_EQ(back.b, p.b);
}

TEST(Presets, MissingFileAndBrokenJsonAreNamed)
{
    EXPECT_THROW(loadPreset("/nonexistent/x.json"), std::runtime_error);
    const std::string bad = ::testing::TempDir() + "broken-preset.json";
    std::ofstream(bad) << "{ not json";
    try {
        loadPreset(bad);
        FAIL();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("broken-preset.json"), std::string::npos);
    }
}

TEST(Presets, TableRunsAreShortButNotBelowThePresetsMinimum)
{
    Preset p = loadPreset(kPresets + "/10-debugging.json");
    EXPECT_GT(p.tableMinS, kQuickTableRunS);
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, kQuickTableRunS).durationS, p.tableMinS);
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, 5.0).durationS, 5.0);
    p.a.durationS = 1.0; // never longer than the preset's own run
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, kTableRunS).durationS, 1.0);
    p.a.crashAtS = 3.0; // a planned crash moves inside the shorter run
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, kTableRunS).crashAtS, 0.5);
}
