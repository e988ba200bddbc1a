// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pigment_mix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/oklab.h"

namespace signe::core {
namespace {

constexpr MixModel kModels[] = {MixModel::Pigment, MixModel::GeometricMean, MixModel::LinearRgb};

using Rgb = std::array<float, 3>;

Rgb linearOf(const Color16& c)
{
    return {srgb16ToLinear(c.r), srgb16ToLinear(c.g), srgb16ToLinear(c.b)};
}

Color16 hex(const char* text)
{
    auto c = parseColor(text);
    EXPECT_TRUE(c) << text;
    return c ? *c : Color16{};
}

Oklch lchOf(const Color16& c)
{
    const Rgb l = linearOf(c);
    return oklchFromOklab(oklabFromLinearSrgb({l[0], l[1], l[2]}));
}

Rgb mixOne(MixModel model, const Rgb& a, const Rgb& b, float ratio)
{
    Rgb out{};
    mixLinearRgbRow(model, a, b, std::span<const float>(&ratio, 1), out);
    return out;
}

// The colour most programs give for "half and half": the average of the sRGB-encoded values.
Color16 encodedAverage(const Color16& a, const Color16& b)
{
    auto avg = [](std::uint16_t x, std::uint16_t y) { return std::uint16_t((x + y + 1) / 2); };
    return {avg(a.r, b.r), avg(a.g, b.g), avg(a.b, b.b), 65535};
}

TEST(PigmentMix, ModelNamesRoundTrip)
{
    for (MixModel m : kModels) {
        auto parsed = parseMixModel(mixModelName(m));
        ASSERT_TRUE(parsed);
        EXPECT_EQ(*parsed, m);
    }
    auto bad = parseMixModel("oil");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "unknown mix model 'oil': expected pigment, geometric or rgb");
}

TEST(PigmentMix, Every8BitColourSurvivesTheSpectrum)
{
    // All 16,777,216 colours: sRGB -> linear -> 16-band reflectance -> linear -> sRGB. The
    // promise is 1/255; what holds is exact (the projection error is below 1e-6 in linear light,
    // far from any rounding threshold).
    int changed = 0;
    for (int r = 0; r < 256; ++r) {
        for (int g = 0; g < 256; ++g) {
            for (int b = 0; b < 256; ++b) {
                const Rgb lin = {srgb8ToLinear(std::uint8_t(r)), srgb8ToLinear(std::uint8_t(g)),
                                 srgb8ToLinear(std::uint8_t(b))};
                const Rgb back = linearRgbOfSpectrum(spectrumOfLinearRgb(lin));
                changed += linearToSrgb8(back[0]) != r || linearToSrgb8(back[1]) != g ||
                           linearToSrgb8(back[2]) != b;
            }
        }
    }
    EXPECT_EQ(changed, 0);
}

TEST(PigmentMix, SpectraStayInsideZeroToOne)
{
    for (float v : spectrumOfLinearRgb({1, 1, 1})) EXPECT_EQ(v, 1.0f);
    for (float v : spectrumOfLinearRgb({0, 0, 0})) EXPECT_EQ(v, 0.0f);
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> channel(0.0f, 1.0f);
    for (int i = 0; i < 10000; ++i) {
        for (float v : spectrumOfLinearRgb({channel(rng), channel(rng), channel(rng)})) {
            EXPECT_GE(v, 0.0f);
            EXPECT_LE(v, 1.0f);
        }
    }
}

TEST(PigmentMix, MixingAColourWithItselfGivesItBack)
{
    // Every 8-bit colour on a grid of step 5 (140,608 colours), at three ratios, in every model,
    // through the row function: the result encodes to the same 8-bit colour, and stays within
    // 1e-5 of it in linear light.
    std::vector<float> row;
    std::vector<std::array<int, 3>> codes;
    for (int r = 0; r < 256; r += 5)
        for (int g = 0; g < 256; g += 5)
            for (int b = 0; b < 256; b += 5) {
                codes.push_back({r, g, b});
                for (int c : {r, g, b}) row.push_back(srgb8ToLinear(std::uint8_t(c)));
            }
    std::vector<float> out(row.size());
    for (MixModel model : kModels) {
        for (float t : {0.1f, 0.5f, 0.9f}) {
            const std::vector<float> ratio(codes.size(), t);
            mixLinearRgbRow(model, row, row, ratio, out);
            float worst = 0.0f;
            int changed = 0;
            for (std::size_t i = 0; i < codes.size(); ++i) {
                for (int c = 0; c < 3; ++c) {
                    const std::size_t j = 3 * i + std::size_t(c);
                    worst = std::max(worst, std::fabs(out[j] - row[j]));
                    changed += linearToSrgb8(out[j]) != codes[i][std::size_t(c)];
                }
            }
            EXPECT_EQ(changed, 0) << mixModelName(model) << " at " << t;
            EXPECT_LT(worst, 1e-5f) << mixModelName(model) << " at " << t;
        }
    }
}

TEST(PigmentMix, RatiosZeroAndOneGiveTheEndpointsExactly)
{
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> channel(0.0f, 1.0f);
    std::vector<float> a(3 * 100), b(3 * 100), out(3 * 100);
    for (float& v : a) v = channel(rng);
    for (float& v : b) v = channel(rng);
    for (MixModel model : kModels) {
        for (float t : {0.0f, 1.0f}) {
            mixLinearRgbRow(model, a, b, std::vector<float>(100, t), out);
            EXPECT_EQ(std::memcmp(out.data(), (t == 0.0f ? a : b).data(), a.size() * 4), 0)
                << mixModelName(model) << " at " << t;
        }
        const Color16 x{1234, 40000, 65535, 30000}, y{65535, 7, 0, 65535};
        EXPECT_EQ(mixColors(x, y, 0.0f, model), x);
        EXPECT_EQ(mixColors(x, y, 1.0f, model), y);
        EXPECT_EQ(mixColors(x, y, -3.0f, model), x);  // clamped
        EXPECT_EQ(mixColors(x, y, 7.0f, model), y);
    }
}

TEST(PigmentMix, BlueAndYellowMakeGreen)
{
    // Half and half of a saturated blue and yellow, in the pigment model: a green (OKLCH hue
    // 100..170 degrees) with clearly more chroma than averaging the RGB values (which gives grey
    // for #0000ff + #ffff00). #4166f5 and #120a8f are a light and a deep ultramarine.
    struct Case {
        const char* blue;
        const char* yellow;
    };
    for (const Case& k :
         {Case{"#0000ff", "#ffff00"}, Case{"#4166f5", "#ffff00"}, Case{"#120a8f", "#fff600"}}) {
        const Color16 blue = hex(k.blue), yellow = hex(k.yellow);
        const Oklch mixed = lchOf(mixColors(blue, yellow, 0.5f, MixModel::Pigment));
        EXPECT_GT(mixed.h, 100.0) << k.blue;
        EXPECT_LT(mixed.h, 170.0) << k.blue;
        EXPECT_GT(mixed.c, 1.25 * lchOf(encodedAverage(blue, yellow)).c) << k.blue;
        EXPECT_GT(mixed.c, 0.09) << k.blue;
    }
    // And far more than light would give: linear-light averages of these are grey or nearly so.
    for (const char* blue : {"#0000ff", "#4166f5"}) {
        const Color16 b = hex(blue), y = hex("#ffff00");
        EXPECT_GT(lchOf(mixColors(b, y, 0.5f, MixModel::Pigment)).c,
                  lchOf(mixColors(b, y, 0.5f, MixModel::LinearRgb)).c + 0.1)
            << blue;
    }
}

TEST(PigmentMix, OtherPrimaryPairsMixSubtractively)
{
    // Red and yellow make a red-orange; red and blue a dark purple; both darker than light's
    // average, as paint is.
    const Color16 red = hex("#ff0000"), yellow = hex("#ffff00"), blue = hex("#0000ff");
    const Oklch orange = lchOf(mixColors(red, yellow, 0.5f, MixModel::Pigment));
    EXPECT_GT(orange.h, lchOf(red).h + 2.0);
    EXPECT_LT(orange.h, lchOf(yellow).h);
    const Oklch purple = lchOf(mixColors(red, blue, 0.5f, MixModel::Pigment));
    EXPECT_TRUE(purple.h > 300.0 || purple.h < 10.0) << purple.h;
    EXPECT_LT(purple.l, lchOf(mixColors(red, blue, 0.5f, MixModel::LinearRgb)).l - 0.2);
}

TEST(PigmentMix, WhiteLightensAndKeepsTheHue)
{
    // Issue 4: "mixing with white lightens without turning hue by more than a few degrees". 1% to
    // 75% white in 1% steps (beyond that the tint's chroma is too small for its hue to mean
    // much), through the 16-bit path: OKLab L rises at every step, and the OKLCH hue stays within
    // kMaxTurn of the colour's. Kubelka-Munk alone turned red 15 degrees and orange, azure,
    // ochre, brown and mid blues 7 to 28; with the neutral-hue step the worst of these colours is
    // 0.9 (#e0b020), docs/pigment-mixing.md has the table.
    constexpr double kMaxTurn = 2.0;  // degrees
    const Color16 white = hex("#ffffff");
    for (const char* colour :
         {"#ff0000", "#ff8000", "#0080ff", "#cc7722", "#8b4513", "#4166f5", "#c03020", "#ffff00",
          "#00ff00", "#00ffff", "#0000ff", "#ff00ff", "#2a7f3a", "#7f3f9f", "#fff600", "#120a8f",
          "#e0b020", "#1c3f94", "#402010"}) {
        const Color16 c = hex(colour);
        const Oklch start = lchOf(c);
        double previousL = start.l, worst = 0.0;
        for (int step = 1; step <= 75; ++step) {
            const Oklch tint = lchOf(mixColors(c, white, step / 100.0f, MixModel::Pigment));
            EXPECT_GT(tint.l, previousL) << colour << " at " << step << "% white";
            previousL = tint.l;
            worst = std::max(worst, std::fabs(hueDifference(start.h, tint.h)));
        }
        EXPECT_LE(worst, kMaxTurn) << colour;
    }
}

TEST(PigmentMix, NeutralsKeepTheHueOfEveryColour)
{
    // White, a mid grey and black, 1% to 75% of them, against every 8-bit colour on a grid of
    // step 15 whose OKLab chroma is at least 0.03 (5,000 or so), straight through the row
    // function: the hue stays within 2 degrees (measured: 1.5 for white, where a pale tint is
    // clipped into sRGB, 0.16 for grey and black; Kubelka-Munk alone turned them by up to 35 and
    // 48 degrees).
    std::vector<float> colours, partner, ratio;
    std::vector<double> hues;
    for (int r = 0; r < 256; r += 15)
        for (int g = 0; g < 256; g += 15)
            for (int b = 0; b < 256; b += 15) {
                const Rgb lin = {srgb8ToLinear(std::uint8_t(r)), srgb8ToLinear(std::uint8_t(g)),
                                 srgb8ToLinear(std::uint8_t(b))};
                const Oklch lch = oklchFromOklab(oklabFromLinearSrgb({lin[0], lin[1], lin[2]}));
                if (lch.c < 0.03) continue;
                for (int step = 1; step <= 75; ++step) {
                    colours.insert(colours.end(), lin.begin(), lin.end());
                    ratio.push_back(step / 100.0f);
                    hues.push_back(lch.h);
                }
            }
    ASSERT_GT(hues.size(), 75u * 4000u);
    std::vector<float> out(colours.size());
    for (const char* neutral : {"#ffffff", "#808080", "#000000"}) {
        const Rgb n = linearOf(hex(neutral));
        partner.clear();
        for (std::size_t i = 0; i < hues.size(); ++i)
            partner.insert(partner.end(), n.begin(), n.end());
        mixLinearRgbRow(MixModel::Pigment, colours, partner, ratio, out);
        double worst = 0.0;
        for (std::size_t i = 0; i < hues.size(); ++i) {
            const Oklch tint =
                oklchFromOklab(oklabFromLinearSrgb({out[3 * i], out[3 * i + 1], out[3 * i + 2]}));
            worst = std::max(worst, std::fabs(hueDifference(hues[i], tint.h)));
        }
        EXPECT_LE(worst, 2.0) << neutral;
    }
}

TEST(PigmentMix, TwoColoursMixByKubelkaMunkAlone)
{
    // The neutral-hue step leaves a mix of two clearly coloured paints exactly as Kubelka-Munk
    // makes it: the half-and-half results of docs/pigment-mixing.md, pinned to 8 bits.
    struct Case {
        const char* a;
        const char* b;
        const char* mixed;
    };
    for (const Case& k :
         {Case{"#0000ff", "#ffff00", "#428c51"}, Case{"#4166f5", "#ffff00", "#83b745"},
          Case{"#120a8f", "#fff600", "#708c49"}, Case{"#ff0000", "#0000ff", "#4b0a2b"},
          Case{"#ff0000", "#ffff00", "#ff3800"}, Case{"#ff0000", "#00ffff", "#824349"}}) {
        EXPECT_EQ(formatColor(mixColors(hex(k.a), hex(k.b), 0.5f, MixModel::Pigment)), k.mixed)
            << k.a << " + " << k.b;
    }
}

TEST(PigmentMix, EveryModelLightensTowardsWhite)
{
    // Lightness, not hue: over a 6x6x6 grid of colours every model's tint is lighter than the
    // colour and lighter still with more white.
    const Color16 white = hex("#ffffff");
    for (MixModel model : kModels) {
        for (int r = 0; r < 6; ++r)
            for (int g = 0; g < 6; ++g)
                for (int b = 0; b < 6; ++b) {
                    const Color16 c{std::uint16_t(r * 13107), std::uint16_t(g * 13107),
                                    std::uint16_t(b * 13107), 65535};
                    if (r == 5 && g == 5 && b == 5) continue;
                    double previousL = lchOf(c).l;
                    for (float t : {0.25f, 0.5f, 0.75f}) {
                        const double l = lchOf(mixColors(c, white, t, model)).l;
                        EXPECT_GT(l, previousL) << mixModelName(model) << " " << formatColor(c);
                        previousL = l;
                    }
                }
    }
}

TEST(PigmentMix, BlackAndWhiteMixWithoutNaN)
{
    const Rgb black = {0, 0, 0}, white = {1, 1, 1};
    for (MixModel model : kModels) {
        for (float t : {0.001f, 0.5f, 0.999f}) {
            for (const auto& [a, b] : {std::pair{black, white}, std::pair{white, black},
                                       std::pair{black, black}, std::pair{white, white}}) {
                const Rgb m = mixOne(model, a, b, t);
                for (float v : m) {
                    EXPECT_TRUE(std::isfinite(v)) << mixModelName(model);
                    EXPECT_GE(v, 0.0f);
                    EXPECT_LE(v, 1.0f);
                }
            }
            // Black with black stays black (the reflectance floor, 1e-6, projects to 1e-6).
            for (float v : mixOne(model, black, black, t)) EXPECT_LT(v, 2e-6f);
            for (float v : mixOne(model, white, white, t)) EXPECT_NEAR(v, 1.0f, 1e-6f);
        }
    }
    // Half and half: Kubelka-Munk with scattering proportional to luminance gives R = 0.382 in
    // every band (K/S = 1/2), whatever the floor; the geometric mean gives sqrt(1e-6).
    for (float v : mixOne(MixModel::Pigment, black, white, 0.5f)) EXPECT_NEAR(v, 0.381966f, 2e-5f);
    for (float v : mixOne(MixModel::GeometricMean, black, white, 0.5f))
        EXPECT_NEAR(v, 1e-3f, 2e-6f);
}

TEST(PigmentMix, OutOfRangeAndNaNInputsAreClamped)
{
    constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
    constexpr float kInf = std::numeric_limits<float>::infinity();
    for (MixModel model : kModels) {
        const Rgb m = mixOne(model, {kNaN, -2.0f, kInf}, {0.5f, 0.5f, 0.5f}, kNaN);
        EXPECT_EQ(m, (Rgb{0.0f, 0.0f, 1.0f})) << mixModelName(model);  // NaN ratio counts as 0
        const Rgb same = mixOne(model, {kNaN, -2.0f, kInf}, {0.0f, 0.0f, 1.0f}, 0.5f);
        const Rgb clean = mixOne(model, {0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 1.0f}, 0.5f);
        EXPECT_EQ(same, clean) << mixModelName(model);
    }
}

TEST(PigmentMix, RowsMixLikeSinglePixelsAndInPlace)
{
    // Block boundaries (64 pixels) and in-place use change nothing: the same bits either way.
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> channel(0.0f, 1.0f);
    const std::size_t n = 203;
    std::vector<float> a(3 * n), b(3 * n), ratio(n);
    for (float& v : a) v = channel(rng);
    for (float& v : b) v = channel(rng);
    for (float& v : ratio) v = channel(rng);
    for (MixModel model : kModels) {
        std::vector<float> row(3 * n);
        mixLinearRgbRow(model, a, b, ratio, row);
        for (std::size_t i = 0; i < n; ++i) {
            const Rgb one = mixOne(model, {a[3 * i], a[3 * i + 1], a[3 * i + 2]},
                                   {b[3 * i], b[3 * i + 1], b[3 * i + 2]}, ratio[i]);
            ASSERT_EQ(std::memcmp(one.data(), &row[3 * i], 12), 0) << mixModelName(model) << i;
        }
        std::vector<float> inPlace = a;
        mixLinearRgbRow(model, inPlace, b, ratio, inPlace);
        EXPECT_EQ(inPlace, row) << mixModelName(model);
    }
}

TEST(PigmentMix, PaintShareWeighsByAlpha)
{
    EXPECT_EQ(paintShare(0.5f, 1.0f, 1.0f), 0.5f);
    EXPECT_EQ(paintShare(0.5f, 1.0f, 0.0f), 0.0f);  // b brings no paint
    EXPECT_EQ(paintShare(0.5f, 0.0f, 1.0f), 1.0f);
    EXPECT_EQ(paintShare(0.25f, 0.0f, 0.0f), 0.25f);  // neither does: the ratio stands
    EXPECT_FLOAT_EQ(paintShare(0.5f, 1.0f, 0.5f), 1.0f / 3.0f);
    EXPECT_EQ(paintShare(0.0f, 0.0f, 1.0f), 0.0f);
    EXPECT_EQ(paintShare(1.0f, 1.0f, 0.0f), 1.0f);
}

TEST(PigmentMix, AlphaMixesLinearlyAndTransparentColourBringsNoTint)
{
    const Color16 red = hex("#ff0000"), clearBlue = hex("#0000ff00");
    for (MixModel model : kModels) {
        const Color16 m = mixColors(red, clearBlue, 0.5f, model);
        EXPECT_EQ(m, (Color16{65535, 0, 0, 32768})) << mixModelName(model);
    }
    // Equal alphas: the colour is the opaque mix, the alpha the common one.
    const Color16 halfBlue = hex("#0000ff80"), halfYellow = hex("#ffff0080");
    Color16 opaque = mixColors(hex("#0000ff"), hex("#ffff00"), 0.3f, MixModel::Pigment);
    opaque.a = halfBlue.a;
    EXPECT_EQ(mixColors(halfBlue, halfYellow, 0.3f, MixModel::Pigment), opaque);
}

TEST(PigmentMix, SameInputsSameBits)
{
    // Deterministic: no state, no randomness.
    const Color16 a = hex("#3a7bd5"), b = hex("#f2c14e");
    for (MixModel model : kModels) {
        const Color16 first = mixColors(a, b, 0.37f, model);
        for (int i = 0; i < 10; ++i) EXPECT_EQ(mixColors(a, b, 0.37f, model), first);
    }
}

}  // namespace
}  // namespace signe::core
