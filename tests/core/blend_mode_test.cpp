// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/blend_mode.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace signe::core {
namespace {

constexpr float kTol = 1e-5f;

PixelF premul(float r, float g, float b, float a)
{
    return {r * a, g * a, b * a, a};
}

void expectPixelNear(PixelF got, PixelF want, float tol = kTol)
{
    EXPECT_NEAR(got.r, want.r, tol);
    EXPECT_NEAR(got.g, want.g, tol);
    EXPECT_NEAR(got.b, want.b, tol);
    EXPECT_NEAR(got.a, want.a, tol);
}

// The failing line inside expectPixelNear says little; the trace names the call.
#define EXPECT_PIXEL_NEAR(got, want)    \
    do {                                \
        SCOPED_TRACE(#got);             \
        expectPixelNear((got), (want)); \
    } while (0)

std::vector<BlendMode> allModes()
{
    std::vector<BlendMode> modes;
    for (int i = 0; i < kBlendModeCount; ++i) modes.push_back(static_cast<BlendMode>(i));
    return modes;
}

// The shared case for the W3C modes: partial alpha on both sides.
//   source   Cs = (0.6, 0.2, 0.8), as = 0.5  -> cs = (0.3, 0.1, 0.4)
//   backdrop Cb = (0.5, 0.4, 0.1), ab = 0.8  -> cb = (0.4, 0.32, 0.08)
// co = cs(1-ab) + cb(1-as) + as*ab*B = 0.2cs + 0.5cb + 0.4B, so per channel
//   r: 0.06 + 0.2   = 0.26 + 0.4B
//   g: 0.02 + 0.16  = 0.18 + 0.4B
//   b: 0.08 + 0.04  = 0.12 + 0.4B
// ao = as + ab(1-as) = 0.5 + 0.4 = 0.9.
const PixelF kSrc = premul(0.6f, 0.2f, 0.8f, 0.5f);
const PixelF kDst = premul(0.5f, 0.4f, 0.1f, 0.8f);

PixelF sharedCase(BlendMode mode)
{
    return blendPixel(mode, kSrc, kDst, 1.0f);
}

// Both sides opaque: co = B(Cb, Cs), ao = 1. Used to reach branches the shared case misses.
PixelF opaque(BlendMode mode, float cs, float cb)
{
    return blendPixel(mode, {cs, cs, cs, 1.0f}, {cb, cb, cb, 1.0f}, 1.0f);
}

TEST(BlendMode, NormalIsSourceOver)
{
    // B = Cs = (0.6, 0.2, 0.8): r 0.26+0.24 = 0.5, g 0.18+0.08 = 0.26, b 0.12+0.32 = 0.44.
    // Same as cs + cb(1-as): r 0.3 + 0.4*0.5 = 0.5.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Normal), (PixelF{0.5f, 0.26f, 0.44f, 0.9f}));
}

TEST(BlendMode, Multiply)
{
    // B = Cb*Cs = (0.3, 0.08, 0.08): r 0.26+0.12, g 0.18+0.032, b 0.12+0.032.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Multiply), (PixelF{0.38f, 0.212f, 0.152f, 0.9f}));
}

TEST(BlendMode, Screen)
{
    // B = Cb+Cs-CbCs: r 1.1-0.3 = 0.8, g 0.6-0.08 = 0.52, b 0.9-0.08 = 0.82
    // co: r 0.26+0.32, g 0.18+0.208, b 0.12+0.328.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Screen), (PixelF{0.58f, 0.388f, 0.448f, 0.9f}));
}

TEST(BlendMode, Overlay)
{
    // Overlay(Cb, Cs) = HardLight(Cs, Cb): Cb <= 0.5 -> Cs*2Cb.
    // r: Cb 0.5 -> 0.6*1.0 = 0.6; g: 0.2*0.8 = 0.16; b: 0.8*0.2 = 0.16
    // co: r 0.26+0.24, g 0.18+0.064, b 0.12+0.064.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Overlay), (PixelF{0.5f, 0.244f, 0.184f, 0.9f}));
    // Cb > 0.5 -> Screen(Cs, 2Cb-1): Cb 0.7, Cs 0.4 -> 0.4 + 0.4 - 0.16 = 0.64.
    EXPECT_PIXEL_NEAR(opaque(BlendMode::Overlay, 0.4f, 0.7f), (PixelF{0.64f, 0.64f, 0.64f, 1}));
}

TEST(BlendMode, Darken)
{
    // B = min: (0.5, 0.2, 0.1) -> r 0.26+0.2, g 0.18+0.08, b 0.12+0.04.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Darken), (PixelF{0.46f, 0.26f, 0.16f, 0.9f}));
}

TEST(BlendMode, Lighten)
{
    // B = max: (0.6, 0.4, 0.8) -> r 0.26+0.24, g 0.18+0.16, b 0.12+0.32.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Lighten), (PixelF{0.5f, 0.34f, 0.44f, 0.9f}));
}

TEST(BlendMode, ColorDodge)
{
    // B = min(1, Cb/(1-Cs)): r 0.5/0.4 = 1.25 -> 1, g 0.4/0.8 = 0.5, b 0.1/0.2 = 0.5
    // co: r 0.26+0.4, g 0.18+0.2, b 0.12+0.2.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::ColorDodge), (PixelF{0.66f, 0.38f, 0.32f, 0.9f}));
    // Cb == 0 -> 0 even when Cs == 1; Cs == 1 (and Cb > 0) -> 1.
    EXPECT_PIXEL_NEAR(opaque(BlendMode::ColorDodge, 1.0f, 0.0f), (PixelF{0, 0, 0, 1}));
    EXPECT_PIXEL_NEAR(opaque(BlendMode::ColorDodge, 1.0f, 0.3f), (PixelF{1, 1, 1, 1}));
}

TEST(BlendMode, ColorBurn)
{
    // B = 1 - min(1, (1-Cb)/Cs): r 1 - 0.5/0.6 = 1/6, g 1 - min(1, 0.6/0.2) = 0,
    // b 1 - min(1, 0.9/0.8) = 0. co: r 0.26 + 0.4/6 = 0.326667, g 0.18, b 0.12.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::ColorBurn), (PixelF{0.3266667f, 0.18f, 0.12f, 0.9f}));
    // Cb == 1 -> 1 even when Cs == 0; Cs == 0 (and Cb < 1) -> 0.
    EXPECT_PIXEL_NEAR(opaque(BlendMode::ColorBurn, 0.0f, 1.0f), (PixelF{1, 1, 1, 1}));
    EXPECT_PIXEL_NEAR(opaque(BlendMode::ColorBurn, 0.0f, 0.7f), (PixelF{0, 0, 0, 1}));
}

TEST(BlendMode, HardLight)
{
    // Cs <= 0.5 -> Cb*2Cs; else Screen(Cb, 2Cs-1).
    // r: Cs 0.6 -> Screen(0.5, 0.2) = 0.7 - 0.1 = 0.6; g: 0.4*0.4 = 0.16;
    // b: Cs 0.8 -> Screen(0.1, 0.6) = 0.7 - 0.06 = 0.64
    // co: r 0.26+0.24, g 0.18+0.064, b 0.12+0.256.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::HardLight), (PixelF{0.5f, 0.244f, 0.376f, 0.9f}));
}

TEST(BlendMode, SoftLight)
{
    // r: Cs 0.6 > 0.5, Cb 0.5 > 0.25 -> D = sqrt(0.5) = 0.70710678
    //    B = 0.5 + 0.2*(0.70710678-0.5) = 0.54142136 -> co 0.26 + 0.21656854 = 0.47656854
    // g: Cs 0.2 <= 0.5 -> B = 0.4 - 0.6*0.4*0.6 = 0.256 -> co 0.18 + 0.1024 = 0.2824
    // b: Cs 0.8, Cb 0.1 <= 0.25 -> D = ((1.6-12)*0.1 + 4)*0.1 = 0.296
    //    B = 0.1 + 0.6*(0.296-0.1) = 0.2176 -> co 0.12 + 0.08704 = 0.20704
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::SoftLight),
                      (PixelF{0.47656854f, 0.2824f, 0.20704f, 0.9f}));
}

