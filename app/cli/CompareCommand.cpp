#include "cli/CompareCommand.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/Answer.h"
#include "analysis/Compare.h"
#include "analysis/FigureWords.h"
#include "analysis/Format.h"
#include "cli/Report.h"
#include "cli/RunOptions.h"
#include "cli/Runner.h"
#include "spec/Preset.h"
#include "study/CompareStudy.h"

namespace corelab::cli {

namespace {

int runComparison(CompareStudy study, const RunOptions& o);

const char* compareHelp =
    "usage: corelab compare [--a MODEL] [--b MODEL] [run options] [--out FILE] [--json]\n\n"
    "Runs one experiment twice, one run after the other (never at the same time),\n"
    "as A and B, and prints the answer first (the answering figure of both runs, the\n"
    "ratio, who did better and whether a preset expected it), then a verdict for every\n"
    "aspect both runs have figures for.\n\n"
    "  --a MODEL   model of run A: threads | processes | hybrid | async (default threads)\n"
    "  --b MODEL   model of run B (default processes)\n"
    "  --out FILE  write both runs and the verdict (and a preset's question, what to\n"
    "              watch and what to expect) as a comparison file (JSON)\n"
    "  --preset F  take both runs from a preset (resources/presets/*.json); then only\n"
    "              --duration, --json and --out may be added\n"
    "  --json      print the answer and the verdict as JSON\n"
    "Every option of `corelab run` (see corelab run --help) applies to both runs.\n"
    "A tie is called when two figures differ by less than 10 %: one run on a shared\n"
    "machine varies about that much.\n";

// Terminal columns of UTF-8 text: one per character ("µ" and "×" are two bytes).
std::size_t columnsOf(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// The answer in words beside the verdict rows: {"answer": {…} or null, "verdict": […]}.
nlohmann::json compareJson(const Comparison& c)
{
    nlohmann::json answer = nullptr;
    if (const auto a = answerOf(c))
        answer = {
            {"line", answerLine(*a)}, {"figure", a->figure},       {"headline", a->headline},
            {"winner", a->winner},    {"judgement", a->judgement}, {"agreement", a->agreement},
            {"load", a->load}};
    return {{"answer", answer}, {"verdict", nlohmann::json(c)["verdict"]}};
}

// The answer first, then every row.
void printVerdict(const Comparison& c)
{
    if (const auto answer = answerOf(c)) std::printf("Answer: %s\n\n", answerLine(*answer).c_str());
    const std::string la = runLabel(c.a, c.b, "A"), lb = runLabel(c.b, c.a, "B");
    // each column as wide as its widest cell: names in words are longer than keys were
    std::vector<std::vector<std::string>> rows{{"aspect", la, lb, "B/A"}};
    for (const VerdictRow& r : c.verdict)
        rows.push_back(
            {figureWords(r.aspect), verdictCell(r, r.a), verdictCell(r, r.b), ratioText(r)});
    std::size_t widths[4] = {};
    for (const auto& row : rows)
        for (std::size_t col = 0; col < 4; ++col)
            widths[col] = std::max(widths[col], columnsOf(row[col]));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const std::string name = row[0] + std::string(widths[0] - columnsOf(row[0]), ' ');
        std::printf("%s  %s  %s  %s  %s\n", name.c_str(), padLeft(row[1], widths[1]).c_str(),
                    padLeft(row[2], widths[2]).c_str(), padLeft(row[3], widths[3]).c_str(),
                    i == 0 ? "verdict" : c.verdict[i - 1].sentence.c_str());
    }
}

// A preset fixes both specs; only --duration, --json and --out may be added.
int comparePreset(const std::string& path, const std::vector<std::string>& rest)
{
    Preset p;
    try {
        p = loadPreset(path);
    } catch (const std::exception& e) {
        std::cerr << "corelab compare: " << e.what() << "\n";
        return 2;
    }
    RunOptions o;
    std::vector<std::string> allowed;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != "--duration" && rest[i] != "--json" && rest[i] != "--out") {
            std::cerr << "corelab compare: with --preset only --duration, --json and --out apply\n";
            return 2;
        }
        allowed.push_back(rest[i]);
        if (rest[i] != "--json" && i + 1 < rest.size()) allowed.push_back(rest[++i]);
    }
    if (auto err = parseRunOptions(allowed, o)) {
        std::cerr << "corelab compare: " << *err << "\n";
        return 2;
    }
    const bool durationGiven = std::find(rest.begin(), rest.end(), "--duration") != rest.end();
    if (durationGiven) p.a.durationS = p.b.durationS = o.spec.durationS;
    if (!o.json)
        std::cout << p.title << "\n"
                  << p.question << "\nWatch: " << p.watch << "\nExpect: " << p.expect << "\n\n";
    CompareStudy study(p.a, p.b);
    study.setPreset(presetNote(p));
    return runComparison(std::move(study), o);
}

} // namespace

int compareCommand(const std::vector<std::string>& argsIn)
{
    std::vector<std::string> args = argsIn;
    std::string error;
    const auto extra = takeFlags(args, {"--a", "--b", "--preset"}, error);
    for (const auto& [flag, value] : extra)
        if (flag == "--preset") return comparePreset(value, args);
    Model ma = Model::Threads, mb = Model::Processes;
    for (const auto& [flag, value] : extra) {
        auto m = modelFromString(value);
        if (!m)
            error = flag + ": '" + value + "' is not a model";
        else
            (flag == "--a" ? ma : mb) = *m;
    }
    // options such as --threads-per-process are checked against a hybrid spec when
    // either run is one; each run gets its own model afterwards
    if (ma == Model::Hybrid || mb == Model::Hybrid)
        args.insert(args.begin(), {"--model", "hybrid"});
    RunOptions o;
    if (error.empty())
        if (auto err = parseRunOptions(args, o)) error = *err;
    if (o.help) {
        std::cout << compareHelp;
        return 0;
    }
    if (!error.empty()) {
        std::cerr << "corelab compare: " << error << "\n";
        return 2;
    }
    return runComparison(CompareStudy::ofModels(o.spec, ma, mb), o);
}

namespace {

int runComparison(CompareStudy study, const RunOptions& o)
{
    if (study.error()) {
        std::cerr << "corelab compare: " << *study.error() << "\n";
        return 2;
    }
    if (const int failed = runStudy(study, "compare")) return failed;
    const Comparison& c = *study.comparison();
    if (o.json)
        std::cout << compareJson(c).dump(2) << "\n";
    else
        printVerdict(c);
    try {
        if (!o.outPath.empty()) saveCompareFile(c, o.outPath);
    } catch (const std::exception& e) {
        std::cerr << "corelab compare: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

} // namespace

} // namespace corelab::cli
