// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <random>
#include <set>

#include "brushes/paint_strokes.h"
#include "brushes/stroke_painter.h"
#include "core/color.h"
#include "core/parallel_for.h"
#include "test_strokes.h"

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

using test::line;

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

namespace {

/// A layer of varied paint: opaque, transparent and partly transparent pixels (premultiplied),
/// plus a uniform tile, so that decoding takes every path.
void fillWithNoise(Canvas& c, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<Pixel16> px(256 * 256);
    for (Pixel16& p : px) {
        const std::uint32_t pick = rng() % 4;
        const std::uint16_t a = pick == 0 ? 0 : pick == 1 ? 65535 : std::uint16_t(rng() % 65536);
        auto channel = [&] { return std::uint16_t(a ? rng() % (a + 1u) : 0); };
        p = {channel(), channel(), channel(), a};
    }
    core::Transaction tx(*c.doc, "noise");
    tx.target(c.layer)->writeRect({0, 0, 256, 256}, px.data(), 256);
    tx.target(c.layer)->fillRect({128, 128, 64, 64}, {1000, 20000, 30000, 40000});
    tx.commit();
}

std::atomic<int> g_statesMade{0};

/// Scratch state for parallelFor that counts how many were made.
struct Counted {
    int items = 0;
    Counted() { ++g_statesMade; }
};

/// Paints `strokes` through StrokeEngine, flushing after every event when asked (as the canvas
/// does) rather than once at the end.
void paintFlushing(Canvas& c, const brushes::Preset& preset,
                   const std::vector<std::vector<InputEvent>>& strokes,
                   brushes::StrokeOptions options, bool flushEveryEvent)
{
    for (const auto& events : strokes) {
        core::Transaction tx(*c.doc, "Brush stroke");
        auto target = tx.target(c.layer);
        ASSERT_TRUE(target);
        brushes::StrokeEngine stroke(preset, *target, options);
        stroke.begin(events.front());
        for (std::size_t i = 1; i < events.size(); ++i) {
            stroke.add(events[i]);
            if (flushEveryEvent) stroke.flush();
        }
        stroke.end();
        tx.commit();
        ++options.seed;
    }
}

}  // namespace

TEST(StrokeEngine, FlushingAfterEveryEventGivesTheSamePixelsAsFlushingOnce)
{
    // flush() rewrites only what changed since the previous flush; the rest must be as the
    // previous flush left it, whatever the mode and the paint underneath.
    // Modes: paint, erase, paint under alpha lock, a brush carrying paint (Smudge), and one
    // under alpha lock.
    for (int mode = 0; mode < 5; ++mode) {
        auto preset = plainPreset(mode == 0 ? 3.5f : 17, 0.5f);
        if (mode >= 3) {
            preset.settings[BrushSetting::Pickup] = 0.5f;
            preset.settings[BrushSetting::SmudgeLength] = 2.0f;
            preset.settings[BrushSetting::Charge] = 0.6f;
        }
        preset.settings[BrushSetting::Flow] = 0.4f;
        preset.settings[BrushSetting::Opacity] = 0.8f;
        preset.settings[BrushSetting::Scatter] = 0.5f;
        preset.settings[BrushSetting::HueJitter] = 0.3f;
        if (mode == 1) preset.mode = brushes::Preset::Mode::Erase;
        const std::vector<std::vector<InputEvent>> strokes = {line(10, 30, 240, 200, 40),
                                                              line(240, 30, 10, 220, 40)};
        brushes::StrokeOptions options;
        options.color = {50000, 20000, 9000, 50000};
        Canvas once, often, oftenThreaded;
        for (Canvas* c : {&once, &often, &oftenThreaded}) {
            fillWithNoise(*c, 5);
            if (mode == 2 || mode == 4) {
                core::LayerProperties p = c->doc->layer(c->layer)->properties();
                p.alphaLock = true;
                ASSERT_TRUE(c->doc->setLayerProperties(c->layer, p));
            }
        }
        paintFlushing(once, preset, strokes, options, false);
        paintFlushing(often, preset, strokes, options, true);
        options.threads = 3;
        paintFlushing(oftenThreaded, preset, strokes, options, true);
        SCOPED_TRACE(mode);
        expectSamePixels(once, often);
        expectSamePixels(once, oftenThreaded);
    }
}

