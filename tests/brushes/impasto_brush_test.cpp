// SPDX-License-Identifier: GPL-3.0-or-later
// Brushes laying down, moving and taking away impasto thickness.
#include <gtest/gtest.h>

#include <cmath>

#include "brushes/paint_strokes.h"
#include "core/document.h"
#include "test_strokes.h"

using namespace signe;
using brushes::BrushSetting;

namespace {

struct Canvas {
    std::unique_ptr<core::Document> doc =
        std::move(*core::Document::create(200, 120, {0, 0, 0, 0}));
    core::LayerId layer = doc->root().children()[0]->id();

    const core::ThicknessStore& thickness() const { return doc->layer(layer)->thickness(); }
    /// Thickness at a pixel in full-scale layers.
    double at(int x, int y) const { return thickness().pixel(x, y) / double(core::kThicknessFull); }

    void paint(const brushes::Preset& preset, const std::vector<brushes::InputEvent>& stroke,
               int threads = 1)
    {
        brushes::StrokeOptions options;
        options.threads = threads;
        ASSERT_TRUE(brushes::paintStrokes(*doc, layer, preset, {stroke}, options));
    }
};

brushes::Preset thickPaint(float impasto)
{
    brushes::Preset p;
    p.name = "thick";
    p.settings[BrushSetting::Radius] = 10;
    p.settings[BrushSetting::Hardness] = 0.9f;
    p.settings[BrushSetting::Impasto] = impasto;
    return p;
}

}  // namespace

TEST(ImpastoBrush, AStrokeBuildsItsImpastoWhateverItsSpacing)
{
    for (float spacing : {0.05f, 0.1f, 0.25f}) {
        Canvas c;
        brushes::Preset p = thickPaint(0.5f);
        p.settings[BrushSetting::Spacing] = spacing;
        c.paint(p, test::line(20, 60, 180, 60));
        SCOPED_TRACE(spacing);
        EXPECT_NEAR(c.at(100, 60), 0.5, 0.1) << "about `impasto` full-scale layers on the centre line";
        EXPECT_EQ(c.at(100, 90), 0.0) << "and none off the stroke";
    }
    Canvas flat;
    flat.paint(thickPaint(0.0f), test::line(20, 60, 180, 60));
    EXPECT_TRUE(flat.thickness().isEmpty()) << "paint without impasto stores no thickness";
}

TEST(ImpastoBrush, TheEraserTakesThicknessAway)
{
    Canvas c;
    c.paint(thickPaint(0.8f), test::line(20, 60, 180, 60));
    const double before = c.at(100, 60);
    brushes::Preset eraser = thickPaint(0.0f);
    eraser.mode = brushes::Preset::Mode::Erase;
    c.paint(eraser, test::line(100, 20, 100, 100));
    EXPECT_GT(before, 0.5);
    EXPECT_LT(c.at(100, 60), 0.01);
    EXPECT_NEAR(c.at(40, 60), before, 0.05) << "only where it erased";
}

TEST(ImpastoBrush, AKnifeFlattensRidges)
{
    // Two thick ridges, then a knife dragged across them: the relief along its path evens out.
    Canvas c;
    c.paint(thickPaint(0.9f), test::line(70, 10, 70, 110));
    c.paint(thickPaint(0.9f), test::line(130, 10, 130, 110));
    auto spread = [&] {
        double lo = 1e9, hi = -1e9;
        for (int x = 60; x < 140; ++x) lo = std::min(lo, c.at(x, 60)), hi = std::max(hi, c.at(x, 60));
        return hi - lo;
    };
    const double ridged = spread();
    brushes::Preset knife = thickPaint(0.0f);
    knife.settings[BrushSetting::Radius] = 16;
    knife.settings[BrushSetting::Charge] = 0.0f;
    knife.settings[BrushSetting::Pickup] = 0.9f;
    knife.settings[BrushSetting::Flow] = 0.8f;
    knife.settings[BrushSetting::Spacing] = 0.05f;
    c.paint(knife, test::line(20, 60, 190, 60));
    EXPECT_GT(ridged, 0.7);
    EXPECT_LT(spread(), ridged * 0.6) << "the knife levels what it drags across";
    EXPECT_GT(c.at(160, 60), 0.02) << "and pushes some of it on past the ridges";
}

TEST(ImpastoBrush, UndoTakesTheThicknessBack)
{
    Canvas c;
    c.paint(thickPaint(0.6f), test::line(20, 60, 180, 60));
    ASSERT_FALSE(c.thickness().isEmpty());
    ASSERT_TRUE(c.doc->undo());
    EXPECT_EQ(c.at(100, 60), 0.0);
    ASSERT_TRUE(c.doc->redo());
    EXPECT_GT(c.at(100, 60), 0.4);
}

TEST(ImpastoBrush, ThicknessIsTheSameOnAnyNumberOfThreads)
{
    brushes::Preset oil = thickPaint(0.7f);
    oil.settings[BrushSetting::Pickup] = 0.4f;
    oil.settings[BrushSetting::SmudgeLength] = 2.0f;
    Canvas one, three;
    for (Canvas* c : {&one, &three}) {
        c->paint(thickPaint(0.5f), test::line(100, 0, 100, 120), c == &one ? 1 : 3);
        c->paint(oil, test::line(10, 20, 190, 100), c == &one ? 1 : 3);
    }
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 200; ++x)
            ASSERT_EQ(one.thickness().pixel(x, y), three.thickness().pixel(x, y)) << x << "," << y;
}
