// SPDX-License-Identifier: GPL-3.0-or-later
// Wet and dry paint through the whole engine: what mixes, what stays, and the stamps left.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "brushes/paint_strokes.h"
#include "core/color.h"
#include "test_canvas.h"
#include "test_presets.h"
#include "test_strokes.h"

using namespace signe;
using brushes::BrushSetting;
using brushes::InputEvent;
using core::Drying;
using core::DryingMode;
using core::Pixel16;

namespace {

using test::blender;
using test::roundPreset;

/// A brush loaded with paint that also takes up what it crosses (wet-on-wet).
brushes::Preset wetOnWet(float radius)
{
    brushes::Preset p = roundPreset(radius);
    p.settings[BrushSetting::Pickup] = 0.6f;
    p.settings[BrushSetting::SmudgeLength] = 2.0f;
    p.settings[BrushSetting::Charge] = 0.5f;
    return p;
}

std::vector<InputEvent> line(double x0, double y0, double x1, double y1, double t = 0)
{
    auto events = test::line(x0, y0, x1, y1, 40, 0.4);
    for (InputEvent& e : events) e.t += t;
    return events;
}

constexpr core::Color16 kRed{65535, 0, 0, 65535};
constexpr core::Color16 kBlue{0, 0, 65535, 65535};
constexpr core::Color16 kYellow{65535, 65535, 0, 65535};

struct Canvas : test::Canvas {
    explicit Canvas(Drying drying) { EXPECT_TRUE(doc->setDrying(drying)); }

    const core::WetStore& stamps() const { return doc->layer(layer)->wetness(); }

    /// A red band down the middle, x in about [110, 146), painted at time `t`.
    void paintRedBand(double t = 0) { paint(roundPreset(18), line(128, 0, 128, 255, t), kRed); }

    /// Every pixel of the canvas.
    std::vector<Pixel16> pixels() const
    {
        std::vector<Pixel16> out(256 * 256);
        tiles().readRect({0, 0, 256, 256}, out.data(), 256);
        return out;
    }
};

/// Sum over the canvas of how far each channel moved, in 16-bit units.
double difference(const std::vector<Pixel16>& a, const std::vector<Pixel16>& b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += std::abs(a[i].r - b[i].r) + std::abs(a[i].g - b[i].g) + std::abs(a[i].b - b[i].b) +
               std::abs(a[i].a - b[i].a);
    return sum;
}

/// How far a blender dragged across the red band moves the canvas.
double blenderChange(Canvas& c, double t = 0)
{
    const auto before = c.pixels();
    c.paint(blender(12), line(40, 128, 230, 128, t), kBlue);
    return difference(before, c.pixels());
}

}  // namespace

TEST(Wetness, PaintThatNeverDriesKeepsNoStamps)
{
    Canvas c({DryingMode::Never, 0});
    c.paintRedBand();
    EXPECT_TRUE(c.stamps().isEmpty());
    EXPECT_GT(blenderChange(c), 0.0);
}

TEST(Wetness, StrokesStampThePixelsTheyPaintWithTheirNumber)
{
    Canvas c({DryingMode::Strokes, 3});
    c.paintRedBand();
    c.paint(roundPreset(6), line(20, 20, 60, 20), kBlue);
    EXPECT_EQ(c.stamps().pixel(128, 128), 1u);
    EXPECT_EQ(c.stamps().pixel(40, 20), 2u);
    EXPECT_EQ(c.stamps().pixel(200, 200), core::kDry);  // never painted
    EXPECT_EQ(c.doc->clock().strokes(), 2u);
}

TEST(Wetness, ABlenderLeavesDryPaintExactlyAsItWas)
{
    Canvas c({DryingMode::Strokes, 1});  // dry as soon as the next stroke starts
    c.paintRedBand();
    const auto before = c.pixels();
    EXPECT_EQ(blenderChange(c), 0.0);
    EXPECT_EQ(c.pixels(), before);
}

TEST(Wetness, WetPaintMixesLessAsItDries)
{
    // With 4 strokes to dry, the band is 3/4 wet to the stroke right after it, 1/4 wet to the
    // third after it and dry to the fourth: a blender drags less and less of it, then none.
    auto changeAfter = [](int strokesBetween) {
        Canvas c({DryingMode::Strokes, 4});
        c.paintRedBand();
        for (int i = 0; i < strokesBetween; ++i)
            c.paint(roundPreset(2), line(5, 5 + 4 * i, 15, 5 + 4 * i), kBlue);  // out of the way
        return blenderChange(c);
    };
    const double fresh = changeAfter(0), older = changeAfter(1), oldest = changeAfter(2);
    EXPECT_GT(fresh, older);
    EXPECT_GT(older, oldest);
    EXPECT_GT(oldest, 0.0);
    EXPECT_EQ(changeAfter(3), 0.0);
}

