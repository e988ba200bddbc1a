// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "brushes/dab_mask.h"
#include "core/transaction.h"

namespace signe::brushes {

/// What a dab deposits, after dynamics.
struct DabPaint {
    float r = 0, g = 0, b = 0;  ///< straight colour in linear light, 0..1
    float opacity = 1.0f;       ///< the most this stroke may cover where this dab lands
    float flow = 1.0f;          ///< how much of the way towards `opacity` one dab goes
};

enum class PaintMode : std::uint8_t { Paint, Erase };

/// Applies a stroke's dabs to one layer with painters' flow and opacity: flow is per dab,
/// opacity caps the whole stroke, so a stroke crossing itself at opacity 0.5 never builds
/// past 0.5 (docs/brush-engine.md, "Paint model").
///
/// Dabs first build up a stroke buffer (straight linear colour and coverage per pixel, for
/// the tiles the stroke touched); flush() then recomposes those tiles from the layer as it was
/// before the stroke plus the buffer, in linear light, and writes them through the transaction.
/// Dabs are queued and applied in batches, tile by tile, on up to `threads` threads: every
/// pixel sees the same dabs in the same order, so the result is bit-identical for any count.
class StrokePainter {
public:
    StrokePainter(core::PaintTarget& target, PaintMode mode, int threads = 1);
    ~StrokePainter();
    StrokePainter(const StrokePainter&) = delete;
    StrokePainter& operator=(const StrokePainter&) = delete;

    /// Queues a dab whose mask is in layer coordinates (copies the mask).
    void addDab(const DabMask& mask, const DabPaint& paint);
    /// The mask of the next dab, to rasterise into without a copy; queue it with
    /// queueDab(). Its storage is reused from earlier dabs.
    DabMask& nextMask();
    void queueDab(const DabPaint& paint);
    /// Applies the queued dabs and writes every changed tile to the layer.
    void flush();

    std::int64_t dabCount() const { return m_dabs; }

private:
    struct TileState;
    struct QueuedDab {
        DabMask mask;
        DabPaint paint;
    };

    void applyQueue();
    TileState& stateFor(core::TileCoord c);
    void composeTile(core::TileCoord c, TileState& state);

    core::PaintTarget& m_target;
    PaintMode m_mode;
    bool m_alphaLock;
    int m_threads;
    std::vector<QueuedDab> m_queue;  // [0, m_queued) wait; later slots keep their storage
    std::size_t m_queued = 0;
    std::size_t m_queuedPixels = 0;
    std::unordered_map<core::TileCoord, std::unique_ptr<TileState>, core::TileCoordHash> m_tiles;
    std::vector<core::TileCoord> m_dirty;  // tiles changed since the last flush
    std::int64_t m_dabs = 0;
};

}  // namespace signe::brushes
