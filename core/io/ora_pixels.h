// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
        auto straight = [a](std::uint32_t c) -> std::uint16_t {
            if (a == 0) return 0;
            const std::uint32_t s = (c * 65535u + a / 2) / a;
            return std::uint16_t(s > 65535u ? 65535u : s);
        };
        dst[i * 4 + 0] = straight(p.r);
        dst[i * 4 + 1] = straight(p.g);
        dst[i * 4 + 2] = straight(p.b);
        dst[i * 4 + 3] = std::uint16_t(a);
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
