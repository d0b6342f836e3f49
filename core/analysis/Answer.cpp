#include "analysis/Answer.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "analysis/ArticleClaims.h"
#include "analysis/FigureWords.h"
#include "analysis/Format.h"
#include "analysis/OtherLoad.h"

namespace corelab {

namespace {

std::string valueOf(const VerdictRow& row, double v)
{
    return std::isnan(v) ? "not measured" : formatValue(v, row.unit);
}

// hi / lo of the two values, "" when there is no such ratio (one missing, either 0, a flag)
std::string ratioOf(const VerdictRow& row)
{
    if (std::isnan(row.a) || std::isnan(row.b) || row.unit == "yes=1/no=0") return {};
    const double hi = std::max(row.a, row.b), lo = std::min(row.a, row.b);
    return lo > 0 ? formatRatio(hi / lo) : std::string();
}

std::string judgementOf(const VerdictRow& row)
{
    if (!row.winner.empty()) return row.winner + " did better";
    if (std::isnan(row.a) || std::isnan(row.b)) return {};
    const double hi = std::max(row.a, row.b), lo = std::min(row.a, row.b);
    if (hi == 0 || (lo > 0 && hi / lo < kTieRatio)) return "about the same";
    return {};
}

// Against the article's row the preset measures: who it says wins, and whether this
// comparison's winner is that side.
std::string agreementOf(const Comparison& c, const std::optional<PresetNote>& preset,
                        const VerdictRow& row, const std::string& la, const std::string& lb)
{
    if (!preset || std::isnan(row.a) || std::isnan(row.b)) return {};
    const ArticleClaim* claim = findClaim(preset->aspect);
    const int side = claim ? claimedWinnerSide(*claim, c.a.spec, c.b.spec) : -1;
    if (side < 0) return {};
    const std::string& claimed = side == 0 ? la : lb;
    if (row.winner.empty()) return "the preset expects " + claimed + " to win: a tie here";
    if (row.winner == claimed) return "as the preset expects";
    return "the preset expects " + claimed + " to win: this run differs";
}

} // namespace

std::optional<Answer> answerOf(const Comparison& c)
{
    return answerOf(c, c.preset);
}

std::optional<Answer> answerOf(const Comparison& c, const std::optional<PresetNote>& preset)
{
    const VerdictRow* row = answeringRow(c, preset ? preset->figure : std::string());
    if (!row) return std::nullopt;
    const std::string la = runLabel(c.a, c.b, "A"), lb = runLabel(c.b, c.a, "B");
    Answer a;
    a.figure = figureWords(row->aspect);
    a.headline = la + " " + valueOf(*row, row->a) + " vs " + lb + " " + valueOf(*row, row->b);
    if (const std::string ratio = ratioOf(*row); !ratio.empty()) a.headline += " — " + ratio;
    a.winner = row->winner;
    a.judgement = judgementOf(*row);
    a.agreement = agreementOf(c, preset, *row, la, lb);
    const bool ca = crowdedByOthers(c.a), cb = crowdedByOthers(c.b);
    if (ca || cb)
        a.load = "other programs took cores the workers needed during " +
                 (ca && cb ? std::string("both runs")
                  : ca     ? la
                           : lb) +
                 ": run again when quiet";
    return a;
}

std::string answerHeadline(const Answer& a)
{
    return a.figure + ": " + a.headline;
}

std::string answerVerdict(const Answer& a)
{
    std::string text = a.judgement;
    if (!a.agreement.empty()) text += (text.empty() ? "" : ", ") + a.agreement;
    if (!text.empty()) text += ".";
    if (!a.load.empty()) text += (text.empty() ? "" : " ") + std::string("Note: ") + a.load + ".";
    if (text.empty()) return text;
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string answerLine(const Answer& a)
{
    const std::string verdict = answerVerdict(a);
    return answerHeadline(a) + (verdict.empty() ? "" : " · " + verdict);
}

} // namespace corelab
