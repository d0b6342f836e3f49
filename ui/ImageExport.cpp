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

namespace {

void drawCaption(QPainter& p, const RunRecord& record, const QRect& rect, const QColor& fg)
{
    const auto lines = captionLines(record);
    QFont bold = p.font();
    bold.setBold(true);
    const int lineH = QFontMetrics(p.font()).lineSpacing();
    p.setPen(fg);
    p.setFont(bold);
    p.drawText(rect.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop, lines.value(0));
    QFont normal = bold;
    normal.setBold(false);
    p.setFont(normal);
    p.drawText(rect.adjusted(8, 4 + lineH, -8, 0), Qt::AlignLeft | Qt::AlignTop, lines.value(1));
}

void drawAll(QCPPainter& p, QCustomPlot* plot, const RunRecord& record, int width, int plotH)
{
    const int capH = captionHeight(plot->font());
    p.setFont(plot->font());
    p.fillRect(QRect(0, 0, width, capH), plot->palette().color(QPalette::Window));
    drawCaption(p, record, QRect(0, 0, width, capH), plot->palette().color(QPalette::WindowText));
    p.translate(0, capH);
    plot->toPainter(&p, width, plotH);
}

constexpr double kLayoutWidth = 1280;

double pageScale(const QSize& pixels)
{
    return std::max(1.0, pixels.width() / kLayoutWidth);
}

// The texts wrap to the page's width, none is elided: a slide is pasted as it is.
int wrappedHeight(const QFont& font, double width, const QString& text)
{
    const QFontMetrics fm(font);
    const QRect r =
        fm.boundingRect(QRect(0, 0, static_cast<int>(width), 100000), Qt::TextWordWrap, text);
    return text.isEmpty() ? fm.lineSpacing() : std::max(fm.lineSpacing(), r.height());
}

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
        titleH = wrappedHeight(title, textW, titleText);
        baseH = wrappedHeight(base, textW, whereText);
        answerH = wrappedHeight(answer, textW, answerText) + 8;
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

int captionHeight(const QFont& font)
{
    return 2 * QFontMetrics(font).lineSpacing() + 10;
}

QImage renderTimelineImage(QCustomPlot* plot, const RunRecord& record, double scale)
{
    const int w = plot->width();
    const int plotH = plot->height();
    const int h = plotH + captionHeight(plot->font());
    QImage image(static_cast<int>(w * scale), static_cast<int>(h * scale), QImage::Format_ARGB32);
    image.fill(plot->palette().color(QPalette::Window));
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    drawAll(p, plot, record, w, plotH);
    p.end();
    plot->replot(QCustomPlot::rpQueuedReplot);
    return image;
}

QString saveTimelineImage(QCustomPlot* plot, const RunRecord& record, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        const int w = plot->width();
        const int h = plot->height() + captionHeight(plot->font());
        const QString error =
            writePdfPage(path, QSizeF(w, h), plot->logicalDpiY(),
                         [&](QCPPainter& p) { drawAll(p, plot, record, w, plot->height()); });
        plot->replot(QCustomPlot::rpQueuedReplot);
        return error;
    }
    if (suffix != QLatin1String("png")) return QStringLiteral("use a .png or .pdf file name");
    QImage tagged = renderTimelineImage(plot, record, 2.0);
    tagged.setDevicePixelRatio(1.0);
    return savePngImage(tagged, path);
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

void drawCaptioned(QCPPainter& p, QCustomPlot* plot, const QStringList& caption)
{
    const QFont base = plot->font();
    const int lineH = QFontMetrics(base).lineSpacing();
    const int w = plot->width();
    p.fillRect(QRect(0, 0, w, caption.size() * lineH + 8), plot->palette().color(QPalette::Window));
    p.setPen(plot->palette().color(QPalette::WindowText));
    for (int i = 0; i < caption.size(); ++i) {
        QFont f = base;
        f.setBold(i == 0);
        p.setFont(f);
        p.drawText(QRect(8, 4 + i * lineH, w - 16, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(f).elidedText(caption[i], Qt::ElideRight, w - 16));
    }
    p.translate(0, caption.size() * lineH + 8);
    plot->toPainter(&p, w, plot->height());
}

} // namespace

QImage renderCaptionedPlot(QCustomPlot* plot, const QStringList& caption, double scale)
{
    const int capH =
        static_cast<int>(caption.size()) * QFontMetrics(plot->font()).lineSpacing() + 8;
    QImage image(static_cast<int>(plot->width() * scale),
                 static_cast<int>((plot->height() + capH) * scale), QImage::Format_ARGB32);
    image.fill(plot->palette().color(QPalette::Window));
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    drawCaptioned(p, plot, caption);
    p.end();
    plot->replot(QCustomPlot::rpQueuedReplot);
    return image;
}

QString saveCaptionedPlot(QCustomPlot* plot, const QStringList& caption, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        const int capH =
            static_cast<int>(caption.size()) * QFontMetrics(plot->font()).lineSpacing() + 8;
        const QString error =
            writePdfPage(path, QSizeF(plot->width(), plot->height() + capH), plot->logicalDpiY(),
                         [&](QCPPainter& p) { drawCaptioned(p, plot, caption); });
        plot->replot(QCustomPlot::rpQueuedReplot);
        return error;
    }
    if (suffix != QLatin1String("png")) return QStringLiteral("use a .png or .pdf file name");
    if (!renderCaptionedPlot(plot, caption).save(path, "PNG"))
        return QStringLiteral("cannot write %1").arg(path);
    return {};
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
