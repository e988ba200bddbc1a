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

using OklabMatrix = std::array<std::array<double, 3>, 3>;

/// The two matrices of Ottosson's "A perceptual color space for image processing" (2020): linear
/// sRGB to cone-like LMS, and the cube roots of LMS to Lab.
inline constexpr OklabMatrix kOklabLmsOfLinearSrgb = {{{0.4122214708, 0.5363325363, 0.0514459929},
                                                       {0.2119034982, 0.6806995451, 0.1073969566},
                                                       {0.0883024619, 0.2817188376, 0.6299787005}}};
inline constexpr OklabMatrix kOklabOfLmsRoot = {{{0.2104542553, 0.7936177850, -0.0040720468},
                                                 {1.9779984951, -2.4285922050, 0.4505937099},
                                                 {0.0259040371, 0.7827717662, -0.8086757660}}};

/// The inverse of a 3x3 matrix by cofactors (the matrices here are far from singular).
constexpr OklabMatrix invertOklabMatrix(const OklabMatrix& m)
{
    OklabMatrix inv{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            // Cofactor of m[c][r] (transposed: the adjugate), cyclic indices keep the sign.
            const int r1 = (c + 1) % 3, r2 = (c + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3;
            inv[r][c] = m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1];
        }
    const double det = m[0][0] * inv[0][0] + m[0][1] * inv[1][0] + m[0][2] * inv[2][0];
    for (auto& row : inv)
        for (double& v : row) v /= det;
    return inv;
}

/// The way back: Lab to cube-rooted LMS, and LMS to linear sRGB (computed, not typed in).
inline constexpr OklabMatrix kOklabLmsRootOfLab = invertOklabMatrix(kOklabOfLmsRoot);
inline constexpr OklabMatrix kOklabLinearSrgbOfLms = invertOklabMatrix(kOklabLmsOfLinearSrgb);

/// From straight linear-light sRGB (D65), channels nominally 0..1.
Oklab oklabFromLinearSrgb(const std::array<double, 3>& rgb);
/// The inverse: linear sRGB, not clamped (an OKLab colour may lie outside sRGB).
std::array<double, 3> linearSrgbFromOklab(const Oklab& lab);
Oklch oklchFromOklab(const Oklab& lab);

/// Smallest angle from hue `from` to hue `to`, in degrees, -180..180.
double hueDifference(double from, double to);

}  // namespace signe::core
