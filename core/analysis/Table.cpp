#include "analysis/Table.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace corelab {

ExperimentSpec tableSpec(const Preset& preset, const ExperimentSpec& spec, double durationS)
{
    ExperimentSpec s = spec;
    s.durationS = std::min(spec.durationS, std::max(durationS, preset.tableMinS));
    s.crashAtS = std::min(s.crashAtS, s.durationS / 2);
    return s;
}

TableRow tableRow(const Preset& preset, const RunRecord& a, const RunRecord& b)
{
    TableRow row{preset, {}};
    for (const VerdictRow& v : compareRuns(a, b))
        if (v.aspect == preset.figure) row.verdict = v;
    if (row.verdict.aspect.empty()) row.verdict.sentence = "no " + preset.figure + " was measured";
    return row;
}

nlohmann::json tableJson(const std::vector<TableRow>& rows)
{
    nlohmann::json out = nlohmann::json::array();
    for (const TableRow& r : rows)
        out.push_back({{"aspect", r.preset.aspect},
                       {"figure", r.verdict.aspect},
                       {"a_model", toString(r.preset.a.model)},
                       {"b_model", toString(r.preset.b.model)},
                       {"a", r.verdict.a},
                       {"b", r.verdict.b},
                       {"ratio", r.verdict.ratio},
                       {"winner", r.verdict.winner},
                       {"verdict", r.verdict.sentence},
                       {"source", r.verdict.source}});
    return out;
}

} // namespace corelab
