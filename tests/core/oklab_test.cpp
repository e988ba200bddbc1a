// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/oklab.h"

#include <gtest/gtest.h>

namespace signe::core {
namespace {

TEST(Oklab, WhiteAndBlackAreNeutral)
{
    const Oklab white = oklabFromLinearSrgb({1, 1, 1});
    EXPECT_NEAR(white.l, 1.0, 1e-7);
    EXPECT_NEAR(white.a, 0.0, 1e-7);
    EXPECT_NEAR(white.b, 0.0, 1e-7);
    const Oklab black = oklabFromLinearSrgb({0, 0, 0});
    EXPECT_EQ(black.l, 0.0);
    EXPECT_EQ(oklchFromOklab(black).c, 0.0);
}

TEST(Oklab, PrimariesMatchPublishedOklch)
{
    // oklch() of the sRGB primaries as CSS Color 4 tools print them (e.g. red is
    // oklch(62.8% 0.2577 29.23)).
    struct Case {
        std::array<double, 3> rgb;
        double l, c, h;
    };
    for (const Case& k :
         {Case{{1, 0, 0}, 0.62796, 0.25768, 29.234}, Case{{0, 1, 0}, 0.86644, 0.29483, 142.495},
          Case{{0, 0, 1}, 0.45201, 0.31321, 264.052}, Case{{1, 1, 0}, 0.96798, 0.21101, 109.769}}) {
        const Oklch lch = oklchFromOklab(oklabFromLinearSrgb(k.rgb));
        EXPECT_NEAR(lch.l, k.l, 1e-4);
        EXPECT_NEAR(lch.c, k.c, 1e-4);
        EXPECT_NEAR(lch.h, k.h, 0.01);
    }
}

TEST(Oklab, InverseMatricesUndoTheForwardOnes)
{
    for (const auto& [m, inv] : {std::pair{kOklabLmsOfLinearSrgb, kOklabLinearSrgbOfLms},
                                 std::pair{kOklabOfLmsRoot, kOklabLmsRootOfLab}}) {
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) {
                double v = 0.0;
                for (int k = 0; k < 3; ++k)
                    v += m[std::size_t(r)][std::size_t(k)] * inv[std::size_t(k)][std::size_t(c)];
                EXPECT_NEAR(v, r == c ? 1.0 : 0.0, 1e-12);
            }
    }
    for (const std::array<double, 3>& rgb :
         {std::array<double, 3>{1, 0, 0}, {0.2, 0.5, 0.9}, {0.01, 0.0, 0.3}, {1, 1, 1}}) {
        const std::array<double, 3> back = linearSrgbFromOklab(oklabFromLinearSrgb(rgb));
        for (std::size_t c = 0; c < 3; ++c) EXPECT_NEAR(back[c], rgb[c], 1e-9);
    }
}

TEST(Oklab, HueDifferenceTakesTheShortWayRound)
{
    EXPECT_DOUBLE_EQ(hueDifference(350.0, 10.0), 20.0);
    EXPECT_DOUBLE_EQ(hueDifference(10.0, 350.0), -20.0);
    EXPECT_DOUBLE_EQ(hueDifference(100.0, 150.0), 50.0);
    EXPECT_DOUBLE_EQ(hueDifference(0.0, 180.0), 180.0);
}

}  // namespace
}  // namespace signe::core
