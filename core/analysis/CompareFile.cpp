#include <fstream>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "analysis/Compare.h"

namespace corelab {

void to_json(nlohmann::json& j, const Comparison& c)
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
    j = {{"schema", kCompareFileSchema},
         {"kind", "comparison"},
         {"a", c.a},
         {"b", c.b},
         {"verdict", rows}};
}

namespace {

// NaN (a figure one run did not measure) is written as null.
double number(const nlohmann::json& v)
{
    return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}

} // namespace

void from_json(const nlohmann::json& j, Comparison& c)
{
    if (j.value("kind", "") != "comparison")
        throw std::invalid_argument("not a comparison file (no \"kind\": \"comparison\")");
    if (j.at("schema").get<int>() > kCompareFileSchema)
        throw std::invalid_argument("schema is newer than this CoreLab reads");
    c.a = j.at("a").get<RunRecord>();
    c.b = j.at("b").get<RunRecord>();
    c.verdict.clear();
    for (const auto& r : j.at("verdict"))
        c.verdict.push_back({r.at("aspect"), r.at("unit"), number(r.at("a")), number(r.at("b")),
                             number(r.at("ratio")), r.at("winner"), r.at("sentence"),
                             r.at("source")});
}

void saveCompareFile(const Comparison& c, const std::string& path)
{
    AtomicFile out(path);
    out.write(nlohmann::json(c).dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
    out.write("\n");
    out.commit();
}

Comparison loadCompareFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    try {
        return nlohmann::json::parse(in).get<Comparison>();
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

} // namespace corelab