TEST(BlendMode, Difference)
{
    // B = |Cb-Cs| = (0.1, 0.2, 0.7) -> r 0.26+0.04, g 0.18+0.08, b 0.12+0.28.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Difference), (PixelF{0.3f, 0.26f, 0.4f, 0.9f}));
}

TEST(BlendMode, Exclusion)
{
    // B = Cb+Cs-2CbCs: r 1.1-0.6 = 0.5, g 0.6-0.16 = 0.44, b 0.9-0.16 = 0.74
    // co: r 0.26+0.2, g 0.18+0.176, b 0.12+0.296.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Exclusion), (PixelF{0.46f, 0.356f, 0.416f, 0.9f}));
}

// Non-separable modes. Lum(Cs) = 0.18+0.118+0.088 = 0.386, Lum(Cb) = 0.15+0.236+0.011 = 0.397,
// Sat(Cs) = 0.8-0.2 = 0.6, Sat(Cb) = 0.5-0.1 = 0.4.

TEST(BlendMode, Hue)
{
    // SetSat(Cs, 0.4): max b, mid r, min g -> r (0.6-0.2)*0.4/0.6 = 0.266667, g 0, b 0.4.
    // Its Lum = 0.08 + 0.044 = 0.124; SetLum adds 0.397-0.124 = 0.273:
    // B = (0.539667, 0.273, 0.673), inside 0..1 so ClipColor keeps it.
    // co: r 0.26+0.215867, g 0.18+0.1092, b 0.12+0.2692.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Hue), (PixelF{0.4758667f, 0.2892f, 0.3892f, 0.9f}));
    // A grey source has no hue: SetSat gives (0,0,0), SetLum makes it grey at Lum(Cb) = 0.397.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::Hue, {0.5f, 0.5f, 0.5f, 1}, {0.5f, 0.4f, 0.1f, 1}, 1),
                      (PixelF{0.397f, 0.397f, 0.397f, 1}));
}

