#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "TempFolderTest.h"
#include "TestHelpers.h"
#include "record/ColumnCodec.h"
#include "record/RunRecord.h"

namespace fs = std::filesystem;
using namespace corelab;
using corelab::test::slurp;

namespace {

class CompactRunFileTest : public corelab::test::TempFolderTest {
protected:
    CompactRunFileTest()
        : TempFolderTest("compact")
    {
    }
};

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string loadError(const std::string& path)
{
    try {
        loadRunFile(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(loaded)";
}

std::uint32_t u32At(const std::string& bytes, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(static_cast<std::uint8_t>(bytes[at + i])) << (8 * i);
    return v;
}

// Everything the columns store, at values that break naive encodings: counters that
// go backwards and wrap, ids at the ends of int, NaN, optional parts present on some
// samples, worker and core counts that change from one sample to the next, and enough
// rows for several chunks.
RunRecord awkwardRecord()
{
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::uint64_t> any;
    RunRecord r = loadRunFile(CORELAB_BASE_RUN);
    r.spec.model = Model::Processes;
    r.spec.workers = 300;
    r.samples.clear();
    for (int i = 0; i < 700; ++i) {
        Sample s;
        s.t = i == 5 ? std::numeric_limits<double>::quiet_NaN() : i * 0.1 + 1e-9 * (any(rng) % 997);
        for (int c = 0; c < (i % 7) * 3; ++c)
            s.cores.push_back({c * 2, (any(rng) % 11) / 10.0, 1.0 / (1 + c), -0.0,
                               std::numeric_limits<double>::denorm_min() * c});
        const int workers = i % 50 == 3 ? 17 : 300;
        for (int w = 0; w < workers; ++w) {
            WorkerSample x;
            x.index = (w * 7 + i) % 300;
            x.pid = w % 2 ? INT_MAX : INT_MIN;
            x.tid = static_cast<int>(any(rng));
            x.state = "RSDZ-!#?\"\n"[any(rng) % 10];
            x.lastCpu = static_cast<int>(any(rng) % (kMaxCpus + 1)) - 1;
            x.ops = i % 2 ? std::numeric_limits<std::uint64_t>::max() : any(rng) % 1000;
            x.runNs = any(rng);
            x.waitNs = std::uint64_t(i) * 1000 + w;
            x.timeslices = 0;
            x.ctxVoluntary = any(rng) >> (any(rng) % 64);
            x.ctxInvoluntary = std::uint64_t(i);
            x.minorFaults = std::uint64_t(1) << (i % 64);
            x.majorFaults = 3;
            if (w % 3 == 0) x.lockHeldNs = any(rng);
            if (w % 4 == i % 4) x.lockWaitNs = i % 8 ? any(rng) % 100 : 0;
            s.workers.push_back(x);
        }
        if (i % 5 == 0) s.memory = MemorySample{any(rng), 0, any(rng), 7, i % 2 ? INT_MAX : -1};
        if (i % 3 == 0) s.pressure = PressureSample{0.1 * i, -1.5, 1e300};
        r.samples.push_back(std::move(s));
    }
    return r;
}

// NaN != NaN: compare the bits where a double may be NaN.
void expectSameBits(double a, double b)
{
    EXPECT_EQ(columns::doubleBits(a), columns::doubleBits(b));
}

} // namespace

TEST(ColumnCodec, EveryFieldTypeRoundTripsAgainstItsPrevious)
{
    std::string column;
    const std::uint64_t big = std::numeric_limits<std::uint64_t>::max();
    columns::put(column, INT_MIN, INT_MAX);
    columns::put(column, big, std::uint64_t(0));
    columns::put(column, std::uint64_t(0), big);
    columns::put(column, -0.0, 0.1);
    columns::put(column, std::optional<std::uint64_t>(), std::optional<std::uint64_t>(5));
    columns::put(column, std::optional<std::uint64_t>(4), std::optional<std::uint64_t>());
    columns::Cursor in(column, "mixed");
    int i = 0;
    std::uint64_t u = 0;
    double d = 0;
    std::optional<std::uint64_t> o = 1;
    in.get(i, INT_MAX);
    EXPECT_EQ(i, INT_MIN);
    in.get(u, 0);
    EXPECT_EQ(u, big);
    in.get(u, big);
    EXPECT_EQ(u, 0u);
    in.get(d, 0.1);
    expectSameBits(d, -0.0);
    in.get(o, std::optional<std::uint64_t>(5));
    EXPECT_FALSE(o);
    in.get(o, std::nullopt);
    EXPECT_EQ(o, 4u);
    EXPECT_TRUE(in.atEnd());
    EXPECT_THROW(in.byte(), std::invalid_argument);
    // an eleven-byte number is damage, not a value
    const std::string tooLong(11, '\xff');
    columns::Cursor endless(tooLong, "ops");
    EXPECT_THROW(endless.varint(), std::invalid_argument);
}

TEST(ColumnCodec, DoubleColumnsPackBothWaysAndRefuseDamage)
{
    // a few distinct shares: a table and an index byte per value
    std::string shares;
    for (int i = 0; i < 1000; ++i)
        columns::put(shares, (i * 7 % 11) / 10.0, 0.0);
    const std::string table = columns::packDoubles(shares);
    EXPECT_EQ(table[0], 1);
    EXPECT_EQ(table.size(), 1u + 1u + 11u * 8u + 1000u);
    EXPECT_EQ(columns::unpackDoubles(table), shares);
    // all different: XOR with the previous value, as byte planes
    std::string times;
    for (int i = 0; i < 1000; ++i)
        columns::put(times, i * 0.1 + 1e-7 * (i % 13), 0.0);
    const std::string planes = columns::packDoubles(times);
    EXPECT_EQ(planes[0], 0);
    EXPECT_EQ(planes.size(), 1u + times.size());
    EXPECT_EQ(columns::unpackDoubles(planes), times);
    EXPECT_EQ(columns::unpackDoubles(columns::packDoubles("")), "");

    std::string badIndex = table;
    badIndex.back() = 11;
    EXPECT_THROW(columns::unpackDoubles(badIndex), std::invalid_argument);
    EXPECT_THROW(columns::unpackDoubles(table.substr(0, 50)), std::invalid_argument);
    EXPECT_THROW(columns::unpackDoubles(planes.substr(0, 12)), std::invalid_argument);
    EXPECT_THROW(columns::unpackDoubles(std::string(1, 2) + planes.substr(1)),
                 std::invalid_argument);
}

TEST_F(CompactRunFileTest, ARecordedRunRoundTripsToTheSameContentAsItsJsonFile)
{
    const RunRecord recorded = loadRunFile(CORELAB_BASE_RUN);
    EXPECT_EQ(recorded.schema, kRunFileSchema); // the schema 1 fixture still loads
    ASSERT_FALSE(recorded.samples.empty());
    saveRunFile(recorded, path("run.corelab"));
    RunRecord compact = loadRunFile(path("run.corelab"));
    EXPECT_EQ(compact.schema, kCompactRunFileSchema);
    compact.schema = recorded.schema;
    EXPECT_EQ(compact, recorded);
    // and written back as JSON, byte for byte the file the original makes
    saveRunFile(recorded, path("a.json"));
    saveRunFile(compact, path("b.json"));
    EXPECT_EQ(slurp(path("a.json")), slurp(path("b.json")));
    // even 12 samples of 2 workers: the columns take well under a fifth of the JSON lines
    const std::string compactBytes = slurp(path("run.corelab"));
    const std::string jsonText = slurp(path("a.json"));
    const std::size_t columns = compactBytes.size() - 16 - u32At(compactBytes, 12);
    EXPECT_LT(columns * 5, jsonText.size() - jsonText.find("\"samples\": ["));
}

TEST_F(CompactRunFileTest, EveryFieldRoundTripsExactlyAcrossChunks)
{
    RunRecord r = awkwardRecord();
    saveRunFile(r, path("awkward.corelab"));
    const std::string bytes = slurp(path("awkward.corelab"));
    RunRecord loaded = parseRunFile(bytes);
    ASSERT_EQ(loaded.samples.size(), r.samples.size());
    expectSameBits(loaded.samples[5].t, r.samples[5].t);
    loaded.samples[5].t = r.samples[5].t = 0;
    loaded.schema = r.schema;
    EXPECT_EQ(loaded, r);
    // 700 × 300 worker rows are more than one chunk holds
    const std::size_t head = u32At(bytes, 12);
    const std::size_t firstChunk = 16 + head;
    const std::size_t secondChunk = firstChunk + 12 + u32At(bytes, firstChunk + 8);
    EXPECT_GT(u32At(bytes, secondChunk), 0u);
}

// What a RunFileSink was handed: the head, the count it announced, and each batch.
struct Handed {
    std::vector<RunRecord> heads;
    std::size_t announced = 0;
    std::vector<std::vector<Sample>> batches;
    RunFileSink sink()
    {
        return RunFileSink{[this](const RunRecord& head, std::size_t samples) {
                               heads.push_back(head);
                               announced = samples;
                           },
                           [this](const std::vector<Sample>& batch) { batches.push_back(batch); }};
    }
    std::vector<Sample> samples() const
    {
        std::vector<Sample> all;
        for (const auto& batch : batches)
            all.insert(all.end(), batch.begin(), batch.end());
        return all;
    }
};

TEST_F(CompactRunFileTest, ASinkGetsTheHeadThenEverySampleChunkByChunkAndNoneAreKept)
{
    RunRecord r = awkwardRecord();
    r.samples[5].t = 0.5; // NaN != NaN: the comparison below is of whole samples
    saveRunFile(r, path("awkward.corelab"));
    const RunRecord whole = loadRunFile(path("awkward.corelab"));
    Handed handed;
    const RunRecord head = loadRunFile(path("awkward.corelab"), handed.sink());
    EXPECT_TRUE(head.samples.empty());
    ASSERT_EQ(handed.heads.size(), 1u);
    EXPECT_TRUE(handed.heads[0].samples.empty());
    EXPECT_EQ(handed.announced, r.samples.size());
    // one batch per chunk: 700 samples of 300 workers are several
    EXPECT_GT(handed.batches.size(), 1u);
    EXPECT_EQ(handed.samples(), whole.samples);
    RunRecord withSamples = head;
    withSamples.samples = whole.samples;
    EXPECT_EQ(withSamples, whole);
    EXPECT_EQ(handed.heads[0], head);
}

TEST_F(CompactRunFileTest, ASinkGetsAJsonFilesSamplesInOneBatch)
{
    const RunRecord whole = loadRunFile(CORELAB_BASE_RUN);
    Handed handed;
    const RunRecord head = loadRunFile(CORELAB_BASE_RUN, handed.sink());
    EXPECT_EQ(head.schema, kRunFileSchema);
    EXPECT_TRUE(head.samples.empty());
    ASSERT_EQ(handed.heads.size(), 1u);
    EXPECT_EQ(handed.announced, whole.samples.size());
    ASSERT_EQ(handed.batches.size(), 1u);
    EXPECT_EQ(handed.batches[0], whole.samples);
}

TEST_F(CompactRunFileTest, ASinkHearsOfDamageAfterTheChunksBeforeIt)
{
    saveRunFile(awkwardRecord(), path("awkward.corelab"));
    std::string bytes = slurp(path("awkward.corelab"));
    bytes.resize(bytes.size() - 100); // the last chunk cut short
    writeBytes(path("cut.corelab"), bytes);
    Handed handed;
    EXPECT_THROW(loadRunFile(path("cut.corelab"), handed.sink()), std::runtime_error);
    EXPECT_FALSE(handed.batches.empty());
    EXPECT_LT(handed.samples().size(), handed.announced);
}

TEST_F(CompactRunFileTest, TheHeadIsReadableJsonAfterSixteenBytes)
{
    saveRunFile(loadRunFile(CORELAB_BASE_RUN), path("run.corelab"));
    const std::string bytes = slurp(path("run.corelab"));
    EXPECT_EQ(bytes.substr(0, 8), std::string("\x89"
                                              "CORELAB"));
    EXPECT_EQ(u32At(bytes, 8), 2u);
    const auto head = nlohmann::json::parse(bytes.substr(16, u32At(bytes, 12)));
    EXPECT_EQ(head["schema"], 2);
    EXPECT_EQ(head["spec"]["workers"], 2);
    EXPECT_TRUE(head["events"].is_array());
    EXPECT_EQ(head["samples"]["count"], loadRunFile(CORELAB_BASE_RUN).samples.size());
    EXPECT_EQ(bytes.substr(bytes.size() - 12), std::string(12, '\0')); // the end marker

    // the name picks the layout written; the bytes, not the name, the layout read
    saveRunFile(loadRunFile(CORELAB_BASE_RUN), path("run.json"));
    EXPECT_EQ(slurp(path("run.json")).front(), '{');
    fs::rename(path("run.corelab"), path("misnamed.json"));
    EXPECT_EQ(loadRunFile(path("misnamed.json")).schema, kCompactRunFileSchema);
}

TEST_F(CompactRunFileTest, ATruncatedFileIsRefusedNamingTheByteWhereItEnds)
{
    saveRunFile(awkwardRecord(), path("full.corelab"));
    const std::string bytes = slurp(path("full.corelab"));
    const std::size_t head = 16 + u32At(bytes, 12);
    for (const std::size_t cut :
         {std::size_t(12), std::size_t(16), head / 2, head, head + 7, head + 40, bytes.size() / 2,
          bytes.size() - 13, bytes.size() - 1}) {
        writeBytes(path("cut.corelab"), bytes.substr(0, cut));
        const std::string error = loadError(path("cut.corelab"));
        EXPECT_NE(
            error.find(path("cut.corelab") + ": truncated at byte " + std::to_string(cut) + ": "),
            std::string::npos)
            << "cut at " << cut << ": " << error;
    }
}

TEST_F(CompactRunFileTest, DamageInTheColumnsIsRefusedNamingTheSampleOrColumn)
{
    RunRecord r = loadRunFile(CORELAB_BASE_RUN);
    r.samples[3].workers[0].index = 6400845;
    saveRunFile(r, path("bad-index.corelab"));
    EXPECT_NE(
        loadError(path("bad-index.corelab"))
            .find("samples[3].workers[0].worker: 6400845 is not a worker of this run (0 … 1)"),
        std::string::npos)
        << loadError(path("bad-index.corelab"));

    r = loadRunFile(CORELAB_BASE_RUN);
    r.samples[2].workers.resize(5, r.samples[2].workers[0]);
    saveRunFile(r, path("too-many.corelab"));
    EXPECT_NE(loadError(path("too-many.corelab")).find("samples[2]: 5 workers, more than 2"),
              std::string::npos)
        << loadError(path("too-many.corelab"));

    // trailing bytes, and a chunk that claims more samples than the head
    saveRunFile(loadRunFile(CORELAB_BASE_RUN), path("good.corelab"));
    const std::string good = slurp(path("good.corelab"));
    writeBytes(path("trailing.corelab"), good + "x");
    EXPECT_NE(loadError(path("trailing.corelab")).find("1 bytes after the end marker"),
              std::string::npos);
    std::string more = good;
    const std::size_t chunk = 16 + u32At(good, 12);
    more[chunk] = '\xff';
    writeBytes(path("more.corelab"), more);
    EXPECT_NE(
        loadError(path("more.corelab")).find("chunk 0 (at byte " + std::to_string(chunk) + "): "),
        std::string::npos)
        << loadError(path("more.corelab"));
}

TEST_F(CompactRunFileTest, AFailedWriteLeavesTheOldFileAndNoTempFile)
{
    const RunRecord small = loadRunFile(CORELAB_BASE_RUN);
    saveRunFile(small, path("run.corelab"));
    const std::string before = slurp(path("run.corelab"));

    // A file-size limit makes write() fail with EFBIG part way through the samples. In a
    // child, so the limit cannot touch this process's own output.
    const pid_t child = ::fork();
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const struct rlimit low {
            before.size() + 4096, RLIM_INFINITY
        };
        if (::setrlimit(RLIMIT_FSIZE, &low) != 0) ::_exit(4);
        try {
            saveRunFile(awkwardRecord(), path("run.corelab"));
        } catch (const std::runtime_error& e) {
            const std::string error = e.what();
            ::_exit(error.find(path("run.corelab") + ": cannot write: File too large") !=
                            std::string::npos
                        ? 0
                        : 3);
        }
        ::_exit(2);
    }
    int status = -1;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "2: the save did not fail, 3: its message is wrong";
    EXPECT_EQ(slurp(path("run.corelab")), before);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);

    // a device is written into and its error named, as with the JSON layout
    std::string full = "/dev/full";
    if (::geteuid() == 0 && ::mknod(path("full").c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0)
        full = path("full");
    try {
        saveCompactRunFile(awkwardRecord(), full);
        ADD_FAILURE() << "writing into " << full << " did not fail";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(full + ": cannot write: No space left on device"),
                  std::string::npos)
            << e.what();
    }
}
