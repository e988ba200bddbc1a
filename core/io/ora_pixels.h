// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "core/tile.h"

namespace signe::core::ora {

/// Premultiplied Pixel16 -> straight 16-bit RGBA, as PNG stores it: each colour channel is
/// round(c * 65535 / a), integer arithmetic. A transparent pixel becomes (0, 0, 0, 0).
///
/// Exact both ways: for every stored pixel with c <= a (the premultiplied invariant),
/// premultiplyRow16(unpremultiplyRow16(p)) == p. The straight value s is within 1/2 of
/// c * 65535 / a; scaled back by a / 65535 it lands within a / 131070 < 1/2 of c, and
/// rounding returns c. (Checked over all 2^31 pairs once; OpenRaster.PremultiplyRoundTripIsExact
/// walks every alpha up to 600 and a stride of the rest.)
/// A channel above its alpha (which no Signe operation writes) is clamped to 65535.
inline void unpremultiplyRow16(const Pixel16* src, std::uint16_t* dst, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        const Pixel16 p = src[i];
        const std::uint32_t a = p.a;
        std::uint16_t* o = dst + i * 4;
        if (a == 65535u) {  // opaque paint, the common case: straight equals premultiplied
            o[0] = p.r, o[1] = p.g, o[2] = p.b, o[3] = 65535u;
            continue;
        }
        // floor((c * 65535 + a / 2) / a) in double: the numerator is below 2^32, exact, and
        // a quotient that is not an integer lies at least 1/a (2^-16) below the next one, far
        // more than double's rounding (2^-53 relative), so floor() gives the integer result.
        // Several times faster than three 32-bit integer divisions.
        const double da = double(a == 0 ? 1u : a);
        const double half = double(a / 2);
        auto straight = [&](std::uint32_t c) -> std::uint16_t {
            const double s = std::floor((double(c) * 65535.0 + half) / da);
            return a == 0 ? 0 : std::uint16_t(s > 65535.0 ? 65535.0 : s);
        };
        o[0] = straight(p.r);
        o[1] = straight(p.g);
        o[2] = straight(p.b);
        o[3] = std::uint16_t(a);
    }
}

/// Straight 16-bit samples -> premultiplied Pixel16: c = round(s * a / 65535). `channels` is
/// 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA); without alpha the pixel is opaque.
inline void premultiplyRow16(const std::uint16_t* src, int channels, Pixel16* dst,
                             std::size_t count)
{
    const bool grey = channels < 3;
    const bool hasAlpha = channels == 2 || channels == 4;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint16_t* s = src + i * std::size_t(channels);
        const std::uint32_t a = hasAlpha ? s[channels - 1] : 65535u;
        auto premultiplied = [a](std::uint32_t v) {
            return std::uint16_t((v * a + 32767u) / 65535u);
        };
        dst[i] = {premultiplied(s[0]), premultiplied(grey ? s[0] : s[1]),
                  premultiplied(grey ? s[0] : s[2]), std::uint16_t(a)};
    }
}

}  // namespace signe::core::ora
