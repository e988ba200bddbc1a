// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/oklab.h"

#include <cmath>
#include <cstddef>
#include <numbers>

namespace signe::core {

namespace {

std::array<double, 3> times(const OklabMatrix& m, const std::array<double, 3>& v)
{
    std::array<double, 3> out{};
    for (std::size_t r = 0; r < 3; ++r) out[r] = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
    return out;
}

}  // namespace

Oklab oklabFromLinearSrgb(const std::array<double, 3>& rgb)
{
    // Linear sRGB to cone-like LMS, a cube root, then LMS' to Lab.
    std::array<double, 3> lms = times(kOklabLmsOfLinearSrgb, rgb);
    for (double& v : lms) v = std::cbrt(v);
    const std::array<double, 3> lab = times(kOklabOfLmsRoot, lms);
    return {lab[0], lab[1], lab[2]};
}

std::array<double, 3> linearSrgbFromOklab(const Oklab& lab)
{
    std::array<double, 3> lms = times(kOklabLmsRootOfLab, {lab.l, lab.a, lab.b});
    for (double& v : lms) v = v * v * v;
    return times(kOklabLinearSrgbOfLms, lms);
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
