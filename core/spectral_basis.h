// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include "core/result.h"

namespace signe::core {

/// Bands of a reflectance spectrum: 16 floats fill one AVX-512 register or two AVX2 ones.
inline constexpr int kSpectralBands = 16;
/// The bands split 380..730 nm into equal parts (21.875 nm each); the CIE tables beyond that
/// range add under 0.01 % to the X, Y or Z of a white.
inline constexpr double kSpectrumStartNm = 380.0;
inline constexpr double kSpectrumEndNm = 730.0;

/// A reflectance per band, 0..1, band 0 the shortest wavelengths.
using Spectrum = std::array<float, kSpectralBands>;
using SpectrumD = std::array<double, kSpectralBands>;

/// Linear sRGB (D65) of a band-wise constant reflectance: rgb[c] = sum_k t[c][k] * R[k].
/// Built from the CIE 1931 2-degree observer and illuminant D65 integrated over each band, and
/// normalised so that a perfect white reflector (R = 1 everywhere) is exactly (1, 1, 1).
using SpectralProjection = std::array<SpectrumD, 3>;

/// The projection of the bands above (computed in double from the CIE tables; see
/// docs/pigment-mixing.md for the derivation).
SpectralProjection bandProjection();

/// CIE XYZ (Y of a perfect white = 1) of a band-wise constant reflectance, before the sRGB matrix.
std::array<double, 3> bandXyz(const SpectrumD& reflectance);

/// How a least-slope curve keeps its reflectance positive (Burns' two published variants).
enum class ReflectanceBound {
    None,      ///< R = exp(z), "LLSS": R > 0 but may exceed 1 (saturated red reaches 2.75)
    BelowOne,  ///< R = (tanh(z) + 1) / 2, "LHTSS": 0 < R < 1, what Kubelka-Munk needs
};

/// Scott Burns' least-slope reflectance: among the curves R = rho(z) that project to `linearRgb`
/// (t * R == linearRgb), the one whose z has the least sum of squared differences between
/// adjacent bands. Solved by Newton's method on the Lagrangian, from a flat curve, to a residual
/// under 1e-13. Channels must be >= 0 and not all 0. With BelowOne a colour outside what curves
/// under 1 can reach (the object-colour solid of these bands) has no solution; white, on its
/// edge, converges to within 1e-13 of R = 1. An error names a colour with no solution or a solve
/// that does not converge.
Result<SpectrumD> leastSlopeReflectance(const SpectralProjection& t,
                                        const std::array<double, 3>& linearRgb,
                                        ReflectanceBound bound);

/// The curves colours are built from, and the projection back, in float.
struct SpectralBasis {
    enum Corner { White, Red, Green, Blue, Cyan, Magenta, Yellow, kCornerCount };
    /// Least-slope curves of white and the six sRGB cube corners; each projects (in double)
    /// exactly onto its corner, so any weighted sum of them projects onto the same sum of corners.
    std::array<Spectrum, kCornerCount> curves;
    /// bandProjection() rounded to float.
    std::array<Spectrum, 3> toLinearRgb;
    /// Y (luminance, white = 1) of linear sRGB red, green and blue: about 0.2126, 0.7152, 0.0722.
    std::array<float, 3> luminance;
};

/// Computed on first use (a few Newton solves, well under a millisecond); thread-safe. The
/// solves of the seven corners always succeed (a test checks it), so this cannot fail.
const SpectralBasis& spectralBasis();

}  // namespace signe::core
