// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/oklab.h"

#include <cmath>
#include <numbers>

namespace signe::core {

Oklab oklabFromLinearSrgb(const std::array<double, 3>& rgb)
{
    // The matrices of Ottosson's "A perceptual color space for image processing" (2020): linear
    // sRGB to cone-like LMS, a cube root, then LMS' to Lab.
    const double l = 0.4122214708 * rgb[0] + 0.5363325363 * rgb[1] + 0.0514459929 * rgb[2];
    const double m = 0.2119034982 * rgb[0] + 0.6806995451 * rgb[1] + 0.1073969566 * rgb[2];
    const double s = 0.0883024619 * rgb[0] + 0.2817188376 * rgb[1] + 0.6299787005 * rgb[2];
    const double lc = std::cbrt(l), mc = std::cbrt(m), sc = std::cbrt(s);
    return {0.2104542553 * lc + 0.7936177850 * mc - 0.0040720468 * sc,
            1.9779984951 * lc - 2.4285922050 * mc + 0.4505937099 * sc,
            0.0259040371 * lc + 0.7827717662 * mc - 0.8086757660 * sc};
}

Oklch oklchFromOklab(const Oklab& lab)
{
    double h = std::atan2(lab.b, lab.a) * 180.0 / std::numbers::pi;
    if (h < 0.0) h += 360.0;
    return {lab.l, std::hypot(lab.a, lab.b), h};
}

double hueDifference(double from, double to)
{
    double d = std::fmod(to - from, 360.0);
    if (d > 180.0) d -= 360.0;
    if (d < -180.0) d += 360.0;
    return d;
}

}  // namespace signe::core
