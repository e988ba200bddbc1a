// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_engine.h"

#include <gtest/gtest.h>

#include <cmath>

#include "brushes/paint_strokes.h"

using namespace signe;
using brushes::BrushSetting;
using brushes::InputEvent;
using core::Pixel16;

namespace {

brushes::Preset plainPreset(float radius, float hardness = 1.0f)
{
    brushes::Preset p;
    p.name = "test";
    p.settings[BrushSetting::Radius] = radius;
    p.settings[BrushSetting::Hardness] = hardness;
    p.settings[BrushSetting::Spacing] = 0.1f;
    return p;
}

std::vector<InputEvent> line(double x0, double y0, double x1, double y1, int n = 20)
{
    std::vector<InputEvent> ev;
    for (int i = 0; i <= n; ++i) {
        const double u = double(i) / n;
        ev.push_back({u * 0.2, x0 + (x1 - x0) * u, y0 + (y1 - y0) * u, 1.0f});
    }
    return ev;
}

struct Canvas {
    std::unique_ptr<core::Document> doc = std::move(*core::Document::create(256, 256, {0, 0, 0, 0}));
    core::LayerId layer = doc->root().children()[0]->id();
    const core::TileStore& tiles() const { return doc->layer(layer)->tiles(); }

    brushes::PaintStats paint(const brushes::Preset& preset,
                              const std::vector<std::vector<InputEvent>>& strokes,
                              brushes::StrokeOptions options = {})
    {
        auto stats = brushes::paintStrokes(*doc, layer, preset, strokes, options);
        EXPECT_TRUE(stats) << stats.error().message;
        return *stats;
    }
};

void expectSamePixels(const Canvas& a, const Canvas& b)
{
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) ASSERT_EQ(a.tiles().pixel(x, y), b.tiles().pixel(x, y)) << x << "," << y;
}

}  // namespace

TEST(StrokeEngine, OpacityCapsTheWholeStrokeEvenWhereItCrossesItself)
{
    auto preset = plainPreset(6);
    preset.settings[BrushSetting::Opacity] = 0.5f;
    Canvas c;
    auto cross = line(20, 20, 200, 200);
    auto back = line(200, 20, 20, 200);
    cross.insert(cross.end(), back.begin(), back.end());
    for (std::size_t i = 0; i < cross.size(); ++i) cross[i].t = double(i) * 0.01;
    c.paint(preset, {cross});
    const int once = c.tiles().pixel(50, 50).a;     // on the first line only
    const int crossing = c.tiles().pixel(110, 110).a;  // where the stroke crosses itself
    EXPECT_NEAR(once, 32768, 2);
    EXPECT_EQ(crossing, once) << "a stroke does not build up past its opacity";

    // A second stroke is a new stroke: over the first it does build up (0.5 + 0.5 * 0.5).
    c.paint(preset, {line(20, 50, 200, 50)});
    EXPECT_NEAR(c.tiles().pixel(50, 50).a, 0.75 * 65535, 3);
}

TEST(StrokeEngine, FlowIsPerDabAndBuildsUpTowardsOpacity)
{
    auto preset = plainPreset(8);
    preset.settings[BrushSetting::Flow] = 0.1f;
    Canvas single, stroke;
    single.paint(preset, {{{0, 100, 100, 1.0f}}});
    EXPECT_NEAR(single.tiles().pixel(100, 100).a, 0.1 * 65535, 2) << "one dab deposits its flow";
    stroke.paint(preset, {line(20, 100, 220, 100)});
    // A 16 px dab every 1.6 px: ten dabs cover the centre line, each closing a tenth of the
    // gap to full opacity, 1 - 0.9^10 = 0.651.
    EXPECT_NEAR(stroke.tiles().pixel(120, 100).a / 65535.0, 1.0 - std::pow(0.9, 10), 0.01);
    preset.settings[BrushSetting::Opacity] = 0.4f;
    Canvas capped;
    capped.paint(preset, {line(20, 100, 220, 100)});
    EXPECT_NEAR(capped.tiles().pixel(120, 100).a / 65535.0, 0.4 * (1.0 - std::pow(0.9, 10)), 0.01)
        << "flow builds up towards the opacity, not past it";
}

