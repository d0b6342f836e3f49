#pragma once

#include <QFont>
#include <QString>

#include "analysis/Spread.h"

namespace corelab::ui {

// The words of SpreadView: figure names, units and values as precise as their source.

// A figure in words (analysis/FigureWords.h): "peak RSS", "actual count".
QString figureLabel(const std::string& name);
// The unit a figure is shown in (bytes as MiB).
QString spreadUnit(const FigureSpread& f);
QString formatSpreadValue(const FigureSpread& f, double v);
// "mean 3.2 M ops/s ± 4.1 % (sample sd over 5 runs)", or why there is no spread yet.
QString precisionText(const FigureSpread& f);
// Greedy word wrap to `width` pixels of `font`.
QString wrapText(const QString& text, const QFont& font, int width);

} // namespace corelab::ui
