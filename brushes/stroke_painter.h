// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "brushes/brush_tip.h"
#include "brushes/dab_mask.h"
#include "brushes/dab_shape.h"
#include "brushes/grain.h"
#include "brushes/paint_reservoir.h"
#include "core/transaction.h"

namespace signe::brushes {

/// What a dab deposits, after dynamics.
struct DabPaint {
    float r = 0, g = 0, b = 0;  ///< straight colour in linear light, 0..1
    float opacity = 1.0f;       ///< the most this stroke may cover where this dab lands
    float flow = 1.0f;          ///< how much of the way towards `opacity` one dab goes
    float alpha = 1.0f;         ///< how much paint the colour is (PaintMode::Smudge only)
    /// Impasto, in full-scale layers of paint: Paint mode adds this much thickness where the
    /// mask is 1 (x flow); Smudge mode pulls the thickness towards it like the colour.
    float impasto = 0.0f;
};

/// How dabs meet the layer.
/// - Paint: coverage builds towards the stroke's opacity over the layer as it was.
/// - Erase: the same coverage takes paint away.
/// - Smudge: each dab pulls the pixels under it towards its paint, colour and alpha, by mask x
///   flow x opacity, with no cap: the model for brushes that carry paint (pick-up, smudge,
///   blenders), whose paint may even be thinner than the layer's.
enum class PaintMode : std::uint8_t { Paint, Erase, Smudge };

/// Applies a stroke's dabs to one layer with painters' flow and opacity: flow is per dab,
/// opacity caps the whole stroke, so a stroke crossing itself at opacity 0.5 never builds
/// past 0.5 (docs/brush-engine.md, "Paint model").
///
/// Dabs first build up a stroke buffer (straight linear colour and coverage per pixel, for
/// the tiles the stroke touched); flush() then recomposes those tiles from the layer as it was
/// before the stroke plus the buffer, in linear light, and writes them through the transaction.
/// Dabs are queued as shapes and painted in batches on up to `threads` threads: first every
/// dab's mask is rasterised (dab by dab), then the masks are applied tile by tile. Every pixel
/// sees the same dabs in the same order, so the result is bit-identical for any count.
///
/// Threading: with threads > 1 a full batch is rasterised and applied by pool threads
/// (core::ThreadPool) while the caller works out the next dabs; when the caller queues the
/// next batch, it first helps finish the one in flight. flush() and the destructor wait for
/// it. The painter itself is used from one thread at a time. Between flushes the layer's tiles
/// that the stroke touched must be written only by this painter: flush() rewrites just the
/// pixels that changed since the last one and relies on the rest being as it left them.
class StrokePainter {
public:
    StrokePainter(core::PaintTarget& target, PaintMode mode, int threads = 1);
    ~StrokePainter();
    StrokePainter(const StrokePainter&) = delete;
    StrokePainter& operator=(const StrokePainter&) = delete;

    /// Queues a dab centred at (x, y) in layer coordinates, to be rasterised later with
    /// rasterizeDab(), or with `tip` when it is not null (the tip must outlive the painter),
    /// then thinned by the grain (if any) at `grainPressure`.
    void queueDab(const DabShape& shape, double x, double y, const BrushTip* tip,
                  const DabPaint& paint, float grainPressure = 1.0f);
    /// Paper or canvas grain for the dabs queued from now on (nullptr or strength 0: none); the
    /// grain must outlive the painter. It is fixed to the canvas: layer coordinates plus the
    /// layer's offset.
    void setGrain(const Grain* grain, float scale, float strength);
    /// Thins `mask` (layer coordinates) by the painter's grain at `pressure`.
    void applyGrain(DabMask& mask, float pressure) const;
    /// Queues a dab whose mask is already made, in layer coordinates (copies the mask).
    void addDab(const DabMask& mask, const DabPaint& paint);
    /// Applies the queued dabs and writes every changed tile to the layer.
    void flush();
    /// The paint on the layer under `mask` (layer coordinates), each pixel weighted by the
    /// mask: the layer as this stroke has painted it so far, every queued dab applied first.
    /// Alpha is the weighted mean; the colour is the mean weighted by mask and alpha.
    Paint sampleUnder(const DabMask& mask);

    /// Dabs queued so far, painted or not (one of zero flow or opacity paints nothing).
    std::int64_t dabCount() const { return m_dabs; }
    /// Sum of the bounding-box areas of the dabs painted so far (complete after flush()).
    double dabPixels() const { return m_dabPixels; }

private:
    struct TileState;
    struct Batch;
    /// A queued dab, as compact as it goes (about a cache line): the thread that rasterises it
    /// is often not the one that queued it.
    struct DabJob {
        DabShape shape;
        double x = 0, y = 0;
        const BrushTip* tip = nullptr;
        DabPaint paint;
        std::int32_t given = -1;  // index of its mask in Queue::given; -1: made from the shape
        float grainPressure = 1.0f;
    };
    /// The queue being filled: dabs and the masks that came with some of them (addDab).
    struct Queue {
        std::vector<DabJob> dabs;
        std::vector<DabMask> given;  // [0, givenCount) in use; later ones keep their storage
        std::size_t givenCount = 0;
    };

    /// Counts `job` as queued, and starts a batch when the queue is full.
    void enqueue(const DabJob& job, std::size_t estimatedPixels);
    static void clear(Queue& queue);
    /// Rasterises, bins and applies the queued dabs: in the background when threads > 1 and
    /// `wait` is false, else before returning.
    void applyQueue(bool wait);
    /// Lists, for every tile the batch's dabs touch, which dabs touch it (in queue order).
    void binBatch();
    /// The batch's dabs applied to the layer's thickness, dab by dab, on the calling thread
    /// (writable tiles record history): Paint adds, Erase takes away, Smudge pulls.
    void applyThickness();
    /// Waits for (and helps with) the batch being applied in the background, if any.
    void finishBatch();
    TileState& stateFor(core::TileCoord c);
    /// Drying paint: works out the stamps of columns [lo, hi) of row y from the recomposed
    /// alpha and the alpha of its wet layer, for writeStamps().
    void stampRowOf(TileState& state, int y, int lo, int hi, const float* alpha,
                    const float* wetAlpha) const;
    /// Writes the tile's new stamps to the layer, if any differ from what it holds.
    void writeStamps(TileState& state);

    core::PaintTarget& m_target;
    PaintMode m_mode;
    bool m_alphaLock;
    int m_threads;
    // Two queues: dabs are queued into one while the other is being painted.
    Queue m_queues[2];
    int m_filling = 0;
    std::size_t m_queuedPixels = 0;
    std::unordered_map<core::TileCoord, std::unique_ptr<TileState>, core::TileCoordHash> m_tiles;
    TileState* m_lastState = nullptr;  // the tile the previous lookup found, and its coordinate
    core::TileCoord m_lastCoord;
    std::vector<core::TileCoord> m_dirty;  // tiles that dabs touched since the last flush
    std::unique_ptr<Batch> m_batch;
    std::int64_t m_dabs = 0;
    double m_dabPixels = 0;
    const Grain* m_grain = nullptr;
    float m_grainScale = 1.0f, m_grainStrength = 0.0f;
    // Drying paint: how wet each earlier stroke's paint is (dries() false: all wet, no stamps),
    // and the layer's thickness before the stroke, whose dry part smudging must not move.
    core::WetnessScale m_wet;
    std::unordered_map<core::TileCoord, core::ThicknessTilePtr, core::TileCoordHash>
        m_thicknessBefore;
};

}  // namespace signe::brushes
