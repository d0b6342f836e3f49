#pragma once

#include <functional>
#include <vector>

#include <QFont>
#include <QImage>
#include <QString>
#include <QStringList>

#include "record/RunRecord.h"

class QByteArray;
class QCPPainter;
class QColor;
class QCustomPlot;
class QPainter;

namespace corelab::ui {

// One text of a picture, in its font. Every text on a picture wraps to its width and
// none is elided or cut: a picture is pasted as it is, and a cut sentence cannot be read
// anywhere else.
struct TextLine {
    QString text;
    QFont font;
};
// The height of `text` in `font` wrapped to `width`: at least one line.
int wrappedHeight(const QString& text, const QFont& font, double width);
// The lines' heights together, each wrapped to `width`.
int wrappedHeight(const std::vector<TextLine>& lines, double width);
// Paints the lines one under another from `y`, each wrapped to `width`; `y` ends under
// the last.
void paintWrapped(QPainter& p, const std::vector<TextLine>& lines, double x, double& y,
                  double width, const QColor& fg);

// Two caption lines: what ran (workload, model, workers, parameters) and where
// (CPU model, logical CPUs, kernel, date).
QStringList captionLines(const RunRecord& record);
// A caption's texts: the first in bold (what ran), the others in `font`.
std::vector<TextLine> captionTexts(const QStringList& caption, const QFont& font);

// The timeline under its run's caption (captionLines), wrapped as any captioned plot's,
// at `scale` × its logical size.
QImage renderTimelineImage(QCustomPlot* plot, const RunRecord& record, double scale = 2.0);
// The caption, the timeline and the run's answering figure in words, exactly `pixels`
// large: laid out as on a 1280-pixel-wide screen and scaled up for larger pictures.
// `slide`: a 16:9 slide's large title instead of the two caption lines.
QImage renderTimelinePage(QCustomPlot* plot, const RunRecord& record, const QSize& pixels,
                          bool slide);
// The logical size the timeline is drawn at on that page.
QSize timelinePagePlotSize(QCustomPlot* plot, const RunRecord& record, const QSize& pixels,
                           bool slide);
// The same as .png (exactly `pixels`) or .pdf (the logical page) by suffix.
QString saveTimelinePage(QCustomPlot* plot, const RunRecord& record, const QString& path,
                         const QSize& pixels, bool slide);
// Pages and slides are laid out as on a 1280-pixel screen, so text is as large on the
// picture as in the window, then scaled by this to the pixels asked for (never down).
double pageScale(const QSize& pixels);
// PNG (2× pixel density) or PDF (vector) by the file's suffix. Empty on success.
QString saveTimelineImage(QCustomPlot* plot, const RunRecord& record, const QString& path);
// One PDF page `size` logical pixels large at `dpi` pixels per inch, painted in vector
// mode by `paint`, built in memory and then written atomically. `dpi` is the one the text
// was measured at (a widget's logicalDpiY()): at any other, fonts in points come out
// larger or smaller than the rectangles laid out for them.
// Empty on success, else the error.
QString writePdfPage(const QString& path, const QSizeF& size, int dpi,
                     const std::function<void(QCPPainter&)>& paint);
// Every image goes to disk through here (AtomicFile): the old file stays whole until the
// new one is complete, and a failed write is an error naming the path. Empty on success.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);
// PNG-encodes in memory, then writeFileAtomically. Empty on success.
QString savePngImage(const QImage& image, const QString& path);
// A chart as it is (its titles say what it shows): PNG at 2× or PDF by suffix.
QString savePlotImage(QCustomPlot* plot, const QString& path);
// A chart under a caption (first line bold: what ran; then where and when), each line
// wrapped to the chart's width: the picture is as tall as its caption needs.
QSize captionedPlotSize(QCustomPlot* plot, const QStringList& caption);
// Paints that picture from the top left, captionedPlotSize() large.
void paintCaptionedPlot(QCPPainter& p, QCustomPlot* plot, const QStringList& caption);
// The same at `scale` × its logical size.
QImage renderCaptionedPlot(QCustomPlot* plot, const QStringList& caption, double scale = 2.0);
// The same as PNG (2×) or PDF by suffix; empty on success.
QString saveCaptionedPlot(QCustomPlot* plot, const QStringList& caption, const QString& path);

} // namespace corelab::ui
