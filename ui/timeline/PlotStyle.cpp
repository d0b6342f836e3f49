#include "timeline/PlotStyle.h"

#include <algorithm>
#include <cmath>

#include <QFontMetrics>
#include <QHash>

#include "Qcp.h"

namespace corelab::ui {

PlotStyle PlotStyle::from(const QPalette& palette, const QFont& font, double lineWidth)
{
    PlotStyle s;
    s.theme = currentTheme();
    s.font = font;
    s.smallFont = font;
    s.smallFont.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
    s.lineWidth = std::max(lineWidth, s.theme.minLineWidth);
    s.foreground = palette.color(QPalette::WindowText);
    s.background = palette.color(QPalette::Base);
    s.grid = s.foreground;
    s.grid.setAlpha(s.theme.gridAlpha);
    s.marker = s.foreground;
    s.marker.setAlpha(150);
    return s;
}

void PlotStyle::applyTo(QCPAxis* axis) const
{
    const QPen pen(foreground, 1);
    axis->setBasePen(pen);
    axis->setTickPen(pen);
    axis->setSubTickPen(pen);
    axis->setTickLabelColor(foreground);
    axis->setLabelColor(foreground);
    axis->setTickLabelFont(smallFont);
    axis->setLabelFont(font);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void PlotStyle::applyTo(QCPAxisRect* rect) const
{
    rect->setBackground(background);
    for (auto* axis : rect->axes())
        applyTo(axis);
}

void PlotStyle::applyTo(QCPLegend* legend) const
{
    legend->setFont(smallFont);
    legend->setTextColor(foreground);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    // short swatches, so the entries share a row beside a title
    const int h = QFontMetrics(smallFont).height();
    legend->setIconSize(QSize(h * 3 / 2, h * 2 / 3));
    legend->setIconTextPadding(h / 3);
}

QColor PlotStyle::series(int index) const
{
    const auto n = static_cast<int>(theme.series.size());
    return theme.series[static_cast<std::size_t>(((index % n) + n) % n)];
}

SiScale siScale(double top)
{
    const double exponent = std::clamp(std::floor(std::log10(top) / 3), 0.0, 3.0);
    static const char* prefixes[] = {"", "k ", "M ", "G "};
    return {std::pow(1000.0, exponent), QString::fromLatin1(prefixes[static_cast<int>(exponent)])};
}

QString formatSi(double value, const QString& unit)
{
    if (std::isnan(value)) return QStringLiteral("–");
    const double a = std::fabs(value);
    const char* prefix = "";
    double scaled = value;
    if (a >= 1e9) {
        scaled = value / 1e9;
        prefix = " G";
    } else if (a >= 1e6) {
        scaled = value / 1e6;
        prefix = " M";
    } else if (a >= 1e3) {
        scaled = value / 1e3;
        prefix = " k";
    }
    const QString number = QString::number(scaled, 'g', 3);
    return number % QString::fromLatin1(prefix) % QStringLiteral(" ") % unit;
}

QString formatFixed(double value, int decimals, const QString& unit)
{
    if (std::isnan(value)) return QStringLiteral("–");
    return QString::number(value, 'f', decimals) % QStringLiteral(" ") % unit;
}

int textWidth(const QFont& font, const QString& text)
{
    static QHash<QString, int> widths;
    if (widths.size() > 4096) widths.clear();
    const QString key = font.key() % u'\n' % text;
    auto it = widths.constFind(key);
    if (it == widths.cend()) it = widths.insert(key, QFontMetrics(font).horizontalAdvance(text));
    return *it;
}

} // namespace corelab::ui
