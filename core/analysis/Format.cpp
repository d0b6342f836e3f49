#include "analysis/Format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <span>

namespace corelab {

namespace {

// One rung of a unit ladder: values from `factor` base units up are written in `name`.
struct Step {
    double factor;
    const char* name;
};

constexpr Step kBytes[] = {{1024.0, "KiB"},
                           {1024.0 * 1024, "MiB"},
                           {1024.0 * 1024 * 1024, "GiB"},
                           {1024.0 * 1024 * 1024 * 1024, "TiB"}};
// in µs, so that converting a figure multiplies by an exact power of ten
constexpr Step kTime[] = {{1, "µs"}, {1e3, "ms"}, {1e6, "s"}};
constexpr Step kByteRate[] = {
    {1, "B/s"}, {1e3, "kB/s"}, {1e6, "MB/s"}, {1e9, "GB/s"}, {1e12, "TB/s"}};
constexpr Step kPrefix[] = {{1, ""}, {1e3, "k"}, {1e6, "M"}, {1e9, "G"}, {1e12, "T"}};

// Units whose figures are whole numbers of things, counted exactly.
constexpr const char* kCountUnits[] = {
    "count",    "workers", "increments",  "counters", "rounds", "threads",  "processes",
    "messages", "pairs",   "round trips", "requests", "tasks",  "switches", "CPU id"};

enum class Kind { Bytes, Time, ByteRate, Cores, TickCores, Count, Flag, Prefixed };

struct UnitKind {
    Kind kind;
    double toBase = 1; // one of the figure's units in its ladder's base unit (µs, B/s)
};

UnitKind kindOf(const std::string& unit)
{
    if (unit == "bytes" || unit == "B") return {Kind::Bytes};
    if (unit == "s") return {Kind::Time, 1e6};
    if (unit == "ms") return {Kind::Time, 1e3};
    if (unit == "µs" || unit == "us") return {Kind::Time};
    if (unit == "B/s") return {Kind::ByteRate};
    if (unit == "MB/s") return {Kind::ByteRate, 1e6};
    if (unit == "busy cores" || unit == "cores") return {Kind::Cores};
    if (unit == "cores (/proc/stat)") return {Kind::TickCores};
    if (unit == "yes=1/no=0") return {Kind::Flag};
    if (std::find(std::begin(kCountUnits), std::end(kCountUnits), unit) != std::end(kCountUnits))
        return {Kind::Count};
    return {Kind::Prefixed};
}

std::string nonFinite(double value)
{
    return std::isnan(value) ? "–" : value > 0 ? "∞" : "-∞";
}

// A value rounded to `digits` significant digits, and the decimal exponent of the result:
// rounding first is what moves 999.5 to 1.00e+03, a number with four whole digits.
struct Rounded {
    double value;
    int exponent;
};

Rounded roundedTo(double value, int digits)
{
    char text[64];
    const auto end =
        std::to_chars(text, text + sizeof text, value, std::chars_format::scientific, digits - 1)
            .ptr;
    const char* e = std::find(text, end, 'e') + 1;
    if (*e == '+') ++e;
    Rounded r{0, 0};
    std::from_chars(e, end, r.exponent);
    std::from_chars(text, end, r.value);
    return r;
}

// Fixed decimals, without the "-0" that rounding a tiny negative value leaves.
std::string fixed(double value, int decimals)
{
    char text[400];
    const auto end =
        std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals).ptr;
    std::string s(text, end);
    if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

std::string joined(const std::string& number, const std::string& unit)
{
    return unit.empty() ? number : number + " " + unit;
}

struct OnRung {
    std::string number;
    const char* name;
};

// The first rung on which the value, rounded to three digits, stays below 1000; past
// the top rung the value is written whole.
OnRung onLadder(double value, std::span<const Step> ladder)
{
    for (const Step& step : ladder) {
        const double scaled = value / step.factor;
        if (std::fabs(roundedTo(scaled, 3).value) < 1000)
            return {significant(scaled, 3), step.name};
    }
    return {fixed(value / ladder.back().factor, 0), ladder.back().name};
}

std::string ladderText(double value, std::span<const Step> ladder)
{
    const OnRung r = onLadder(value, ladder);
    return joined(r.number, r.name);
}

// Below 1 KiB a byte count is exact and short; from 1024 B up it climbs the ladder.
std::string bytesText(double bytes)
{
    if (std::round(std::fabs(bytes)) < 1024) return fixed(std::round(bytes), 0) + " B";
    return ladderText(bytes, kBytes);
}

std::string timeText(double us)
{
    if (us == 0) return "0 s";
    return ladderText(us, kTime);
}

// A whole number with its thousands grouped, so an exact count stays readable:
// "1,999,997".
std::string grouped(double value)
{
    std::string s = fixed(std::round(value), 0);
    const int first = s.front() == '-' ? 1 : 0;
    for (int i = static_cast<int>(s.size()) - 3; i > first; i -= 3)
        s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

// "1 pair", "1 process": one thing is named in the singular.
std::string singular(const std::string& unit)
{
    if (unit == "processes" || unit == "switches") return unit.substr(0, unit.size() - 2);
    if (unit.size() > 1 && unit.back() == 's') return unit.substr(0, unit.size() - 1);
    return unit;
}

std::string countText(double value, const std::string& unit)
{
    // "count" names no thing: "0 count" reads as a typo
    if (unit == "count") return grouped(value);
    return grouped(value) + " " + (std::round(std::fabs(value)) == 1 ? singular(unit) : unit);
}

// "2.75 M ops/s": the prefix stands apart, as the unit is often a word.
std::string prefixedText(double value, const std::string& unit)
{
    const OnRung r = onLadder(value, kPrefix);
    return joined(joined(r.number, r.name), unit);
}

} // namespace

std::string significant(double value, int digits)
{
    if (!std::isfinite(value)) return nonFinite(value);
    if (value == 0) return "0";
    const Rounded r = roundedTo(value, digits);
    return fixed(r.value, std::max(0, digits - 1 - r.exponent));
}

std::string formatValue(double value, const std::string& unit)
{
    if (!std::isfinite(value)) return nonFinite(value);
    const UnitKind k = kindOf(unit);
    switch (k.kind) {
    case Kind::Bytes:
        return bytesText(value);
    case Kind::Time:
        return timeText(value * k.toBase);
    case Kind::ByteRate:
        return ladderText(value * k.toBase, kByteRate);
    case Kind::Cores:
        return fixed(value, 2) + " " + unit;
    case Kind::TickCores:
        return fixed(value, 1) + " cores";
    case Kind::Count:
        return countText(value, unit);
    case Kind::Flag:
        if (value == 1) return "yes";
        if (value == 0) return "no";
        break;
    case Kind::Prefixed:
        break;
    }
    return prefixedText(value, unit);
}

std::string formatRatio(double ratio)
{
    if (std::isnan(ratio)) return nonFinite(ratio);
    if (std::isinf(ratio)) return nonFinite(ratio) + "×";
    return (std::fabs(ratio) >= 10 ? fixed(ratio, 0) : significant(ratio, 2)) + "×";
}

} // namespace corelab
