#include "probe/Parsers.h"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace corelab::probe {

namespace {

constexpr std::string_view kBlanks = " \t\n\r";

// Upper bound for ids taken from cpu lists, so garbage cannot request a huge vector.
constexpr int kMaxCpuId = 1 << 16;

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(kBlanks);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(kBlanks);
    return s.substr(first, last - first + 1);
}

// Consumes and returns the next line (without its '\n').
std::string_view nextLine(std::string_view& text)
{
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
}

// Whitespace-separated tokens of one piece of text; an empty token means "no more".
class Tokens {
public:
    explicit Tokens(std::string_view text)
        : rest_(text)
    {
    }

    std::string_view next()
    {
        const auto first = rest_.find_first_not_of(kBlanks);
        if (first == std::string_view::npos) return {};
        rest_.remove_prefix(first);
        const auto end = rest_.find_first_of(kBlanks);
        const auto token = rest_.substr(0, end);
        rest_.remove_prefix(token.size());
        return token;
    }

private:
    std::string_view rest_;
};

// The whole token must be a number: "12kB" or "" is not one.
template <class T> bool toNumber(std::string_view token, T& out)
{
    if (token.empty()) return false;
    const auto* end = token.data() + token.size();
    const auto [ptr, ec] = std::from_chars(token.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

struct KeyValue {
    std::string_view key;
    std::string_view value;
};

// "Key:\t  value" lines of status and smaps_rollup.
std::optional<KeyValue> splitKeyValue(std::string_view line)
{
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    return KeyValue{line.substr(0, colon), trim(line.substr(colon + 1))};
}

std::optional<CpuTicks> parseCpuLine(std::string_view line)
{
    Tokens tokens(line);
    const auto name = tokens.next();
    CpuTicks t;
    // "cpu" alone is the aggregate line, which callers derive themselves if needed
    if (name.size() <= 3 || !name.starts_with("cpu")) return std::nullopt;
    if (!toNumber(name.substr(3), t.cpu) || t.cpu < 0) return std::nullopt;

    // kernels before 2.6.33 stop after softirq or steal; the first four always exist
    constexpr int kRequired = 4;
    const std::array fields{&t.user,   &t.nice, &t.system,  &t.idle,
                            &t.iowait, &t.irq,  &t.softirq, &t.steal};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto token = tokens.next();
        if (token.empty() && i >= kRequired) break;
        if (!toNumber(token, *fields[i])) return std::nullopt;
    }
    return t;
}

bool kibToBytes(std::string_view value, std::uint64_t& bytes)
{
    Tokens tokens(value);
    std::uint64_t kib = 0;
    if (!toNumber(tokens.next(), kib) || tokens.next() != "kB") return false;
    if (kib > std::numeric_limits<std::uint64_t>::max() / 1024) return false;
    bytes = kib * 1024;
    return true;
}

// One "a" or "a-b" item of a cpu list, appended to out.
bool appendCpuRange(std::string_view item, std::vector<int>& out)
{
    const auto dash = item.find('-');
    int first = 0;
    int last = 0;
    if (!toNumber(item.substr(0, dash), first)) return false;
    last = first;
    if (dash != std::string_view::npos && !toNumber(item.substr(dash + 1), last)) return false;
    if (first < 0 || last < first || last > kMaxCpuId) return false;
    if (out.size() + static_cast<std::size_t>(last - first) > kMaxCpuId) return false;
    for (int id = first; id <= last; ++id)
        out.push_back(id);
    return true;
}

} // namespace

std::vector<CpuTicks> parseProcStat(std::string_view text)
{
    std::vector<CpuTicks> cpus;
    while (!text.empty()) {
        if (auto ticks = parseCpuLine(nextLine(text))) cpus.push_back(*ticks);
    }
    return cpus;
}

std::optional<SchedStat> parseSchedstat(std::string_view text)
{
    Tokens tokens(text);
    SchedStat s;
    if (!toNumber(tokens.next(), s.runNs) || !toNumber(tokens.next(), s.waitNs) ||
        !toNumber(tokens.next(), s.timeslices))
        return std::nullopt;
    return s;
}