TEST(BlendMode, Saturation)
{
    // SetSat(Cb, 0.6): max r, mid g, min b -> g (0.4-0.1)*0.6/0.4 = 0.45: (0.6, 0.45, 0).
    // Lum = 0.18+0.2655 = 0.4455; SetLum adds 0.397-0.4455 = -0.0485: (0.5515, 0.4015, -0.0485).
    // ClipColor, min < 0: C = L + (C-L)*L/(L-n) with L 0.397, factor 0.397/0.4455 = 0.891134
    //   r 0.397 + 0.1545*0.891134 = 0.534680, g 0.397 + 0.0045*0.891134 = 0.401010, b 0.
    // co: r 0.26+0.213872, g 0.18+0.160404, b 0.12.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Saturation),
                      (PixelF{0.4738721f, 0.3404040f, 0.12f, 0.9f}));
}

TEST(BlendMode, Color)
{
    // SetLum(Cs, 0.397) adds 0.011: B = (0.611, 0.211, 0.811).
    // co: r 0.26+0.2444, g 0.18+0.0844, b 0.12+0.3244.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Color), (PixelF{0.5044f, 0.2644f, 0.4444f, 0.9f}));
    // ClipColor, max > 1: Cs (1,0,0) has Lum 0.3, Cb grey 0.9: +0.6 -> (1.6, 0.6, 0.6);
    // C = L + (C-L)*(1-L)/(x-L) = 0.9 + (C-0.9)*0.1/0.7 -> (1, 0.857143, 0.857143).
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::Color, {1, 0, 0, 1}, {0.9f, 0.9f, 0.9f, 1}, 1),
                      (PixelF{1.0f, 0.8571429f, 0.8571429f, 1}));
}

TEST(BlendMode, Luminosity)
{
    // SetLum(Cb, 0.386) adds -0.011: B = (0.489, 0.389, 0.089).
    // co: r 0.26+0.1956, g 0.18+0.1556, b 0.12+0.0356.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Luminosity), (PixelF{0.4556f, 0.3356f, 0.1556f, 0.9f}));
}

TEST(BlendMode, Plus)
{
    // co = min(1, cs+cb): (0.3+0.4, 0.1+0.32, 0.4+0.08); ao = min(1, 0.5+0.8) = 1.
    EXPECT_PIXEL_NEAR(sharedCase(BlendMode::Plus), (PixelF{0.7f, 0.42f, 0.48f, 1.0f}));
    // 0.6 + 0.5 clamps to 1.
    EXPECT_PIXEL_NEAR(opaque(BlendMode::Plus, 0.6f, 0.5f), (PixelF{1, 1, 1, 1}));
    // Partial alphas that do not saturate: 0.1+0.2 colour, 0.25+0.5 alpha.
    EXPECT_PIXEL_NEAR(
        blendPixel(BlendMode::Plus, {0.1f, 0.1f, 0.1f, 0.25f}, {0.2f, 0.2f, 0.2f, 0.5f}, 1),
        (PixelF{0.3f, 0.3f, 0.3f, 0.75f}));
}

