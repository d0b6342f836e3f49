#include "spec/Preset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "workloads/Workload.h"

namespace corelab {

namespace {

// Choice parameters may be written by name ("sync": "mutex"); specs store indices.
void resolveChoiceNames(nlohmann::json& spec)
{
    const WorkloadInfo* w = findWorkload(spec.value("workload", "cpu"));
    if (!w || !spec.contains("params")) return;
    for (auto& [name, value] : spec["params"].items()) {
        if (!value.is_string()) continue;
        const auto p = std::find_if(w->params.begin(), w->params.end(),
                                    [&](const ParamInfo& info) { return info.name == name; });
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

} // namespace

Preset loadPreset(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    try {
        const auto j = nlohmann::json::parse(in);
        Preset p;
        p.title = j.at("title").get<std::string>();
        p.aspect = j.value("aspect", p.title);
        p.figure = j.value("figure", "throughput");
        p.question = j.at("question").get<std::string>();
        p.watch = j.at("watch").get<std::string>();
        p.expect = j.at("expect").get<std::string>();
        p.a = side(j, "a");
        p.b = side(j, "b");
        return p;
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
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
