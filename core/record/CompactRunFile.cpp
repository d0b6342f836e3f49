#include "record/CompactRunFile.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <zstd.h>

#include "AtomicFile.h"
#include "JsonInput.h"
#include "record/ColumnCodec.h"
#include "record/SampleColumns.h"

namespace corelab {

using nlohmann::json;

namespace {

// "\x89CORELAB": the first byte is not ASCII, so no text tool takes the file for text
// and no JSON file starts like it.
constexpr std::array<char, 8> kMagic{'\x89', 'C', 'O', 'R', 'E', 'L', 'A', 'B'};
constexpr std::size_t kPreambleBytes = 16; // magic, version, head length
constexpr std::size_t kChunkHeaderBytes = 12;
constexpr std::uint32_t kMaxHeadBytes = 64u << 20;
constexpr std::uint32_t kMaxChunkRawBytes = 32u << 20;
// The writer closes a chunk once it holds this many worker and core rows: a few MB of
// columns, enough for zstd to find the repeats and little to hold in memory.
constexpr std::size_t kChunkRows = std::size_t(1) << 17;
// What a file may make the reader build: 2^25 worker and core rows (an hour of 512
// workers and 256 cores at 10 Hz is 2^24.7), about 4 GB in memory. zstd compresses
// constant columns to almost nothing, so the file's size alone bounds nothing.
constexpr std::uint64_t kMaxRows = std::uint64_t(1) << 25;
constexpr int kZstdLevel = 3;

// The chunk's columns, in the order they are stored: four per sample, then one per field
// of SampleColumns.h.
enum : std::size_t { kTime, kCoreCount, kWorkerCount, kParts, kSampleStreams };
constexpr std::size_t kCoreBase = kSampleStreams;
constexpr std::size_t kWorkerBase = kCoreBase + kColumnCount<decltype(kCoreColumns)>;
constexpr std::size_t kMemoryBase = kWorkerBase + kColumnCount<decltype(kWorkerColumns)>;
constexpr std::size_t kPressureBase = kMemoryBase + kColumnCount<decltype(kMemoryColumns)>;
constexpr std::size_t kStreams = kPressureBase + kColumnCount<decltype(kPressureColumns)>;
enum : std::uint8_t { kHasMemory = 1, kHasPressure = 2 };

struct StreamInfo {
    std::string name;
    bool isDouble = false;
};

template <class S, class T> constexpr bool isDoubleColumn(const Column<S, T>&)
{
    return std::is_same_v<T, double>;
}

const std::array<StreamInfo, kStreams>& streamInfo()
{
    static const auto info = [] {
        std::array<StreamInfo, kStreams> out;
        out[kTime] = {"t_s", true};
        out[kCoreCount] = {"cores", false};
        out[kWorkerCount] = {"workers", false};
        out[kParts] = {"parts", false};
        const auto add = [&](std::size_t base, const char* part, const auto& columns) {
            forEachColumn(columns, [&](std::size_t i, const auto& c) {
                out[base + i] = {std::string(part) + "." + c.name, isDoubleColumn(c)};
            });
        };
        add(kCoreBase, "cores", kCoreColumns);
        add(kWorkerBase, "workers", kWorkerColumns);
        add(kMemoryBase, "memory", kMemoryColumns);
        add(kPressureBase, "pressure", kPressureColumns);
        return out;
    }();
    return info;
}

template <class Columns, class S>
void encodeRow(const Columns& columns, const S& row, const S& prev, std::string* streams)
{
    forEachColumn(columns, [&](std::size_t i, const auto& c) {
        columns::put(streams[i], row.*c.member, prev.*c.member);
    });
}

template <class Columns, class S>
void decodeRow(const Columns& columns, S& row, const S& prev, columns::Cursor* cursors)
{
    forEachColumn(columns, [&](std::size_t i, const auto& c) {
        cursors[i].get(row.*c.member, prev.*c.member);
    });
}

template <class T> const T& previous(const std::vector<T>* prev, std::size_t i)
{
    static const T none{};
    return prev && i < prev->size() ? (*prev)[i] : none;
}

void putU32(std::string& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<char>(v >> (8 * i)));
}

std::uint32_t getU32(const char* p)
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(static_cast<std::uint8_t>(p[i])) << (8 * i);
    return v;
}

