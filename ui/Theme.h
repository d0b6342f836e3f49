#pragma once

#include <array>

#include <QColor>
#include <QPalette>
#include <QString>

#include "timeline/LaneState.h"

namespace corelab::ui {

enum class ThemeId { System, ProjectorDark, ProjectorLight };
inline constexpr std::array<ThemeId, 3> kThemes = {ThemeId::System, ThemeId::ProjectorDark,
                                                   ThemeId::ProjectorLight};

// Every colour the window draws with beyond the widget palette, in one place: the lane
// states, the worker and series colours, the heat map, the chart grid and the labels
// drawn over lanes. Panels ask the current theme; none holds a colour of its own.
struct Theme {
    ThemeId id = ThemeId::System;
    QPalette palette;        // the window's; System: the platform's own
    bool ownPalette = false; // the projector themes set the palette (and the Fusion style)
    int gridAlpha = 40;      // of the foreground, for the dotted grid
    double minLineWidth = 1.5;
    // by LaneState value
    std::array<QColor, kLaneStateCount> lanes;
    // worker and line colours; worker w is series[(w + 1) % 8], series[0] the total
    std::array<QColor, 8> series;
    // the busy heat map, 0 … 100 % at equal steps
    std::array<QColor, 5> heat;
    // the cpuN tags over lanes: opaque, so they read on any lane colour
    QColor tagText;
    QColor tagBackground;
    QColor error;
    // the better value's cell in a verdict: light in every theme, under black text
    QColor winner;

    static Theme make(ThemeId id, const QPalette& systemPalette);
    QColor lane(LaneState s) const;
    QColor worker(int w) const { return series[static_cast<std::size_t>(w + 1) % series.size()]; }
};

QString themeKey(ThemeId id);             // "system", "projector-dark", "projector-light"
ThemeId themeFromKey(const QString& key); // System for anything else
QString themeTitle(ThemeId id);           // menu text

// The theme the window shows. The palette is application-wide in Qt, and so is this:
// it changes only through applyTheme().
const Theme& currentTheme();
// Sets the application palette (and style) and the current theme; every widget gets a
// PaletteChange and restyles itself, so charts switch without reopening anything.
void applyTheme(ThemeId id);

} // namespace corelab::ui
