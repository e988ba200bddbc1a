// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tile_store.h"

#include <gtest/gtest.h>

#include <vector>

using namespace signe::core;

namespace {
Pixel16 px(std::uint16_t v) { return {v, std::uint16_t(v / 2), std::uint16_t(v / 4), 65535}; }
}  // namespace

TEST(TileStore, UntouchedStoreHoldsNothing)
{
    TileStore store;
    EXPECT_EQ(store.tileCount(), 0u);
    EXPECT_EQ(store.memoryBytes(), 0u);
    EXPECT_EQ(store.pixel(-100000, 123456), Pixel16{});
    EXPECT_TRUE(store.bounds().isEmpty());
}

TEST(TileStore, ReadBackWhatWasWrittenAtNegativeAndUnalignedOffsets)
{
    TileStore store;
    const Rect r{-70, -5, 150, 77};  // spans tiles -2..1 across, -1..1 down
    std::vector<Pixel16> src(std::size_t(r.w * r.h));
    for (int i = 0; i < r.w * r.h; ++i) src[std::size_t(i)] = px(std::uint16_t(i * 7 + 1));
    store.writeRect(r, src.data(), r.w);
    EXPECT_EQ(store.tileCount(), 4u * 3u);

    std::vector<Pixel16> back(std::size_t(r.w * r.h));
    store.readRect(r, back.data(), r.w);
    EXPECT_EQ(back, src);
    EXPECT_EQ(store.pixel(-70, -5), src[0]);
    EXPECT_EQ(store.pixel(-71, -5), Pixel16{});  // just outside what was written
    EXPECT_EQ(store.bounds(), (Rect{-128, -64, 256, 192}));

    // A read larger than the written area is transparent around it.
    std::vector<Pixel16> wide(std::size_t(200 * 100));
    store.readRect({-100, -20, 200, 100}, wide.data(), 200);
    EXPECT_EQ(wide[0], Pixel16{});
    EXPECT_EQ(wide[std::size_t(15 * 200 + 30)], src[0]);
}

TEST(TileStore, FullUniformTileIsStoredAsOneValue)
{
    TileStore store;
    store.fillRect({0, 0, 128, 64}, px(1000));
    ASSERT_EQ(store.tileCount(), 2u);
    EXPECT_TRUE(store.tile({0, 0})->isUniform());
    EXPECT_LT(store.memoryBytes(), 2 * sizeof(TileData) + 64);
    EXPECT_EQ(store.pixel(127, 63), px(1000));
}

TEST(TileStore, TileThatBecomesUniformIsCompacted)
{
    TileStore store;
    store.fillRect({0, 0, 10, 10}, px(5));  // partial: a full tile
    EXPECT_FALSE(store.tile({0, 0})->isUniform());
    store.fillRect({0, 0, 64, 64}, px(9));
    EXPECT_TRUE(store.tile({0, 0})->isUniform());
    std::vector<Pixel16> same(kTilePixels, px(3));
    store.writeRect({64, 0, 64, 64}, same.data(), 64);
    EXPECT_TRUE(store.tile({1, 0})->isUniform());
}

TEST(TileStore, WritingTransparentEverywhereFreesTheTile)
{
    TileStore store;
    store.fillRect({5, 5, 3, 3}, px(7));
    EXPECT_EQ(store.tileCount(), 1u);
    store.fillRect({0, 0, 64, 64}, Pixel16{});
    EXPECT_EQ(store.tileCount(), 0u);
}

TEST(TileStore, WriteCopiesOnlyTheSharedTile)
{
    TileStore store;
    store.fillRect({0, 0, 10, 10}, px(100));
    store.fillRect({64, 0, 10, 10}, px(200));
    const TilePtr snapshot0 = store.tile({0, 0});
    const TilePtr snapshot1 = store.tile({1, 0});

    store.fillRect({1, 1, 2, 2}, px(300));  // touches tile 0 only
    EXPECT_NE(store.tile({0, 0}), snapshot0) << "a shared tile must be copied before writing";
    EXPECT_EQ(snapshot0->pixel(1, 1), px(100)) << "the snapshot must not change";
    EXPECT_EQ(store.tile({1, 0}), snapshot1) << "an untouched tile stays shared";
    EXPECT_EQ(store.pixel(1, 1), px(300));
}

TEST(TileStore, UnsharedTileIsWrittenInPlace)
{
    TileStore store;
    store.fillRect({0, 0, 10, 10}, px(100));
    const TileData* before = store.tile({0, 0}).get();
    store.fillRect({1, 1, 2, 2}, px(300));
    EXPECT_EQ(store.tile({0, 0}).get(), before);
}

TEST(TileStore, FloorDivisionPutsNegativePixelsInNegativeTiles)
{
    EXPECT_EQ(floorDiv(-1, 64), -1);
    EXPECT_EQ(floorDiv(-64, 64), -1);
    EXPECT_EQ(floorDiv(-65, 64), -2);
    EXPECT_EQ(floorDiv(63, 64), 0);
    EXPECT_EQ(floorDiv(64, 64), 1);
}
