// CompareTab's pictures: the caption, both timelines (or the overlay) and the verdict,
// drawn straight onto an image or a PDF page so text stays vector in the PDF.
#include <QFileInfo>
#include <QFontMetrics>
#include <QLabel>
#include <QStackedWidget>

#include "Qcp.h"

#include "CompareTab.h"
#include "ImageExport.h"
#include "OverlayView.h"
#include "VerdictTable.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

namespace {

struct Sheet {
    QStringList caption;
    QStringList headers;
    std::vector<QCustomPlot*> plots; // one (overlay) or two side by side
    std::optional<Comparison> verdict;
    QFont font;
    QColor fg, bg, winner;
    int width = 0;
    int plotH = 0;
    int lineH = 0;
    int verdictH = 0;
    int headerH() const { return headers.isEmpty() ? 0 : lineH + 6; }
    int captionH() const { return caption.size() * lineH + 10; }
    int height() const { return captionH() + headerH() + plotH + verdictH + 12; }
};

// What was compared, for how long, and where; each side's full spec heads its timeline.
QStringList captionOf(const RunRecord& a, const RunRecord& b, const QString& title)
{
    const QString la = QString::fromStdString(runLabel(a, b, "A"));
    const QString lb = QString::fromStdString(runLabel(b, a, "B"));
    QString what = title.isEmpty() ? QString::fromStdString(a.spec.workload) : title;
    what += QStringLiteral(" — A: %1 vs B: %2 · ").arg(la, lb);
    const auto timing = [](const ExperimentSpec& s) {
        return QStringLiteral("%1 s at %2 Hz").arg(s.durationS).arg(s.rateHz);
    };
    if (timing(a.spec) == timing(b.spec))
        what += timing(a.spec) % QStringLiteral(" each, one after the other");
    else
        what += QStringLiteral("A %1, then B %2").arg(timing(a.spec), timing(b.spec));
    return {what, captionLines(a).value(1)};
}

void paintSheet(QCPPainter& p, const Sheet& s)
{
    p.setFont(s.font);
    p.fillRect(QRect(0, 0, s.width, s.height()), s.bg);
    p.setPen(s.fg);
    int y = 4;
    for (int i = 0; i < s.caption.size(); ++i, y += s.lineH) {
        QFont f = s.font;
        f.setBold(i == 0);
        p.setFont(f);
        p.drawText(QRect(8, y, s.width - 16, s.lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   s.caption[i]);
    }
    y = s.captionH();
    const int columnW = s.width / static_cast<int>(s.plots.size());
    QFont bold = s.font;
    bold.setBold(true);
    p.setFont(bold);
    for (int i = 0; i < s.headers.size(); ++i)
        p.drawText(QRect(i * columnW + 8, y, columnW - 16, s.lineH), Qt::AlignLeft,
                   QFontMetrics(bold).elidedText(s.headers[i], Qt::ElideRight, columnW - 16));
    y += s.headerH();
    for (std::size_t i = 0; i < s.plots.size(); ++i) {
        p.save();
        p.translate(static_cast<double>(i) * columnW, y);
        s.plots[i]->toPainter(&p, columnW, s.plotH);
        p.restore();
        s.plots[i]->replot(QCustomPlot::rpQueuedReplot);
    }
    y += s.plotH + 6;
    p.setFont(s.font);
    if (s.verdict)
        paintVerdict(p, *s.verdict, QRect(8, y, s.width - 16, s.verdictH), s.fg, s.winner);
}

} // namespace

// Everything the picture needs, measured at the widgets' logical sizes.
static std::optional<Sheet> makeSheet(CompareTab& v, QStackedWidget* stack, QLabel* const* headers,
                                      const std::optional<Comparison>& comparison,
                                      const QString& title)
{
    if (v.series(0).record().startedAt.empty()) return std::nullopt; // A has not finished
    Sheet s;
    s.font = v.font();
    s.fg = v.palette().color(QPalette::WindowText);
    s.bg = v.palette().color(QPalette::Window);
    s.winner = v.palette().color(QPalette::Highlight).lighter(170);
    s.lineH = QFontMetrics(s.font).lineSpacing();
    s.width = std::max(stack->width(), 800);
    s.caption = captionOf(v.series(0).record(), v.series(1).record(), title);
    if (v.overlaid()) {
        s.plots = {v.overlay()->plot()};
        v.overlay()->refreshNow();
    } else {
        s.plots = {v.timeline(0)->plot(), v.timeline(1)->plot()};
        s.headers = {headers[0]->text(), headers[1]->text()};
        for (int side = 0; side < 2; ++side)
            v.timeline(side)->refreshNow();
    }
    s.plotH = std::max(s.plots.front()->height(), 400);
    s.verdict = comparison;
    if (s.verdict) {
        QImage probe(1, 1, QImage::Format_ARGB32);
        QPainter p(&probe);
        p.setFont(s.font);
        s.verdictH =
            paintVerdict(p, *s.verdict, QRect(8, 0, s.width - 16, 0), s.fg, s.winner, false);
    }
    return s;
}

QImage CompareTab::renderImage(double scale)
{
    const auto sheet = makeSheet(*this, stack_, headers_, comparison_, shownTitle_);
    if (!sheet) return {};
    QImage image(static_cast<int>(sheet->width * scale), static_cast<int>(sheet->height() * scale),
                 QImage::Format_ARGB32);
    image.fill(sheet->bg);
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    paintSheet(p, *sheet);
    p.end();
    return image;
}

QString CompareTab::saveImage(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf"))
        return tr("use a .png or .pdf file name");
    if (suffix == QLatin1String("png")) {
        const QImage image = renderImage(2.0);
        if (image.isNull()) return tr("nothing to save yet: run the comparison first");
        return savePngImage(image, path);
    }
    const auto sheet = makeSheet(*this, stack_, headers_, comparison_, shownTitle_);
    if (!sheet) return tr("nothing to save yet: run the comparison first");
    return writePdfPage(path, QSizeF(sheet->width, sheet->height()), 72,
                        [&](QCPPainter& p) { paintSheet(p, *sheet); });
}

} // namespace corelab::ui
