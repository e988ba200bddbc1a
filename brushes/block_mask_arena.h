// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "brushes/dab_mask.h"
#include "core/rect.h"

namespace signe::brushes {

/// Columns of a laid-out mask come in blocks of this many, on the canvas grid (a divisor of
/// the tile size, so tile edges are block edges).
inline constexpr int kMaskBlock = 8;

/// A dab's mask as the stroke buffer applies it: its box widened to whole blocks of columns on
/// the canvas grid (zeros in the margins), with each row's span of blocks that hold coverage.
/// Applying then runs straight over whole vectors of mask and tile, and skips what is zero.
struct BlockMaskView {
    struct Span {
        /// Columns [lo, hi) from box.x, multiples of kMaskBlock; none when lo == hi.
        int lo = 0, hi = 0;
    };
    core::Rect box;                   ///< x and w are multiples of kMaskBlock
    const float* coverage = nullptr;  ///< box.w * box.h values, row-major
    const Span* spans = nullptr;      ///< box.h spans
    double maskPixels = 0;            ///< the area of the original mask's box
};

/// Laid-out masks of one thread's share of a batch of dabs, kept in a few growing arrays that
/// are reused from batch to batch (no allocation once they are large enough, and the memory
/// stays with the thread that writes it).
///
///     arena.clear();
///     arena.add(dabIndex, mask);                  // lays the mask out, copying it
///     for (const auto& e : arena.entries()) use(e.dab, arena.view(e));
class BlockMaskArena {
public:
    struct GiveBack {
        void operator()(BlockMaskArena* arena) const;
    };
    using Ptr = std::unique_ptr<BlockMaskArena, GiveBack>;

    /// An arena from those earlier painters gave back (emptied), else a new one. A batch's
    /// masks take hundreds of kilobytes, which the heap would otherwise map afresh, page by
    /// page, for every stroke. Thread-safe.
    static Ptr take();

    struct Entry {
        std::uint32_t dab = 0;  ///< the dab's index in its batch
        core::Rect box;
        std::size_t coverage = 0, spans = 0;  ///< offsets into the arena's arrays
        double maskPixels = 0;
    };

    void clear()
    {
        m_entries.clear();
        m_usedCoverage = 0;
        m_usedSpans = 0;
    }

    /// Lays out `mask` (in layer coordinates) as the mask of dab `dab`.
    void add(std::uint32_t dab, const DabMask& mask);

    const std::vector<Entry>& entries() const { return m_entries; }
    /// Valid until the next add() or clear().
    BlockMaskView view(const Entry& e) const
    {
        return {e.box, m_coverage.data() + e.coverage, m_spans.data() + e.spans, e.maskPixels};
    }

private:
    std::vector<Entry> m_entries;
    // Used up to m_used*; grown, never shrunk, and not cleared (every value used is written).
    std::vector<float> m_coverage;
    std::vector<BlockMaskView::Span> m_spans;
    std::size_t m_usedCoverage = 0, m_usedSpans = 0;
};

}  // namespace signe::brushes
