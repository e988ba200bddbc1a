// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/brush_tip.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

using signe::brushes::BrushTip;
using signe::brushes::DabMask;
using signe::brushes::DabShape;
using signe::brushes::rasterizeDab;

namespace {

/// An n x n disc filling the tip, each texel the exact-ish share of it (16 x 16 samples).
std::vector<float> discTexels(int n)
{
    std::vector<float> texels(std::size_t(n) * std::size_t(n));
    const double r = n / 2.0;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            int inside = 0;
            for (int j = 0; j < 16; ++j)
                for (int i = 0; i < 16; ++i)
                    inside += std::hypot(x + (i + 0.5) / 16 - r, y + (j + 0.5) / 16 - r) < r;
            texels[std::size_t(y * n + x)] = inside / 256.0f;
        }
    return texels;
}

/// An L: a bar down the left and a bar along the bottom, plus a faint dot top right, so that
/// any flip or turn shows.
std::vector<float> lTexels(int w, int h)
{
    std::vector<float> texels(std::size_t(w) * std::size_t(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            texels[std::size_t(y * w + x)] = x < w / 4 || y >= h - h / 4 ? 1.0f
                                             : x >= w - 3 && y < 3       ? 0.5f
                                                                         : 0.0f;
    return texels;
}

BrushTip makeTip(int w, int h, std::vector<float> texels)
{
    auto tip = BrushTip::fromCoverage(w, h, std::move(texels));
    EXPECT_TRUE(tip.has_value()) << (tip ? "" : tip.error().message);
    return std::move(*tip);
}

}  // namespace

TEST(BrushTip, DiscTipMatchesTheRoundDab)
{
    const BrushTip tip = makeTip(64, 64, discTexels(64));
    DabMask fromTip, round;
    for (double off : {0.0, 0.5, 0.3}) {
        tip.rasterize({32, 1, 1, 0}, 100 + off, 80 + off, fromTip);
        rasterizeDab({32, 1, 1, 0}, 100 + off, 80 + off, round);
        EXPECT_NEAR(fromTip.sum(), round.sum(), 0.02 * round.sum());
    }
}

TEST(BrushTip, UnscaledTipReproducesItsTexels)
{
    const std::vector<float> texels = lTexels(64, 48);
    const BrushTip tip = makeTip(64, 48, texels);
    DabMask m;
    tip.rasterize({32, 1, 1, 0}, 100, 100, m);  // 64 texels over 64 pixels, centres aligned
    for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 64; ++x)
            ASSERT_FLOAT_EQ(m.at(100 - 32 + x, 100 - 24 + y), texels[std::size_t(y * 64 + x)])
                << x << "," << y;
    EXPECT_NEAR(m.sum(), tip.meanCoverage() * 64 * 48, 1e-3);
}

TEST(BrushTip, QuarterTurnTransposesAndMirrors)
{
    // Turning by 90 degrees (y down: clockwise on screen) sends canvas offset (X, Y) of the
    // unturned stamp to (-Y, X): the transpose, mirrored left to right.
    const BrushTip tip = makeTip(40, 40, lTexels(40, 40));
    for (float radius : {20.0f, 13.0f, 3.0f}) {
        DabMask m0, m90;
        tip.rasterize({radius, 1, 1, 0}, 100, 100, m0);
        tip.rasterize({radius, 1, 1, 90}, 100, 100, m90);
        // Pixel centres sit at half-integer offsets from (100, 100), so the turn maps pixel
        // (x, y) to (199 - y, x).
        for (int y = m0.box.y; y < m0.box.bottom(); ++y)
            for (int x = m0.box.x; x < m0.box.right(); ++x)
                ASSERT_NEAR(m0.at(x, y), m90.at(199 - y, x), 1e-5f)
                    << "radius " << radius << " at " << x << "," << y;
        // The L's bar down the left now runs along the top.
        if (radius == 20.0f) {
            EXPECT_EQ(m90.at(100, 81), 1.0f);
            EXPECT_EQ(m90.at(100, 99), 0.0f);
        }
    }
}

TEST(BrushTip, ScaledDownTipKeepsItsMass)
{
    for (int side : {64, 512}) {
        const BrushTip tip = makeTip(side, side, discTexels(side));
        for (float r : {2.0f, 3.0f, 6.0f})
            for (float angle : {0.0f, 30.0f})
                for (double off : {0.0, 0.25, 0.5}) {
                    DabMask m;
                    tip.rasterize({r, 1, 1, angle}, 40 + off, 40 + off * 0.5, m);
                    const double expected = tip.meanCoverage() * (2 * r) * (2 * r);
                    EXPECT_NEAR(m.sum(), expected, 0.05 * expected)
                        << "side " << side << " radius " << r << " angle " << angle;
                }
    }
}

TEST(BrushTip, SquashedTipHasAspectTimesTheArea)
{
    std::vector<float> full(64 * 64, 1.0f);
    const BrushTip tip = makeTip(64, 64, full);
    DabMask m;
    tip.rasterize({32, 1, 0.5f, 0}, 100, 100, m);
    EXPECT_NEAR(m.sum(), 64 * 32, 0.01 * 64 * 32);
    EXPECT_NEAR(m.box.w, 64, 2);
    EXPECT_NEAR(m.box.h, 32, 2);
}

