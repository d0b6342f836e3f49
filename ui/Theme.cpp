#include "Theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace corelab::ui {

namespace {

// Okabe–Ito hues for the states (checked in tst_theme under protanopia and
// deuteranopia): the two lock states are the darkest (deep blue) and the lightest
// (yellow), so taking turns reads as light and dark even without colour; exited is a
// light grey, apart from the reddish purple of "stopped" for deuteranopes.
constexpr std::array<QRgb, kLaneStateCount> kLaneRgb = {
    0x009e73, // running: bluish green
    0xe69f00, // waiting for a CPU: orange
    0x56b4e9, // sleeping: sky blue
    0xc8c8c8, // exited: light grey
    0xd55e00, // crashed: vermillion
    0xcc79a7, // stopped by CoreLab: reddish purple
    0x003f8a, // holding the lock: darker than Okabe–Ito blue, apart from sky blue
    0xf0e442, // waiting for the lock: yellow
};

// Okabe–Ito in two orders: on white the pale yellow comes late and black ends the
// list; on black the dark blue comes late and a light grey ends it.
constexpr std::array<QRgb, 8> kSeriesOnLight = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7,
                                                0xe69f00, 0x56b4e9, 0xf0e442, 0x000000};
constexpr std::array<QRgb, 8> kSeriesOnDark = {0x56b4e9, 0xe69f00, 0x009e73, 0xcc79a7,
                                               0xf0e442, 0x0072b2, 0xd55e00, 0xe0e0e0};

// viridis: perceptually even, readable in grey and with colour-vision deficiencies
constexpr std::array<QRgb, 5> kViridis = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};

template <std::size_t N> std::array<QColor, N> colours(const std::array<QRgb, N>& rgb)
{
    std::array<QColor, N> out;
    for (std::size_t i = 0; i < N; ++i)
        out[i] = QColor::fromRgb(rgb[i]);
    return out;
}

bool isDark(const QPalette& p)
{
    return p.color(QPalette::Window).lightness() < 128;
}

struct Roles {
    QRgb window, text, base, alternate, button, highlight, highlighted, placeholder, disabled;
};

QPalette paletteFrom(const Roles& r)
{
    QPalette p;
    const QColor text = QColor::fromRgb(r.text);
    p.setColor(QPalette::Window, QColor::fromRgb(r.window));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor::fromRgb(r.base));
    p.setColor(QPalette::AlternateBase, QColor::fromRgb(r.alternate));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor::fromRgb(r.button));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, text);
    p.setColor(QPalette::ToolTipBase, QColor::fromRgb(r.base));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor::fromRgb(r.highlight));
    p.setColor(QPalette::HighlightedText, QColor::fromRgb(r.highlighted));
    p.setColor(QPalette::PlaceholderText, QColor::fromRgb(r.placeholder));
    p.setColor(QPalette::Link, QColor::fromRgb(r.highlight));
    p.setColor(QPalette::Light, QColor::fromRgb(r.button).lighter(130));
    p.setColor(QPalette::Midlight, QColor::fromRgb(r.button).lighter(115));
    p.setColor(QPalette::Mid, QColor::fromRgb(r.button).darker(130));
    p.setColor(QPalette::Dark, QColor::fromRgb(r.button).darker(160));
    p.setColor(QPalette::Shadow, Qt::black);
    // disabled widgets must look disabled
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor::fromRgb(r.disabled));
    return p;
}

struct Current {
    Theme theme;
    QPalette system;
    QString systemStyle;
    bool captured = false;
};

Current& current()
{
    static Current c;
    if (c.captured) return c;
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        c.system = QApplication::palette();
        c.systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
        c.theme = Theme::make(ThemeId::System, c.system);
        c.captured = true;
    } else if (!c.theme.lanes[0].isValid()) {
        // no widgets (a QCoreApplication test): the colours still answer, over a light
        // grey window
        c.theme = Theme::make(ThemeId::System, QPalette(QColor(0xef, 0xef, 0xef)));
    }
    return c;
}

} // namespace

Theme Theme::make(ThemeId id, const QPalette& systemPalette)
{
    Theme t;
    t.id = id;
    t.lanes = colours(kLaneRgb);
    t.heat = colours(kViridis);
    switch (id) {
    case ThemeId::System:
        t.palette = systemPalette;
        break;
    case ThemeId::ProjectorDark:
        // not pure black: a projector shows black as grey anyway, and pure white text
        // on it glares
        t.palette = paletteFrom({0x141414, 0xf2f2f2, 0x000000, 0x262626, 0x2b2b2b, 0x4da3ff,
                                 0x000000, 0xb4b4b4, 0x7a7a7a});
        t.ownPalette = true;
        t.gridAlpha = 80;
        t.minLineWidth = 2.5;
        break;
    case ThemeId::ProjectorLight:
        t.palette = paletteFrom({0xffffff, 0x000000, 0xffffff, 0xececec, 0xf0f0f0, 0x0050b0,
                                 0xffffff, 0x4a4a4a, 0x8c8c8c});
        t.ownPalette = true;
        t.gridAlpha = 90;
        t.minLineWidth = 2.5;
        break;
    }
    const bool dark = isDark(t.palette);
    t.series = colours(dark ? kSeriesOnDark : kSeriesOnLight);
    t.tagText = dark ? QColor(Qt::white) : QColor(Qt::black);
    t.tagBackground = dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white);
    t.winner = dark ? QColor(0xa8, 0xd0, 0xff) : QColor(0xc6, 0xde, 0xff);
    t.error = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x10);
    return t;
}

QColor Theme::lane(LaneState s) const
{
    if (s == LaneState::NoData) return QColor(Qt::transparent);
    return lanes[static_cast<std::size_t>(s)];
}

QString themeKey(ThemeId id)
{
    switch (id) {
    case ThemeId::ProjectorDark:
        return QStringLiteral("projector-dark");
    case ThemeId::ProjectorLight:
        return QStringLiteral("projector-light");
    case ThemeId::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeId themeFromKey(const QString& key)
{
    for (ThemeId id : kThemes)
        if (themeKey(id) == key) return id;
    return ThemeId::System;
}

QString themeTitle(ThemeId id)
{
    switch (id) {
    case ThemeId::ProjectorDark:
        return QApplication::translate("Theme", "Projector &Dark");
    case ThemeId::ProjectorLight:
        return QApplication::translate("Theme", "Projector High-Contrast &Light");
    case ThemeId::System:
        break;
    }
    return QApplication::translate("Theme", "&System");
}

const Theme& currentTheme()
{
    return current().theme;
}

void applyTheme(ThemeId id)
{
    Current& c = current();
    c.theme = Theme::make(id, c.system);
    // the platform style may draw with its own colours; Fusion draws with the palette
    const QString style = c.theme.ownPalette ? QStringLiteral("Fusion") : c.systemStyle;
    if (!style.isEmpty() && QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(style));
    QApplication::setPalette(c.theme.palette);
}

} // namespace corelab::ui