std::string at(std::uint64_t offset)
{
    return "at byte " + std::to_string(offset);
}

// Collects the rows of a chunk column by column, and writes it as one zstd frame. Each
// chunk starts from zero (no row refers to the previous chunk), so chunks are read alone.
class ChunkWriter {
public:
    ChunkWriter()
        : cctx_(ZSTD_createCCtx(), ZSTD_freeCCtx)
    {
        if (!cctx_) throw std::runtime_error("zstd: out of memory");
    }

    void add(const Sample& s)
    {
        columns::put(streams_[kTime], s.t, prev_ ? prev_->t : 0.0);
        columns::putVarint(streams_[kCoreCount], s.cores.size());
        columns::putVarint(streams_[kWorkerCount], s.workers.size());
        streams_[kParts].push_back(
            static_cast<char>((s.memory ? kHasMemory : 0) | (s.pressure ? kHasPressure : 0)));
        const auto* prevCores = prev_ ? &prev_->cores : nullptr;
        for (std::size_t i = 0; i < s.cores.size(); ++i)
            encodeRow(kCoreColumns, s.cores[i], previous(prevCores, i), &streams_[kCoreBase]);
        const auto* prevWorkers = prev_ ? &prev_->workers : nullptr;
        for (std::size_t i = 0; i < s.workers.size(); ++i)
            encodeRow(kWorkerColumns, s.workers[i], previous(prevWorkers, i),
                      &streams_[kWorkerBase]);
        if (s.memory) {
            encodeRow(kMemoryColumns, *s.memory, prevMemory_, &streams_[kMemoryBase]);
            prevMemory_ = *s.memory;
        }
        if (s.pressure) {
            encodeRow(kPressureColumns, *s.pressure, prevPressure_, &streams_[kPressureBase]);
            prevPressure_ = *s.pressure;
        }
        prev_ = &s;
        ++samples_;
        rows_ += s.cores.size() + s.workers.size() + 1;
    }

    bool full() const { return rows_ >= kChunkRows; }

    void flush(AtomicFile& out)
    {
        if (samples_ == 0) return;
        raw_.clear();
        for (std::size_t k = 0; k < kStreams; ++k) {
            const std::string& bytes = streamInfo()[k].isDouble
                                           ? (planes_ = columns::packDoubles(streams_[k]))
                                           : streams_[k];
            columns::putVarint(raw_, bytes.size());
            raw_ += bytes;
            streams_[k].clear();
        }
        packed_.resize(ZSTD_compressBound(raw_.size()));
        const std::size_t n = ZSTD_compressCCtx(cctx_.get(), packed_.data(), packed_.size(),
                                                raw_.data(), raw_.size(), kZstdLevel);
        if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
        std::string header;
        putU32(header, samples_);
        putU32(header, static_cast<std::uint32_t>(raw_.size()));
        putU32(header, static_cast<std::uint32_t>(n));
        out.write(header);
        out.write(std::string_view(packed_.data(), n));
        samples_ = 0;
        rows_ = 0;
        prev_ = nullptr;
        prevMemory_ = {};
        prevPressure_ = {};
    }

private:
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx_;
    std::array<std::string, kStreams> streams_;
    std::string raw_, planes_;
    std::vector<char> packed_;
    const Sample* prev_ = nullptr;
    MemorySample prevMemory_;
    PressureSample prevPressure_;
    std::uint32_t samples_ = 0;
    std::size_t rows_ = 0;
};