TEST(StrokeEngine, AnyThreadCountGivesBitIdenticalPixelsOverExistingPaint)
{
    auto preset = plainPreset(40, 0.3f);
    preset.settings[BrushSetting::Flow] = 0.5f;
    preset.settings[BrushSetting::Scatter] = 0.6f;
    preset.settings[BrushSetting::ValueJitter] = 0.4f;
    const std::vector<std::vector<InputEvent>> strokes = {line(0, 0, 255, 255, 30),
                                                          line(255, 10, 0, 240, 30)};
    brushes::StrokeOptions options;
    options.color = {30000, 60000, 10000, 65535};
    Canvas reference;
    fillWithNoise(reference, 9);
    reference.paint(preset, strokes, options);
    for (int threads : {2, 3, 8}) {
        Canvas c;
        fillWithNoise(c, 9);
        options.threads = threads;
        c.paint(preset, strokes, options);
        SCOPED_TRACE(threads);
        expectSamePixels(reference, c);
    }
}

TEST(StrokePainter, FullCoverageEncodesEveryColourExactly)
{
    // A dab of coverage, flow and opacity 1 on a transparent layer leaves its linear colour as
    // is, so each pixel must be exactly core::linearToSrgb16 of the colour: the fast encoder
    // is checked here on values next to rounding boundaries, where it defers to the exact one.
    Canvas c;
    core::Transaction tx(*c.doc, "dabs");
    auto target = tx.target(c.layer);
    ASSERT_TRUE(target);
    std::vector<float> colours;
    std::mt19937 rng(3);
    for (int i = 0; colours.size() < 3u * 256 * 256; ++i) {
        const int code = int(rng() % 65536);
        const float boundary = core::srgbToLinear((float(code) + 0.5f) / 65535.0f);
        float v = boundary;
        for (int steps = int(rng() % 5); steps > 0; --steps) v = std::nextafter(v, i % 2 ? 2.0f : -1.0f);
        colours.push_back(i % 7 == 0 ? std::uniform_real_distribution<float>(0.0f, 1.0f)(rng) : v);
    }
    colours[0] = 0.0f, colours[1] = 1.0f, colours[2] = 1e-12f;
    {
        brushes::StrokePainter painter(*target, brushes::PaintMode::Paint, 2);
        brushes::DabMask mask;
        mask.coverage = {1.0f};
        for (int p = 0; p < 256 * 256; ++p) {
            mask.box = {p % 256, p / 256, 1, 1};
            const float* rgb = &colours[std::size_t(p) * 3];
            painter.addDab(mask, {rgb[0], rgb[1], rgb[2], 1.0f, 1.0f});
        }
        painter.flush();
    }
    tx.commit();
    for (int p = 0; p < 256 * 256; ++p) {
        const Pixel16 px = c.tiles().pixel(p % 256, p / 256);
        const float* rgb = &colours[std::size_t(p) * 3];
        ASSERT_EQ(px, (Pixel16{core::linearToSrgb16(rgb[0]), core::linearToSrgb16(rgb[1]),
                               core::linearToSrgb16(rgb[2]), 65535}))
            << p << ": " << rgb[0] << " " << rgb[1] << " " << rgb[2];
    }
}

