#include "ColourVision.h"

#include <algorithm>
#include <cmath>

namespace corelab::ui {

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double gamma(double c)
{
    c = std::clamp(c, 0.0, 1.0);
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
}

std::array<double, 3> linearRgb(const QColor& c)
{
    return {linear(c.redF()), linear(c.greenF()), linear(c.blueF())};
}

// Machado et al. 2009, table for severity 1.0
const Matrix& matrixFor(Vision v)
{
    static const Matrix protan = {{{0.152286, 1.052583, -0.204868},
                                   {0.114503, 0.786281, 0.099216},
                                   {-0.003882, -0.048116, 1.051998}}};
    static const Matrix deutan = {{{0.367322, 0.860646, -0.227968},
                                   {0.280085, 0.672501, 0.047413},
                                   {-0.011820, 0.042940, 0.968881}}};
    static const Matrix tritan = {{{1.255528, -0.076749, -0.178779},
                                   {-0.078411, 0.930809, 0.147602},
                                   {0.004733, 0.691367, 0.303900}}};
    return v == Vision::Protanopia ? protan : v == Vision::Deuteranopia ? deutan : tritan;
}

double labF(double t)
{
    constexpr double epsilon = 216.0 / 24389.0, kappa = 24389.0 / 27.0;
    return t > epsilon ? std::cbrt(t) : (kappa * t + 16) / 116;
}

} // namespace

QColor simulateVision(const QColor& c, Vision v)
{
    if (v == Vision::Normal) return c;
    const auto rgb = linearRgb(c);
    const Matrix& m = matrixFor(v);
    double out[3];
    for (int i = 0; i < 3; ++i)
        out[i] = m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2];
    return QColor::fromRgbF(static_cast<float>(gamma(out[0])), static_cast<float>(gamma(out[1])),
                            static_cast<float>(gamma(out[2])));
}

std::array<double, 3> toLab(const QColor& c)
{
    const auto [r, g, b] = linearRgb(c);
    const double x = 0.4124 * r + 0.3576 * g + 0.1805 * b;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
    const double fx = labF(x / 0.95047), fy = labF(y), fz = labF(z / 1.08883);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double deltaE76(const QColor& a, const QColor& b)
{
    const auto la = toLab(a), lb = toLab(b);
    return std::hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

double relativeLuminance(const QColor& c)
{
    const auto [r, g, b] = linearRgb(c);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace corelab::ui