std::string dumpHead(const RunRecord& r)
{
    json head = runFileHead(r);
    head["schema"] = kCompactRunFileSchema;
    head["events"] = r.events;
    head["samples"] = json{{"count", r.samples.size()}, {"encoding", "columns-zstd"}};
    return head.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace

bool isCompactRunFile(std::string_view firstBytes)
{
    return firstBytes.size() >= kMagic.size() &&
           std::memcmp(firstBytes.data(), kMagic.data(), kMagic.size()) == 0;
}

void saveCompactRunFile(const RunRecord& r, const std::string& path)
{
    AtomicFile out(path);
    const std::string head = dumpHead(r);
    std::string preamble(kMagic.data(), kMagic.size());
    putU32(preamble, kCompactRunFileSchema);
    putU32(preamble, static_cast<std::uint32_t>(head.size()));
    out.write(preamble);
    out.write(head);
    ChunkWriter chunk;
    for (const Sample& s : r.samples) {
        chunk.add(s);
        if (chunk.full()) chunk.flush(out);
    }
    chunk.flush(out);
    out.write(std::string(kChunkHeaderBytes, '\0')); // the end marker
    out.commit();
}

void ByteSource::truncated(std::size_t n, const std::string& what) const
{
    throw std::invalid_argument("truncated at byte " + std::to_string(size_) + ": " + what +
                                " needs " + std::to_string(n) + " bytes from byte " +
                                std::to_string(offset_));
}

void ByteSource::read(char* out, std::size_t n, const std::string& what)
{
    if (n > left()) truncated(n, what);
    if (fd_ < 0) {
        std::memcpy(out, view_.data() + offset_, n);
        offset_ += n;
        return;
    }
    std::size_t done = 0;
    while (done < n) {
        const ssize_t got = ::read(fd_, out + done, n - done);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0)
            throw std::invalid_argument("cannot read " + at(offset_ + done) + ": " +
                                        std::strerror(errno));
        if (got == 0) { // shrank since it was opened
            size_ = offset_ + done;
            truncated(n, what);
        }
        done += static_cast<std::size_t>(got);
    }
    offset_ += n;
}

namespace {

class ChunkReader {
public:
    ChunkReader(RunRecord& r)
        : r_(r)
        , dctx_(ZSTD_createDCtx(), ZSTD_freeDCtx)
    {
        if (!dctx_) throw std::runtime_error("zstd: out of memory");
        workers_ = r.spec.totalWorkers();
    }

