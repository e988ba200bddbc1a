// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace signe::core {

/// The OpenRaster / W3C Compositing and Blending Level 1 set, applied to sRGB-encoded values.
enum class BlendMode : std::uint8_t {
    Normal,  // src-over
    Multiply,
    Screen,
    Overlay,
    Darken,
    Lighten,
    ColorDodge,
    ColorBurn,
    HardLight,
    SoftLight,
    Difference,
    Exclusion,
    Hue,
    Saturation,
    Color,
    Luminosity,
    Plus,  // addition, clamped
    DstIn,
    DstOut,
    SrcAtop,
    DstAtop,
};
inline constexpr int kBlendModeCount = 21;

/// The OpenRaster composite-op name ("svg:src-over", "svg:multiply", ..., "svg:plus", "svg:dst-in").
std::string_view blendModeName(BlendMode mode);

/// Accepts OpenRaster names ("svg:multiply") and bare names ("multiply", "normal", "src-over",
/// "color-dodge", "addition"...), case-insensitive. Unknown names are an error naming the value.
Result<BlendMode> parseBlendMode(std::string_view name);

/// True for modes whose result differs from the backdrop where the source is fully transparent
/// (dst-in and dst-atop clear the backdrop there): the compositor cannot skip empty source tiles.
bool blendModeAffectsOutsideSource(BlendMode mode);

/// One premultiplied pixel, sRGB-encoded channels, each 0..1.
struct PixelF {
    float r = 0, g = 0, b = 0, a = 0;
};

/// Composites `src` (premultiplied) over the backdrop `dst` (premultiplied) with `mode`, after
/// scaling src by `opacity` (0..1). W3C: co = cs(1-ab) + cb(1-as) + as*ab*B(Cb,Cs),
/// ao = as + ab(1-as), with B on unpremultiplied values; Porter-Duff operators per their table.
PixelF blendPixel(BlendMode mode, PixelF src, PixelF dst, float opacity);

/// Row form used by the compositor: `src` is `count` premultiplied RGBA16 pixels (0..65535),
/// `dst` is `count` premultiplied RGBA float pixels (0..1) updated in place.
/// Normal mode takes a loop written so the compiler vectorises it.
void blendRow16(BlendMode mode, const std::uint16_t* src, float* dst, int count, float opacity);

/// Row form for group results: both sides premultiplied RGBA float.
void blendRowF(BlendMode mode, const float* src, float* dst, int count, float opacity);

}  // namespace signe::core
