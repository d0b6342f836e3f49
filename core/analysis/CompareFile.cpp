#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "JsonInput.h"
#include "analysis/Compare.h"
#include "record/RunFileJson.h"

namespace corelab {

namespace {

// Everything of a comparison but its two runs.
nlohmann::json compareHead(const Comparison& c)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const VerdictRow& r : c.verdict)
        rows.push_back({{"aspect", r.aspect},
                        {"unit", r.unit},
                        {"a", r.a},
                        {"b", r.b},
                        {"ratio", r.ratio},
                        {"winner", r.winner},
                        {"sentence", r.sentence},
                        {"source", r.source}});
    nlohmann::json j = {{"schema", kCompareFileSchema}, {"kind", "comparison"}, {"verdict", rows}};
    if (const auto& p = c.preset)
        j["preset"] = {{"id", p->id},        {"title", p->title},   {"question", p->question},
                       {"watch", p->watch},  {"expect", p->expect}, {"aspect", p->aspect},
                       {"figure", p->figure}};
    return j;
}

} // namespace

// The runs as they are in memory: a long run's spooled samples are not in them.
// saveCompareFile writes every sample.
void to_json(nlohmann::json& j, const Comparison& c)
{
    j = compareHead(c);
    j["a"] = c.a;
    j["b"] = c.b;
}

namespace {

// NaN (a figure one run did not measure) is written as null.
double number(const nlohmann::json& v)
{
    return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}

// a comparison holds two runs
constexpr JsonLimits kCompareLimits{2 * kRecordLimits.maxBytes, kRecordLimits.maxDepth};

// A comparison has one row per summary figure; this is far above any real one.
constexpr std::size_t kMaxVerdictRows = 1000;

int readSchema(const nlohmann::json& j)
{
    const auto it = j.find("schema");
    if (it == j.end() || !it->is_number_integer())
        throw std::invalid_argument("schema: missing or not a whole number");
    const bool tooNew = it->is_number_unsigned() ? it->get<std::uint64_t>() > kCompareFileSchema
                                                 : it->get<std::int64_t>() > kCompareFileSchema;
    if (tooNew) throw std::invalid_argument("schema is newer than this CoreLab reads");
    if (it->get<std::int64_t>() < 1) throw std::invalid_argument("schema: not a schema number");
    return it->get<int>();
}

RunRecord readSide(const nlohmann::json& j, const char* key)
{
    const auto it = j.find(key);
    if (it == j.end()) throw std::invalid_argument(std::string("missing \"") + key + "\"");
    try {
        return it->get<RunRecord>();
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string(key) + ": " + plainJsonMessage(e));
    }
}

VerdictRow readRow(const nlohmann::json& r)
{
    return {r.at("aspect"),        r.at("unit"),   number(r.at("a")), number(r.at("b")),
            number(r.at("ratio")), r.at("winner"), r.at("sentence"),  r.at("source")};
}

// One text of the preset object; a missing one is empty (files from before a field
// existed), anything but a short string is refused with the field named.
std::string presetText(const nlohmann::json& p, const char* key)
{
    const auto it = p.find(key);
    if (it == p.end()) return {};
    const std::string field = std::string("preset.") + key;
    if (!it->is_string()) throw std::invalid_argument(field + ": must be a string");
    if (it->get_ref<const std::string&>().size() > kMaxPresetText)
        throw std::invalid_argument(field + ": longer than " + std::to_string(kMaxPresetText) +
                                    " bytes");
    return it->get<std::string>();
}

// "preset" is optional: comparisons of two forms, and files written before it, have none.
std::optional<PresetNote> readPreset(const nlohmann::json& j)
{
    const auto it = j.find("preset");
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) throw std::invalid_argument("preset: expected an object");
    PresetNote n{presetText(*it, "id"),    presetText(*it, "title"),  presetText(*it, "question"),
                 presetText(*it, "watch"), presetText(*it, "expect"), presetText(*it, "aspect"),
                 presetText(*it, "figure")};
    return n;
}

} // namespace

PresetNote presetNote(const Preset& p)
{
    return {p.id, p.title, p.question, p.watch, p.expect, p.aspect, p.figure};
}

void from_json(const nlohmann::json& j, Comparison& c)
{
    if (!j.is_object() || !j.contains("kind") || j["kind"] != "comparison")
        throw std::invalid_argument("not a comparison file (no \"kind\": \"comparison\")");
    readSchema(j);
    c.a = readSide(j, "a");
    c.b = readSide(j, "b");
    c.preset = readPreset(j);
    const auto verdict = j.find("verdict");
    if (verdict == j.end() || !verdict->is_array())
        throw std::invalid_argument("verdict: expected an array");
    if (verdict->size() > kMaxVerdictRows)
        throw std::invalid_argument("verdict: more than " + std::to_string(kMaxVerdictRows) +
                                    " rows");
    c.verdict.clear();
    for (std::size_t i = 0; i < verdict->size(); ++i) {
        try {
            c.verdict.push_back(readRow((*verdict)[i]));
        } catch (const std::exception& e) {
            throw std::invalid_argument("verdict[" + std::to_string(i) +
                                        "]: " + plainJsonMessage(e));
        }
    }
}

// Each run is written as the JSON run file writes it (writeRunFileJson): streamed, with
// every sample of a long run from its spool, where the record keeps few or none.
void saveCompareFile(const Comparison& c, const std::string& path)
{
    AtomicFile out(path);
    const std::string head =
        compareHead(c).dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
    // the head's members, its closing brace left off: the runs follow them
    out.write(
        std::string_view(head).substr(0, head.find_last_not_of(" \n", head.rfind('}') - 1) + 1));
    out.write(",\n\"a\": ");
    writeRunFileJson(out, c.a);
    out.write(",\n\"b\": ");
    writeRunFileJson(out, c.b);
    out.write("\n}\n");
    out.commit();
}

Comparison parseCompareFile(std::string_view bytes)
{
    return parseJsonInput(bytes, kCompareLimits).get<Comparison>();
}

Comparison loadCompareFile(const std::string& path)
{
    const std::string bytes = readInputFile(path, kCompareLimits.maxBytes);
    try {
        return parseCompareFile(bytes);
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + plainJsonMessage(e));
    }
}

} // namespace corelab
