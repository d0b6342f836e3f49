#pragma once

#include <array>

#include <QColor>

namespace corelab::ui {

// Colour maths to check a palette, not to draw with: how a colour looks with a colour
// vision deficiency, how far apart two colours look, and how readable text is.

enum class Vision { Normal, Protanopia, Deuteranopia, Tritanopia };

// The colour as seen with full dichromacy: Machado, Oliveira & Fernandes (2009),
// severity 1.0, applied to linearised sRGB and clamped back into sRGB.
QColor simulateVision(const QColor& c, Vision v);

// CIE L*a*b* (D65 white) of an sRGB colour.
std::array<double, 3> toLab(const QColor& c);

// CIE76 colour difference: the distance in L*a*b*; about 2.3 is just noticeable.
double deltaE76(const QColor& a, const QColor& b);

// WCAG 2 relative luminance (0 black … 1 white) and contrast ratio (1 … 21) of opaque
// colours; text wants at least 4.5.
double relativeLuminance(const QColor& c);
double contrastRatio(const QColor& a, const QColor& b);

} // namespace corelab::ui
