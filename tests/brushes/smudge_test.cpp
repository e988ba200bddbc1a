// SPDX-License-Identifier: GPL-3.0-or-later
// Brushes that carry paint: pick-up, smudge and charge through the whole engine.
#include <gtest/gtest.h>

#include <cmath>

#include "brushes/paint_strokes.h"
#include "brushes/stroke_painter.h"
#include "core/color.h"
#include "test_canvas.h"
#include "test_presets.h"
#include "test_strokes.h"

using namespace signe;
using brushes::BrushSetting;
using brushes::InputEvent;
using core::Pixel16;

namespace {

using test::blender;
using test::roundPreset;

std::vector<InputEvent> line(double x0, double y0, double x1, double y1)
{
    return test::line(x0, y0, x1, y1, 40, 0.4);
}

using test::Canvas;

constexpr core::Color16 kRed{65535, 0, 0, 65535};
constexpr core::Color16 kBlue{0, 0, 65535, 65535};

/// A red band down the middle of a transparent canvas, x in about [110, 146).
void paintRedBand(Canvas& c)
{
    c.paint(roundPreset(18), line(128, 0, 128, 255), kRed);
}

}  // namespace

TEST(Smudge, ABlenderDragsPaintOnlyWhereItHasBeen)
{
    Canvas c;
    paintRedBand(c);
    ASSERT_EQ(c.tiles().pixel(128, 128).a, 65535);
    ASSERT_EQ(c.tiles().pixel(80, 128).a, 0);
    c.paint(blender(10), line(40, 128, 240, 128), kBlue);  // its colour is never used
    // Before the band the blender has nothing to lay down.
    EXPECT_EQ(c.tiles().pixel(80, 128).a, 0);
    // Past the band it lays red, thinning out as it goes.
    const Pixel16 near = c.tiles().pixel(160, 128), far = c.tiles().pixel(220, 128);
    EXPECT_GT(near.a, 65535 / 4);
    EXPECT_GT(near.a, far.a);
    EXPECT_GT(far.a, 0);
    for (const Pixel16& p : {near, far}) {
        EXPECT_EQ(p.g, 0);
        EXPECT_EQ(p.b, 0) << "the blender's own colour never shows";
        EXPECT_NEAR(p.r, p.a, 1);  // red, premultiplied
    }
}

TEST(Smudge, AChargedBrushMixesItsPaintWithWhatItCrosses)
{
    // A blue brush with pick-up crosses the red band: past it, the paint is neither pure blue
    // nor red, and goes back to blue as fresh paint flows in over the smudge length.
    Canvas c;
    paintRedBand(c);
    brushes::Preset oil = roundPreset(10);
    oil.settings[BrushSetting::Pickup] = 0.4f;
    oil.settings[BrushSetting::SmudgeLength] = 2.0f;
    c.paint(oil, line(40, 128, 240, 128), kBlue);
    const Pixel16 before = c.tiles().pixel(80, 128);
    EXPECT_EQ(before, (Pixel16{0, 0, 65535, 65535})) << "fresh paint before the band";
    const Pixel16 just = c.tiles().pixel(150, 128), later = c.tiles().pixel(230, 128);
    EXPECT_GT(just.r, 65535 / 40) << "red dragged out of the band (pure blue has none)";
    EXPECT_LT(later.r, just.r) << "and fading back to the brush's blue";
}

TEST(Smudge, IsTheSameOnAnyNumberOfThreads)
{
    brushes::Preset oil = roundPreset(12);
    oil.settings[BrushSetting::Pickup] = 0.3f;
    oil.settings[BrushSetting::SmudgeLength] = 3.0f;
    Canvas one, three;
    for (Canvas* c : {&one, &three}) {
        paintRedBand(*c);
        c->paint(oil, line(20, 60, 240, 200), kBlue, c == &one ? 1 : 3);
    }
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x)
            ASSERT_EQ(one.tiles().pixel(x, y), three.tiles().pixel(x, y)) << x << "," << y;
}

TEST(Smudge, ABrushFullOfPaintLaysItsOwnColourOverAnything)
{
    // Charge 1 and no pick-up, but a charge dynamic sends it through the reservoir: where its
    // mask is whole it lays exactly its colour, even across the red band.
    brushes::Preset full = roundPreset(9);
    full.settings.dynamics.push_back({BrushSetting::Charge, brushes::DynamicInput::Pressure,
                                      *brushes::Curve::make({{0, 1}, {1, 1}})});
    Canvas c;
    paintRedBand(c);
    c.paint(full, line(20, 128, 230, 128), kBlue);
    for (int x : {30, 128, 220}) EXPECT_EQ(c.tiles().pixel(x, 128), (Pixel16{0, 0, 65535, 65535})) << x;
}

TEST(StrokePainter, SamplesTheLayerAsTheStrokeHasPaintedIt)
{
    // Paint half-covering dabs over a red band, then compare sampleUnder() with the same
    // weighted mean worked out from the flushed pixels.
    Canvas c;
    paintRedBand(c);
    core::Transaction tx(*c.doc, "dabs");
    auto target = tx.target(c.layer);
    ASSERT_TRUE(target);
    brushes::StrokePainter painter(*target, brushes::PaintMode::Paint, 2);
    brushes::DabMask dab;
    brushes::rasterizeDab({20.0f, 0.5f, 1.0f, 0.0f}, 100.0, 100.0, dab);
    painter.addDab(dab, {0.0f, 0.0f, 1.0f, 0.7f, 0.6f});
    brushes::DabMask probe;
    brushes::rasterizeDab({15.0f, 0.3f, 1.0f, 0.0f}, 112.0, 104.0, probe);
    const brushes::Paint sampled = painter.sampleUnder(probe);
    painter.flush();
    double w = 0, wa = 0, rgb[3] = {0, 0, 0};
    for (int y = probe.box.y; y < probe.box.bottom(); ++y)
        for (int x = probe.box.x; x < probe.box.right(); ++x) {
            const double m = probe.at(x, y);
            const Pixel16 p = target->tiles().pixel(x, y);
            const double a = p.a / 65535.0;
            w += m;
            wa += m * a;
            if (p.a == 0) continue;
            const std::uint16_t straight[3] = {
                std::uint16_t(std::min(65535u, (p.r * 65535u + p.a / 2u) / p.a)),
                std::uint16_t(std::min(65535u, (p.g * 65535u + p.a / 2u) / p.a)),
                std::uint16_t(std::min(65535u, (p.b * 65535u + p.a / 2u) / p.a))};
            for (int i = 0; i < 3; ++i) rgb[i] += m * a * core::srgb16ToLinear(straight[i]);
        }
    tx.commit();
    EXPECT_NEAR(sampled.alpha, wa / w, 1e-4);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(sampled.rgb[std::size_t(i)], rgb[i] / wa, 2e-3) << i;
    EXPECT_GT(sampled.rgb[0], 0.1f);  // both the band and the dab are under the probe
    EXPECT_GT(sampled.rgb[2], 0.1f);
}
