#include "SpreadText.h"

#include <cmath>

#include <QCoreApplication>
#include <QFontMetrics>
#include <QStringList>

#include "Text.h"
#include "analysis/FigureWords.h"
#include "timeline/PlotStyle.h"

namespace corelab::ui {

QString figureLabel(const std::string& name)
{
    return qs(figureWords(name));
}

QString spreadUnit(const FigureSpread& f)
{
    if (f.unit == "B") return QStringLiteral("MiB");
    // "(/proc/stat)" would repeat the figure's source line in every value
    if (f.unit == "cores (/proc/stat)") return QStringLiteral("cores");
    return qs(f.unit);
}

// As precise as the source: memory in 0.1 MiB (smaps_rollup has kB), machine busy
// cores in tenths (10 ms ticks), everything else three significant digits.
QString formatSpreadValue(const FigureSpread& f, double v)
{
    if (f.unit == "B") return formatFixed(v / kMiB, 1, QStringLiteral("MiB"));
    if (f.unit == "cores (/proc/stat)") return formatFixed(v, 1, spreadUnit(f));
    if (f.unit == "busy cores") return formatFixed(v, 2, qs(f.unit));
    return formatSi(v, qs(f.unit)).trimmed();
}

QString precisionText(const FigureSpread& f)
{
    const Spread& s = f.spread;
    if (s.n < 2)
        return QCoreApplication::translate("SpreadView", "one run: %1; a spread needs two")
            .arg(formatSpreadValue(f, s.mean));
    const QString sd = s.mean != 0
                           ? formatFixed(100 * s.stddev / std::fabs(s.mean), 1, QStringLiteral("%"))
                           : formatSpreadValue(f, s.stddev);
    return QCoreApplication::translate("SpreadView", "mean %1 ± %2 (sample sd over %3 runs)")
        .arg(formatSpreadValue(f, s.mean), sd)
        .arg(s.n);
}

// Greedy word wrap: a QCPTextElement draws one line per '\n' and otherwise claims more
// width than the plot has, squeezing the charts and clipping the text.
QString wrapText(const QString& text, const QFont& font, int width)
{
    const QFontMetrics metrics(font);
    QStringList lines;
    for (const QString& paragraph : text.split(u'\n')) {
        QString line;
        for (const QString& word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            QString longer = line;
            if (!longer.isEmpty()) longer += u' ';
            longer += word;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join(u'\n');
}

} // namespace corelab::ui