    // Reads chunks up to the end marker; returns how many samples they held.
    void readAll(ByteSource& in, std::uint64_t count)
    {
        for (std::size_t chunk = 0;; ++chunk) {
            const std::uint64_t start = in.offset();
            const std::string name = "chunk " + std::to_string(chunk) + " (" + at(start) + ")";
            char header[kChunkHeaderBytes];
            in.read(header, sizeof header, name + " header");
            const std::uint32_t samples = getU32(header);
            const std::uint32_t rawBytes = getU32(header + 4);
            const std::uint32_t packedBytes = getU32(header + 8);
            if (samples == 0) {
                if (rawBytes || packedBytes)
                    throw std::invalid_argument(name + ": an end marker with sizes in it");
                break;
            }
            try {
                readChunk(in, samples, rawBytes, packedBytes, count, name);
            } catch (const std::invalid_argument& e) {
                if (std::string_view(e.what()).starts_with("truncated")) throw;
                throw std::invalid_argument(name + ": " + e.what());
            }
        }
        if (r_.samples.size() != count)
            throw std::invalid_argument("the chunks hold " + std::to_string(r_.samples.size()) +
                                        " samples, the head says " + std::to_string(count));
        if (in.left() != 0)
            throw std::invalid_argument(std::to_string(in.left()) +
                                        " bytes after the end marker, " + at(in.offset()));
    }

private:
    void readChunk(ByteSource& in, std::uint32_t samples, std::uint32_t rawBytes,
                   std::uint32_t packedBytes, std::uint64_t count, const std::string& name)
    {
        if (samples > count - r_.samples.size())
            throw std::invalid_argument(std::to_string(samples) + " samples, more than the " +
                                        std::to_string(count) + " the head announces");
        if (rawBytes > kMaxChunkRawBytes)
            throw std::invalid_argument(std::to_string(rawBytes) +
                                        " bytes of columns, more than a chunk may hold (" +
                                        std::to_string(kMaxChunkRawBytes) + ")");
        if (packedBytes > in.left()) in.truncated(packedBytes, name);
        if (packedBytes > ZSTD_compressBound(rawBytes))
            throw std::invalid_argument(std::to_string(packedBytes) + " compressed bytes for " +
                                        std::to_string(rawBytes) + " bytes of columns");
        packed_.resize(packedBytes);
        in.read(packed_.data(), packedBytes, name);
        const auto declared = ZSTD_getFrameContentSize(packed_.data(), packed_.size());
        if (declared != rawBytes)
            throw std::invalid_argument("the zstd frame does not hold the " +
                                        std::to_string(rawBytes) + " bytes the header says");
        raw_.resize(rawBytes);
        const std::size_t n = ZSTD_decompressDCtx(dctx_.get(), raw_.data(), raw_.size(),
                                                  packed_.data(), packed_.size());
        if (ZSTD_isError(n) || n != rawBytes)
            throw std::invalid_argument(std::string("damaged zstd frame: ") +
                                        (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short"));
        decodeChunk(samples);
    }

    void splitColumns()
    {
        std::string_view rest(raw_);
        for (std::size_t k = 0; k < kStreams; ++k) {
            const auto& info = streamInfo()[k];
            columns::Cursor layout(rest, info.name.c_str());
            const std::uint64_t length = layout.varint();
            rest.remove_prefix(layout.consumed());
            if (length > rest.size())
                throw std::invalid_argument("column \"" + info.name + "\" is " +
                                            std::to_string(length) + " bytes, the chunk has " +
                                            std::to_string(rest.size()) + " left");
            std::string_view bytes = rest.substr(0, length);
            rest.remove_prefix(length);
            if (info.isDouble) {
                try {
                    planes_[k] = columns::unpackDoubles(bytes);
                } catch (const std::invalid_argument& e) {
                    throw std::invalid_argument("column \"" + info.name + "\": " + e.what());
                }
                bytes = planes_[k];
            }
            cursors_[k] = columns::Cursor(bytes, info.name.c_str());
        }
        if (!rest.empty())
            throw std::invalid_argument(std::to_string(rest.size()) +
                                        " bytes after the last column");
    }

    void decodeChunk(std::uint32_t samples)
    {
        splitColumns();
        MemorySample prevMemory;
        PressureSample prevPressure;
        const Sample* prev = nullptr;
        for (std::uint32_t i = 0; i < samples; ++i) {
            Sample s;
            decodeSample(s, prev, prevMemory, prevPressure);
            checkLoadedSample(s, r_.samples.size(), workers_);
            prev = &r_.samples.emplace_back(std::move(s));
        }
        for (std::size_t k = 0; k < kStreams; ++k)
            if (!cursors_[k].atEnd())
                throw std::invalid_argument(std::string("column \"") + cursors_[k].name() +
                                            "\" holds more than its samples");
    }

    std::size_t count(std::size_t stream, std::uint64_t most)
    {
        const std::uint64_t n = cursors_[stream].varint();
        if (n > most)
            throw std::invalid_argument("samples[" + std::to_string(r_.samples.size()) +
                                        "]: " + std::to_string(n) + " " + cursors_[stream].name() +
                                        ", more than " + std::to_string(most));
        rows_ += n;
        if (rows_ > kMaxRows)
            throw std::invalid_argument("more than " + std::to_string(kMaxRows) +
                                        " worker and core rows in all");
        return static_cast<std::size_t>(n);
    }

    void decodeSample(Sample& s, const Sample* prev, MemorySample& prevMemory,
                      PressureSample& prevPressure)
    {
        cursors_[kTime].get(s.t, prev ? prev->t : 0.0);
        s.cores.resize(count(kCoreCount, kMaxCpus));
        s.workers.resize(count(kWorkerCount, static_cast<std::uint64_t>(workers_)));
        const auto parts = cursors_[kParts].byte();
        if (parts > (kHasMemory | kHasPressure))
            throw std::invalid_argument("parts byte " + std::to_string(parts) + " is not 0 … 3");
        for (std::size_t i = 0; i < s.cores.size(); ++i)
            decodeRow(kCoreColumns, s.cores[i], previous(prev ? &prev->cores : nullptr, i),
                      &cursors_[kCoreBase]);
        for (std::size_t i = 0; i < s.workers.size(); ++i)
            decodeRow(kWorkerColumns, s.workers[i], previous(prev ? &prev->workers : nullptr, i),
                      &cursors_[kWorkerBase]);
        if (parts & kHasMemory) {
            decodeRow(kMemoryColumns, s.memory.emplace(), prevMemory, &cursors_[kMemoryBase]);
            prevMemory = *s.memory;
        }
        if (parts & kHasPressure) {
            decodeRow(kPressureColumns, s.pressure.emplace(), prevPressure,
                      &cursors_[kPressureBase]);
            prevPressure = *s.pressure;
        }
    }

    RunRecord& r_;
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx_;
    int workers_ = 0;
    std::uint64_t rows_ = 0;
    std::vector<char> packed_;
    std::string raw_;
    std::array<std::string, kStreams> planes_;
    std::array<columns::Cursor, kStreams> cursors_;
};

std::uint64_t sampleCount(const json& head)
{
    const auto samples = head.find("samples");
    if (samples == head.end() || !samples->is_object())
        throw std::invalid_argument("head: missing field \"samples\"");
    const auto count = samples->find("count");
    if (count == samples->end() || !count->is_number_unsigned())
        throw std::invalid_argument("head: samples.count must be a whole number");
    const auto n = count->get<std::uint64_t>();
    if (n > kMaxSamples)
        throw std::invalid_argument("head: samples.count " + std::to_string(n) +
                                    " is more than the " + std::to_string(kMaxSamples) +
                                    " a run file may hold");
    return n;
}

} // namespace

RunRecord readCompactRunFile(ByteSource& in)
{
    char preamble[kPreambleBytes];
    in.read(preamble, sizeof preamble, "the preamble");
    if (!isCompactRunFile(std::string_view(preamble, sizeof preamble)))
        throw std::invalid_argument("not a compact CoreLab run file (no magic)");
    const std::uint32_t version = getU32(preamble + 8);
    if (version != kCompactRunFileSchema)
        throw std::invalid_argument("container version " + std::to_string(version) +
                                    " is not one this CoreLab reads (2): open it with a newer "
                                    "CoreLab");
    const std::uint32_t headBytes = getU32(preamble + 12);
    if (headBytes > kMaxHeadBytes)
        throw std::invalid_argument("head of " + std::to_string(headBytes) +
                                    " bytes, more than the " + std::to_string(kMaxHeadBytes) +
                                    " a run file's head may hold");
    if (headBytes > in.left()) in.truncated(headBytes, "the head");
    std::string headText(headBytes, '\0');
    in.read(headText.data(), headText.size(), "the head");
    json head;
    try {
        head = parseJsonInput(headText, JsonLimits{kMaxHeadBytes, 64});
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("head: ") + e.what());
    }
    if (!head.is_object()) throw std::invalid_argument("head: not a JSON object");
    RunRecord r;
    readRunFileHead(head, r, kCompactRunFileSchema);
    const std::uint64_t count = sampleCount(head);
    head = json();
    r.samples.reserve(count);
    ChunkReader(r).readAll(in, count);
    return r;
}

} // namespace corelab
