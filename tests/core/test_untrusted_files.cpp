#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "JsonInput.h"
#include "TestHelpers.h"
#include "analysis/Compare.h"
#include "record/RunRecord.h"
#include "spec/Preset.h"

using namespace corelab;
using corelab::test::slurp;
namespace fs = std::filesystem;

namespace {

const std::string kCorpus = CORELAB_UNTRUSTED_CORPUS;

enum class Loader { Run, Compare, Preset };

// The loader's complaint about a file, empty if it loaded.
std::string loadError(Loader loader, const std::string& path)
{
    try {
        if (loader == Loader::Run) loadRunFile(path);
        if (loader == Loader::Compare) loadCompareFile(path);
        if (loader == Loader::Preset) loadPreset(path);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

// The same through the pure function of the bytes (what the fuzz targets call).
std::string parseError(Loader loader, const std::string& bytes)
{
    try {
        if (loader == Loader::Run) parseRunFile(bytes);
        if (loader == Loader::Compare) parseCompareFile(bytes);
        if (loader == Loader::Preset) parsePreset(bytes, "title");
    } catch (const std::invalid_argument& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not std::invalid_argument: ") + e.what();
    }
    return {};
}

struct Crafted {
    const char* file;
    Loader loader;
    const char* says; // the field the error must name, and what is wrong with it
};

const Crafted kCrafted[] = {
    // D1
    {"run/worker-index-6400845.json", Loader::Run,
     "samples[3].workers[0].worker: 6400845 is not a worker of this run (0 … 1)"},
    {"run/worker-index-negative.json", Loader::Run, "samples[3].workers[0].worker: -1"},
    // would wrap to worker 0 through get<int>
    {"run/worker-index-2-32.json", Loader::Run, "samples[3]: worker: 4294967296 is out of range"},
    {"run/last-cpu-huge.json", Loader::Run, "samples[3].workers[0].last_cpu: 2147483647"},
    {"run/core-cpu-huge.json", Loader::Run, "samples[3].cores[0].cpu: 10000000"},
    {"run/event-worker-huge.json", Loader::Run, "events[1].worker: 6400845"},
    {"run/spec-workers-huge.json", Loader::Run, "spec.workers: 10000000"},
    {"run/more-workers-than-spec.json", Loader::Run,
     "samples[3].workers: 4 entries for a run of 2 workers"},
    {"run/per-core-key-huge.json", Loader::Run, "per_core_busy: key \"99999\""},
    {"compare/worker-index-in-a.json", Loader::Compare, "a: samples[3].workers[0].worker: 6400845"},
    // the compact layout's container: every length and count checked before it sizes
    // anything (docs/run-file.md, "Reading a compact file")
    {"run/compact-version-3.corelab", Loader::Run, "container version 3 is not one this CoreLab"},
    {"run/compact-head-huge.corelab", Loader::Run,
     "head of 4294967040 bytes, more than the 67108864"},
    {"run/compact-truncated.corelab", Loader::Run, "truncated at byte "},
    {"run/compact-chunk-raw-huge.corelab", Loader::Run,
     "): 2147483647 bytes of columns, more than a chunk may hold"},
    {"run/compact-chunk-raw-lie.corelab", Loader::Run, "the zstd frame does not hold the"},
    {"run/compact-chunk-samples-lie.corelab", Loader::Run,
     "1000 samples, more than the 12 the head announces"},
    {"run/compact-event-worker-huge.corelab", Loader::Run, "events[1].worker: 6400845"},
    {"run/compact-head-schema-1.corelab", Loader::Run, "schema 1 in a compact run file's head"},
    // D4
    {"run/deep-nesting.json", Loader::Run, "nested deeper than 64 levels"},
    {"preset/deep.json", Loader::Preset, "nested deeper than 64 levels"},
    // D15
    {"compare/schema-2-40.json", Loader::Compare, "schema is newer"},
    {"preset/crash-worker-2-32.json", Loader::Preset, "crash_worker: 4294967296 is out of range"},
    {"preset/workers-2-32-plus-2.json", Loader::Preset, "workers: 4294967298 is out of range"},
    {"preset/workers-float.json", Loader::Preset, "workers: must be a whole number, not 2.9"},
    {"preset/spec-array.json", Loader::Preset, "spec: expected an object, not array"},
    {"preset/spec-null.json", Loader::Preset, "spec: expected an object, not null"},
    {"preset/unknown-key.json", Loader::Preset, "worker: is not a setting of an experiment"},
    {"preset/patch-not-object.json", Loader::Preset, "a: expected an object, not string"},
};

} // namespace

TEST(UntrustedFiles, EveryCraftedFileIsRefusedNamingTheField)
{
    for (const Crafted& c : kCrafted) {
        const std::string path = kCorpus + "/" + c.file;
        ASSERT_TRUE(fs::is_regular_file(path)) << path;
        const std::string loaded = loadError(c.loader, path);
        EXPECT_NE(loaded.find(path), std::string::npos) << loaded;
        EXPECT_NE(loaded.find(c.says), std::string::npos) << c.file << ": " << loaded;
        const std::string parsed = parseError(c.loader, slurp(path));
        EXPECT_NE(parsed.find(c.says), std::string::npos) << c.file << ": " << parsed;
    }
}

TEST(UntrustedFiles, EveryFileOfTheCorpusIsRefusedByItsLoader)
{
    // a file added to the corpus without a line above is still checked not to load
    int files = 0;
    for (const auto& [folder, loader] :
         {std::pair{"run", Loader::Run}, std::pair{"compare", Loader::Compare},
          std::pair{"preset", Loader::Preset}}) {
        for (const auto& entry : fs::directory_iterator(kCorpus + "/" + folder)) {
            ++files;
            EXPECT_FALSE(loadError(loader, entry.path()).empty()) << entry.path();
        }
    }
    EXPECT_GE(files, static_cast<int>(std::size(kCrafted)));
}

TEST(UntrustedFiles, TheRealRunTheCorpusCameFromStillLoads)
{
    const RunRecord r = loadRunFile(CORELAB_BASE_RUN);
    EXPECT_EQ(r.spec.workers, 2);
    EXPECT_FALSE(r.samples.empty());
    const nlohmann::json j = r;
    EXPECT_EQ(parseRunFile(j.dump()), r);
    const Comparison c{r, r, {}};
    EXPECT_EQ(parseCompareFile(nlohmann::json(c).dump()), c);
}

TEST(UntrustedFiles, EveryWorkerOfAHybridRunIsAccepted)
{
    // the bound is the spec's worker threads (processes × threads), not its processes
    RunRecord r = loadRunFile(CORELAB_BASE_RUN);
    r.spec.model = Model::Hybrid;
    r.spec.threadsPerProcess = 3;
    r.samples[3].workers.resize(6, r.samples[3].workers[0]);
    for (int w = 0; w < 6; ++w)
        r.samples[3].workers[static_cast<std::size_t>(w)].index = w;
    EXPECT_EQ(parseRunFile(nlohmann::json(r).dump()), r);
    r.samples[3].workers[5].index = 6;
    EXPECT_NE(parseError(Loader::Run, nlohmann::json(r).dump()).find("workers[5].worker: 6"),
              std::string::npos);
}

TEST(UntrustedFiles, HundredThousandLevelsAreRefusedBeforeParsing)
{
    // 600 KB: the review's preset that overflowed the stack in compare --preset and table
    std::string deep = "{\"spec\":";
    for (int i = 0; i < 100000; ++i)
        deep += "{\"a\":";
    deep += "1";
    deep += std::string(100001, '}');
    EXPECT_NE(parseError(Loader::Preset, deep).find("nested deeper than 64 levels"),
              std::string::npos);
    EXPECT_NE(parseError(Loader::Run, "[" + std::string(1000000, '[')).find("nested deeper"),
              std::string::npos);
}

TEST(JsonInput, BracketsInsideStringsAreNotNesting)
{
    const std::string text = "{\"a\": \"[[[[{{{{\\\"[[[[\", \"b\": [[1]]}";
    const auto j = parseJsonInput(text, {1000, 3});
    EXPECT_EQ(j["a"], "[[[[{{{{\"[[[[");
    EXPECT_THROW(parseJsonInput("[[[[1]]]]", {1000, 3}), std::invalid_argument);
    EXPECT_NO_THROW(parseJsonInput("[[[1]]]", {1000, 3}));
}

TEST(JsonInput, SizeIsCheckedBeforeParsing)
{
    EXPECT_NO_THROW(parseJsonInput("[1234]", {6, 64}));
    try {
        parseJsonInput("[12345]", {6, 64});
        ADD_FAILURE() << "a file over the cap was parsed";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("larger than"), std::string::npos) << e.what();
    }
}

TEST(JsonInput, AFileOverTheCapIsNotRead)
{
    const std::string path =
        fs::temp_directory_path() / ("corelab-cap-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path) << std::string(5000, ' ') << "[]";
    EXPECT_EQ(readInputFile(path, 5002), std::string(5000, ' ') + "[]");
    EXPECT_THROW(readInputFile(path, 5001), std::runtime_error);
    fs::remove(path);
}

TEST(JsonInput, AFifoOrAFolderIsRefusedWithoutWaiting)
{
    const std::string fifo =
        fs::temp_directory_path() / ("corelab-fifo-" + std::to_string(::getpid()) + ".json");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto start = std::chrono::steady_clock::now();
    // with nobody writing, a plain open() of the FIFO would block for ever
    const std::string error = loadError(Loader::Run, fifo);
    EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
    EXPECT_NE(loadError(Loader::Preset, fifo).find("not a regular file"), std::string::npos);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    fs::remove(fifo);
    EXPECT_NE(loadError(Loader::Compare, fs::temp_directory_path()).find("not a regular file"),
              std::string::npos);
}
