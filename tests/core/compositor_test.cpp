// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compositor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "core/transaction.h"

using namespace signe::core;

namespace {

std::unique_ptr<Document> newDoc(int w, int h, Color16 bg = {65535, 65535, 65535, 65535})
{
    return std::move(*Document::create(w, h, bg));
}
LayerId firstLayer(const Document& doc) { return doc.root().children().at(0)->id(); }

void paint(Document& doc, LayerId id, const Rect& r, Pixel16 value)
{
    Transaction tx(doc, "paint");
    tx.target(id)->fillRect(r, value);
    tx.commit();
}

PixelF toF(Pixel16 p) { return {p.r / 65535.f, p.g / 65535.f, p.b / 65535.f, p.a / 65535.f}; }

std::array<int, 4> displayPixel(Compositor& c, int x, int y, int level = 0)
{
    const int span = kTileSize << level;
    const std::uint8_t* t = c.displayTile(level, {x / span, y / span});
    const int lx = (x % span) >> level, ly = (y % span) >> level;
    const std::uint8_t* p = t + (ly * kTileSize + lx) * 4;
    return {p[0], p[1], p[2], p[3]};
}

std::array<int, 4> to8(PixelF p)
{
    auto q = [](float v) { return int(std::clamp(v, 0.f, 1.f) * 255.f + 0.5f); };
    return {q(p.r), q(p.g), q(p.b), q(p.a)};
}

constexpr Pixel16 kRed{65535, 0, 0, 65535};
constexpr Pixel16 kHalfGreen{0, 32768, 0, 32768};  // sRGB green at alpha 0.5
constexpr Pixel16 kBlue{0, 0, 65535, 65535};

}  // namespace

TEST(Compositor, DisplayMatchesTheBlendFormulasOverTheBackground)
{
    const Color16 bg{62708, 61423, 59110, 65535};  // #f4efe6
    auto doc = newDoc(128, 128, bg);
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    paint(*doc, a, {0, 0, 40, 40}, kRed);
    paint(*doc, b, {20, 20, 40, 40}, kHalfGreen);
    ASSERT_TRUE(doc->setLayerBlendMode(b, BlendMode::Screen));
    ASSERT_TRUE(doc->setLayerOpacity(b, 0.6f));

    Compositor view(*doc);
    const PixelF bgF{bg.r / 65535.f, bg.g / 65535.f, bg.b / 65535.f, 1.f};
    // Layers composite on transparency, then the result goes over the background.
    const PixelF both = blendPixel(BlendMode::Screen, toF(kHalfGreen), toF(kRed), 0.6f);
    EXPECT_EQ(displayPixel(view, 30, 30), to8(blendPixel(BlendMode::Normal, both, bgF, 1.f)));
    const PixelF greenOnly = blendPixel(BlendMode::Screen, toF(kHalfGreen), PixelF{}, 0.6f);
    EXPECT_EQ(displayPixel(view, 50, 50),
              to8(blendPixel(BlendMode::Normal, greenOnly, bgF, 1.f)));
    EXPECT_EQ(displayPixel(view, 5, 5), (std::array<int, 4>{255, 0, 0, 255}));
    EXPECT_EQ(displayPixel(view, 100, 100), (std::array<int, 4>{0xf4, 0xef, 0xe6, 255}));
}

TEST(Compositor, RecomputesOnlyDirtyTiles)
{
    auto doc = newDoc(512, 512);
    const LayerId a = firstLayer(*doc);
    Compositor view(*doc);
    EXPECT_EQ(view.update(0, doc->bounds()), 64);  // first time: every tile
    EXPECT_EQ(view.update(0, doc->bounds()), 0);   // nothing changed
    paint(*doc, a, {70, 70, 10, 10}, kRed);        // inside tile (1, 1)
    EXPECT_EQ(view.update(0, doc->bounds()), 1);
    EXPECT_EQ(displayPixel(view, 75, 75), (std::array<int, 4>{255, 0, 0, 255}));
    doc->undo();
    EXPECT_EQ(view.update(0, doc->bounds()), 1);
    EXPECT_EQ(displayPixel(view, 75, 75), (std::array<int, 4>{255, 255, 255, 255}));
}

