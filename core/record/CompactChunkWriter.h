#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "record/RunRecord.h"

struct ZSTD_CCtx_s;

namespace corelab {

// The writer's half of the compact run file (docs/run-file.md), in pieces a stream can
// use: saveCompactRunFile writes a whole record with them, SampleSpool a live run's
// samples as they come. The same samples give the same bytes either way.
//
// Collects the rows of a chunk column by column, and writes it as one zstd frame. Each
// chunk starts from zero (no row refers to the previous chunk), so chunks are read alone.
class CompactChunkWriter {
public:
    CompactChunkWriter();
    ~CompactChunkWriter();
    CompactChunkWriter(const CompactChunkWriter&) = delete;
    CompactChunkWriter& operator=(const CompactChunkWriter&) = delete;

    // Adds a sample to the open chunk. Rows are stored as changes from the previous
    // sample, which is read again here: it must stay valid (and unchanged) until the
    // next add() or flush().
    void add(const Sample& s);
    // The open chunk holds enough rows to close it (kChunkRows).
    bool full() const;
    // Appends the open chunk (its header and zstd frame) to `out` and starts a new one;
    // nothing when it is empty.
    void flush(std::string& out);

private:
    struct CCtxFree {
        void operator()(ZSTD_CCtx_s* c) const;
    };
    std::unique_ptr<ZSTD_CCtx_s, CCtxFree> cctx_;
    std::vector<std::string> streams_;
    std::string raw_, planes_;
    std::vector<char> packed_;
    const Sample* prev_ = nullptr;
    MemorySample prevMemory_;
    PressureSample prevPressure_;
    std::uint32_t samples_ = 0;
    std::size_t rows_ = 0;
};

// What comes before the chunks: the magic, the container version, the head's length and
// the JSON head (spec, machine, summary, events, and samples.count = sampleCount).
std::string compactRunFileStart(const RunRecord& r, std::size_t sampleCount);
// What follows the last chunk: an empty chunk header.
std::string compactRunFileEnd();

} // namespace corelab
