#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "record/RunRecord.h"

namespace corelab {

// The bytes a compact run file (schema 2) is read from: a whole file in memory (the fuzz
// targets, parseRunFile) or an open file read front to back, so a long run is never held
// twice. A short read is an error naming the byte offset where the file ends.
class ByteSource {
public:
    struct Truncated : std::invalid_argument {
        using std::invalid_argument::invalid_argument;
    };

    explicit ByteSource(std::string_view bytes)
        : view_(bytes)
        , size_(bytes.size())
    {
    }
    ByteSource(int fd, std::uint64_t size)
        : fd_(fd)
        , size_(size)
    {
    }

    std::uint64_t offset() const { return offset_; }
    std::uint64_t left() const { return size_ - offset_; }
    // n bytes of <what>, or "truncated at byte <size>: <what> needs n bytes from byte
    // <offset>"
    void read(char* out, std::size_t n, const std::string& what);
    [[noreturn]] void truncated(std::size_t n, const std::string& what) const;

private:
    std::string_view view_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::uint64_t offset_ = 0;
};

// Layout byte by byte in docs/run-file.md ("The compact run file"). Throws
// std::invalid_argument saying what is wrong and, for a damaged part, at which byte.
// With a sink, the samples go to it chunk by chunk and the record returned has none.
RunRecord readCompactRunFile(ByteSource& in, const RunFileSink* sink = nullptr);

} // namespace corelab