TEST(Wetness, PaintDriesByTheClock)
{
    // Ten seconds to dry: the band, painted at t = 0, is half wet at 5 s and dry at 20 s.
    auto changeAt = [](double t) {
        Canvas c({DryingMode::Seconds, 10});
        c.paintRedBand(0);
        return blenderChange(c, t);
    };
    const double atOnce = changeAt(0.5), half = changeAt(5), dry = changeAt(20);
    EXPECT_GT(atOnce, half);
    EXPECT_GT(half, 0.0);
    EXPECT_EQ(dry, 0.0);
}

TEST(Wetness, AStrokeMixesWithItsOwnPaintOnDryCanvas)
{
    // A wet-on-wet brush crossing dry blue keeps its own colour: it takes up none of the blue.
    Canvas wet({DryingMode::Never, 0}), dry({DryingMode::Strokes, 1});
    for (Canvas* c : {&wet, &dry}) {
        c->paint(roundPreset(30), line(128, 0, 128, 255), kBlue);
        c->paint(wetOnWet(8), line(40, 128, 230, 128), kYellow);
    }
    // Past the blue band, on bare canvas: the wet canvas's stroke carries blue along (it is
    // greener than yellow); the dry canvas's is still the brush's yellow.
    const Pixel16 carried = wet.tiles().pixel(200, 128), own = dry.tiles().pixel(200, 128);
    ASSERT_GT(carried.a, 0);
    ASSERT_GT(own.a, 0);
    EXPECT_LT(carried.r, own.r - 2000);
    EXPECT_EQ(own.r, own.a);  // straight yellow: red and green full, no blue
    EXPECT_EQ(own.b, 0);
    // Over the dry band it paints over the blue rather than mixing with it.
    EXPECT_GT(dry.tiles().pixel(128, 128).r, wet.tiles().pixel(128, 128).r);
}

TEST(Wetness, AnyThreadCountPaintsTheSamePixelsAndStamps)
{
    std::vector<Pixel16> first;
    core::WetStore firstStamps;
    for (int threads : {1, 2, 4}) {
        Canvas c({DryingMode::Strokes, 3});
        c.paintRedBand();
        c.paint(roundPreset(2), line(5, 5, 15, 5), kBlue);
        c.paint(blender(12), line(40, 128, 230, 128), kBlue, threads);
        c.paint(wetOnWet(8), line(40, 60, 230, 200), kYellow, threads);
        if (first.empty()) {
            first = c.pixels();
            firstStamps = c.stamps();
            continue;
        }
        EXPECT_EQ(c.pixels(), first) << threads << " threads";
        std::vector<core::WetStamp> a(256 * 256), b(256 * 256);
        c.stamps().readRect({0, 0, 256, 256}, a.data(), 256);
        firstStamps.readRect({0, 0, 256, 256}, b.data(), 256);
        EXPECT_EQ(a, b) << threads << " threads";
    }
}

TEST(Wetness, UndoingAStrokePutsItsStampsBack)
{
    Canvas c({DryingMode::Strokes, 3});
    c.paintRedBand();
    c.paint(roundPreset(6), line(100, 128, 160, 128), kBlue);
    EXPECT_EQ(c.stamps().pixel(128, 128), 2u);
    c.doc->undo();
    EXPECT_EQ(c.stamps().pixel(128, 128), 1u);
    c.doc->redo();
    EXPECT_EQ(c.stamps().pixel(128, 128), 2u);
}

TEST(Wetness, ABlenderLeavesDryImpastoAsItWas)
{
    Canvas c({DryingMode::Strokes, 1});
    brushes::Preset thick = roundPreset(18);
    thick.settings[BrushSetting::Impasto] = 0.5f;
    c.paint(thick, line(128, 0, 128, 255), kRed);
    const core::Thickness16 before = c.doc->layer(c.layer)->thickness().pixel(128, 128);
    ASSERT_GT(before, 0);
    brushes::Preset smoothing = blender(12);
    smoothing.settings[BrushSetting::Impasto] = 0.0f;
    c.paint(smoothing, line(40, 128, 230, 128), kBlue);
    EXPECT_EQ(c.doc->layer(c.layer)->thickness().pixel(128, 128), before);
}
