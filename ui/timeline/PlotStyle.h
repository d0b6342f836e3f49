#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

#include "Theme.h"

class QCPAxis;
class QCPAxisRect;
class QCPLegend;

namespace corelab::ui {

// Fonts, pens and colours of the charts: text and background from the widget palette,
// every other colour from the theme (Theme.h), lines thicker in presentation mode and
// in the projector themes.
struct PlotStyle {
    QFont font;
    QFont smallFont;
    double lineWidth = 1.5;
    QColor foreground;
    QColor background;
    QColor grid;
    QColor marker;
    Theme theme;

    static PlotStyle from(const QPalette& palette, const QFont& font, double lineWidth);
    void applyTo(QCPAxis* axis) const;
    void applyTo(QCPAxisRect* rect) const;
    void applyTo(QCPLegend* legend) const;
    // n distinct line colours, readable on the background
    QColor series(int index) const;
    QColor lane(LaneState s) const { return theme.lane(s); }
};

// An axis's k/M/G step for values up to `top`: divide by `divisor`, prefix the unit.
struct SiScale {
    double divisor = 1;
    QString prefix; // "", "k ", "M ", "G "
};
SiScale siScale(double top);

// "5.85 M", "412 k", "37.2": three significant digits with an SI prefix; `unit` follows.
QString formatSi(double value, const QString& unit);
// `text`'s width in pixels in `font`, remembered per font and text: measuring text shapes
// it, and the timeline measures the same few tick and marker labels at every live sample
// (the window's thread only; forgotten past a few thousand).
int textWidth(const QFont& font, const QString& text);

// Fixed precision, for figures whose source is coarser than three digits.
QString formatFixed(double value, int decimals, const QString& unit);

} // namespace corelab::ui
