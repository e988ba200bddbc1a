// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

namespace signe::core {

/// Björn Ottosson's OKLab (2020): L is perceived lightness 0..1, a and b the opponent axes.
struct Oklab {
    double l = 0, a = 0, b = 0;
};

/// OKLab in polar form: chroma C = hypot(a, b) and hue h in degrees, 0 <= h < 360.
struct Oklch {
    double l = 0, c = 0, h = 0;
};

/// From straight linear-light sRGB (D65), channels nominally 0..1.
Oklab oklabFromLinearSrgb(const std::array<double, 3>& rgb);
Oklch oklchFromOklab(const Oklab& lab);

/// Smallest angle from hue `from` to hue `to`, in degrees, -180..180.
double hueDifference(double from, double to);

}  // namespace signe::core
