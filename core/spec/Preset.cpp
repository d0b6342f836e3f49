#include "spec/Preset.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "JsonInput.h"
#include "catalogue/Catalogue.h"

namespace corelab {

namespace {

// Choice parameters may be written by name ("sync": "mutex"); specs store indices.
// Anything else malformed is left for from_json(ExperimentSpec), which names it.
void resolveChoiceNames(nlohmann::json& spec)
{
    const auto workload = spec.find("workload");
    const WorkloadInfo* w = findWorkload(workload == spec.end()  ? "cpu"
                                         : workload->is_string() ? workload->get<std::string>()
                                                                 : std::string());
    if (!w || !spec.contains("params") || !spec["params"].is_object()) return;
    for (auto& [name, value] : spec["params"].items()) {
        if (!value.is_string()) continue;
        const auto p =
            std::find_if(w->params.begin(), w->params.end(),
                         [&name = name](const ParamInfo& info) { return info.name == name; });
        const auto index = p == w->params.end() ? std::nullopt : choiceIndex(*p, value);
        if (!index)
            throw std::invalid_argument("params." + name + ": '" + value.get<std::string>() +
                                        "' is not one of its choices");
        value = *index;
    }
}

// "spec" is the experiment, "a" and "b" patches over it: each must be an object, or a
// typo would silently run the defaults.
const nlohmann::json& objectField(const nlohmann::json& j, const char* key, bool required)
{
    static const nlohmann::json empty = nlohmann::json::object();
    const auto it = j.find(key);
    if (it == j.end()) {
        if (required) throw std::invalid_argument(std::string("missing \"") + key + "\"");
        return empty;
    }
    if (!it->is_object())
        throw std::invalid_argument(std::string(key) + ": expected an object, not " +
                                    it->type_name());
    return *it;
}

ExperimentSpec side(const nlohmann::json& j, const char* key)
{
    nlohmann::json spec = objectField(j, "spec", true);
    spec.merge_patch(objectField(j, key, false));
    ExperimentSpec s;
    try {
        resolveChoiceNames(spec);
        s = spec.get<ExperimentSpec>();
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string(key) + ": " + plainJsonMessage(e));
    }
    if (auto err = validate(s)) throw std::invalid_argument(std::string(key) + ": " + err->text());
    return s;
}

std::string text(const nlohmann::json& j, const char* key, const std::string& fallback)
{
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (!it->is_string()) throw std::invalid_argument(std::string(key) + ": must be a string");
    return it->get<std::string>();
}

// "table": false, or {"answer": "median" | "distinct" | "speed-up", "workers": [1, 2, 4]}.
TableForm tableForm(const nlohmann::json& j)
{
    TableForm t;
    if (!j.contains("table")) return t;
    const nlohmann::json& f = j.at("table");
    if (f.is_boolean()) {
        t.inTable = f.get<bool>();
        return t;
    }
    const std::string answer = f.value("answer", "median");
    if (answer == "distinct")
        t.answer = TableAnswer::Distinct;
    else if (answer == "speed-up")
        t.answer = TableAnswer::SpeedUp;
    else if (answer != "median")
        throw std::invalid_argument("table.answer: '" + answer +
                                    "' is not median, distinct or speed-up");
    t.workers = f.value("workers", std::vector<int>{});
    if (t.answer == TableAnswer::SpeedUp &&
        (t.workers.size() < 2 || !std::is_sorted(t.workers.begin(), t.workers.end()) ||
         t.workers.front() < 1 || t.workers.front() == t.workers.back()))
        throw std::invalid_argument("table.workers: a speed-up needs rising worker counts from 1");
    return t;
}

const char* answerName(TableAnswer a)
{
    switch (a) {
    case TableAnswer::Distinct:
        return "distinct";
    case TableAnswer::SpeedUp:
        return "speed-up";
    default:
        return "median";
    }
}

} // namespace

Preset parsePreset(std::string_view bytes, const std::string& defaultTitle)
{
    const auto j = parseJsonInput(bytes, kSpecLimits);
    if (!j.is_object()) throw std::invalid_argument("not a preset or experiment (not an object)");
    Preset p;
    p.title = text(j, "title", defaultTitle);
    p.aspect = text(j, "aspect", p.title);
    p.figure = text(j, "figure", "throughput");
    p.question = text(j, "question", "");
    p.watch = text(j, "watch", "");
    p.expect = text(j, "expect", "");
    p.single = !j.contains("a") && !j.contains("b");
    if (const auto min = j.find("table_min_s"); min != j.end()) {
        if (!min->is_number() || !std::isfinite(min->get<double>()) || min->get<double>() < 0)
            throw std::invalid_argument("table_min_s: must be a number of seconds ≥ 0");
        p.tableMinS = min->get<double>();
    }
    p.table = tableForm(j);
    p.a = side(j, "a");
    p.b = side(j, "b");
    return p;
}

Preset loadPreset(const std::string& path)
{
    const std::string bytes = readInputFile(path, kSpecLimits.maxBytes);
    const std::string stem = std::filesystem::path(path).stem().string();
    try {
        Preset p = parsePreset(bytes, stem);
        p.id = stem;
        return p;
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

namespace {

// The spec as JSON with choice parameters by name, as a person would write it.
nlohmann::json readableSpec(const ExperimentSpec& s)
{
    nlohmann::json j = s;
    const WorkloadInfo* w = findWorkload(s.workload);
    if (!w) return j;
    for (const ParamInfo& p : w->params) {
        auto it = s.params.find(p.name);
        if (it == s.params.end() || p.choices.empty()) continue;
        const auto index = static_cast<std::size_t>(it->second);
        if (it->second >= 0 && index < p.choices.size()) j["params"][p.name] = p.choices[index];
    }
    return j;
}

} // namespace

void savePreset(const Preset& p, const std::string& path)
{
    nlohmann::json j = {{"title", p.title},       {"aspect", p.aspect}, {"figure", p.figure},
                        {"question", p.question}, {"watch", p.watch},   {"expect", p.expect}};
    if (p.tableMinS > 0) j["table_min_s"] = p.tableMinS;
    if (!p.table.inTable)
        j["table"] = false;
    else if (p.table.answer != TableAnswer::Median || !p.table.workers.empty())
        j["table"] = {{"answer", answerName(p.table.answer)}, {"workers", p.table.workers}};
    const nlohmann::json a = readableSpec(p.a);
    j["spec"] = a;
    if (!p.single) {
        nlohmann::json patch = nlohmann::json::object();
        const nlohmann::json b = readableSpec(p.b);
        for (const auto& [key, value] : b.items())
            if (a.value(key, nlohmann::json()) != value) patch[key] = value;
        // a merge patch keeps what it does not mention: drop A's parameters B lacks
        if (patch.contains("params"))
            for (const auto& [name, value] : a.at("params").items())
                if (!patch["params"].contains(name)) patch["params"][name] = nullptr;
        j["a"] = nlohmann::json::object();
        j["b"] = patch;
    }
    AtomicFile file(path);
    file.write(j.dump(2) + "\n");
    file.commit();
}

std::vector<std::string> presetFiles(const std::string& folder)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace corelab
