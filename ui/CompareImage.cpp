// CompareTab's pictures: a landscape page (caption, both timelines or the overlay, the
// answering figure large, the first rows of the verdict) or a 16:9 slide (title,
// question, the timelines, the answering figure), drawn straight onto an image or a
// PDF page so text stays vector in the PDF.
#include <algorithm>
#include <cmath>

#include <QFileInfo>
#include <QFontMetrics>
#include <QLabel>
#include <QStackedWidget>

#include "Qcp.h"

#include "CompareTab.h"
#include "ImageExport.h"
#include "OverlayView.h"
#include "Text.h"
#include "Theme.h"
#include "VerdictTable.h"
#include "analysis/Answer.h"
#include "analysis/FigureWords.h"
#include "analysis/Format.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

// Every text on the sheet wraps to its width, none is elided (ImageExport's TextLine).
struct CompareSheet {
    std::vector<TextLine> caption;
    QStringList headers;
    std::vector<QCustomPlot*> plots; // one (overlay) or two side by side
    std::vector<TextLine> answer;
    std::vector<Comparison> details; // the first other rows, in blocks side by side
    QString moreRows;
    QFont font;
    QColor fg, bg, winner;
    double width = 0, height = 0; // logical
    int detailsH = 0;

    double innerW() const { return width - 24; }
    int columnW() const { return static_cast<int>(width / static_cast<double>(plots.size())); }
    QFont headerFont() const
    {
        QFont bold = font;
        bold.setBold(true);
        return bold;
    }
    // the tallest of the column headers, each wrapped to its column
    int headerH() const
    {
        int h = 0;
        for (const QString& header : headers)
            h = std::max(h, wrappedHeight(header, headerFont(), columnW() - 16) + 4);
        return h;
    }
    int moreH() const { return moreRows.isEmpty() ? 0 : QFontMetrics(font).lineSpacing(); }
    int plotH() const
    {
        const int used = wrappedHeight(caption, innerW()) + 8 + headerH() +
                         wrappedHeight(answer, innerW()) + 12 + detailsH + moreH() + 16;
        return std::max(120, static_cast<int>(height) - used);
    }
};

