// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/block_mask_arena.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <mutex>

#include "core/tile.h"

namespace signe::brushes {

static_assert(core::kTileSize % kMaskBlock == 0, "tile edges must be block edges");

namespace {

/// Makes v hold at least `size` values, keeping its contents; grows geometrically so that a
/// stroke's batches settle on one allocation.
template <class T>
void reserveUsed(std::vector<T>& v, std::size_t size)
{
    if (v.size() < size) v.resize(std::max(size, 2 * v.size()));
}

/// Arenas given back, for the next painters; at most kMaxKept. Never destroyed, so painters may
/// end at any point of program exit.
class ArenaPool {
public:
    static ArenaPool& shared()
    {
        static ArenaPool* pool = new ArenaPool;
        return *pool;
    }

    BlockMaskArena* take()
    {
        std::lock_guard lock(m_mutex);
        if (m_kept.empty()) return nullptr;
        BlockMaskArena* arena = m_kept.back().release();
        m_kept.pop_back();
        return arena;
    }

    void giveBack(BlockMaskArena* arena)
    {
        arena->clear();
        std::lock_guard lock(m_mutex);
        if (m_kept.size() < kMaxKept) m_kept.emplace_back(arena);
        else delete arena;
    }

private:
    static constexpr std::size_t kMaxKept = 16;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<BlockMaskArena>> m_kept;
};

}  // namespace

BlockMaskArena::Ptr BlockMaskArena::take()
{
    BlockMaskArena* arena = ArenaPool::shared().take();
    return Ptr(arena ? arena : new BlockMaskArena);
}

void BlockMaskArena::GiveBack::operator()(BlockMaskArena* arena) const
{
    if (arena) ArenaPool::shared().giveBack(arena);
}

void BlockMaskArena::add(std::uint32_t dab, const DabMask& mask)
{
    const core::Rect& box = mask.box;
    Entry e;
    e.dab = dab;
    e.maskPixels = double(box.w) * double(box.h);
    if (box.isEmpty()) {
        m_entries.push_back(e);  // an empty box: no tile to bin it in
        return;
    }
    const int left = core::floorDiv(box.x, kMaskBlock) * kMaskBlock;
    const int right = core::floorDiv(box.right() + kMaskBlock - 1, kMaskBlock) * kMaskBlock;
    e.box = {left, box.y, right - left, box.h};
    const int w = e.box.w, pad = box.x - left;
    e.coverage = m_usedCoverage;
    e.spans = m_usedSpans;
    m_usedCoverage += std::size_t(w) * std::size_t(box.h);
    m_usedSpans += std::size_t(box.h);
    reserveUsed(m_coverage, m_usedCoverage);
    reserveUsed(m_spans, m_usedSpans);

    for (int y = 0; y < box.h; ++y) {
        const float* from = mask.coverage.data() + std::size_t(y) * std::size_t(box.w);
        float* to = m_coverage.data() + e.coverage + std::size_t(y) * std::size_t(w);
        // Zeros the first and the last block whole (fixed-size stores rather than a library
        // call for a few floats), then copies the row over them.
        for (int j = 0; j < kMaskBlock; ++j) to[j] = 0.0f;
        for (int j = 0; j < kMaskBlock; ++j) to[w - kMaskBlock + j] = 0.0f;
        std::memcpy(to + pad, from, sizeof(float) * std::size_t(box.w));
        // The first and last value with coverage (any bit set: -0 counts, and merely costs a
        // no-op update), looked for from each end: dabs are convex, so few values are read.
        int first = 0;
        while (first < box.w && std::bit_cast<std::uint32_t>(from[first]) == 0) ++first;
        int last = box.w;
        while (last > first && std::bit_cast<std::uint32_t>(from[last - 1]) == 0) --last;
        const int lo = (pad + first) & ~(kMaskBlock - 1);
        const int hi = (pad + last + kMaskBlock - 1) & ~(kMaskBlock - 1);
        m_spans[e.spans + std::size_t(y)] =
            first < last ? BlockMaskView::Span{lo, hi} : BlockMaskView::Span{};
    }
    m_entries.push_back(e);
}

}  // namespace signe::brushes
