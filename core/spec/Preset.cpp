#include "spec/Preset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"
#include "catalogue/Catalogue.h"

namespace corelab {

namespace {

// Choice parameters may be written by name ("sync": "mutex"); specs store indices.
void resolveChoiceNames(nlohmann::json& spec)
{
    const WorkloadInfo* w = findWorkload(spec.value("workload", "cpu"));
    if (!w || !spec.contains("params")) return;
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

ExperimentSpec side(const nlohmann::json& j, const char* key)
{
    nlohmann::json spec = j.at("spec");
    spec.merge_patch(j.value(key, nlohmann::json::object()));
    resolveChoiceNames(spec);
    ExperimentSpec s = spec.get<ExperimentSpec>();
    if (auto err = validate(s)) throw std::invalid_argument(std::string(key) + ": " + err->text());
    return s;
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

Preset loadPreset(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    try {
        const auto j = nlohmann::json::parse(in);
        Preset p;
        p.title = j.value("title", std::filesystem::path(path).stem().string());
        p.aspect = j.value("aspect", p.title);
        p.figure = j.value("figure", "throughput");
        p.question = j.value("question", "");
        p.watch = j.value("watch", "");
        p.expect = j.value("expect", "");
        p.single = !j.contains("a") && !j.contains("b");
        p.tableMinS = j.value("table_min_s", 0.0);
        p.table = tableForm(j);
        p.a = side(j, "a");
        p.b = side(j, "b");
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
