// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/round_brush.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace signe;
using core::Pixel16;

namespace {

struct Canvas {
    std::unique_ptr<core::Document> doc = std::move(*core::Document::create(512, 512));
    core::LayerId layer = doc->root().children()[0]->id();
    const core::TileStore& tiles() const { return doc->layer(layer)->tiles(); }

    double coverage() const  // sum of alpha over the layer, in pixels
    {
        double sum = 0;
        for (int y = 0; y < 512; ++y)
            for (int x = 0; x < 512; ++x) sum += tiles().pixel(x, y).a / 65535.0;
        return sum;
    }
};

brushes::RoundBrushSettings hardBrush(float radius)
{
    brushes::RoundBrushSettings s;
    s.radius = radius;
    s.hardness = 1.0f;
    s.color = {65535, 0, 0, 65535};
    return s;
}

}  // namespace

TEST(RoundBrush, HardDabCoversPiRSquared)
{
    for (float r : {3.0f, 10.0f, 40.0f}) {
        Canvas c;
        core::Transaction tx(*c.doc, "dab");
        auto target = tx.target(c.layer);
        brushes::RoundBrush(hardBrush(r)).dab(*target, 200.3, 180.7, r);
        tx.commit();
        EXPECT_NEAR(c.coverage(), std::numbers::pi * r * r, std::numbers::pi * r * r * 0.03)
            << "radius " << r;
        EXPECT_EQ(c.tiles().pixel(200, 180), (Pixel16{65535, 0, 0, 65535}));
    }
}

TEST(RoundBrush, PressureDrivesSize)
{
    Canvas light, firm;
    for (auto [canvas, pressure] : {std::pair{&light, 0.25f}, std::pair{&firm, 1.0f}}) {
        core::Transaction tx(*canvas->doc, "stroke");
        auto target = tx.target(canvas->layer);
        brushes::RoundBrush brush(hardBrush(20));
        brush.begin(*target, {0, 100, 100, pressure});
        tx.commit();
    }
    EXPECT_NEAR(firm.coverage() / light.coverage(), 16.0, 1.0);  // area goes with radius^2
}

TEST(RoundBrush, StrokeIsOneUndoableEntryWithEvenSpacing)
{
    Canvas c;
    core::Transaction tx(*c.doc, "Brush stroke");
    auto target = tx.target(c.layer);
    brushes::RoundBrush brush(hardBrush(5));
    const brushes::InputEvent events[] = {{0, 50, 50}, {0.1, 250, 50}, {0.2, 250, 250}};
    brush.stroke(*target, events, 3);
    tx.commit();
    // 400 px of path at spacing 0.1 * diameter (1 px): about 400 dabs plus the first.
    EXPECT_NEAR(brush.dabCount(), 401, 2);
    EXPECT_EQ(c.tiles().pixel(150, 50).a, 65535) << "no gaps along the path";
    EXPECT_EQ(c.tiles().pixel(250, 150).a, 65535);
    EXPECT_EQ(c.doc->history().count(), 1u);
    c.doc->undo();
    EXPECT_EQ(c.tiles().tileCount(), 0u);
}

TEST(RoundBrush, AlphaLockRecoloursWithoutSpreading)
{
    Canvas c;
    {
        core::Transaction tx(*c.doc, "base");
        tx.target(c.layer)->fillRect({100, 100, 10, 10}, {0, 0, 65535, 65535});
        tx.commit();
    }
    core::LayerProperties p = c.doc->layer(c.layer)->properties();
    p.alphaLock = true;
    ASSERT_TRUE(c.doc->setLayerProperties(c.layer, p));
    core::Transaction tx(*c.doc, "recolour");
    auto target = tx.target(c.layer);
    brushes::RoundBrush(hardBrush(30)).dab(*target, 105, 105, 30);
    tx.commit();
    EXPECT_EQ(c.tiles().pixel(105, 105), (Pixel16{65535, 0, 0, 65535}));
    EXPECT_EQ(c.tiles().pixel(95, 95).a, 0) << "alpha lock keeps transparent pixels transparent";
}

TEST(RoundBrush, SameEventsGiveIdenticalPixels)
{
    Canvas a, b;
    for (Canvas* c : {&a, &b}) {
        core::Transaction tx(*c->doc, "s");
        brushes::RoundBrushSettings s = hardBrush(12);
        s.hardness = 0.3f;
        s.opacity = 0.4f;
        brushes::RoundBrush brush(s);
        const brushes::InputEvent ev[] = {{0, 10, 10, 0.2f}, {0, 300, 200, 1.0f}, {0, 30, 400, 0.5f}};
        auto target = tx.target(c->layer);
        brush.stroke(*target, ev, 3);
        tx.commit();
    }
    for (int y = 0; y < 512; y += 3)
        for (int x = 0; x < 512; x += 3) ASSERT_EQ(a.tiles().pixel(x, y), b.tiles().pixel(x, y));
}

TEST(RoundBrush, PenHeldStillWhilePressureFallsStaysPut)
{
    Canvas c;
    core::Transaction tx(*c.doc, "s");
    auto target = tx.target(c.layer);
    brushes::RoundBrush brush(hardBrush(40));
    brush.begin(*target, {0, 100, 100, 1.0f});
    brush.moveTo(*target, {0.01, 103, 100, 1.0f});  // carries 3 px towards the next dab
    brush.moveTo(*target, {0.02, 103, 100, 0.05f});  // same place, spacing now below 3 px
    brush.moveTo(*target, {0.03, 103, 100, 0.01f});
    tx.commit();
    // Every tile touched lies around the pen: none at NaN-derived far-away coordinates.
    for (core::TileCoord tc : c.tiles().coords()) {
        EXPECT_GE(tc.x, 0);
        EXPECT_LE(tc.x, 3);
        EXPECT_GE(tc.y, 0);
        EXPECT_LE(tc.y, 3);
    }
    EXPECT_EQ(c.tiles().pixel(103, 100).a, 65535);
}
