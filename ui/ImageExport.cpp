#include "ImageExport.h"

#include <algorithm>

#include <QBuffer>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPageSize>
#include <QPdfWriter>

#include "Qcp.h"

#include "AtomicFile.h"
#include "analysis/FigureWords.h"
#include "spec/Describe.h"
#include "timeline/PlotStyle.h"

namespace corelab::ui {

double pageScale(const QSize& pixels)
{
    constexpr double layoutWidth = 1280;
    return std::max(1.0, pixels.width() / layoutWidth);
}

namespace {

// The page's texts, fonts and where its timeline goes, in logical pixels: the title (large
// on a slide) and machine, the timeline, and the answering figure.
struct PageLayout {
    QFont base, title, answer;
    QString titleText, whereText, answerText;
    int titleH, baseH, answerH, top, plotH;
    double textW;
    PageLayout(QCustomPlot* plot, const RunRecord& record, const QSizeF& logical, bool slide)
        : base(plot->font())
        , title(base)
        , answer(base)
        , textW(logical.width() - 20)
    {
        title.setPointSizeF(base.pointSizeF() * (slide ? 2.0 : 1.2));
        title.setBold(true);
        answer.setPointSizeF(base.pointSizeF() * (slide ? 2.0 : 1.5));
        answer.setBold(true);
        const auto lines = captionLines(record);
        titleText = lines.value(0);
        whereText = lines.value(1);
        const auto figures =
            runFigureLines(record, answeringFigure(record.spec.workload, std::string()));
        if (!figures.empty())
            answerText =
                QString::fromStdString(figures.front().words + ": " + figures.front().value);
        titleH = wrappedHeight(titleText, title, textW);
        baseH = wrappedHeight(whereText, base, textW);
        answerH = wrappedHeight(answerText, answer, textW) + 8;
        top = titleH + baseH + 12;
        plotH = std::max(100, static_cast<int>(logical.height()) - top - answerH);
    }
};

void drawPage(QCPPainter& p, QCustomPlot* plot, const RunRecord& record, const QSizeF& logical,
              bool slide)
{
    const PageLayout l(plot, record, logical, slide);
    const QColor fg = plot->palette().color(QPalette::WindowText);
    const auto flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    p.fillRect(QRectF(QPointF(0, 0), logical), plot->palette().color(QPalette::Window));
    p.setPen(fg);
    p.setFont(l.title);
    p.drawText(QRectF(10, 4, l.textW, l.titleH), flags, l.titleText);
    p.setFont(l.base);
    p.drawText(QRectF(10, 4 + l.titleH, l.textW, l.baseH), flags, l.whereText);
    p.save();
    p.translate(0, l.top);
    plot->toPainter(&p, static_cast<int>(logical.width()), l.plotH);
    p.restore();
    plot->setViewport(plot->rect());
    p.setPen(fg);
    p.setFont(l.answer);
    p.drawText(QRectF(10, l.top + l.plotH + 4, l.textW, l.answerH - 4), flags, l.answerText);
}

} // namespace

QSize timelinePagePlotSize(QCustomPlot* plot, const RunRecord& record, const QSize& pixels,
                           bool slide)
{
    const QSizeF logical = QSizeF(pixels) / pageScale(pixels);
    return {static_cast<int>(logical.width()), PageLayout(plot, record, logical, slide).plotH};
}

QImage renderTimelinePage(QCustomPlot* plot, const RunRecord& record, const QSize& pixels,
                          bool slide)
{
    const double scale = pageScale(pixels);
    QImage image(pixels, QImage::Format_ARGB32);
    image.fill(plot->palette().color(QPalette::Window));
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    drawPage(p, plot, record, QSizeF(pixels) / scale, slide);
    p.end();
    plot->replot(QCustomPlot::rpQueuedReplot);
    return image;
}

QString saveTimelinePage(QCustomPlot* plot, const RunRecord& record, const QString& path,
                         const QSize& pixels, bool slide)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        const QSizeF logical = QSizeF(pixels) / pageScale(pixels);
        const QString error = writePdfPage(path, logical, plot->logicalDpiY(), [&](QCPPainter& p) {
            drawPage(p, plot, record, logical, slide);
        });
        plot->replot(QCustomPlot::rpQueuedReplot);
        return error;
    }
    if (suffix != QLatin1String("png")) return QStringLiteral("use a .png or .pdf file name");
    if (!renderTimelinePage(plot, record, pixels, slide).save(path, "PNG"))
        return QStringLiteral("cannot write %1").arg(path);
    return {};
}

QStringList captionLines(const RunRecord& r)
{
    const auto& s = r.spec;
    // describe() names choices, the layout of every model and the generic options
    QString what = QString::fromStdString(describe(s));
    what += QStringLiteral(" · %1 s at %2 Hz").arg(s.durationS).arg(s.rateHz);
    if (r.summary.opsTotal > 0)
        what += QStringLiteral(" · ") % formatSi(r.summary.opsPerS, QStringLiteral("ops/s"));
    const auto& m = r.machine;
    const QString where =
        QString::fromStdString(m.cpuModel) %
        QStringLiteral(" · %1 logical CPUs (%2 usable)").arg(m.logicalCpus).arg(m.usableCpus) %
        QStringLiteral(" · Linux ") % QString::fromStdString(m.kernel) % QStringLiteral(" · ") %
        QString::fromStdString(r.startedAt) % QStringLiteral(" · CoreLab ") %
        QString::fromStdString(r.corelabVersion);
    return {what, where};
}

