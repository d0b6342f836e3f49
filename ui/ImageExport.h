#pragma once

#include <functional>

#include <QImage>
#include <QString>
#include <QStringList>

#include "record/RunRecord.h"

class QByteArray;
class QCPPainter;
class QCustomPlot;
class QFont;
class QPainter;

namespace corelab::ui {

// Two caption lines: what ran (workload, model, workers, parameters) and where
// (CPU model, logical CPUs, kernel, date).
QStringList captionLines(const RunRecord& record);
// Height of the caption strip in logical pixels for a font.
int captionHeight(const QFont& font);

// The timeline with its caption strip on top, at `scale` × the plot's logical size.
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
// A chart under a caption (first line bold: what ran; then where and when), at `scale`
// × the plot's logical size.
QImage renderCaptionedPlot(QCustomPlot* plot, const QStringList& caption, double scale = 2.0);
// The same as PNG (2×) or PDF by suffix; empty on success.
QString saveCaptionedPlot(QCustomPlot* plot, const QStringList& caption, const QString& path);

} // namespace corelab::ui
