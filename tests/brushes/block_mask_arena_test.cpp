// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/block_mask_arena.h"

#include <gtest/gtest.h>

#include <random>

namespace signe {
namespace {

using brushes::BlockMaskArena;
using brushes::BlockMaskView;
using brushes::kMaskBlock;

/// The laid-out value at canvas (x, y), 0 outside the view's box.
float at(const BlockMaskView& v, int x, int y)
{
    if (!v.box.contains(x, y)) return 0.0f;
    return v.coverage[std::size_t(y - v.box.y) * std::size_t(v.box.w) + std::size_t(x - v.box.x)];
}

brushes::DabMask randomMask(std::mt19937& rng, core::Rect box)
{
    brushes::DabMask m;
    m.box = box;
    for (int i = 0; i < box.w * box.h; ++i)
        m.coverage.push_back(rng() % 3 == 0 ? 0.0f : float(rng() % 1000 + 1) / 1000.0f);
    return m;
}

TEST(BlockMaskArena, KeepsEveryValueOnTheBlockGridWithSpansCoveringAllCoverage)
{
    // Boxes at every offset from the block grid, negative coordinates included, with zero rows
    // and zero row ends, laid out one after the other in one arena.
    std::mt19937 rng(7);
    BlockMaskArena arena;
    std::vector<brushes::DabMask> masks;
    for (int i = 0; i < 60; ++i) {
        core::Rect box{int(rng() % 200) - 100, int(rng() % 200) - 100, 1 + int(rng() % 40),
                       1 + int(rng() % 12)};
        masks.push_back(randomMask(rng, box));
        if (i % 5 == 0)  // a row of zeros: no span
            for (int x = 0; x < box.w; ++x) masks.back().coverage[std::size_t(x)] = 0.0f;
        arena.add(std::uint32_t(i), masks.back());
    }
    ASSERT_EQ(arena.entries().size(), masks.size());
    for (const BlockMaskArena::Entry& e : arena.entries()) {
        const brushes::DabMask& m = masks[e.dab];
        const BlockMaskView v = arena.view(e);
        EXPECT_EQ(v.box.x % kMaskBlock, 0);
        EXPECT_EQ(v.box.w % kMaskBlock, 0);
        EXPECT_LE(v.box.x, m.box.x);
        EXPECT_GE(v.box.right(), m.box.right());
        EXPECT_LT(m.box.x - v.box.x, kMaskBlock);
        EXPECT_LT(v.box.right() - m.box.right(), kMaskBlock);
        EXPECT_EQ(v.box.y, m.box.y);
        EXPECT_EQ(v.box.h, m.box.h);
        EXPECT_EQ(v.maskPixels, double(m.box.w) * double(m.box.h));
        for (int y = v.box.y; y < v.box.bottom(); ++y) {
            const BlockMaskView::Span span = v.spans[y - v.box.y];
            EXPECT_EQ(span.lo % kMaskBlock, 0);
            EXPECT_EQ(span.hi % kMaskBlock, 0);
            bool any = false;
            for (int x = v.box.x; x < v.box.right(); ++x) {
                ASSERT_EQ(at(v, x, y), m.at(x, y)) << x << "," << y;
                const bool inSpan = x - v.box.x >= span.lo && x - v.box.x < span.hi;
                if (m.at(x, y) != 0.0f) {
                    EXPECT_TRUE(inSpan) << x << "," << y;
                    any = true;
                }
            }
            if (!any) {
                EXPECT_EQ(span.lo, span.hi);
                continue;
            }
            // Tight: the first and last block of the span hold coverage.
            auto blockHasCoverage = [&](int from) {
                for (int x = from; x < from + kMaskBlock; ++x)
                    if (at(v, v.box.x + x, y) != 0.0f) return true;
                return false;
            };
            EXPECT_TRUE(blockHasCoverage(span.lo));
            EXPECT_TRUE(blockHasCoverage(span.hi - kMaskBlock));
        }
    }
}

TEST(BlockMaskArena, ClearReusesTheSameMemory)
{
    std::mt19937 rng(8);
    BlockMaskArena arena;
    const brushes::DabMask m = randomMask(rng, {3, 5, 30, 30});
    arena.add(0, m);
    const float* first = arena.view(arena.entries()[0]).coverage;
    arena.clear();
    EXPECT_TRUE(arena.entries().empty());
    arena.add(4, m);
    ASSERT_EQ(arena.entries().size(), 1u);
    EXPECT_EQ(arena.entries()[0].dab, 4u);
    EXPECT_EQ(arena.view(arena.entries()[0]).coverage, first);
}

TEST(BlockMaskArena, AnEmptyMaskHasAnEntryAndNoBox)
{
    BlockMaskArena arena;
    brushes::DabMask empty;
    arena.add(2, empty);
    ASSERT_EQ(arena.entries().size(), 1u);
    EXPECT_TRUE(arena.view(arena.entries()[0]).box.isEmpty());
}

}  // namespace
}  // namespace signe