// Porter-Duff operators use as = 0.25 so in and out give different numbers:
//   cs = 0.25*(0.6, 0.2, 0.8) = (0.15, 0.05, 0.2); backdrop as above, cb = (0.4, 0.32, 0.08).
const PixelF kQuarterSrc = premul(0.6f, 0.2f, 0.8f, 0.25f);

TEST(BlendMode, DstIn)
{
    // co = cb*as = (0.1, 0.08, 0.02); ao = ab*as = 0.2.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::DstIn, kQuarterSrc, kDst, 1),
                      (PixelF{0.1f, 0.08f, 0.02f, 0.2f}));
}

TEST(BlendMode, DstOut)
{
    // co = cb*(1-as) = cb*0.75 = (0.3, 0.24, 0.06); ao = 0.8*0.75 = 0.6.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::DstOut, kQuarterSrc, kDst, 1),
                      (PixelF{0.3f, 0.24f, 0.06f, 0.6f}));
}

TEST(BlendMode, SrcAtop)
{
    // co = cs*ab + cb*(1-as) = (0.12, 0.04, 0.16) + (0.3, 0.24, 0.06); ao = ab = 0.8.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::SrcAtop, kQuarterSrc, kDst, 1),
                      (PixelF{0.42f, 0.28f, 0.22f, 0.8f}));
}

TEST(BlendMode, DstAtop)
{
    // co = cs*(1-ab) + cb*as = (0.03, 0.01, 0.04) + (0.1, 0.08, 0.02); ao = as = 0.25.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::DstAtop, kQuarterSrc, kDst, 1),
                      (PixelF{0.13f, 0.09f, 0.06f, 0.25f}));
}

TEST(BlendMode, TransparentSourceKeepsBackdropUnlessModeAffectsOutside)
{
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        const PixelF out = blendPixel(mode, PixelF{}, kDst, 1.0f);
        // W3C: co = 0 + cb*1 + 0; dst-in and dst-atop take the source alpha, which is 0.
        expectPixelNear(out, blendModeAffectsOutsideSource(mode) ? PixelF{} : kDst);
    }
}

TEST(BlendMode, TransparentBackdropGivesSourceOrNothing)
{
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        const PixelF out = blendPixel(mode, kSrc, PixelF{}, 1.0f);
        // W3C: co = cs*1 + 0 + 0, ao = as. dst-in/dst-out keep only backdrop (none), src-atop
        // takes the backdrop's alpha (0); dst-atop gives cs*(1-0) with ao = as.
        const bool empty =
            mode == BlendMode::DstIn || mode == BlendMode::DstOut || mode == BlendMode::SrcAtop;
        expectPixelNear(out, empty ? PixelF{} : kSrc);
    }
}

TEST(BlendMode, BothTransparentGivesTransparent)
{
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        expectPixelNear(blendPixel(mode, PixelF{}, PixelF{}, 1.0f), PixelF{});
    }
}

TEST(BlendMode, OpacityScalesSourceFirst)
{
    // An opaque source at opacity 0.5 is the shared case's source (as = 0.5): multiply gives
    // the same (0.38, 0.212, 0.152, 0.9).
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::Multiply, premul(0.6f, 0.2f, 0.8f, 1.0f), kDst, 0.5f),
                      (PixelF{0.38f, 0.212f, 0.152f, 0.9f}));
    // Normal at opacity 0.25 over kDst: cs = (0.15, 0.05, 0.2), as = 0.25,
    // co = cs + cb*0.75 = (0.15+0.3, 0.05+0.24, 0.2+0.06), ao = 0.25 + 0.6.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::Normal, premul(0.6f, 0.2f, 0.8f, 1), kDst, 0.25f),
                      (PixelF{0.45f, 0.29f, 0.26f, 0.85f}));
    // dst-in scales the backdrop by the scaled alpha: opaque source at 0.5 -> cb*0.5.
    EXPECT_PIXEL_NEAR(blendPixel(BlendMode::DstIn, {1, 1, 1, 1}, kDst, 0.5f),
                      (PixelF{0.2f, 0.16f, 0.04f, 0.4f}));
    // Opacity 0 leaves the backdrop for every mode that does not reach outside the source.
    for (BlendMode mode : allModes()) {
        if (blendModeAffectsOutsideSource(mode)) continue;
        SCOPED_TRACE(std::string(blendModeName(mode)));
        expectPixelNear(blendPixel(mode, kSrc, kDst, 0.0f), kDst);
    }
}

