#include "analysis/FigureWords.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <utility>

#include "analysis/Format.h"
#include "catalogue/Catalogue.h"
#include "record/SummaryFigures.h"

namespace corelab {

namespace {

// A key's last word when it only names the unit, which the value already carries.
bool isUnitWord(const std::string& word)
{
    return word == "us" || word == "ms" || word == "s" || word == "ns" || word == "bytes";
}

// Keys whose words are not their parts read out.
constexpr std::pair<const char*, const char*> kPhrases[] = {
    {"create_p50_us", "median time to create"},
    {"create_p99_us", "99th-percentile time to create"},
    {"reaped_p50_us", "median time to create and reap"},
    {"reaped_p99_us", "99th-percentile time to create and reap"},
    {"per_s", "creations per second"},
    {"latency_max_us", "longest latency"},
    {"threads_peak", "most threads at once"},
    {"processes_peak", "most processes at once"},
    {"pinned", "pinned to one CPU"},
    {"pinned_cpu", "the CPU pinned to"},
    {"last_progress_s", "time of the last progress"},
    {"no_progress_s", "time without progress"},
    {"disk_read_share", "share read from disk"},
    {"lock_wait_s", "interpreter lock wait"},
    {"lock_handovers_per_s", "interpreter lock handovers per second"},
};

bool isStatistic(const std::string& word)
{
    return word == "p50" || word == "p99" || word == "mean" || word == "max";
}

// One part of a key as people write it: abbreviations in capitals, units in symbols.
std::string spoken(const std::string& word, bool rateUnit)
{
    if (rateUnit && word == "s") return "second";
    if (word == "p50") return "median";
    if (word == "p99") return "99th-percentile";
    if (word == "max") return "longest";
    if (word == "us") return "µs";
    if (word == "cpu" || word == "mb" || word == "rss" || word == "pss" || word == "uss") {
        std::string upper = word;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return upper;
    }
    return word;
}

const SummaryFigure* summaryFigureNamed(const std::string& name)
{
    if (const SummaryFigure* f = findSummaryFigure(name)) return f;
    for (const SummaryFigure& f : summaryFigures())
        if (name == f.words) return &f;
    return nullptr;
}

FigureLine lineOf(const std::string& key, double value, const std::string& unit,
                  const std::string& help)
{
    const bool measured = std::isfinite(value);
    return {key, figureWords(key), measured ? formatValue(value, unit) : "not measured", help,
            measured};
}

} // namespace

std::string figureWords(const std::string& key)
{
    if (const SummaryFigure* f = findSummaryFigure(key)) return f->words;
    for (const auto& [k, words] : kPhrases)
        if (key == k) return words;
    std::vector<std::string> words;
    std::istringstream in(key);
    for (std::string word; std::getline(in, word, '_');)
        if (!word.empty()) words.push_back(word);
    const bool rate = words.size() >= 2 && words[words.size() - 2] == "per";
    if (words.size() > 1 && isUnitWord(words.back()) && !rate) words.pop_back();
    // a statistic goes in front: "latency_p50" is the median latency
    if (words.size() > 1 && isStatistic(words.back()))
        std::rotate(words.rbegin(), words.rbegin() + 1, words.rend());
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out += ' ';
        out += spoken(w, &w == &words.back() && rate);
    }
    return out;
}

std::string answeringFigure(const std::string& workload, const std::string& presetFigure)
{
    if (!presetFigure.empty()) {
        if (const SummaryFigure* f = summaryFigureNamed(presetFigure)) return f->key;
        return presetFigure;
    }
    if (const WorkloadInfo* w = findWorkload(workload))
        for (const FigureInfo& f : w->figures)
            if (f.better != Better::Neither) return f.key;
    return "ops_per_s";
}

std::vector<FigureLine> runFigureLines(const RunRecord& run, const std::string& answer)
{
    const WorkloadInfo* workload = findWorkload(run.spec.workload);
    const Summary& s = run.summary;
    std::vector<FigureLine> lines;
    auto workloadLine = [&](const std::string& key) {
        const FigureInfo info = describeFigure(key, workload);
        const auto it = s.figures.find(key);
        const double v = it == s.figures.end() ? std::nan("") : it->second;
        lines.push_back(lineOf(key, v, info.unit, info.help));
    };
    if (workload)
        for (const FigureInfo& f : workload->figures)
            workloadLine(f.key);
    for (const auto& figure : s.figures) {
        const std::string& key = figure.first; // a lambda may not capture a structured binding
        if (std::none_of(lines.begin(), lines.end(), [&](const auto& l) { return l.key == key; }))
            workloadLine(key);
    }
    for (const SummaryFigure& f : summaryFigures()) {
        const bool asked = answer == f.key;
        if (!asked && (!(f.shownIn & kInReport) || (f.applies && !f.applies(s)))) continue;
        lines.push_back(lineOf(f.key, f.value(s), f.unit, f.source));
    }
    const auto it = std::find_if(lines.begin(), lines.end(),
                                 [&](const FigureLine& l) { return l.key == answer; });
    if (it != lines.end()) std::rotate(lines.begin(), it, it + 1);
    return lines;
}

const VerdictRow* answeringRow(const Comparison& c, const std::string& presetFigure)
{
    const std::string key = answeringFigure(c.a.spec.workload, presetFigure);
    const SummaryFigure* summary = findSummaryFigure(key);
    for (const VerdictRow& row : c.verdict)
        if (row.aspect == key || (summary && row.aspect == summary->words)) return &row;
    return nullptr;
}

} // namespace corelab
