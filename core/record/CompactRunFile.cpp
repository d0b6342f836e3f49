#include "record/CompactRunFile.h"
#include "record/CompactChunkWriter.h"

#include <cstring>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <zstd.h>

#include "AtomicFile.h"
#include "record/CompactLayout.h"
#include "record/SampleSpool.h"

namespace corelab {

using namespace compact;
using nlohmann::json;

void CompactChunkWriter::CCtxFree::operator()(ZSTD_CCtx_s* c) const
{
    ZSTD_freeCCtx(c);
}

CompactChunkWriter::CompactChunkWriter()
    : cctx_(ZSTD_createCCtx())
    , streams_(kStreams)
{
    if (!cctx_) throw std::runtime_error("zstd: out of memory");
}

CompactChunkWriter::~CompactChunkWriter() = default;

void CompactChunkWriter::add(const Sample& s)
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
        encodeRow(kWorkerColumns, s.workers[i], previous(prevWorkers, i), &streams_[kWorkerBase]);
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

bool CompactChunkWriter::full() const
{
    return rows_ >= kChunkRows;
}

void CompactChunkWriter::flush(std::string& out)
{
    if (samples_ == 0) return;
    raw_.clear();
    for (std::size_t k = 0; k < kStreams; ++k) {
        const std::string& bytes =
            streamInfo()[k].isDouble ? (planes_ = columns::packDoubles(streams_[k])) : streams_[k];
        columns::putVarint(raw_, bytes.size());
        raw_ += bytes;
        streams_[k].clear();
    }
    packed_.resize(ZSTD_compressBound(raw_.size()));
    const std::size_t n = ZSTD_compressCCtx(cctx_.get(), packed_.data(), packed_.size(),
                                            raw_.data(), raw_.size(), kZstdLevel);
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    putU32(out, samples_);
    putU32(out, static_cast<std::uint32_t>(raw_.size()));
    putU32(out, static_cast<std::uint32_t>(n));
    out.append(packed_.data(), n);
    samples_ = 0;
    rows_ = 0;
    prev_ = nullptr;
    prevMemory_ = {};
    prevPressure_ = {};
}

std::string compactRunFileStart(const RunRecord& r, std::size_t sampleCount)
{
    json head = runFileHead(r);
    head["schema"] = kCompactRunFileSchema;
    head["events"] = r.events;
    head["samples"] = json{{"count", sampleCount}, {"encoding", "columns-zstd"}};
    const std::string text = head.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
    std::string out(kMagic.data(), kMagic.size());
    putU32(out, kCompactRunFileSchema);
    putU32(out, static_cast<std::uint32_t>(text.size()));
    return out + text;
}

std::string compactRunFileEnd()
{
    return std::string(kChunkHeaderBytes, '\0');
}

bool isCompactRunFile(std::string_view firstBytes)
{
    return firstBytes.size() >= kMagic.size() &&
           std::memcmp(firstBytes.data(), kMagic.data(), kMagic.size()) == 0;
}

void saveCompactRunFile(const RunRecord& r, const std::string& path)
{
    if (r.spool) return r.spool->writeRunFile(r, path);
    AtomicFile out(path);
    out.write(compactRunFileStart(r, r.samples.size()));
    CompactChunkWriter chunk;
    std::string bytes;
    for (const Sample& s : r.samples) {
        chunk.add(s);
        if (!chunk.full()) continue;
        chunk.flush(bytes);
        out.write(bytes);
        bytes.clear();
    }
    chunk.flush(bytes);
    out.write(bytes);
    out.write(compactRunFileEnd());
    out.commit();
}

} // namespace corelab