TEST(StrokePainter, FollowsThePaintModelOverPartlyTransparentPaint)
{
    // Overlapping dabs of varied coverage, flow and opacity over varied paint, against the
    // formulas of docs/brush-engine.md ("Paint model") evaluated pixel by pixel.
    Canvas c;
    fillWithNoise(c, 11);
    std::mt19937 rng(4);
    auto uniform = [&](float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng); };
    struct Dab {
        brushes::DabMask mask;
        brushes::DabPaint paint;
    };
    std::vector<Dab> dabs;
    for (int i = 0; i < 40; ++i) {
        Dab d;
        d.mask.box = {int(rng() % 200) - 20, int(rng() % 200) - 20, 10 + int(rng() % 70), 10 + int(rng() % 70)};
        for (int k = 0; k < d.mask.box.w * d.mask.box.h; ++k)
            d.mask.coverage.push_back(rng() % 3 == 0 ? 0.0f : uniform(0.0f, 1.0f));
        d.paint = {uniform(0, 1), uniform(0, 1), uniform(0, 1), uniform(0.2f, 1), uniform(0.1f, 1)};
        dabs.push_back(std::move(d));
    }
    std::vector<Pixel16> before(256 * 256);
    for (int p = 0; p < 256 * 256; ++p) before[std::size_t(p)] = c.tiles().pixel(p % 256, p / 256);
    {
        core::Transaction tx(*c.doc, "dabs");
        auto target = tx.target(c.layer);
        ASSERT_TRUE(target);
        brushes::StrokePainter painter(*target, brushes::PaintMode::Paint, 3);
        for (std::size_t i = 0; i < dabs.size(); ++i) {
            painter.addDab(dabs[i].mask, dabs[i].paint);
            if (i % 9 == 0) painter.flush();
        }
        painter.flush();
        tx.commit();
    }
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) {
            float colour[3] = {0, 0, 0}, s = 0;
            for (const Dab& d : dabs) {
                const float m = d.mask.at(x, y) * d.paint.flow;
                const float w = m + s * (1.0f - m);
                const float k = w > 0.0f ? m / w : 0.0f;
                const float paint[3] = {d.paint.r, d.paint.g, d.paint.b};
                for (int ch = 0; ch < 3; ++ch) colour[ch] += (paint[ch] - colour[ch]) * k;
                if (s < d.paint.opacity) s += (d.paint.opacity - s) * m;
            }
            const Pixel16 orig = before[std::size_t(y) * 256 + x];
            const Pixel16 got = c.tiles().pixel(x, y);
            if (s <= 0.0f) {
                ASSERT_EQ(got, orig) << "untouched pixels stay as they were, bit for bit";
                continue;
            }
            const float a = orig.a / 65535.0f;
            const float oa = s + a * (1.0f - s);
            const std::uint16_t stored[3] = {orig.r, orig.g, orig.b};
            const std::uint16_t out[3] = {got.r, got.g, got.b};
            for (int ch = 0; ch < 3; ++ch) {
                const float under =
                    orig.a ? core::srgb16ToLinear(std::uint16_t(std::min<std::uint32_t>(
                                 65535, (stored[ch] * 65535u + orig.a / 2u) / orig.a)))
                           : 0.0f;
                const float lin = (colour[ch] * s + under * a * (1.0f - s)) / oa;
                ASSERT_NEAR(out[ch], core::linearToSrgb16(lin) * oa, 1.0) << x << "," << y;
            }
            ASSERT_NEAR(got.a, oa * 65535.0f, 1.0) << x << "," << y;
        }
}

TEST(StrokePainter, ParallelForRunsEveryIndexOnceWithStatePerThread)
{
    // The pool behind core::parallelFor: every index once, one State per taking part thread,
    // nested calls, and many small calls in a row (the painter makes one per batch).
    for (int threads : {1, 2, 4}) {
        std::vector<std::atomic<int>> hits(1000);
        g_statesMade = 0;
        std::atomic<int> inState{0};
        core::parallelFor<Counted>(1000, threads, [&](int i, Counted& state) {
            ++hits[std::size_t(i)];
            ++state.items;
            ++inState;
            core::parallelFor<Counted>(3, threads, [](int, Counted&) {});
        });
        for (const auto& h : hits) ASSERT_EQ(h.load(), 1);
        EXPECT_EQ(inState.load(), 1000);
        EXPECT_GE(g_statesMade.load(), 1);
        EXPECT_LE(g_statesMade.load(), 1 + threads * 1001) << "one State per thread and call";
    }
    std::atomic<long> sum{0};
    for (int call = 0; call < 2000; ++call) {
        struct NoState {};
        core::parallelFor<NoState>(4, 2, [&](int i, NoState&) { sum += i; });
    }
    EXPECT_EQ(sum.load(), 2000L * 6);
}