TEST(StrokeEngine, DabsFollowSpacingAlongTheStroke)
{
    auto preset = plainPreset(8);  // 0.125 of a 16 px diameter: a dab every 2 px, exactly
    preset.settings[BrushSetting::Spacing] = 0.125f;
    Canvas c;
    const auto stats = c.paint(preset, {line(20, 100, 220, 100)});
    EXPECT_EQ(stats.dabs, 101);
    EXPECT_EQ(c.doc->history().count(), 1u);
    EXPECT_EQ(c.doc->history().undoName(), "Brush stroke");
}

TEST(StrokeEngine, EraseRemovesAndAlphaLockKeepsCoverage)
{
    Canvas c;
    {
        core::Transaction tx(*c.doc, "fill");
        tx.target(c.layer)->fillRect({0, 0, 256, 128}, {0, 0, 65535, 65535});
        tx.commit();
    }
    auto eraser = plainPreset(6);
    eraser.mode = brushes::Preset::Mode::Erase;
    c.paint(eraser, {line(20, 60, 200, 60)});
    EXPECT_EQ(c.tiles().pixel(100, 60).a, 0);
    EXPECT_EQ(c.tiles().pixel(100, 100).a, 65535);

    core::LayerProperties p = c.doc->layer(c.layer)->properties();
    p.alphaLock = true;
    ASSERT_TRUE(c.doc->setLayerProperties(c.layer, p));
    brushes::StrokeOptions red;
    red.color = {65535, 0, 0, 65535};
    c.paint(plainPreset(6), {line(20, 125, 200, 125), line(20, 200, 200, 200)}, red);
    EXPECT_EQ(c.tiles().pixel(100, 124), (Pixel16{65535, 0, 0, 65535})) << "recoloured";
    EXPECT_EQ(c.tiles().pixel(100, 129).a, 0) << "transparent pixels stay transparent";
    EXPECT_EQ(c.tiles().pixel(100, 200).a, 0);
}

TEST(StrokeEngine, SameEventsGiveBitIdenticalPixelsForAnyThreadCount)
{
    auto preset = plainPreset(30, 0.4f);
    preset.settings[BrushSetting::Flow] = 0.3f;
    preset.settings[BrushSetting::Scatter] = 0.5f;  // random dynamics, seeded per stroke
    std::vector<std::vector<InputEvent>> strokes = {line(10, 30, 240, 200, 60),
                                                   line(240, 30, 10, 220, 7)};
    Canvas one, two, again, otherSeed;
    brushes::StrokeOptions options;
    options.seed = 42;
    one.paint(preset, strokes, options);
    options.threads = 2;
    two.paint(preset, strokes, options);
    options.threads = 1;
    again.paint(preset, strokes, options);
    expectSamePixels(one, two);
    expectSamePixels(one, again);
    options.seed = 43;
    otherSeed.paint(preset, strokes, options);
    bool differs = false;
    for (int y = 0; y < 256 && !differs; ++y)
        for (int x = 0; x < 256 && !differs; ++x)
            differs = one.tiles().pixel(x, y) != otherSeed.tiles().pixel(x, y);
    EXPECT_TRUE(differs) << "scatter must depend on the seed";
}

TEST(StrokeEngine, PaintsInLinearLight)
{
    // Half-covered white over black reads as linear 0.5, which is sRGB 188, not 128.
    auto preset = plainPreset(20);
    preset.settings[BrushSetting::Opacity] = 0.5f;
    Canvas c;
    {
        core::Transaction tx(*c.doc, "black");
        tx.target(c.layer)->fillRect({0, 0, 256, 256}, {0, 0, 0, 65535});
        tx.commit();
    }
    brushes::StrokeOptions white;
    white.color = {65535, 65535, 65535, 65535};
    c.paint(preset, {{{0, 128, 128, 1.0f}}}, white);
    EXPECT_NEAR(c.tiles().pixel(128, 128).r, core::linearToSrgb(0.5f) * 65535, 4);
}

TEST(StrokeEngine, UndoRestoresTheLayerExactly)
{
    Canvas c;
    c.paint(plainPreset(12), {line(20, 20, 230, 230)});
    auto before = c.doc->layer(c.layer)->tiles().coords();
    c.paint(plainPreset(25, 0.2f), {line(230, 20, 20, 230)});
    c.doc->undo();
    EXPECT_EQ(c.doc->layer(c.layer)->tiles().coords().size(), before.size());
    EXPECT_EQ(c.tiles().pixel(230, 20).a, 0);
}
