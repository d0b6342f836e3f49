#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>

#include "RunHelpers.h"
#include "analysis/Table.h"
#include "spec/Preset.h"
#include "study/TableStudy.h"

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

// What a preset says is read on a projector: figures by name, never by their JSON key
// ("create_p50_us", "per_s"), which only the "figure" field may hold.
TEST(Presets, TextsNameFiguresInWordsNotKeys)
{
    const std::regex key(R"(\b[a-z0-9]+_[a-z0-9_]+\b)");
    for (const std::string& file : presetFiles(kPresets)) {
        const Preset p = loadPreset(file);
        for (const std::string* text : {&p.title, &p.question, &p.watch, &p.expect}) {
            for (std::sregex_iterator m(text->begin(), text->end(), key), end; m != end; ++m)
                EXPECT_EQ(m->str(), "pthread_create") // a C function, named as such
                    << file << ": '" << m->str() << "' in \"" << *text << "\"";
        }
    }
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
    Preset p = loadPreset(kPresets + "/13-deadlock.json");
    EXPECT_FALSE(p.table.inTable) << "the deadlock is an experiment of its own";
    const double quick = tableOptions(true).runS;
    EXPECT_GT(p.tableMinS, quick);
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, quick).durationS, p.tableMinS);
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, 5.0).durationS, 5.0);
    p.a.durationS = 1.0; // never longer than the preset's own run
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, 2.0).durationS, 1.0);
    p.a.crashAtS = 3.0; // a planned crash moves inside the shorter run
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, 2.0).crashAtS, 0.5);
}

TEST(Presets, TableFormsOfTheDebuggingAndScalabilityRows)
{
    const Preset debugging = loadPreset(kPresets + "/10-debugging.json");
    EXPECT_EQ(debugging.table.answer, TableAnswer::Distinct);
    EXPECT_EQ(debugging.a.workload, "counter");
    EXPECT_EQ(debugging.a.params.at("sync"), 0); // none: the race
    const Preset scaling = loadPreset(kPresets + "/08-scalability.json");
    EXPECT_EQ(scaling.table.answer, TableAnswer::SpeedUp);
    EXPECT_EQ(scaling.table.workers, (std::vector<int>{1, 2, 4}));
    EXPECT_TRUE(scaling.a.interpreterLock);
    // a saved preset keeps its table form
    const std::string path = ::testing::TempDir() + "scaling-again.json";
    savePreset(scaling, path);
    const Preset back = loadPreset(path);
    EXPECT_EQ(back.table.answer, TableAnswer::SpeedUp);
    EXPECT_EQ(back.table.workers, scaling.table.workers);
    const std::string bad = ::testing::TempDir() + "bad-table.json";
    std::ofstream(bad)
        << R"({"spec":{"workload":"cpu"},"table":{"answer":"speed-up","workers":[4]}})";
    EXPECT_THROW(loadPreset(bad), std::runtime_error);
}

// The debugging row for real: processes each count in their own memory, so every
// finished run ends on workers × increments; threads race, and whatever timing gives,
// no total passes that count. (How many distinct totals threads give depends on the
// machine's load, so only "at least one" is asserted.)
TEST(Presets, DebuggingRowGivesProcessesOneOutcomeAndThreadsNoneAboveTheCount)
{
    TableStudy study({loadPreset(kPresets + "/10-debugging.json")}, TableOptions{3, 1.0});
    ASSERT_FALSE(study.error());
    for (int i = 0; i < study.steps(); ++i)
        study.add(i, runToEnd(study.plan()[static_cast<std::size_t>(i)]));
    ASSERT_EQ(study.rows().size(), 1u);
    const TableRow& row = study.rows()[0];
    const double expected =
        study.plan()[0].totalWorkers() * study.plan()[0].params.at("increments");
    EXPECT_EQ(row.b.label, "processes");
    EXPECT_EQ(row.b.unmeasured, 0) << "each process finishes its own count well within 1 s";
    EXPECT_DOUBLE_EQ(row.b.answer, 1);
    EXPECT_DOUBLE_EQ(row.b.spread.max, expected);
    EXPECT_DOUBLE_EQ(row.b.spread.min, expected);
    EXPECT_GE(row.a.answer, 1);
    for (double total : row.a.values) {
        if (std::isnan(total)) continue; // a run stopped before its count is not an outcome
        EXPECT_LE(total, expected);
    }
    EXPECT_NE(row.agreement, Agreement::Differs) << row.reason;
}