namespace {

// The details show this many other rows, figures only, in two blocks side by side; the
// rest, and every sentence, are in the window and the file.
constexpr std::size_t kDetailRows = 6;

QFont scaled(const QFont& base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

// What was compared, for how long, and where; each side's full spec heads its timeline.
QString whatRan(const RunRecord& a, const RunRecord& b)
{
    const QString la = qs(runLabel(a, b, "A"));
    const QString lb = qs(runLabel(b, a, "B"));
    QString what = QStringLiteral("%1 — A: %2 vs B: %3 · ").arg(qs(a.spec.workload), la, lb);
    const auto timing = [](const ExperimentSpec& s) {
        return QStringLiteral("%1 s at %2 Hz").arg(s.durationS).arg(s.rateHz);
    };
    if (timing(a.spec) == timing(b.spec))
        what += timing(a.spec) % QStringLiteral(" each, one after the other");
    else
        what += QStringLiteral("A %1, then B %2").arg(timing(a.spec), timing(b.spec));
    return what;
}

// The answer as the Compare tab shows it (analysis/Answer.h): the figure large, then who
// did better and whether the preset expected it.
std::vector<TextLine> answerLines(const Comparison& c, const std::optional<PresetNote>& preset,
                                  const QFont& font, bool slide)
{
    const auto answer = answerOf(c, preset);
    if (!answer) return {};
    std::vector<TextLine> lines{
        {qs(answerHeadline(*answer)), scaled(font, slide ? 2.2 : 1.8, true)}};
    if (const std::string verdict = answerVerdict(*answer); !verdict.empty())
        lines.push_back({qs(verdict), scaled(font, slide ? 1.4 : 1.15)});
    return lines;
}

// The preset's title, question, what to watch and what to expect; for a slide the
// title, question and expectation only.
void presetCaption(std::vector<TextLine>& caption, const PresetNote& p, const QFont& font,
                   bool slide)
{
    caption.push_back({qs(p.title), scaled(font, slide ? 2.2 : 1.6, true)});
    if (!p.question.empty()) caption.push_back({qs(p.question), scaled(font, slide ? 1.5 : 1.2)});
    if (!p.watch.empty() && !slide) caption.push_back({QObject::tr("Watch: ") % qs(p.watch), font});
    if (!p.expect.empty())
        caption.push_back(
            {QObject::tr("Expect: ") % qs(p.expect), slide ? scaled(font, 1.1) : font});
}

void paintSheet(QCPPainter& p, const CompareSheet& s)
{
    p.fillRect(QRectF(0, 0, s.width, s.height), s.bg);
    const double margin = 12, inner = s.width - 2 * margin;
    double y = 6;
    paintWrapped(p, s.caption, margin, y, inner, s.fg);
    y += 8;
    const int columnW = s.columnW();
    p.setFont(s.headerFont());
    for (int i = 0; i < s.headers.size(); ++i)
        p.drawText(QRect(i * columnW + 8, static_cast<int>(y), columnW - 16, s.headerH()),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, s.headers[i]);
    y += s.headerH();
    const int plotH = s.plotH();
    for (std::size_t i = 0; i < s.plots.size(); ++i) {
        p.save();
        p.translate(static_cast<double>(i) * columnW, y);
        s.plots[i]->toPainter(&p, columnW, plotH);
        p.restore();
        s.plots[i]->setViewport(s.plots[i]->rect());
        s.plots[i]->replot(QCustomPlot::rpQueuedReplot);
    }
    y += plotH + 6;
    paintWrapped(p, s.answer, margin, y, inner, s.fg);
    y += 6;
    p.setFont(s.font);
    const int blockW = static_cast<int>(inner / 2);
    for (std::size_t i = 0; i < s.details.size(); ++i)
        paintVerdict(p, s.details[i],
                     QRect(static_cast<int>(margin) + static_cast<int>(i) * blockW,
                           static_cast<int>(y), blockW - 12, s.detailsH),
                     s.fg, s.winner, true, true);
    y += s.detailsH;
    if (!s.moreRows.isEmpty()) {
        p.setPen(s.fg);
        p.setFont(scaled(s.font, 0.9));
        p.drawText(QRectF(margin, y, inner, s.moreH()), Qt::AlignLeft | Qt::AlignVCenter,
                   s.moreRows);
    }
}

// The timeline panel a slide shows for the answering figure: memory for memory, the
// scheduling panel for switches and waiting, the lanes for workers that survive or
// stall, the cores for CPU use, else throughput.
int keyPanel(const VerdictRow* row)
{
    if (!row) return 2;
    const QString aspect = qs(row->aspect);
    const auto has = [&](const char* word) {
        return aspect.contains(QLatin1String(word), Qt::CaseInsensitive);
    };
    if (row->unit == "B" || has("RSS") || has("PSS") || has("USS")) return 3;
    if (has("switch") || has("run-queue") || has("round_trips")) return 4;
    if (has("surviving") || has("stuck") || has("stalled")) return 1;
    if (has("CPU use") || has("busy")) return 0;
    return 2;
}

} // namespace

// A slide shows one key chart per side, as large as the plot; the window gets all of
// them back, at its own size, when the picture is drawn.
class SlidePanels {
public:
    SlidePanels(CompareTab& tab, bool slide, int panel)
        : tab_(tab)
        , slide_(slide)
    {
        if (!slide_) return;
        fontScale_ = tab_.timeline(0)->fontScale();
        lineWidth_ = tab_.timeline(0)->lineWidth();
        // read from the back of a room: larger ticks and thicker lines
        for (int side = 0; side < 2; ++side) {
            tab_.timeline(side)->setOnlyPanel(panel);
            tab_.timeline(side)->setPresentation(fontScale_ * 1.3, std::max(lineWidth_, 2.5));
        }
    }
    ~SlidePanels()
    {
        for (int side = 0; side < 2; ++side) {
            if (slide_) {
                tab_.timeline(side)->setOnlyPanel(-1);
                tab_.timeline(side)->setPresentation(fontScale_, lineWidth_);
            }
            // laid out for the picture by makeSheet: back to the window's size
            tab_.timeline(side)->layoutFor({});
        }
    }
    SlidePanels(const SlidePanels&) = delete;
    SlidePanels& operator=(const SlidePanels&) = delete;

private:
    CompareTab& tab_;
    bool slide_;
    double fontScale_ = 1.0;
    double lineWidth_ = 1.5;
};

int CompareTab::slidePanel() const
{
    if (!comparison_) return 2;
    return keyPanel(answeringRow(*comparison_, shownPreset_ ? shownPreset_->figure : ""));
}

// Everything the picture needs, laid out at `logical` size.
std::optional<CompareSheet> CompareTab::makeSheet(const QSizeF& logical, bool slide, bool details)
{
    if (series(0).record().startedAt.empty()) return std::nullopt; // A has not finished
    const RunRecord& a = series(0).record();
    const RunRecord& b = series(1).record();
    CompareSheet s;
    s.font = font();
    s.fg = palette().color(QPalette::WindowText);
    s.bg = palette().color(QPalette::Window);
    s.winner = currentTheme().winner;
    s.width = logical.width();
    s.height = logical.height();
    if (shownPreset_)
        presetCaption(s.caption, *shownPreset_, s.font, slide);
    else
        s.caption.push_back({qs(a.spec.workload), scaled(s.font, slide ? 2.2 : 1.6, true)});
    s.caption.push_back({whatRan(a, b), s.font});
    if (!slide) s.caption.push_back({captionLines(a).value(1), scaled(s.font, 0.9)});
    if (overlaid()) {
        s.plots = {overlay()->plot()};
        overlay()->refreshNow();
    } else {
        s.plots = {timeline(0)->plot(), timeline(1)->plot()};
        s.headers = {headers_[0]->text(), headers_[1]->text()};
    }
    const std::string presetFigure = shownPreset_ ? shownPreset_->figure : std::string();
    if (comparison_) s.answer = answerLines(*comparison_, shownPreset_, s.font, slide);
    if (comparison_ && !slide && details) {
        const VerdictRow* answer = answeringRow(*comparison_, presetFigure);
        std::vector<VerdictRow> rows = comparison_->verdict;
        std::erase_if(rows, [&](const VerdictRow& r) { return answer && r == *answer; });
        const std::size_t all = rows.size();
        if (all > kDetailRows) {
            rows.resize(kDetailRows);
            s.moreRows = tr("%1 more rows, with their sentences, are in CoreLab's Compare tab")
                             .arg(all - kDetailRows);
        }
        QImage probe(1, 1, QImage::Format_ARGB32);
        QPainter p(&probe);
        p.setFont(s.font);
        const std::size_t perBlock = (rows.size() + 1) / 2;
        for (std::size_t first = 0; first < rows.size(); first += perBlock) {
            // the labels come from the specs alone: no samples copied
            Comparison block;
            block.a.spec = a.spec;
            block.b.spec = b.spec;
            block.verdict.assign(rows.begin() + static_cast<std::ptrdiff_t>(first),
                                 rows.begin() + static_cast<std::ptrdiff_t>(
                                                    std::min(rows.size(), first + perBlock)));
            const int h = paintVerdict(p, block, QRect(0, 0, static_cast<int>(s.innerW() / 2), 0),
                                       s.fg, s.winner, false, true);
            s.detailsH = std::max(s.detailsH, h);
            s.details.push_back(std::move(block));
        }
    }
    // event labels are placed for the size the timelines are drawn at
    if (!overlaid())
        for (int side = 0; side < 2; ++side)
            timeline(side)->layoutFor(QSize(s.columnW(), s.plotH()));
    return s;
}

QImage CompareTab::renderPage(const QSize& pixels, bool slide)
{
    const double scale = pageScale(pixels);
    const SlidePanels panels(*this, slide, slidePanel());
    const auto sheet = makeSheet(QSizeF(pixels) / scale, slide);
    if (!sheet) return {};
    QImage image(pixels, QImage::Format_ARGB32);
    image.fill(sheet->bg);
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    paintSheet(p, *sheet);
    p.end();
    return image;
}

QImage CompareTab::renderImage(double scale)
{
    return renderPage(QSize(static_cast<int>(std::lround(kPageSize.width() * scale)),
                            static_cast<int>(std::lround(kPageSize.height() * scale))),
                      false);
}

QString CompareTab::savePage(const QString& path, const QSize& pixels, bool slide)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf"))
        return tr("use a .png or .pdf file name");
    if (suffix == QLatin1String("png")) {
        const QImage image = renderPage(pixels, slide);
        if (image.isNull()) return tr("nothing to save yet: run the comparison first");
        return savePngImage(image, path);
    }
    const double scale = pageScale(pixels);
    const QSizeF logical = QSizeF(pixels) / scale;
    if (series(0).record().startedAt.empty())
        return tr("nothing to save yet: run the comparison first");
    // at the screen's dpi, as the Handout: the sheet's text was measured there
    return writePdfPage(path, logical, logicalDpiY(),
                        [&](QCPPainter& p) { paintPage(p, logical, slide); });
}

bool CompareTab::paintPage(QCPPainter& p, const QSizeF& logical, bool slide, bool details)
{
    const SlidePanels panels(*this, slide, slidePanel());
    const auto sheet = makeSheet(logical, slide, details);
    if (!sheet) return false;
    paintSheet(p, *sheet);
    return true;
}

QString CompareTab::saveImage(const QString& path)
{
    return savePage(path, kPageSize * 2, false);
}

} // namespace corelab::ui
