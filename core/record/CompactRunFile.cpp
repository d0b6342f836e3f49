#include "record/CompactRunFile.h"

#include <cstring>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <zstd.h>

#include "AtomicFile.h"
#include "record/CompactLayout.h"

namespace corelab {

using namespace compact;
using nlohmann::json;

namespace {

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

} // namespace corelab
