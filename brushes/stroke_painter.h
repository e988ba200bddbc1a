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
///
/// Threading: with threads > 1 a full batch is applied by pool threads (core::ThreadPool) while
/// the caller goes on rasterising the next one; flush() and the destructor wait for it. The
/// painter itself is used from one thread at a time. Between flushes the layer's tiles that the
/// stroke touched must be written only by this painter: flush() rewrites just the pixels that
/// changed since the last one and relies on the rest being as it left them.
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
    struct Batch;
    struct QueuedDab {
        DabMask mask;
        DabPaint paint;
    };

    /// Bins the queued dabs by tile and applies them: in the background when threads > 1 and
    /// `wait` is false, else before returning.
    void applyQueue(bool wait);
    /// Waits for (and helps with) the batch being applied in the background, if any.
    void finishBatch();
    TileState& stateFor(core::TileCoord c);

    core::PaintTarget& m_target;
    PaintMode m_mode;
    bool m_alphaLock;
    int m_threads;
    // Two queues: dabs are rasterised into one while the other is being applied. In the one
    // being filled, [0, m_queued) wait; later slots keep their storage.
    std::vector<QueuedDab> m_queues[2];
    int m_filling = 0;
    std::size_t m_queued = 0;
    std::size_t m_queuedPixels = 0;
    std::unordered_map<core::TileCoord, std::unique_ptr<TileState>, core::TileCoordHash> m_tiles;
    TileState* m_lastState = nullptr;  // the tile the previous lookup found, and its coordinate
    core::TileCoord m_lastCoord;
    std::vector<core::TileCoord> m_dirty;  // tiles that dabs touched since the last flush
    std::unique_ptr<Batch> m_batch;
    std::int64_t m_dabs = 0;
};

}  // namespace signe::brushes
