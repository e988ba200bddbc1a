// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "core/color.h"
#include "core/result.h"
#include "core/spectral_basis.h"

namespace signe::core {

/// How two colours mix (docs/pigment-mixing.md derives each).
enum class MixModel {
    Pigment,        ///< Kubelka-Munk on 16-band reflectance spectra, paints scattering by
                    ///< lightness; a mix with white, grey or black keeps the colour's OKLab hue
    GeometricMean,  ///< weighted geometric mean of the same spectra (Burns): weaker, and dearer
    LinearRgb,      ///< a plain interpolation in linear light, the additive yardstick
};

/// "pigment", "geometric" or "rgb".
std::string_view mixModelName(MixModel model);
/// The inverse of mixModelName; anything else is an error naming the value.
Result<MixModel> parseMixModel(std::string_view name);

/// The reflectance given to a straight linear-light sRGB colour (channels clamped to 0..1, NaN
/// to 0): white * min(r, g, b) plus a secondary and a primary corner curve (for r >= g >= b,
/// yellow * (g - b) + red * (r - g)). It projects back onto the colour up to float rounding.
Spectrum spectrumOfLinearRgb(const std::array<float, 3>& rgb);

/// Linear sRGB of a reflectance spectrum, not clamped (a mix may lie slightly outside sRGB).
std::array<float, 3> linearRgbOfSpectrum(const Spectrum& reflectance);

/// The share of b's paint when `ratio` of b's colour is taken at alpha `alphaB` against
/// (1 - ratio) of a's at `alphaA`: a transparent side brings no paint. When both alphas are 0 the
/// ratio is kept, as it is when the alphas are equal. Exactly 0 and 1 at ratio 0 and 1.
float paintShare(float ratio, float alphaA, float alphaB);

/// Mixes rows of straight linear-light RGB pixels, 3 interleaved floats a pixel: pixel i of `out`
/// is pixel i of `a` mixed with pixel i of `b`, `ratio[i]` being b's share of paint (clamped to
/// 0..1; 0 gives a and 1 gives b exactly). Channels are clamped to 0..1 on the way in and out.
/// `a`, `b` and `out` hold 3 * ratio.size() floats; `out` may be `a` or `b` (mixing in place),
/// never a shifted view of them. Vectorised across pixels; the same bits on every processor.
void mixLinearRgbRow(MixModel model, std::span<const float> a, std::span<const float> b,
                     std::span<const float> ratio, std::span<float> out);

/// Mixes two straight sRGB-encoded colours, `ratio` being the share of `b` (0 gives `a`, 1 gives
/// `b`, exactly). Alpha mixes linearly; the colours mix with paintShare() of the ratio, so a
/// transparent colour lends no tint.
Color16 mixColors(const Color16& a, const Color16& b, float ratio, MixModel model);

}  // namespace signe::core
