#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <zstd.h>

#include "JsonInput.h"
#include "record/CompactLayout.h"
#include "record/CompactRunFile.h"

namespace corelab {

using namespace compact;
using nlohmann::json;

void ByteSource::truncated(std::size_t n, const std::string& what) const
{
    throw Truncated("truncated at byte " + std::to_string(size_) + ": " + what + " needs " +
                    std::to_string(n) + " bytes from byte " + std::to_string(offset_));
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
    ChunkReader(RunRecord& r, const RunFileSink* sink)
        : r_(r)
        , sink_(sink)
        , dctx_(ZSTD_createDCtx(), ZSTD_freeDCtx)
    {
        if (!dctx_) throw std::runtime_error("zstd: out of memory");
        workers_ = r.spec.totalWorkers();
    }

    // Reads chunks up to the end marker into the record, checking they hold count samples.
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
            } catch (const ByteSource::Truncated&) {
                throw; // names the chunk and the bytes already
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(name + ": " + e.what());
            }
        }
        if (loaded_ != count)
            throw std::invalid_argument("the chunks hold " + std::to_string(loaded_) +
                                        " samples, the head says " + std::to_string(count));
        if (in.left() != 0)
            throw std::invalid_argument(std::to_string(in.left()) +
                                        " bytes after the end marker, " + at(in.offset()));
    }

private:
    void readChunk(ByteSource& in, std::uint32_t samples, std::uint32_t rawBytes,
                   std::uint32_t packedBytes, std::uint64_t count, const std::string& name)
    {
        if (samples > count - loaded_)
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
        // a sink gets the samples a few at a time (a chunk of 512 workers is ~12 MB of
        // them), so only those and the one the next refers to are ever held
        std::vector<Sample>& out = sink_ ? batch_ : r_.samples;
        batch_.clear();
        batch_.reserve(kSinkBatch); // prev points into it
        const Sample* prev = nullptr;
        for (std::uint32_t i = 0; i < samples; ++i, ++loaded_) {
            Sample s;
            decodeSample(s, prev, prevMemory, prevPressure);
            checkLoadedSample(s, loaded_, workers_);
            prev = &out.emplace_back(std::move(s));
            if (sink_ && batch_.size() == kSinkBatch) {
                handOver();
                previous_ = std::move(batch_.back());
                batch_.clear();
                prev = &previous_;
            }
        }
        for (std::size_t k = 0; k < kStreams; ++k)
            if (!cursors_[k].atEnd())
                throw std::invalid_argument(std::string("column \"") + cursors_[k].name() +
                                            "\" holds more than its samples");
        if (sink_ && !batch_.empty()) handOver();
    }

    void handOver()
    {
        if (sink_->samples) sink_->samples(batch_);
    }

    std::size_t count(std::size_t stream, std::uint64_t most)
    {
        const std::uint64_t n = cursors_[stream].varint();
        if (n > most)
            throw std::invalid_argument("samples[" + std::to_string(loaded_) +
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
    static constexpr std::size_t kSinkBatch = 16;
    const RunFileSink* sink_;
    std::vector<Sample> batch_; // the samples about to go to the sink
    Sample previous_;           // the last one handed over, which the next is relative to
    std::uint64_t loaded_ = 0;  // samples read so far, handed over or kept
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

RunRecord readCompactRunFile(ByteSource& in, const RunFileSink* sink)
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
    if (sink) {
        if (sink->head) sink->head(r, static_cast<std::size_t>(count));
    } else {
        r.samples.reserve(count);
    }
    ChunkReader(r, sink).readAll(in, count);
    return r;
}

} // namespace corelab
