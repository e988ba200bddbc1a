// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/bristles.h"

#include <gtest/gtest.h>

#include <cmath>

#include "brushes/paint_strokes.h"
#include "brushes/preset.h"
#include "test_strokes.h"

using namespace signe;
using brushes::BristleSettings;
using brushes::Bristles;

namespace {

BristleSettings flat(int count)
{
    BristleSettings s;
    s.count = count;
    s.shape = BristleSettings::Shape::Flat;
    s.thickness = 0.1f;
    s.lengthJitter = 0.5f;
    s.loadJitter = 0.5f;
    return s;
}

}  // namespace

TEST(Bristles, StayInTheFootprintAndFollowTheStroke)
{
    // Moving along +x, a flat brush's bristles line up across it, along y, within its radius.
    Bristles b(flat(30), 1, core::MixModel::Pigment);
    const brushes::DabShape shape{20.0f, 0.8f, 1.0f, 0.0f};
    const auto& along = b.touches(100, 100, shape, 0.0f, 1.0f);
    ASSERT_EQ(along.size(), 30u) << "at full pressure every bristle touches";
    double minY = 1e9, maxY = -1e9;
    for (const auto& t : along) {
        EXPECT_LE(std::hypot(t.x - 100, t.y - 100), 20.0 * 1.05);
        EXPECT_LT(std::abs(t.x - 100), 4.0) << "a flat brush is thin along the stroke";
        minY = std::min(minY, t.y), maxY = std::max(maxY, t.y);
        EXPECT_FLOAT_EQ(t.shape.radius, 2.0f);
    }
    EXPECT_GT(maxY - minY, 30.0) << "and wide across it";
    // Moving along +y, the same bristles turn with it.
    const auto& turned = b.touches(100, 100, shape, float(std::numbers::pi / 2), 1.0f);
    for (const auto& t : turned) EXPECT_LT(std::abs(t.y - 100), 4.0);
}

TEST(Bristles, PressureBringsMoreBristlesDown)
{
    Bristles b(flat(60), 3, core::MixModel::Pigment);
    const brushes::DabShape shape{20.0f, 0.8f, 1.0f, 0.0f};
    std::size_t previous = 0;
    for (float p : {0.0f, 0.1f, 0.25f, 0.4f, 0.6f}) {
        const std::size_t n = b.touches(0, 0, shape, 0.0f, p).size();
        EXPECT_GE(n, previous) << p;
        previous = n;
    }
    EXPECT_LT(b.touches(0, 0, shape, 0.0f, 0.1f).size(), 30u);
    EXPECT_EQ(b.touches(0, 0, shape, 0.0f, 0.6f).size(), 60u) << "length jitter 0.5: all by 0.5";
}

TEST(Bristles, TheSameSeedMakesTheSameBrush)
{
    const brushes::DabShape shape{20.0f, 0.8f, 1.0f, 0.0f};
    Bristles a(flat(20), 9, core::MixModel::Pigment), b(flat(20), 9, core::MixModel::Pigment),
        c(flat(20), 10, core::MixModel::Pigment);
    const auto ta = a.touches(0, 0, shape, 0.3f, 0.8f);
    const auto tb = b.touches(0, 0, shape, 0.3f, 0.8f);
    const auto tc = c.touches(0, 0, shape, 0.3f, 0.8f);
    ASSERT_EQ(ta.size(), tb.size());
    for (std::size_t i = 0; i < ta.size(); ++i) {
        EXPECT_EQ(ta[i].x, tb[i].x);
        EXPECT_EQ(ta[i].y, tb[i].y);
    }
    bool differs = ta.size() != tc.size();
    for (std::size_t i = 0; !differs && i < ta.size(); ++i) differs = ta[i].y != tc[i].y;
    EXPECT_TRUE(differs) << "another stroke, another brush";
}