std::vector<TextLine> captionTexts(const QStringList& caption, const QFont& font)
{
    std::vector<TextLine> texts;
    for (const QString& line : caption) {
        QFont f = font;
        f.setBold(texts.empty());
        texts.push_back({line, f});
    }
    return texts;
}

QImage renderTimelineImage(QCustomPlot* plot, const RunRecord& record, double scale)
{
    return renderCaptionedPlot(plot, captionLines(record), scale);
}

QString saveTimelineImage(QCustomPlot* plot, const RunRecord& record, const QString& path)
{
    return saveCaptionedPlot(plot, captionLines(record), path);
}

int wrappedHeight(const QString& text, const QFont& font, double width)
{
    const QFontMetrics fm(font);
    const QRect r =
        fm.boundingRect(QRect(0, 0, static_cast<int>(width), 100000), Qt::TextWordWrap, text);
    return std::max(fm.lineSpacing(), r.height());
}

int wrappedHeight(const std::vector<TextLine>& lines, double width)
{
    int h = 0;
    for (const TextLine& l : lines)
        h += wrappedHeight(l.text, l.font, width);
    return h;
}

void paintWrapped(QPainter& p, const std::vector<TextLine>& lines, double x, double& y,
                  double width, const QColor& fg)
{
    p.setPen(fg);
    for (const TextLine& l : lines) {
        p.setFont(l.font);
        const int h = wrappedHeight(l.text, l.font, width);
        p.drawText(QRectF(x, y, width, h), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, l.text);
        y += h;
    }
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    try {
        AtomicFile out(path.toStdString());
        out.write(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        out.commit();
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString savePngImage(const QImage& image, const QString& path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG"))
        return QStringLiteral("%1: cannot encode the image as PNG").arg(path);
    return writeFileAtomically(path, bytes);
}

QString writePdfPage(const QString& path, const QSizeF& size, int dpi,
                     const std::function<void(QCPPainter&)>& paint)
{
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(dpi);
        writer.setPageSize(QPageSize(size * 72.0 / dpi, QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setCreator(QStringLiteral("CoreLab"));
        QCPPainter p;
        if (!p.begin(&writer)) return QStringLiteral("%1: cannot start a PDF page").arg(path);
        p.setMode(QCPPainter::pmVectorized);
        paint(p);
        if (!p.end()) return QStringLiteral("%1: cannot finish the PDF").arg(path);
    }
    // the page is complete in memory: only now is the old file replaced, in one step
    if (bytes.isEmpty()) return QStringLiteral("%1: the PDF came out empty").arg(path);
    return writeFileAtomically(path, bytes);
}

namespace {

// The caption's margins: 8 pixels left and right, 4 above and below.
constexpr int kCaptionSide = 8, kCaptionEnd = 4;

int captionStripHeight(QCustomPlot* plot, const QStringList& caption)
{
    return wrappedHeight(captionTexts(caption, plot->font()), plot->width() - 2 * kCaptionSide) +
           2 * kCaptionEnd;
}

} // namespace

QSize captionedPlotSize(QCustomPlot* plot, const QStringList& caption)
{
    return {plot->width(), plot->height() + captionStripHeight(plot, caption)};
}

void paintCaptionedPlot(QCPPainter& p, QCustomPlot* plot, const QStringList& caption)
{
    const int w = plot->width();
    const int capH = captionStripHeight(plot, caption);
    p.fillRect(QRect(0, 0, w, capH), plot->palette().color(QPalette::Window));
    double y = kCaptionEnd;
    paintWrapped(p, captionTexts(caption, plot->font()), kCaptionSide, y, w - 2 * kCaptionSide,
                 plot->palette().color(QPalette::WindowText));
    p.save();
    p.translate(0, capH);
    plot->toPainter(&p, w, plot->height());
    p.restore();
}

QImage renderCaptionedPlot(QCustomPlot* plot, const QStringList& caption, double scale)
{
    const QSize size = captionedPlotSize(plot, caption);
    QImage image((QSizeF(size) * scale).toSize(), QImage::Format_ARGB32);
    image.fill(plot->palette().color(QPalette::Window));
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    paintCaptionedPlot(p, plot, caption);
    p.end();
    plot->replot(QCustomPlot::rpQueuedReplot);
    return image;
}

QString saveCaptionedPlot(QCustomPlot* plot, const QStringList& caption, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        const QString error =
            writePdfPage(path, QSizeF(captionedPlotSize(plot, caption)), plot->logicalDpiY(),
                         [&](QCPPainter& p) { paintCaptionedPlot(p, plot, caption); });
        plot->replot(QCustomPlot::rpQueuedReplot);
        return error;
    }
    if (suffix != QLatin1String("png")) return QStringLiteral("use a .png or .pdf file name");
    return savePngImage(renderCaptionedPlot(plot, caption), path);
}

QString savePlotImage(QCustomPlot* plot, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return savePngImage(plot->toPixmap(0, 0, 2.0).toImage(), path);
    if (suffix != QLatin1String("pdf")) return QStringLiteral("use a .png or .pdf file name");
    const int w = plot->width();
    const int h = plot->height();
    return writePdfPage(path, QSizeF(w, h), plot->logicalDpiY(), [&](QCPPainter& p) {
        p.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&p, w, h);
    });
}

} // namespace corelab::ui
