// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/paint_reservoir.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/oklab.h"

using namespace signe;
using brushes::Paint;
using brushes::PaintReservoir;
using brushes::PickupStep;

namespace {

constexpr std::array<float, 3> kRed{1.0f, 0.0f, 0.0f};
constexpr std::array<float, 3> kBlue{0.0f, 0.0f, 1.0f};
constexpr std::array<float, 3> kYellow{1.0f, 1.0f, 0.0f};

Paint opaque(const std::array<float, 3>& rgb)
{
    return {rgb, 1.0f};
}

}  // namespace

TEST(PaintReservoir, APlainBrushLaysExactlyItsColourWhateverIsUnder)
{
    PaintReservoir r(core::MixModel::Pigment);
    const PickupStep plain{0.0f, 0.0f, 1.0f, 0.1f};
    for (const Paint& under : {opaque(kBlue), Paint{kYellow, 0.3f}, Paint{}}) {
        const Paint laid = r.dab(under, kRed, plain);
        EXPECT_EQ(laid.rgb, kRed);
        EXPECT_EQ(laid.alpha, 1.0f);
    }
}

TEST(PaintReservoir, ABlenderLaysWhatItPicksUpAndNothingOverEmptyCanvas)
{
    PaintReservoir r(core::MixModel::Pigment);
    const PickupStep blender{0.5f, 0.0f, 0.0f, 1.0f};  // a whole diameter a dab: takes up half
    const Paint first = r.dab(opaque(kBlue), kRed, blender);
    EXPECT_EQ(first.rgb, kBlue) << "an empty reservoir takes the colour as it is";
    EXPECT_FLOAT_EQ(first.alpha, 0.5f);
    const Paint second = r.dab(opaque(kBlue), kRed, blender);  // blue with blue, via spectra
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(second.rgb[std::size_t(i)], kBlue[std::size_t(i)], 1e-6f);
    EXPECT_FLOAT_EQ(second.alpha, 0.75f);

    PaintReservoir overEmpty(core::MixModel::Pigment);
    EXPECT_EQ(overEmpty.dab(Paint{}, kRed, blender).alpha, 0.0f);
}

TEST(PaintReservoir, PickUpDependsOnDistanceTravelledNotOnSpacing)
{
    // A red brush with no more fresh paint crosses two diameters of blue: whether its dabs come
    // every 0.1 or every 0.4 diameters, (1 - 0.3)^2 of the red is left (linear RGB, so the
    // mixes compose exactly up to rounding).
    auto redLeft = [](float travel) {
        PaintReservoir r(core::MixModel::LinearRgb);
        r.dab(opaque(kBlue), kRed, {0.0f, 0.0f, 1.0f, travel});  // loads the brush with red
        Paint laid;
        for (int i = 0; i < int(std::lround(2.0f / travel)); ++i)
            laid = r.dab(opaque(kBlue), kRed, {0.3f, 0.0f, 0.0f, travel});
        EXPECT_NEAR(laid.rgb[0] + laid.rgb[2], 1.0f, 1e-5f);
        return laid.rgb[0];
    };
    EXPECT_NEAR(redLeft(0.1f), 0.49f, 1e-5f);
    EXPECT_NEAR(redLeft(0.4f), 0.49f, 1e-5f);
    EXPECT_NEAR(redLeft(0.05f), 0.49f, 1e-5f);
}

TEST(PaintReservoir, PickedUpPaintGivesWayToFreshPaintOverTheSmudgeLength)
{
    // Fill the brush with blue, then travel over empty canvas: after one smudge length the red
    // share is 1 - 1/e (linear RGB).
    PaintReservoir r(core::MixModel::LinearRgb);
    r.dab(opaque(kBlue), kRed, {1.0f, 3.0f, 0.0f, 1.0f});  // all blue, no fresh paint yet
    ASSERT_NEAR(r.contents().rgb[2], 1.0f, 1e-6f);
    Paint laid;
    for (int i = 0; i < 30; ++i) laid = r.dab(Paint{}, kRed, {0.0f, 3.0f, 1.0f, 0.1f});
    EXPECT_NEAR(laid.rgb[0], 1.0f - std::exp(-1.0f), 1e-4f);
    EXPECT_NEAR(laid.rgb[2], std::exp(-1.0f), 1e-4f);
}

TEST(PaintReservoir, AYellowBrushThroughBlueLaysGreenInPigmentAndGreyInRgb)
{
    // A brush loaded with yellow takes up half its paint from blue (one diameter at pick-up
    // 0.5) and has no fresh paint left to refill it.
    auto lch = [](const std::array<float, 3>& rgb) {
        return core::oklchFromOklab(core::oklabFromLinearSrgb({rgb[0], rgb[1], rgb[2]}));
    };
    PaintReservoir pigment(core::MixModel::Pigment);
    pigment.dab(Paint{}, kYellow, {0.0f, 0.0f, 1.0f, 0.1f});
    const auto green = lch(pigment.dab(opaque(kBlue), kYellow, {0.5f, 0.0f, 0.0f, 1.0f}).rgb);
    EXPECT_GT(green.h, 100.0);
    EXPECT_LT(green.h, 170.0);
    EXPECT_GT(green.c, 0.08);

    PaintReservoir rgb(core::MixModel::LinearRgb);
    rgb.dab(Paint{}, kYellow, {0.0f, 0.0f, 1.0f, 0.1f});
    const auto grey = lch(rgb.dab(opaque(kBlue), kYellow, {0.5f, 0.0f, 0.0f, 1.0f}).rgb);
    EXPECT_LT(grey.c, 0.01) << "the additive mix of blue and yellow is grey";
}
