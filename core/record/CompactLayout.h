#pragma once

// The compact run file's layout, shared by its writer (CompactRunFile.cpp) and reader
// (CompactRunFileReader.cpp); docs/run-file.md describes it byte by byte.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "record/ColumnCodec.h"
#include "record/SampleColumns.h"

namespace corelab::compact {

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

inline const std::array<StreamInfo, kStreams>& streamInfo()
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

inline void putU32(std::string& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<char>(v >> (8 * i)));
}

inline std::uint32_t getU32(const char* p)
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(static_cast<std::uint8_t>(p[i])) << (8 * i);
    return v;
}

inline std::string at(std::uint64_t offset)
{
    return "at byte " + std::to_string(offset);
}

} // namespace corelab::compact