TEST(BlendMode, OpacityOutsideRangeIsClamped)
{
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        expectPixelNear(blendPixel(mode, kSrc, kDst, 2.0f), blendPixel(mode, kSrc, kDst, 1.0f));
        expectPixelNear(blendPixel(mode, kSrc, kDst, -1.0f), blendPixel(mode, kSrc, kDst, 0.0f));
        expectPixelNear(blendPixel(mode, kSrc, kDst, std::nanf("")),
                        blendPixel(mode, kSrc, kDst, 0.0f));
    }
}

TEST(BlendMode, ResultsStayInRangeWithColourAtMostAlpha)
{
    // Includes malformed input (colour above alpha, values above 1) that bad files can carry.
    std::mt19937 rng(1234);
    auto unit = [&] { return float(rng() % 1000001) / 1000000.0f; };
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        for (int i = 0; i < 2000; ++i) {
            const PixelF s = {unit() * 1.2f, unit(), unit(), unit()};
            const PixelF d = {unit(), unit() * 1.5f, unit(), unit()};
            const PixelF o = blendPixel(mode, s, d, unit());
            ASSERT_GE(o.a, 0.0f);
            ASSERT_LE(o.a, 1.0f);
            for (float c : {o.r, o.g, o.b}) {
                ASSERT_GE(c, 0.0f);
                ASSERT_LE(c, o.a);
            }
        }
    }
}

TEST(BlendMode, AffectsOutsideSourceOnlyForDstInAndDstAtop)
{
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        EXPECT_EQ(blendModeAffectsOutsideSource(mode),
                  mode == BlendMode::DstIn || mode == BlendMode::DstAtop);
    }
}

TEST(BlendMode, NamesAreOpenRasterCompositeOps)
{
    const std::vector<std::string> expected = {
        "svg:src-over",   "svg:multiply",    "svg:screen",     "svg:overlay",    "svg:darken",
        "svg:lighten",    "svg:color-dodge", "svg:color-burn", "svg:hard-light", "svg:soft-light",
        "svg:difference", "svg:exclusion",   "svg:hue",        "svg:saturation", "svg:color",
        "svg:luminosity", "svg:plus",        "svg:dst-in",     "svg:dst-out",    "svg:src-atop",
        "svg:dst-atop",
    };
    ASSERT_EQ(int(expected.size()), kBlendModeCount);
    for (BlendMode mode : allModes()) {
        EXPECT_EQ(blendModeName(mode), expected[std::size_t(mode)]);
    }
}

TEST(BlendMode, NameRoundTripForAllModes)
{
    for (BlendMode mode : allModes()) {
        const std::string name(blendModeName(mode));
        SCOPED_TRACE(name);
        auto parsed = parseBlendMode(name);
        ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
        EXPECT_EQ(*parsed, mode);

        // Without the "svg:" prefix, and in any case.
        const std::string bare = name.substr(4);
        auto parsedBare = parseBlendMode(bare);
        ASSERT_TRUE(parsedBare.has_value());
        EXPECT_EQ(*parsedBare, mode);
        std::string upper = name;
        for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
        auto parsedUpper = parseBlendMode(upper);
        ASSERT_TRUE(parsedUpper.has_value());
        EXPECT_EQ(*parsedUpper, mode);
    }
}

TEST(BlendMode, ParseAliases)
{
    EXPECT_EQ(parseBlendMode("normal"), BlendMode::Normal);
    EXPECT_EQ(parseBlendMode("Normal"), BlendMode::Normal);
    EXPECT_EQ(parseBlendMode("src-over"), BlendMode::Normal);
    EXPECT_EQ(parseBlendMode("addition"), BlendMode::Plus);
    EXPECT_EQ(parseBlendMode("ADDITION"), BlendMode::Plus);
    EXPECT_EQ(parseBlendMode("plus"), BlendMode::Plus);
    EXPECT_EQ(parseBlendMode("Color-Dodge"), BlendMode::ColorDodge);
    EXPECT_EQ(parseBlendMode("SVG:Soft-Light"), BlendMode::SoftLight);
}

