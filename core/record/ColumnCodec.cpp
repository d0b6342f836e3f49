#include "record/ColumnCodec.h"

#include <climits>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace corelab::columns {

std::uint64_t doubleBits(double v)
{
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

double bitsDouble(std::uint64_t bits)
{
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

void put(std::string& out, double v, double /*prev*/)
{
    const std::uint64_t x = doubleBits(v);
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>(x >> (8 * i)));
}

std::string toBytePlanes(std::string_view values)
{
    const std::size_t n = values.size() / 8;
    std::string planes(values.size(), '\0');
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t b = 0; b < 8; ++b)
            planes[b * n + i] = values[i * 8 + b];
    return planes;
}

std::string fromBytePlanes(std::string_view planes)
{
    const std::size_t n = planes.size() / 8;
    std::string values(planes.size(), '\0');
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t b = 0; b < 8; ++b)
            values[i * 8 + b] = planes[b * n + i];
    return values;
}

namespace {

enum : char { kPlanes = 0, kTable = 1 };
constexpr std::size_t kMaxTable = 256;

std::uint64_t wordAt(std::string_view bytes, std::size_t i)
{
    std::uint64_t w = 0;
    std::memcpy(&w, bytes.data() + 8 * i, 8);
    return w;
}

} // namespace

std::string packDoubles(std::string_view values)
{
    const std::size_t n = values.size() / 8;
    std::unordered_map<std::uint64_t, std::uint8_t> index;
    std::string table, indices;
    for (std::size_t i = 0; i < n && index.size() <= kMaxTable; ++i) {
        const auto [it, added] =
            index.try_emplace(wordAt(values, i), static_cast<std::uint8_t>(index.size()));
        if (added && index.size() <= kMaxTable) table.append(values.substr(8 * i, 8));
        indices.push_back(static_cast<char>(it->second));
    }
    // a table pays when it is small against the values it replaces
    if (index.size() <= kMaxTable && table.size() < values.size() / 2) {
        std::string out(1, kTable);
        putVarint(out, index.size());
        return out + table + indices;
    }
    // each value XOR the one before it in the column: neighbours share sign, exponent
    // and top mantissa bits, so the high planes come out mostly zero
    std::string xored(values);
    for (std::size_t i = n; i-- > 1;) {
        const std::uint64_t w = wordAt(values, i) ^ wordAt(values, i - 1);
        std::memcpy(xored.data() + 8 * i, &w, 8);
    }
    return std::string(1, kPlanes) + toBytePlanes(xored);
}

std::string unpackDoubles(std::string_view packed)
{
    if (packed.empty()) throw std::invalid_argument("no packing byte");
    const char how = packed[0];
    packed.remove_prefix(1);
    if (how == kPlanes) {
        if (packed.size() % 8) throw std::invalid_argument("not a whole number of doubles");
        std::string values = fromBytePlanes(packed);
        for (std::size_t i = 1; i < values.size() / 8; ++i) {
            const std::uint64_t w = wordAt(values, i) ^ wordAt(values, i - 1);
            std::memcpy(values.data() + 8 * i, &w, 8);
        }
        return values;
    }
    if (how != kTable)
        throw std::invalid_argument("packing byte " + std::to_string(int(how)) +
                                    " is neither 0 nor 1");
    Cursor in(packed, "table");
    const std::uint64_t size = in.varint();
    packed.remove_prefix(in.consumed());
    if (size > kMaxTable || size * 8 > packed.size())
        throw std::invalid_argument("a table of " + std::to_string(size) + " doubles");
    const std::string_view table = packed.substr(0, size * 8);
    const std::string_view indices = packed.substr(size * 8);
    std::string values(indices.size() * 8, '\0');
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const auto k = static_cast<std::uint8_t>(indices[i]);
        if (k >= size)
            throw std::invalid_argument("index " + std::to_string(k) + " past a table of " +
                                        std::to_string(size));
        std::memcpy(values.data() + 8 * i, table.data() + 8 * k, 8);
    }
    return values;
}

void Cursor::fail(const std::string& what) const
{
    throw std::invalid_argument(std::string("column \"") + name_ + "\": " + what);
}

std::uint64_t Cursor::varint()
{
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (at_ == bytes_.size()) fail("ends early");
        const auto b = static_cast<std::uint8_t>(bytes_[at_++]);
        // the tenth byte may only carry the top bit
        if (shift == 63 && b > 1) fail("a number longer than 64 bits");
        v |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
    fail("a number longer than 64 bits");
}

std::uint8_t Cursor::byte()
{
    if (at_ == bytes_.size()) fail("ends early");
    return static_cast<std::uint8_t>(bytes_[at_++]);
}

void Cursor::get(int& v, int prev)
{
    const std::int64_t value = std::int64_t(prev) + unzigzag(varint());
    if (value < INT_MIN || value > INT_MAX) fail(std::to_string(value) + " is out of range");
    v = static_cast<int>(value);
}

void Cursor::get(char& v, char /*prev*/)
{
    v = static_cast<char>(byte());
}

void Cursor::get(std::uint64_t& v, std::uint64_t prev)
{
    v = prev + static_cast<std::uint64_t>(unzigzag(varint()));
}

void Cursor::get(double& v, double /*prev*/)
{
    std::uint64_t x = 0;
    for (int i = 0; i < 8; ++i)
        x |= std::uint64_t(byte()) << (8 * i);
    v = bitsDouble(x);
}

void Cursor::get(std::optional<std::uint64_t>& v, const std::optional<std::uint64_t>& prev)
{
    const auto present = byte();
    if (present > 1) fail("presence byte " + std::to_string(present) + " is neither 0 nor 1");
    if (!present) {
        v.reset();
        return;
    }
    std::uint64_t value = 0;
    get(value, prev.value_or(0));
    v = value;
}

} // namespace corelab::columns
