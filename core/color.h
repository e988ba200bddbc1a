// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace signe::core {

/// A straight (not premultiplied) sRGB-encoded colour at 16 bits a channel.
struct Color16 {
    std::uint16_t r = 0, g = 0, b = 0, a = 65535;
    friend bool operator==(const Color16&, const Color16&) = default;
};

/// Exact sRGB transfer functions (IEC 61966-2-1), on 0..1 values.
float srgbToLinear(float encoded);
float linearToSrgb(float linear);
/// The same in double, unclamped, for building tables: each float made from them is the exact
/// value rounded once.
double srgbToLinearExact(double encoded);
double linearToSrgbExact(double linear);

/// Table-driven conversions for the hot paths. Each agrees with the exact function rounded to the
/// target precision (tests check every 8-bit and 16-bit code).
float srgb8ToLinear(std::uint8_t encoded);
float srgb16ToLinear(std::uint16_t encoded);
std::uint8_t linearToSrgb8(float linear);     ///< clamps to 0..1 first
std::uint16_t linearToSrgb16(float linear);   ///< clamps to 0..1 first

/// Parses "#rgb", "#rrggbb", "#rrggbbaa" (hex, case-insensitive). Anything else ("#12345",
/// "blue-ish") is an error naming the value.
Result<Color16> parseColor(std::string_view text);

/// "#rrggbb", or "#rrggbbaa" when alpha is not opaque (8-bit rounding).
std::string formatColor(const Color16& color);

}  // namespace signe::core