TEST(BrushTip, FineDetailDoesNotAliasWhenStampedSmall)
{
    // One-texel stripes at 512 texels over 6 pixels: point sampling would give a random
    // pattern of 0s and 1s; the prefilter gives their mean.
    std::vector<float> stripes(512 * 512);
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x) stripes[std::size_t(y * 512 + x)] = float(x % 2);
    const BrushTip tip = makeTip(512, 512, stripes);
    DabMask m;
    tip.rasterize({3, 1, 1, 17}, 50.3, 50.6, m);
    EXPECT_NEAR(m.at(50, 50), 0.5f, 0.05f);
    EXPECT_NEAR(m.at(51, 49), 0.5f, 0.05f);
    EXPECT_NEAR(m.sum(), 0.5 * 36, 0.05 * 0.5 * 36);
}

TEST(BrushTip, TinyStampNeverVanishes)
{
    const BrushTip tip = makeTip(64, 64, discTexels(64));
    for (float aspect : {1.0f, 0.2f})
        for (double off : {0.0, 0.25, 0.5, 0.75}) {
            DabMask m;
            tip.rasterize({0.5f, 1, aspect, 0}, 9 + off, 9 + off, m);
            EXPECT_GT(m.sum(), 0.5 * tip.meanCoverage() * aspect) << "aspect " << aspect;
        }
}

TEST(BrushTip, HardnessIsIgnored)
{
    const BrushTip tip = makeTip(64, 64, discTexels(64));
    DabMask hard, soft;
    tip.rasterize({10, 1.0f, 0.7f, 33}, 20.2, 20.7, hard);
    tip.rasterize({10, 0.0f, 0.7f, 33}, 20.2, 20.7, soft);
    EXPECT_EQ(hard.box, soft.box);
    EXPECT_EQ(hard.coverage, soft.coverage);
}

TEST(BrushTip, BadInputsAreRejectedWithTheReason)
{
    auto message = [](int w, int h, std::vector<float> texels) {
        auto tip = BrushTip::fromCoverage(w, h, std::move(texels));
        EXPECT_FALSE(tip.has_value());
        return tip ? std::string() : tip.error().message;
    };
    EXPECT_NE(message(0, 10, {}).find("0x10"), std::string::npos);
    EXPECT_NE(message(10, -2, {}).find("10x-2"), std::string::npos);
    EXPECT_NE(message(5000, 1, std::vector<float>(5000)).find("4096"), std::string::npos);
    EXPECT_NE(message(4, 4, std::vector<float>(15)).find("got 15"), std::string::npos);
    std::vector<float> bad(16, 0.5f);
    bad[6] = NAN;
    EXPECT_NE(message(4, 4, bad).find("(2, 1) is not a number"), std::string::npos);
    bad[6] = 1.5f;
    EXPECT_NE(message(4, 4, bad).find("(2, 1)"), std::string::npos);
    bad[6] = -INFINITY;
    EXPECT_NE(message(4, 4, bad).find("outside 0..1"), std::string::npos);
    EXPECT_EQ(BrushTip::fromCoverage(4, 4, bad).error().code,
              signe::core::ErrorCode::InvalidArgument);
    EXPECT_TRUE(BrushTip::fromCoverage(1, 1, {1.0f}).has_value());
    EXPECT_TRUE(BrushTip::fromCoverage(4096, 1, std::vector<float>(4096)).has_value());
}

TEST(BrushTip, OddSizedTipStaysCentred)
{
    // A 65 x 33 tip stamped tiny must still sit on its centre, whatever the reduction.
    std::vector<float> full(65 * 33, 1.0f);
    const BrushTip tip = makeTip(65, 33, full);
    for (float r : {20.0f, 5.0f, 1.0f, 0.5f}) {
        DabMask m;
        tip.rasterize({r, 1, 1, 0}, 30.5, 40.5, m);
        double sx = 0, sy = 0, s = 0;
        for (int y = m.box.y; y < m.box.bottom(); ++y)
            for (int x = m.box.x; x < m.box.right(); ++x) {
                sx += m.at(x, y) * (x + 0.5), sy += m.at(x, y) * (y + 0.5), s += m.at(x, y);
            }
        EXPECT_NEAR(sx / s, 30.5, 0.02) << "radius " << r;
        EXPECT_NEAR(sy / s, 40.5, 0.02) << "radius " << r;
    }
}

TEST(BrushTip, LoadsTheShippedChalkTipAndNamesBadFiles)
{
    const std::filesystem::path root = SIGNE_SOURCE_DIR;
    auto chalk = signe::brushes::loadBrushTip(root / "resources/tips/chalk.png");
    ASSERT_TRUE(chalk) << chalk.error().message;
    EXPECT_EQ(chalk->width(), 96);
    EXPECT_EQ(chalk->height(), 96);
    EXPECT_EQ(signe::brushes::tipPathFor(root / "resources/presets/chalk.json", "chalk.png"),
              root / "resources/tips/chalk.png");

    auto missing = signe::brushes::loadBrushTip(root / "resources/tips/no-such-tip.png");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("no-such-tip.png"), std::string::npos);
    auto notImage = signe::brushes::loadBrushTip(root / "resources/tips/README.md");
    ASSERT_FALSE(notImage);
    EXPECT_NE(notImage.error().message.find("README.md"), std::string::npos);
}