TEST(Compositor, MipLevelIsTheBoxFilterOfTheLevelBelowAndFollowsChanges)
{
    auto doc = newDoc(256, 256);
    const LayerId a = firstLayer(*doc);
    paint(*doc, a, {0, 0, 1, 1}, kBlue);  // one blue pixel among three white ones
    Compositor view(*doc);
    // (0+255*3)/4 rounded for red and green; blue stays 255.
    EXPECT_EQ(displayPixel(view, 0, 0, 1), (std::array<int, 4>{191, 191, 255, 255}));
    paint(*doc, a, {0, 0, 2, 2}, kBlue);
    EXPECT_EQ(displayPixel(view, 0, 0, 1), (std::array<int, 4>{0, 0, 255, 255}));
    EXPECT_EQ(displayPixel(view, 0, 0, 2), (std::array<int, 4>{191, 191, 255, 255}));
}

TEST(Compositor, PixelsBeyondTheCanvasEdgeAreEmpty)
{
    auto doc = newDoc(100, 70);
    Compositor view(*doc);
    const std::uint8_t* t = view.displayTile(0, {1, 1});  // covers 64..127 x 64..127
    EXPECT_EQ(t[((70 - 64 - 1) * kTileSize + (99 - 64)) * 4 + 3], 255);  // last canvas pixel
    EXPECT_EQ(t[((70 - 64) * kTileSize + 0) * 4 + 3], 0);
    EXPECT_EQ(t[(0 * kTileSize + (100 - 64)) * 4 + 3], 0);
    EXPECT_EQ(view.displayTile(0, {5, 5}), nullptr);
}

TEST(Compositor, IsolatedGroupDiffersFromPassThroughAsTheSpecSays)
{
    auto doc = newDoc(64, 64, {0, 0, 0, 0});
    const LayerId base = firstLayer(*doc);
    const LayerId g = *doc->addGroup("G");
    const LayerId top = *doc->addPaintLayer("Top", g);
    paint(*doc, base, {0, 0, 64, 64}, {65535, 32768, 0, 65535});
    paint(*doc, top, {0, 0, 64, 64}, {0, 0, 65535, 65535});
    ASSERT_TRUE(doc->setLayerBlendMode(top, BlendMode::Multiply));
    Compositor view(*doc);

    // Isolated: multiply sees a transparent backdrop inside the group -> plain blue on top.
    EXPECT_EQ(displayPixel(view, 10, 10), (std::array<int, 4>{0, 0, 255, 255}));

    LayerProperties p = doc->layer(g)->properties();
    p.isolated = false;  // pass-through: multiply reaches the orange below -> black
    ASSERT_TRUE(doc->setLayerProperties(g, p));
    EXPECT_EQ(displayPixel(view, 10, 10), (std::array<int, 4>{0, 0, 0, 255}));

    p.opacity = 0.5f;  // opacity below 1 forces isolation again (OpenRaster isolation=auto)
    ASSERT_TRUE(doc->setLayerProperties(g, p));
    const PixelF expected = blendPixel(BlendMode::Normal, {0, 0, 1, 1}, toF({65535, 32768, 0, 65535}), 0.5f);
    EXPECT_EQ(displayPixel(view, 10, 10), to8(expected));
}

TEST(Compositor, DstInClearsTheBackdropOutsideItsSource)
{
    auto doc = newDoc(256, 64, {0, 0, 0, 0});
    const LayerId base = firstLayer(*doc);
    const LayerId mask = *doc->addPaintLayer("Mask");
    paint(*doc, base, {0, 0, 256, 64}, kRed);
    paint(*doc, mask, {0, 0, 10, 10}, kHalfGreen);
    ASSERT_TRUE(doc->setLayerBlendMode(mask, BlendMode::DstIn));
    Compositor view(*doc);
    EXPECT_EQ(displayPixel(view, 5, 5), to8({0.5f, 0, 0, 0.5f}));
    EXPECT_EQ(displayPixel(view, 30, 30)[3], 0) << "same tile, outside the source";
    EXPECT_EQ(displayPixel(view, 200, 30)[3], 0) << "a tile where the mask layer has nothing";
}