std::optional<TaskStat> parseTaskStat(std::string_view text)
{
    const auto open = text.find(" (");
    const auto close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open + 2)
        return std::nullopt;

    TaskStat s;
    if (!toNumber(text.substr(0, open), s.pid)) return std::nullopt;
    s.comm = text.substr(open + 2, close - open - 2);

    // fields numbered as in proc(5): the first one after the name is field 3
    constexpr int kFirst = 3;
    constexpr int kLast = 39;
    std::array<std::string_view, kLast - kFirst + 1> fields{};
    Tokens tokens(text.substr(close + 1));
    for (auto& slot : fields) {
        slot = tokens.next();
        if (slot.empty()) return std::nullopt;
    }
    const auto field = [&fields](int n) { return fields[static_cast<std::size_t>(n - kFirst)]; };

    if (field(3).size() != 1) return std::nullopt;
    s.state = field(3).front();
    const bool ok = toNumber(field(4), s.ppid) && toNumber(field(5), s.pgrp) &&
                    toNumber(field(6), s.session) && toNumber(field(10), s.minorFaults) &&
                    toNumber(field(12), s.majorFaults) && toNumber(field(14), s.utimeTicks) &&
                    toNumber(field(15), s.stimeTicks) && toNumber(field(20), s.numThreads) &&
                    toNumber(field(39), s.processor);
    if (!ok) return std::nullopt;
    return s;
}

std::optional<CtxSwitches> parseStatusCtx(std::string_view text)
{
    CtxSwitches c;
    bool voluntary = false;
    bool involuntary = false;
    while (!text.empty()) {
        const auto kv = splitKeyValue(nextLine(text));
        if (!kv) continue;
        if (kv->key == "voluntary_ctxt_switches")
            voluntary = toNumber(kv->value, c.voluntary);
        else if (kv->key == "nonvoluntary_ctxt_switches")
            involuntary = toNumber(kv->value, c.involuntary);
    }
    if (!voluntary || !involuntary) return std::nullopt;
    return c;
}

std::optional<SmapsRollup> parseSmapsRollup(std::string_view text)
{
    using Field = std::uint64_t SmapsRollup::*;
    static constexpr std::array<std::pair<std::string_view, Field>, 7> kKeys{{
        {"Rss", &SmapsRollup::rss},
        {"Pss", &SmapsRollup::pss},
        {"Shared_Clean", &SmapsRollup::sharedClean},
        {"Shared_Dirty", &SmapsRollup::sharedDirty},
        {"Private_Clean", &SmapsRollup::privateClean},
        {"Private_Dirty", &SmapsRollup::privateDirty},
        {"Swap", &SmapsRollup::swap},
    }};
    SmapsRollup r;
    bool haveRss = false;
    while (!text.empty()) {
        const auto kv = splitKeyValue(nextLine(text));
        if (!kv) continue;
        for (const auto& [key, member] : kKeys) {
            if (kv->key != key) continue;
            const bool ok = kibToBytes(kv->value, r.*member);
            if (member == &SmapsRollup::rss) haveRss = ok;
        }
    }
    if (!haveRss) return std::nullopt;
    return r;
}

std::optional<std::uint64_t> parsePressureSomeTotalUs(std::string_view text)
{
    constexpr std::string_view kTotal = "total=";
    while (!text.empty()) {
        Tokens tokens(nextLine(text));
        if (tokens.next() != "some") continue;
        for (auto token = tokens.next(); !token.empty(); token = tokens.next()) {
            std::uint64_t total = 0;
            if (token.starts_with(kTotal) && toNumber(token.substr(kTotal.size()), total))
                return total;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::vector<int> parseCpuList(std::string_view text)
{
    text = trim(text);
    std::vector<int> ids;
    while (!text.empty()) {
        const auto comma = text.find(',');
        if (!appendCpuRange(text.substr(0, comma), ids)) return {};
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
        // "0-3," has an empty last item: that is not a list the kernel writes
        if (text.empty()) return {};
    }
    return ids;
}

std::optional<double> parseCpuMax(std::string_view text)
{
    Tokens tokens(text);
    std::uint64_t quota = 0;
    std::uint64_t period = 0;
    // "max" (no limit) fails here like any other non-number, which is the answer we want
    if (!toNumber(tokens.next(), quota) || !toNumber(tokens.next(), period)) return std::nullopt;
    if (quota == 0 || period == 0) return std::nullopt;
    return static_cast<double>(quota) / static_cast<double>(period);
}

} // namespace corelab::probe
