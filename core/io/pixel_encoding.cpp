// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/pixel_encoding.h"

#include <algorithm>

#include "core/color.h"

namespace signe::core::io {

namespace {

/// Clamps to 0..1; NaN becomes 0 (a plain std::clamp would pass it on).
float unit(float v)
{
    return v >= 0.0f ? std::min(v, 1.0f) : 0.0f;
}

/// The straight colour of a premultiplied pixel (0 where alpha is 0) and its alpha, clamped.
struct Straight {
    float c[3];
    float a;
};
Straight unpremultiply(const float* p)
{
    const float a = unit(p[3]);
    const float inv = a > 0.0f ? 1.0f / a : 0.0f;
    return {{unit(p[0] * inv), unit(p[1] * inv), unit(p[2] * inv)}, a};
}

template <class T>
void toStraightInt(const float* src, T* dst, int pixels, float scale)
{
    for (int i = 0; i < pixels; ++i) {
        const Straight s = unpremultiply(src + i * 4);
        for (int ch = 0; ch < 3; ++ch) dst[i * 4 + ch] = T(s.c[ch] * scale + 0.5f);
        dst[i * 4 + 3] = T(s.a * scale + 0.5f);
    }
}

std::uint16_t code16(float v)
{
    return std::uint16_t(unit(v) * 65535.0f + 0.5f);
}

/// A straight sRGB code times a 16-bit alpha, rounded: the same rounding readPixelImage uses.
std::uint16_t premultiply16(std::uint32_t v, std::uint32_t a)
{
    return std::uint16_t((v * a + 32767) / 65535);
}

}  // namespace

void toStraight8(const float* src, std::uint8_t* dst, int pixels)
{
    toStraightInt(src, dst, pixels, 255.0f);
}

void toStraight16(const float* src, std::uint16_t* dst, int pixels)
{
    toStraightInt(src, dst, pixels, 65535.0f);
}

void toStraightFloat(const float* src, float* dst, int pixels)
{
    for (int i = 0; i < pixels; ++i) {
        const Straight s = unpremultiply(src + i * 4);
        for (int ch = 0; ch < 3; ++ch) dst[i * 4 + ch] = s.c[ch];
        dst[i * 4 + 3] = s.a;
    }
}

void toOpaqueOverWhite8(const float* src, std::uint8_t* dst, int pixels)
{
    // "Over" on premultiplied, sRGB-encoded values, as the compositor blends.
    for (int i = 0; i < pixels; ++i) {
        const float* p = src + i * 4;
        const float rest = 1.0f - unit(p[3]);
        for (int ch = 0; ch < 3; ++ch)
            dst[i * 3 + ch] = std::uint8_t(unit(p[ch] + rest) * 255.0f + 0.5f);
    }
}

void toLinearPremultiplied(const float* src, float* dst, int pixels)
{
    for (int i = 0; i < pixels; ++i) {
        const Straight s = unpremultiply(src + i * 4);
        for (int ch = 0; ch < 3; ++ch) dst[i * 4 + ch] = srgbToLinear(s.c[ch]) * s.a;
        dst[i * 4 + 3] = s.a;
    }
}

void toWebPWriterInput(const float* src, float* dst, int pixels)
{
    for (int i = 0; i < pixels; ++i) {
        const Straight s = unpremultiply(src + i * 4);
        for (int ch = 0; ch < 3; ++ch) dst[i * 4 + ch] = linearToSrgb(srgbToLinear(s.c[ch]) * s.a);
        dst[i * 4 + 3] = s.a;
    }
}

void toPixels(const std::uint16_t* src, const SourceLayout& layout, Pixel16* dst, int pixels)
{
    for (int i = 0; i < pixels; ++i) {
        const std::uint16_t* p = src + std::ptrdiff_t(i) * layout.channels;
        const std::uint32_t a = layout.alpha >= 0 ? p[layout.alpha] : 65535;
        const std::uint16_t rgb[3] = {p[0], layout.grey ? p[0] : p[1], layout.grey ? p[0] : p[2]};
        Pixel16& out = dst[i];
        std::uint16_t* c[3] = {&out.r, &out.g, &out.b};
        for (int ch = 0; ch < 3; ++ch)
            *c[ch] = layout.associated ? std::uint16_t(std::min<std::uint32_t>(rgb[ch], a))
                                       : premultiply16(rgb[ch], a);
        out.a = std::uint16_t(a);
    }
}

void toPixels(const float* src, const SourceLayout& layout, Pixel16* dst, int pixels)
{
    for (int i = 0; i < pixels; ++i) {
        const float* p = src + std::ptrdiff_t(i) * layout.channels;
        const float alpha = layout.alpha >= 0 ? unit(p[layout.alpha]) : 1.0f;
        const std::uint16_t a16 = code16(alpha);
        const float rgb[3] = {p[0], layout.grey ? p[0] : p[1], layout.grey ? p[0] : p[2]};
        Pixel16& out = dst[i];
        std::uint16_t* c[3] = {&out.r, &out.g, &out.b};
        for (int ch = 0; ch < 3; ++ch) {
            float v = rgb[ch];
            if (a16 == 0) {
                *c[ch] = 0;
                continue;
            }
            // To straight first: the encoding curve applies to colour, not to colour x alpha.
            if (layout.associated) v = alpha > 0.0f ? v / alpha : 0.0f;
            const std::uint16_t straight = layout.linear ? linearToSrgb16(unit(v)) : code16(v);
            *c[ch] = premultiply16(straight, a16);
        }
        out.a = a16;
    }
}

}  // namespace signe::core::io