namespace {

/// Across a horizontal stroke at x = 100: how many times the paint rises again after falling
/// (a valley between two streaks), and how many pixels hold paint.
std::pair<int, int> valleysAndPainted(const brushes::Preset& preset)
{
    auto doc = std::move(*core::Document::create(200, 120, {0, 0, 0, 0}));
    const core::LayerId layer = doc->root().children()[0]->id();
    EXPECT_TRUE(brushes::paintStrokes(*doc, layer, preset, {test::line(20, 60, 180, 60, 30)}, {}));
    const core::TileStore& tiles = doc->layer(layer)->tiles();
    int valleys = 0, painted = 0, peak = 0;
    bool falling = false;
    for (int y = 20; y < 100; ++y) {
        const int a = tiles.pixel(100, y).a;
        painted += a > 0;
        if (a < peak - 3000) falling = true;
        if (falling && a > peak - 1000) valleys += 1, falling = false;
        if (!falling) peak = std::max(peak, a);
        if (falling) peak = std::min(peak, a + 3000);  // the valley floor, plus the depth
    }
    return {valleys, painted};
}

}  // namespace

TEST(Bristles, LeaveStreaksAlongTheStroke)
{
    // A dry bristle brush over bare canvas: across the stroke the paint comes and goes, where
    // the same brush without bristles is one smooth hill.
    brushes::Preset preset;
    preset.name = "dry";
    preset.settings[brushes::BrushSetting::Radius] = 30;
    preset.settings[brushes::BrushSetting::Spacing] = 0.3f;
    preset.settings[brushes::BrushSetting::Charge] = 0.6f;
    const auto [smoothValleys, smoothPainted] = valleysAndPainted(preset);
    EXPECT_EQ(smoothValleys, 0);
    preset.bristles = flat(24);
    preset.bristles.thickness = 0.05f;
    preset.bristles.loadJitter = 0.9f;
    const auto [valleys, painted] = valleysAndPainted(preset);
    EXPECT_GT(painted, 30) << "the stroke is there";
    EXPECT_GE(valleys, 4) << "and streaked";
    (void)smoothPainted;
}

TEST(Bristles, PaintTheSamePixelsOnAnyNumberOfThreads)
{
    auto preset = brushes::loadPreset(std::filesystem::path(SIGNE_SOURCE_DIR) /
                                      "resources/presets/oil-flat-bristle.json");
    ASSERT_TRUE(preset) << preset.error().message;
    std::unique_ptr<core::Document> docs[2];
    for (int i = 0; i < 2; ++i) {
        docs[i] = std::move(*core::Document::create(256, 256, {0, 0, 0, 0}));
        const core::LayerId layer = docs[i]->root().children()[0]->id();
        brushes::StrokeOptions options;
        options.threads = i == 0 ? 1 : 3;
        ASSERT_TRUE(brushes::paintStrokes(*docs[i], layer, *preset,
                                          {test::line(20, 30, 230, 220, 30)}, options));
    }
    const auto& a = docs[0]->layer(docs[0]->root().children()[0]->id())->tiles();
    const auto& b = docs[1]->layer(docs[1]->root().children()[0]->id())->tiles();
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) ASSERT_EQ(a.pixel(x, y), b.pixel(x, y)) << x << "," << y;
}

TEST(Grain, ThinsAStrokeMoreUnderLighterPressure)
{
    // A wide hard stroke on the paper grain: at full pen pressure with depth 1 the tooth fills
    // (no change), at depth 0.6 paper shows through, at 0.3 far more of it.
    auto coverage = [](float depth) {
        auto doc = std::move(*core::Document::create(160, 80, {0, 0, 0, 0}));
        const core::LayerId layer = doc->root().children()[0]->id();
        brushes::Preset preset;
        preset.name = "grain";
        preset.settings[brushes::BrushSetting::Radius] = 25;
        preset.settings[brushes::BrushSetting::Hardness] = 1;
        preset.grain.strength = 1.0f;
        preset.grain.depth = depth;
        EXPECT_TRUE(brushes::paintStrokes(*doc, layer, preset, {test::line(30, 40, 130, 40)}, {}));
        double sum = 0;
        for (int y = 30; y < 50; ++y)
            for (int x = 50; x < 110; ++x) sum += doc->layer(layer)->tiles().pixel(x, y).a / 65535.0;
        return sum / (20 * 60);
    };
    const double full = coverage(1.0f), medium = coverage(0.6f), light = coverage(0.3f);
    EXPECT_NEAR(full, 1.0, 1e-6);
    EXPECT_LT(medium, 0.95);
    EXPECT_LT(light, medium - 0.2);
    EXPECT_GT(light, 0.0);
}
