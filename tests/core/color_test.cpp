// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/color.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace signe::core {
namespace {

// IEC 61966-2-1, written out again here in double so the tests do not trust the code under test.
double refToLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double refToSrgb(double l)
{
    return l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
}

// What linearToSrgb8/16 promise: the exact curve on the clamped input, scaled, rounded.
long refCode(float linear, int max)
{
    const double x = linear > 0.0f ? (linear < 1.0f ? double(linear) : 1.0) : 0.0;
    return std::lround(refToSrgb(x) * max);
}

// True when `got` is `want` rounded to float: within half a float ulp of the double value.
bool isFloatRounding(float got, double want)
{
    return std::fabs(double(got) - want) <= std::fabs(want) * 0x1p-24 + 0x1p-149;
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(Color, TransferFunctionsAtKnownPoints)
{
    EXPECT_EQ(srgbToLinear(0.0f), 0.0f);
    EXPECT_EQ(srgbToLinear(1.0f), 1.0f);
    EXPECT_EQ(linearToSrgb(0.0f), 0.0f);
    EXPECT_EQ(linearToSrgb(1.0f), 1.0f);
    // ((0.5+0.055)/1.055)^2.4 = 0.214041140
    EXPECT_NEAR(srgbToLinear(0.5f), 0.21404114f, 1e-7f);
    // 1.055 * 0.5^(1/2.4) - 0.055 = 0.735356983
    EXPECT_NEAR(linearToSrgb(0.5f), 0.73535698f, 1e-7f);
    // Middle grey 0.18 encodes to 0.461356.
    EXPECT_NEAR(linearToSrgb(0.18f), 0.46135613f, 1e-7f);
}

TEST(Color, TransferFunctionsAreExactNearTheirBreakpoints)
{
    // 0.04045f is 0.0404499993, just below the breakpoint, so the linear piece applies:
    // 0.04045 / 12.92 = 0.0031308050.
    float c = 0.04045f;
    for (int i = 0; i < 4; ++i) c = std::nextafter(c, 0.0f);
    for (int i = 0; i < 9; ++i, c = std::nextafter(c, 1.0f)) {
        EXPECT_TRUE(isFloatRounding(srgbToLinear(c), refToLinear(c))) << c;
    }
    EXPECT_NEAR(srgbToLinear(0.04045f), 0.0031308050f, 1e-9f);
    float l = 0.0031308f;
    for (int i = 0; i < 4; ++i) l = std::nextafter(l, 0.0f);
    for (int i = 0; i < 9; ++i, l = std::nextafter(l, 1.0f)) {
        EXPECT_TRUE(isFloatRounding(linearToSrgb(l), refToSrgb(l))) << l;
    }
    // 0.0031308f is 0.00313080009, just above the breakpoint, so the power piece applies:
    // 1.055 * x^(1/2.4) - 0.055 = 0.0404499086. (The linear piece would give 0.0404499372: the
    // standard's pieces miss each other by 3e-8.)
    EXPECT_NEAR(linearToSrgb(0.0031308f), 0.0404499086f, 4e-9f);
    // The curve is continuous enough that neighbouring floats stay neighbours.
    EXPECT_NEAR(srgbToLinear(std::nextafter(0.04045f, 1.0f)), srgbToLinear(0.04045f), 1e-8f);
    EXPECT_NEAR(linearToSrgb(std::nextafter(0.0031308f, 1.0f)), linearToSrgb(0.0031308f), 1e-7f);
}

TEST(Color, TransferFunctionsClampAndMapNaNToZero)
{
    for (float v : {-0.5f, -kInf, -1e-30f, kNaN}) {
        EXPECT_EQ(srgbToLinear(v), 0.0f) << v;
        EXPECT_EQ(linearToSrgb(v), 0.0f) << v;
    }
    for (float v : {1.5f, kInf, std::nextafter(1.0f, 2.0f)}) {
        EXPECT_EQ(srgbToLinear(v), 1.0f) << v;
        EXPECT_EQ(linearToSrgb(v), 1.0f) << v;
    }
}

TEST(Color, Srgb8TableIsTheExactFunction)
{
    for (int c = 0; c < 256; ++c) {
        ASSERT_TRUE(isFloatRounding(srgb8ToLinear(std::uint8_t(c)), refToLinear(c / 255.0)))
            << "code " << c;
    }
}

TEST(Color, Srgb16TableIsTheExactFunction)
{
    for (int c = 0; c < 65536; ++c) {
        ASSERT_TRUE(isFloatRounding(srgb16ToLinear(std::uint16_t(c)), refToLinear(c / 65535.0)))
            << "code " << c;
    }
}

TEST(Color, Every8BitCodeRoundTrips)
{
    for (int c = 0; c < 256; ++c) {
        ASSERT_EQ(linearToSrgb8(srgb8ToLinear(std::uint8_t(c))), c);
    }
}

TEST(Color, Every16BitCodeRoundTrips)
{
    for (int c = 0; c < 65536; ++c) {
        ASSERT_EQ(linearToSrgb16(srgb16ToLinear(std::uint16_t(c))), c);
    }
}

TEST(Color, LinearToSrgbCodesAreTheRoundedExactCurveAtEveryBoundary)
{
    // Where a table and correction could go wrong is next to the value where the rounded code
    // changes: check a few floats either side of each of those values, for both depths.
    for (int max : {255, 65535}) {
        for (int c = 1; c <= max; ++c) {
            float x = float(refToLinear((c - 0.5) / max));
            for (int i = 0; i < 3; ++i) x = std::nextafter(x, 0.0f);
            for (int i = 0; i < 7; ++i, x = std::nextafter(x, 1.0f)) {
                const long want = refCode(x, max);
                const long got = max == 255 ? linearToSrgb8(x) : linearToSrgb16(x);
                ASSERT_EQ(got, want) << "x " << x << " near code " << c << " of " << max;
            }
        }
    }
}

TEST(Color, LinearToSrgbCodesAreTheRoundedExactCurveAcrossTheRange)
{
    // About a million floats spread over [0, 1] by bit pattern, so tiny values get their share.
    const std::uint32_t one = std::bit_cast<std::uint32_t>(1.0f);
    for (std::uint32_t bits = 0; bits <= one; bits += 997) {
        const float x = std::bit_cast<float>(bits);
        ASSERT_EQ(linearToSrgb8(x), refCode(x, 255)) << x;
        ASSERT_EQ(linearToSrgb16(x), refCode(x, 65535)) << x;
    }
}

TEST(Color, LinearToSrgbCodesClamp)
{
    for (float v : {0.0f, -0.0f, -0.25f, -kInf, kNaN, 1e-30f, 0x1p-149f}) {
        EXPECT_EQ(linearToSrgb8(v), 0) << v;
        EXPECT_EQ(linearToSrgb16(v), 0) << v;
    }
    for (float v : {1.0f, 1.0001f, 7.0f, kInf}) {
        EXPECT_EQ(linearToSrgb8(v), 255) << v;
        EXPECT_EQ(linearToSrgb16(v), 65535) << v;
    }
    // Just below 1 still rounds to the top code.
    EXPECT_EQ(linearToSrgb16(std::nextafter(1.0f, 0.0f)), 65535);
    // Middle grey: 0.461356 * 255 = 117.65 -> 118; * 65535 = 30235.0 -> 30235.
    EXPECT_EQ(linearToSrgb8(0.18f), 118);
    EXPECT_EQ(linearToSrgb16(0.18f), refCode(0.18f, 65535));
}

TEST(Color, ParseColorForms)
{
    // #rgb: each digit d is the 8-bit value d*17, then *257 to 16 bits.
    auto short3 = parseColor("#f80");
    ASSERT_TRUE(short3.has_value()) << short3.error().message;
    EXPECT_EQ(*short3, (Color16{65535, 0x88 * 257, 0, 65535}));

    auto long6 = parseColor("#1a2B3c");
    ASSERT_TRUE(long6.has_value());
    EXPECT_EQ(*long6, (Color16{0x1a * 257, 0x2b * 257, 0x3c * 257, 65535}));

    auto long8 = parseColor("#11223344");
    ASSERT_TRUE(long8.has_value());
    EXPECT_EQ(*long8, (Color16{0x1111, 0x2222, 0x3333, 0x4444}));

    auto upper = parseColor("#ABCDEF");
    ASSERT_TRUE(upper.has_value());
    EXPECT_EQ(*upper, (Color16{0xabab, 0xcdcd, 0xefef, 65535}));

    EXPECT_EQ(parseColor("#000"), (Color16{0, 0, 0, 65535}));
    EXPECT_EQ(parseColor("#ffffff00"), (Color16{65535, 65535, 65535, 0}));
}

TEST(Color, ParseColorErrorsNameTheValue)
{
    for (const char* bad : {"#12345", "blue-ish", "", "#", "#gggggg", "#1234", "123456", " #123456",
                            "#123456 ", "#12345g", "#1234567", "#123456789", "##12345"}) {
        SCOPED_TRACE(bad);
        auto parsed = parseColor(bad);
        ASSERT_FALSE(parsed.has_value());
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(parsed.error().message, "malformed colour '" + std::string(bad) +
                                              "': expected #rgb, #rrggbb or #rrggbbaa");
    }
}

TEST(Color, FormatColor)
{
    EXPECT_EQ(formatColor({0x1a1a, 0x2b2b, 0x3c3c, 65535}), "#1a2b3c");
    EXPECT_EQ(formatColor({0x1111, 0x2222, 0x3333, 0x4444}), "#11223344");
    EXPECT_EQ(formatColor({0, 0, 0, 0}), "#00000000");
    EXPECT_EQ(formatColor({65535, 65535, 65535, 65535}), "#ffffff");
    // Rounding v/257: 0x12*257 + 128 is 18.498 -> 0x12, + 129 is 18.502 -> 0x13.
    EXPECT_EQ(formatColor({0x12 * 257 + 128, 0x12 * 257 + 129, 0, 65535}), "#121300");
    // Alpha 65500 is 254.86 -> 255: opaque at 8 bits, so no alpha digits.
    EXPECT_EQ(formatColor({0, 0, 0, 65500}), "#000000");
    // 254.5 * 257 = 65406.5: alpha 65406 rounds down to 254, 65407 up to 255.
    EXPECT_EQ(formatColor({0, 0, 0, 65406}), "#000000fe");
    EXPECT_EQ(formatColor({0, 0, 0, 65407}), "#000000");
}

TEST(Color, FormatParseRoundTripForEvery8BitValue)
{
    constexpr char kHex[] = "0123456789abcdef";
    for (int v = 0; v < 256; ++v) {
        const std::string hh = {kHex[v >> 4], kHex[v & 15]};
        const std::string text = "#" + hh + hh + hh + (v == 255 ? "" : hh);
        auto parsed = parseColor(text);
        ASSERT_TRUE(parsed.has_value()) << text;
        EXPECT_EQ(formatColor(*parsed), text);
    }
}

}  // namespace
}  // namespace signe::core
