#include "cli/TableCommand.h"

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "analysis/Format.h"
#include "analysis/Table.h"
#include "cli/Report.h"
#include "cli/Runner.h"
#include "spec/Preset.h"
#include "study/TableStudy.h"

namespace corelab::cli {

namespace {

const char* tableHelp =
    "usage: corelab table [--quick] [--json | --markdown] [--presets DIR]\n\n"
    "Measures the article's comparison table on this machine: each preset in DIR\n"
    "(default resources/presets beside the executable's source tree) runs as A and B,\n"
    "one run after another, and its answering figure becomes one row.\n"
    "  --quick     0.5 s per run instead of 2 s\n"
    "  --json      rows as JSON\n"
    "  --markdown  rows as a Markdown table\n";

// A row's figure, or "–" when neither run measured it.
std::string cell(const VerdictRow& v, double value)
{
    return v.aspect.empty() ? "–" : formatValue(value, v.unit);
}

void print(const std::vector<TableRow>& rows, bool markdown)
{
    if (markdown)
        std::printf("| aspect | figure | A | B | winner | B/A | verdict "
                    "|\n|---|---|---|---|---|---|---|\n");
    for (const TableRow& r : rows) {
        const VerdictRow& v = r.verdict;
        const std::string winner = v.winner.empty() ? "tie" : v.winner;
        if (markdown)
            std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", r.preset.aspect.c_str(),
                        v.aspect.c_str(), cell(v, v.a).c_str(), cell(v, v.b).c_str(),
                        winner.c_str(), ratioText(v).c_str(), v.sentence.c_str());
        else
            std::printf("%-20s %-20s %s %s %-14s %s\n", r.preset.aspect.c_str(), v.aspect.c_str(),
                        padLeft(cell(v, v.a), 20).c_str(), padLeft(cell(v, v.b), 20).c_str(),
                        winner.c_str(), v.sentence.c_str());
    }
}

} // namespace

int tableCommand(const std::vector<std::string>& args, const std::string& defaultPresets)
{
    bool quick = false, json = false, markdown = false;
    std::string folder = defaultPresets;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--quick")
            quick = true;
        else if (args[i] == "--json")
            json = true;
        else if (args[i] == "--markdown")
            markdown = true;
        else if (args[i] == "--presets" && i + 1 < args.size())
            folder = args[++i];
        else if (args[i] == "--help" || args[i] == "-h") {
            std::cout << tableHelp;
            return 0;
        } else {
            std::cerr << "corelab table: unexpected '" << args[i] << "' (see --help)\n";
            return 2;
        }
    }
    const auto files = presetFiles(folder);
    if (files.empty()) {
        std::cerr << "corelab table: no presets in " << folder << "\n";
        return 2;
    }
    std::vector<Preset> presets;
    try {
        for (const std::string& file : files)
            presets.push_back(loadPreset(file));
    } catch (const std::exception& e) {
        std::cerr << "corelab table: " << e.what() << "\n";
        return 2;
    }
    TableStudy study(std::move(presets), quick ? kQuickTableRunS : kTableRunS);
    // Ctrl+C still prints the rows measured before it
    if (runStudy(study, "table") != 0 && !interrupted()) return 1;
    const std::vector<TableRow>& rows = study.rows();
    if (json)
        std::cout << tableJson(rows).dump(2) << "\n";
    else
        print(rows, markdown);
    return interrupted() ? 1 : 0;
}

} // namespace corelab::cli