TEST(BlendMode, ParseErrorNamesTheValue)
{
    for (const char* bad : {"xyz", "", "svg:", "svg:foo", "multiply ", "colour-dodge", "svg"}) {
        SCOPED_TRACE(bad);
        auto parsed = parseBlendMode(bad);
        ASSERT_FALSE(parsed.has_value());
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(parsed.error().message, "unknown blend mode '" + std::string(bad) + "'");
    }
}

// Random premultiplied pixels for the row tests, fixed seed so failures reproduce.
struct RowData {
    std::vector<std::uint16_t> src16;
    std::vector<float> srcF;
    std::vector<float> dst;
};

RowData randomRow(int count, unsigned seed)
{
    std::mt19937 rng(seed);
    RowData row;
    for (int i = 0; i < count; ++i) {
        const std::uint32_t a = rng() % 65536;
        // Some fully transparent and fully opaque pixels, the common cases on a canvas.
        const std::uint32_t alpha = i % 7 == 0 ? 0 : (i % 5 == 0 ? 65535 : a);
        for (int c = 0; c < 3; ++c) row.src16.push_back(std::uint16_t(rng() % (alpha + 1)));
        row.src16.push_back(std::uint16_t(alpha));

        const float sa = float(rng() % 1000001) / 1000000.0f;
        for (int c = 0; c < 3; ++c) row.srcF.push_back(sa * float(rng() % 1001) / 1000.0f);
        row.srcF.push_back(sa);

        const float da = i % 3 == 0 ? 1.0f : float(rng() % 1000001) / 1000000.0f;
        for (int c = 0; c < 3; ++c) row.dst.push_back(da * float(rng() % 1001) / 1000.0f);
        row.dst.push_back(da);
    }
    return row;
}

PixelF pixelAt(const std::vector<float>& v, int i)
{
    const auto k = std::size_t(4 * i);
    return {v[k], v[k + 1], v[k + 2], v[k + 3]};
}

PixelF pixelAt16(const std::vector<std::uint16_t>& v, int i)
{
    const auto k = std::size_t(4 * i);
    return {float(v[k]) / 65535.0f, float(v[k + 1]) / 65535.0f, float(v[k + 2]) / 65535.0f,
            float(v[k + 3]) / 65535.0f};
}

TEST(BlendMode, Row16NormalMatchesBlendPixel)
{
    // Odd lengths exercise the vector loop's remainder.
    for (int count : {1, 3, 64, 1027}) {
        for (float opacity : {1.0f, 0.73f, 0.0f}) {
            RowData row = randomRow(count, 42u + unsigned(count));
            std::vector<float> out = row.dst;
            blendRow16(BlendMode::Normal, row.src16.data(), out.data(), count, opacity);
            for (int i = 0; i < count; ++i) {
                const PixelF want = blendPixel(BlendMode::Normal, pixelAt16(row.src16, i),
                                               pixelAt(row.dst, i), opacity);
                SCOPED_TRACE(i);
                expectPixelNear(pixelAt(out, i), want);
            }
        }
    }
}

TEST(BlendMode, Row16MatchesBlendPixelForEveryMode)
{
    const int count = 257;
    const RowData row = randomRow(count, 7);
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        std::vector<float> out = row.dst;
        blendRow16(mode, row.src16.data(), out.data(), count, 0.8f);
        for (int i = 0; i < count; ++i) {
            const PixelF want =
                blendPixel(mode, pixelAt16(row.src16, i), pixelAt(row.dst, i), 0.8f);
            expectPixelNear(pixelAt(out, i), want);
        }
    }
}

TEST(BlendMode, RowFMatchesBlendPixelForEveryMode)
{
    const int count = 257;
    const RowData row = randomRow(count, 99);
    for (BlendMode mode : allModes()) {
        SCOPED_TRACE(std::string(blendModeName(mode)));
        std::vector<float> out = row.dst;
        blendRowF(mode, row.srcF.data(), out.data(), count, 0.6f);
        for (int i = 0; i < count; ++i) {
            const PixelF want = blendPixel(mode, pixelAt(row.srcF, i), pixelAt(row.dst, i), 0.6f);
            expectPixelNear(pixelAt(out, i), want);
        }
    }
}

