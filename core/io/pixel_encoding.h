// SPDX-License-Identifier: GPL-3.0-or-later
// Row conversions between Signe's pixels (premultiplied, sRGB-encoded) and what each file
// format stores. Private to core/io/.
#pragma once

#include <cstdint>

#include "core/tile.h"

namespace signe::core::io {

// --- Export: from the compositor's premultiplied, sRGB-encoded float RGBA (0..1). ---

/// Straight (unpremultiplied) RGBA, clamped to 0..1 and rounded to 8 or 16-bit codes: PNG,
/// TIFF. A fully transparent pixel becomes all zeros.
void toStraight8(const float* src, std::uint8_t* dst, int pixels);
void toStraight16(const float* src, std::uint16_t* dst, int pixels);
/// Straight RGBA as floats clamped to 0..1, still sRGB-encoded: 32-bit float TIFF.
void toStraightFloat(const float* src, float* dst, int pixels);
/// RGB without alpha: the pixel over opaque white (what is still transparent after the
/// background shows white), 8-bit: JPEG.
void toOpaqueOverWhite8(const float* src, std::uint8_t* dst, int pixels);
/// Premultiplied RGBA in linear light (the colour decoded from sRGB, then times alpha):
/// OpenEXR's convention.
void toLinearPremultiplied(const float* src, float* dst, int pixels);
/// What OpenImageIO 2.4's WebP writer must be handed so that the file holds straight,
/// sRGB-encoded colour: it takes every RGBA as premultiplied *in linear light* and divides
/// it out (ignoring oiio:UnassociatedAlpha), so we hand it the colour premultiplied in linear
/// light and sRGB-encoded, and it recovers the straight colour.
void toWebPWriterInput(const float* src, float* dst, int pixels);

// --- Import: from a file's samples to layer pixels. ---

/// How a file's samples are laid out and what they mean.
struct SourceLayout {
    int channels = 0;         ///< samples a pixel
    int alpha = -1;           ///< alpha channel index, -1 when opaque
    bool grey = false;        ///< one colour channel, used for R, G and B
    bool associated = false;  ///< colour already multiplied by alpha
    bool linear = false;      ///< linear light (else sRGB-encoded)
};

/// Integer samples (any bit depth read as 16-bit codes), sRGB-encoded, straight or associated.
void toPixels(const std::uint16_t* src, const SourceLayout& layout, Pixel16* dst, int pixels);
/// Float samples, sRGB-encoded or linear, straight or associated. Values outside 0..1 (HDR
/// highlights, negative noise) are clamped; NaN counts as 0.
void toPixels(const float* src, const SourceLayout& layout, Pixel16* dst, int pixels);

}  // namespace signe::core::io
