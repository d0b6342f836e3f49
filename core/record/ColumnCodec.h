#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace corelab::columns {

// How one column of the compact run file stores its values, chosen by the field's type.
// Every value is stored against the same field of the previous row (the same worker or
// core position in the previous sample), which is what makes cumulative counters small:
//   int, uint64    zigzag varint of the difference (wrapping, so every value round-trips)
//   char           the byte itself
//   double         the 64 bits as they are; the column is packed as a whole when the
//                  chunk closes (packDoubles), not against the previous row
//   optional<u64>  a byte 0 (absent) or 1 (present), then the difference to the previous
//                  present value
// docs/run-file.md gives the same rules byte by byte.

inline void putVarint(std::string& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

inline std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

inline std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

std::uint64_t doubleBits(double v);
double bitsDouble(std::uint64_t bits);

inline void put(std::string& out, int v, int prev)
{
    putVarint(out, zigzag(std::int64_t(v) - std::int64_t(prev)));
}

inline void put(std::string& out, char v, char /*prev*/)
{
    out.push_back(v);
}

inline void put(std::string& out, std::uint64_t v, std::uint64_t prev)
{
    putVarint(out, zigzag(static_cast<std::int64_t>(v - prev)));
}

void put(std::string& out, double v, double prev);

inline void put(std::string& out, const std::optional<std::uint64_t>& v,
                const std::optional<std::uint64_t>& prev)
{
    out.push_back(v ? 1 : 0);
    if (v) put(out, *v, prev.value_or(0));
}

// A double column is written value by value (8 bytes each) and packed as a whole when
// the chunk is closed; the reader unpacks it before decoding. Packed, it starts with a
// byte saying how: 1, a table of at most 256 distinct 8-byte words followed by one index
// byte per value, for the columns whose values come from a few (/proc/stat shares are
// ticks over ticks); 0 otherwise, each value XOR the one before it in the column, stored
// as byte planes (all lowest bytes first, then the next, …).
std::string packDoubles(std::string_view values);
// Throws std::invalid_argument (naming no column: the caller does) on a damaged one.
std::string unpackDoubles(std::string_view packed);
std::string toBytePlanes(std::string_view values);
std::string fromBytePlanes(std::string_view planes);

// Reads one column of one chunk; every read checks the column's end, so a damaged column
// is an error naming it, never a read past the buffer.
class Cursor {
public:
    Cursor() = default;
    Cursor(std::string_view bytes, const char* name)
        : bytes_(bytes)
        , name_(name)
    {
    }

    std::uint64_t varint();
    std::uint8_t byte();
    bool atEnd() const { return at_ == bytes_.size(); }
    std::size_t consumed() const { return at_; }
    const char* name() const { return name_; }

    void get(int& v, int prev);
    void get(char& v, char prev);
    void get(std::uint64_t& v, std::uint64_t prev);
    void get(double& v, double prev);
    void get(std::optional<std::uint64_t>& v, const std::optional<std::uint64_t>& prev);

private:
    [[noreturn]] void fail(const std::string& what) const;

    std::string_view bytes_;
    std::size_t at_ = 0;
    const char* name_ = "";
};

} // namespace corelab::columns