// The separable modes have vectorised rows written as selects instead of branches; they must
// give the per-pixel path's floats exactly, at the branch points too (a colour of 0, of 1, of
// exactly 0.5 or 0.25 of the alpha, a transparent pixel), for 16-bit and float sources.
TEST(BlendMode, SeparableRowsAreBitIdenticalToBlendPixel)
{
    const std::uint16_t values[] = {0, 1, 16384, 32767, 32768, 49151, 65534, 65535};
    const float floats[] = {0.0f, 0.25f, 0.5f, 0.75f, 1.0f};
    RowData row;
    for (std::uint16_t a : values) {
        for (std::uint16_t c : values) {
            for (float da : floats) {
                for (float dc : floats) {
                    const std::uint16_t sc = std::min(a, c);
                    row.src16.insert(row.src16.end(), {sc, std::uint16_t(c / 2 < a ? c / 2 : a),
                                                       a, a});
                    const float sa = float(a) / 65535.0f;
                    row.srcF.insert(row.srcF.end(), {sa * dc, sa * 0.5f, sa, sa});
                    row.dst.insert(row.dst.end(), {std::min(dc, da), da * 0.25f, da * 0.5f, da});
                }
            }
        }
    }
    const int count = int(row.dst.size() / 4);
    const auto bits = [](float f) {
        std::uint32_t u;
        std::memcpy(&u, &f, sizeof u);
        return u;
    };
    for (BlendMode mode : allModes()) {
        if (mode == BlendMode::Normal || int(mode) > int(BlendMode::Exclusion)) continue;
        SCOPED_TRACE(std::string(blendModeName(mode)));
        for (float opacity : {1.0f, 0.6f}) {
            std::vector<float> out16 = row.dst;
            std::vector<float> outF = row.dst;
            blendRow16(mode, row.src16.data(), out16.data(), count, opacity);
            blendRowF(mode, row.srcF.data(), outF.data(), count, opacity);
            for (int i = 0; i < count; ++i) {
                const auto k = std::size_t(4 * i);
                const PixelF s16 = {float(row.src16[k]) * (1.0f / 65535.0f),
                                    float(row.src16[k + 1]) * (1.0f / 65535.0f),
                                    float(row.src16[k + 2]) * (1.0f / 65535.0f),
                                    float(row.src16[k + 3]) * (1.0f / 65535.0f)};
                const PixelF want16 = blendPixel(mode, s16, pixelAt(row.dst, i), opacity);
                const PixelF wantF =
                    blendPixel(mode, pixelAt(row.srcF, i), pixelAt(row.dst, i), opacity);
                const PixelF got16 = pixelAt(out16, i);
                const PixelF gotF = pixelAt(outF, i);
                SCOPED_TRACE(i);
                EXPECT_EQ(bits(got16.r), bits(want16.r));
                EXPECT_EQ(bits(got16.g), bits(want16.g));
                EXPECT_EQ(bits(got16.b), bits(want16.b));
                EXPECT_EQ(bits(got16.a), bits(want16.a));
                EXPECT_EQ(bits(gotF.r), bits(wantF.r));
                EXPECT_EQ(bits(gotF.g), bits(wantF.g));
                EXPECT_EQ(bits(gotF.b), bits(wantF.b));
                EXPECT_EQ(bits(gotF.a), bits(wantF.a));
            }
        }
    }
}

TEST(BlendMode, RowFOntoItself)
{
    // A row blended onto itself is still defined pixel by pixel.
    const int count = 33;
    const RowData row = randomRow(count, 5);
    std::vector<float> buf = row.srcF;
    blendRowF(BlendMode::Normal, buf.data(), buf.data(), count, 1.0f);
    for (int i = 0; i < count; ++i) {
        const PixelF p = pixelAt(row.srcF, i);
        expectPixelNear(pixelAt(buf, i), blendPixel(BlendMode::Normal, p, p, 1.0f));
    }
}

TEST(BlendMode, EmptyRowsTouchNothing)
{
    std::vector<float> dst = {0.1f, 0.2f, 0.3f, 0.4f};
    const std::vector<float> before = dst;
    const std::uint16_t src16[4] = {65535, 65535, 65535, 65535};
    const float srcF[4] = {1, 1, 1, 1};
    blendRow16(BlendMode::Normal, src16, dst.data(), 0, 1.0f);
    blendRowF(BlendMode::Multiply, srcF, dst.data(), 0, 1.0f);
    EXPECT_EQ(dst, before);
}

}  // namespace
}  // namespace signe::core
