#include "cli/TableCommand.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "analysis/Table.h"
#include "cli/Runner.h"
#include "cli/TextColumns.h"
#include "spec/Preset.h"
#include "study/TableStudy.h"

namespace corelab::cli {

namespace {

const char* tableHelp =
    "usage: corelab table [--quick] [--json | --markdown] [--presets DIR]\n\n"
    "Measures the article's comparison table on this machine and sets each row's claim\n"
    "beside the measurement: each preset in DIR (default the installed presets,\n"
    "share/corelab/presets, else the source tree's resources/presets) runs A, B, A, B …\n"
    "and its answering figure is reported as the median with its range. A winner is\n"
    "called only when the two ranges do not overlap. Presets with \"table\": false are\n"
    "left out.\n"
    "  --quick     2 runs per side of 0.3 s instead of 3 of 0.6 s (about half the time)\n"
    "  --json      rows as JSON (docs/run-file.md, \"The measured table\")\n"
    "  --markdown  rows as a Markdown table\n";

constexpr std::size_t kColumns = 100;

// `label` then `text` wrapped at kColumns, later lines indented under the text.
void printWrapped(const std::string& label, const std::string& text)
{
    const std::string indent(columns(label), ' ');
    std::string line = label;
    std::size_t at = 0;
    bool first = true;
    while (at < text.size()) {
        std::size_t end = text.find(' ', at);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(at, end - at);
        if (!first && columns(line) + 1 + columns(word) > kColumns) {
            std::printf("%s\n", line.c_str());
            line = indent + word;
        } else {
            line += (first ? "" : " ") + word;
        }
        first = false;
        at = end + 1;
    }
    std::printf("%s\n", line.c_str());
}

std::string winnerText(const TableRow& r)
{
    if (r.agreement == Agreement::NotMeasured) return "not measured";
    return r.winner.empty() ? "none" : r.winner;
}

// "threads: agrees with the article", "none: a tie within run-to-run spread"
std::string verdictLine(const TableRow& r)
{
    const std::string who = winnerText(r);
    switch (r.agreement) {
    case Agreement::Agrees:
        return who + ": agrees with the article";
    case Agreement::Differs:
        return who + ": differs from the article";
    case Agreement::Tie:
        return "none: a tie within run-to-run spread";
    case Agreement::NoClaim:
        return who + " (the article names no winner here)";
    default:
        return who;
    }
}

void printRow(const TableRow& r)
{
    std::printf("%s: %s\n", r.preset.aspect.c_str(), r.headline.c_str());
    const std::size_t width = std::max<std::size_t>({9, columns(r.a.label), columns(r.b.label)});
    auto label = [&](const std::string& name) { return "  " + padRight(name, width) + " "; };
    if (r.claim) printWrapped(label("article"), claimText(*r.claim));
    printWrapped(label("figure"), r.figure);
    printWrapped(label(r.a.label), sideText(r, r.a));
    printWrapped(label(r.b.label), sideText(r, r.b));
    printWrapped(label("winner"), verdictLine(r));
    if (!r.reason.empty()) printWrapped(label("why"), r.reason);
    std::printf("\n");
}

void printText(const std::vector<TableRow>& rows, const TableOptions& o)
{
    std::printf("The article's table, measured here. Each side runs %d times (%g s each, longer "
                "where a row\nneeds it), A and B alternating; a winner is called only where "
                "the ranges do not overlap.\n\n",
                o.repeats, o.runS);
    int agrees = 0, claims = 0;
    for (const TableRow& r : rows) {
        printRow(r);
        if (r.claim && !r.claim->row.empty()) {
            ++claims;
            agrees += r.agreement == Agreement::Agrees;
        }
    }
    std::printf("Agrees with the article on %d of the %d table rows measured here.\n", agrees,
                claims);
}

void printMarkdown(const std::vector<TableRow>& rows)
{
    std::printf("| aspect | the article says | figure | A | B | winner | agrees? | why |\n"
                "|---|---|---|---|---|---|---|---|\n");
    for (const TableRow& r : rows)
        std::printf("| %s | %s | %s | %s: %s | %s: %s | %s | %s | %s |\n", r.preset.aspect.c_str(),
                    r.claim ? claimText(*r.claim).c_str() : "", r.figure.c_str(), r.a.label.c_str(),
                    sideText(r, r.a).c_str(), r.b.label.c_str(), sideText(r, r.b).c_str(),
                    winnerText(r).c_str(), agreementText(r).c_str(), r.reason.c_str());
}

} // namespace

std::unique_ptr<TableStudy> tableStudyOf(const std::string& folder, bool quick,
                                         const std::string& command)
{
    const auto files = presetFiles(folder);
    if (files.empty()) {
        std::cerr << "corelab " << command << ": no presets in " << folder << "\n";
        return nullptr;
    }
    std::vector<Preset> presets;
    try {
        for (const std::string& file : files)
            presets.push_back(loadPreset(file));
    } catch (const std::exception& e) {
        std::cerr << "corelab " << command << ": " << e.what() << "\n";
        return nullptr;
    }
    auto study = std::make_unique<TableStudy>(std::move(presets), tableOptions(quick));
    for (const std::string& note : study->notes())
        std::cerr << "corelab " << command << ": " << note << "\n";
    return study;
}

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
    const auto study = tableStudyOf(folder, quick, "table");
    if (!study) return 2;
    // Ctrl+C still prints the rows measured before it
    if (runStudy(*study, "table") != 0 && !interrupted()) return 1;
    const std::vector<TableRow>& rows = study->rows();
    if (json)
        std::cout << tableJson(rows).dump(2) << "\n";
    else if (markdown)
        printMarkdown(rows);
    else
        printText(rows, study->options());
    return interrupted() ? 1 : 0;
}

} // namespace corelab::cli