TEST(Compositor, UnalignedOffsetsPlaceTheLayerExactly)
{
    auto doc = newDoc(256, 256);
    const LayerId a = firstLayer(*doc);
    paint(*doc, a, {0, 0, 3, 3}, kRed);
    LayerProperties p = doc->layer(a)->properties();
    p.offsetX = 99;
    p.offsetY = 70;
    ASSERT_TRUE(doc->setLayerProperties(a, p));
    Compositor view(*doc);
    EXPECT_EQ(displayPixel(view, 99, 70), (std::array<int, 4>{255, 0, 0, 255}));
    EXPECT_EQ(displayPixel(view, 101, 72), (std::array<int, 4>{255, 0, 0, 255}));
    EXPECT_EQ(displayPixel(view, 98, 70), (std::array<int, 4>{255, 255, 255, 255}));
    EXPECT_EQ(displayPixel(view, 1, 1), (std::array<int, 4>{255, 255, 255, 255}));
}

TEST(Compositor, HiddenLayersDoNotShow)
{
    auto doc = newDoc(64, 64);
    const LayerId a = firstLayer(*doc);
    paint(*doc, a, {0, 0, 64, 64}, kRed);
    Compositor view(*doc);
    EXPECT_EQ(displayPixel(view, 1, 1)[1], 0);
    ASSERT_TRUE(doc->setLayerVisible(a, false));
    EXPECT_EQ(displayPixel(view, 1, 1), (std::array<int, 4>{255, 255, 255, 255}));
}

TEST(Compositor, TwoThreadsGiveTheSameBytesAsOne)
{
    auto doc = newDoc(300, 300);
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    for (int i = 0; i < 20; ++i)
        paint(*doc, i % 2 ? a : b, {i * 13, i * 11, 40, 30},
              {std::uint16_t(i * 3000), std::uint16_t(i * 1000), 9000, std::uint16_t(30000 + i * 1000)});
    ASSERT_TRUE(doc->setLayerBlendMode(b, BlendMode::SoftLight));
    Compositor one(*doc), two(*doc);
    one.update(0, doc->bounds(), 1);
    two.update(0, doc->bounds(), 2);
    for (int ty = 0; ty < 5; ++ty)
        for (int tx = 0; tx < 5; ++tx)
            EXPECT_EQ(std::memcmp(one.displayTile(0, {tx, ty}), two.displayTile(0, {tx, ty}),
                                  Compositor::kTileBytes),
                      0);
}

TEST(Compositor, FullPrecisionExportKeepsSixteenBitDetail)
{
    auto doc = newDoc(64, 64, {0, 0, 0, 0});
    const LayerId a = firstLayer(*doc);
    paint(*doc, a, {0, 0, 1, 1}, {1000, 2000, 3000, 40000});
    Compositor view(*doc);
    std::vector<float> out(4);
    view.compositeFloat({0, 0, 1, 1}, out.data(), false);
    EXPECT_FLOAT_EQ(out[0], 1000 / 65535.f);
    EXPECT_FLOAT_EQ(out[2], 3000 / 65535.f);
    EXPECT_FLOAT_EQ(out[3], 40000 / 65535.f);
}

TEST(Compositor, UntouchedCanvasIsKeptAsOneColourPerTile)
{
    auto doc = newDoc(16384, 16384, {62708, 61423, 59110, 65535});
    const LayerId a = firstLayer(*doc);
    paint(*doc, a, {10, 10, 5, 5}, kRed);
    Compositor view(*doc);
    EXPECT_EQ(view.update(0, {0, 0, 4096, 4096}, 2), 64 * 64);
    // 4095 background tiles cost a few dozen bytes each; only the painted tile holds pixels.
    EXPECT_LT(view.memoryBytes(), std::size_t(Compositor::kTileBytes) * 3 + 4096 * 128);
    EXPECT_EQ(displayPixel(view, 3000, 3000), (std::array<int, 4>{0xf4, 0xef, 0xe6, 255}));
    EXPECT_EQ(displayPixel(view, 12, 12), (std::array<int, 4>{255, 0, 0, 255}));
    // Zoomed far out, the whole canvas is a handful of tiles.
    view.update(8, doc->bounds(), 2);
    EXPECT_EQ(displayPixel(view, 9000, 9000, 8), (std::array<int, 4>{0xf4, 0xef, 0xe6, 255}));
    EXPECT_LT(view.memoryBytes(), std::size_t(64) << 20);
}
