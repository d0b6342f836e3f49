#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "RunHelpers.h"
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
