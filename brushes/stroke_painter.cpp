// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_painter.h"

#include <algorithm>
#include <cmath>

#include "core/color.h"
#include "core/parallel_for.h"
#include "core/simd_clones.h"

namespace signe::brushes {

using core::kTilePixels;
using core::kTileSize;
using core::Pixel16;
using core::TileCoord;

namespace {

// Queued dabs are applied once this many mask pixels or dabs wait: enough to keep both cores
// busy on small dabs, little enough that the masks stay in cache-sized memory.
constexpr std::size_t kQueuePixels = std::size_t(1) << 21;
constexpr std::size_t kQueueDabs = 256;

/// One row of a dab onto the stroke buffer (straight linear colour + coverage per pixel).
/// Colour mixes as source-over would; coverage rises towards the dab's opacity and never
/// past it ("alpha darken"), which is what makes opacity cap the stroke.
SIGNE_HOT_CLONES
void dabRow(const float* __restrict mask, float* __restrict buf, int count, float r, float g,
            float b, float opacity, float flow)
{
    for (int i = 0; i < count; ++i) {
        float* p = buf + 4 * i;
        const float m = mask[i] * flow;
        const float s = p[3];
        const float w = m + s * (1.0f - m);
        const float k = w > 0.0f ? m / w : 0.0f;
        p[0] += (r - p[0]) * k;
        p[1] += (g - p[1]) * k;
        p[2] += (b - p[2]) * k;
        p[3] = s < opacity ? s + (opacity - s) * m : s;
    }
}

/// Straight linear colour of a stored premultiplied sRGB pixel.
void decode(Pixel16 px, float out[3])
{
    if (px.a == 0) {
        out[0] = out[1] = out[2] = 0.0f;
        return;
    }
    const std::uint32_t a = px.a;
    auto channel = [a](std::uint16_t c) {
        const std::uint32_t straight = std::min<std::uint32_t>(65535, (c * 65535u + a / 2) / a);
        return core::srgb16ToLinear(std::uint16_t(straight));
    };
    out[0] = channel(px.r);
    out[1] = channel(px.g);
    out[2] = channel(px.b);
}

/// Premultiplied sRGB pixel from straight linear colour and alpha.
Pixel16 encode(const float lin[3], float alpha)
{
    alpha = std::clamp(alpha, 0.0f, 1.0f);
    auto channel = [alpha](float v) {
        return std::uint16_t(float(core::linearToSrgb16(v)) * alpha + 0.5f);
    };
    return {channel(lin[0]), channel(lin[1]), channel(lin[2]), std::uint16_t(alpha * 65535.0f + 0.5f)};
}

}  // namespace

struct StrokePainter::TileState {
    core::TilePtr original;  // the layer tile before the stroke; nullptr = transparent
    std::vector<float> buffer = std::vector<float>(std::size_t(kTilePixels) * 4, 0.0f);
    std::vector<std::uint32_t> pending;  // queued dabs touching this tile, in order
    bool dirty = false;
};

StrokePainter::StrokePainter(core::PaintTarget& target, PaintMode mode, int threads)
    : m_target(target), m_mode(mode), m_alphaLock(target.properties().alphaLock),
      m_threads(std::max(1, threads))
{
}

StrokePainter::~StrokePainter() = default;

void StrokePainter::addDab(const DabMask& mask, const DabPaint& paint)
{
    DabMask& slot = nextMask();
    slot.box = mask.box;
    slot.coverage.assign(mask.coverage.begin(), mask.coverage.end());
    queueDab(paint);
}

DabMask& StrokePainter::nextMask()
{
    if (m_queued == m_queue.size()) m_queue.emplace_back();
    return m_queue[m_queued].mask;
}

void StrokePainter::queueDab(const DabPaint& paint)
{
    ++m_dabs;
    QueuedDab& dab = m_queue[m_queued];
    if (dab.mask.box.isEmpty() || paint.flow <= 0.0f || paint.opacity <= 0.0f) return;
    dab.paint = paint;
    ++m_queued;
    m_queuedPixels += std::size_t(dab.mask.box.w) * std::size_t(dab.mask.box.h);
    if (m_queuedPixels >= kQueuePixels || m_queued >= kQueueDabs) applyQueue();
}

StrokePainter::TileState& StrokePainter::stateFor(TileCoord c)
{
    auto& slot = m_tiles[c];
    if (!slot) {
        slot = std::make_unique<TileState>();
        slot->original = m_target.tiles().tile(c);  // shared: costs nothing, never changes
    }
    return *slot;
}

void StrokePainter::applyQueue()
{
    if (m_queued == 0) return;
    // Which queued dabs touch which tile, in queue order; states are created here, on this
    // thread, so the workers below only read the map.
    std::vector<TileState*> touched;
    std::vector<TileCoord> coords;
    for (std::size_t i = 0; i < m_queued; ++i) {
        const core::Rect& box = m_queue[i].mask.box;
        for (int ty = core::floorDiv(box.y, kTileSize); ty <= core::floorDiv(box.bottom() - 1, kTileSize); ++ty)
            for (int tx = core::floorDiv(box.x, kTileSize); tx <= core::floorDiv(box.right() - 1, kTileSize); ++tx) {
                TileState& state = stateFor({tx, ty});
                if (state.pending.empty()) {
                    touched.push_back(&state);
                    coords.push_back({tx, ty});
                }
                state.pending.push_back(std::uint32_t(i));
            }
    }
    struct NoState {};
    core::parallelFor<NoState>(int(touched.size()), m_threads, [&](int t, NoState&) {
        TileState& state = *touched[std::size_t(t)];
        const core::Rect tileRect = coords[std::size_t(t)].pixelRect();
        for (std::uint32_t index : state.pending) {
            const QueuedDab& dab = m_queue[index];
            const core::Rect part = dab.mask.box.intersected(tileRect);
            for (int y = part.y; y < part.bottom(); ++y) {
                const float* maskRow = dab.mask.coverage.data() +
                                       std::size_t(y - dab.mask.box.y) * std::size_t(dab.mask.box.w) +
                                       std::size_t(part.x - dab.mask.box.x);
                float* bufRow = state.buffer.data() +
                                (std::size_t(y - tileRect.y) * kTileSize + std::size_t(part.x - tileRect.x)) * 4;
                dabRow(maskRow, bufRow, part.w, dab.paint.r, dab.paint.g, dab.paint.b,
                       std::clamp(dab.paint.opacity, 0.0f, 1.0f), std::clamp(dab.paint.flow, 0.0f, 1.0f));
            }
        }
        state.pending.clear();
    });
    for (std::size_t t = 0; t < touched.size(); ++t) {
        if (!touched[t]->dirty) m_dirty.push_back(coords[t]);
        touched[t]->dirty = true;
    }
    m_queued = 0;  // the slots keep their storage for the next dabs
    m_queuedPixels = 0;
}

void StrokePainter::flush()
{
    applyQueue();
    if (m_dirty.empty()) return;
    if (m_alphaLock && m_mode == PaintMode::Erase) {
        m_dirty.clear();  // erasing keeps alpha under alpha lock: nothing to change
        return;
    }
    // Writable tiles are created on this thread (they record history); composing is per tile.
    std::vector<std::pair<TileState*, Pixel16*>> work;
    for (TileCoord c : m_dirty) {
        TileState& state = *m_tiles[c];
        work.push_back({&state, m_target.writableTile(c).pixels()});
        state.dirty = false;
    }
    struct NoState {};
    core::parallelFor<NoState>(int(work.size()), m_threads, [&](int i, NoState&) {
        const auto [state, out] = work[std::size_t(i)];
        const core::TileData* before = state->original.get();
        const float* buf = state->buffer.data();
        for (int p = 0; p < kTilePixels; ++p) {
            const Pixel16 orig = before ? before->pixel(p % kTileSize, p / kTileSize) : Pixel16{};
            const float s = buf[p * 4 + 3];
            if (s <= 0.0f) {
                out[p] = orig;  // untouched by the stroke: exactly as before
                continue;
            }
            if (m_mode == PaintMode::Erase) {
                const float keep = 1.0f - s;
                out[p] = {std::uint16_t(orig.r * keep + 0.5f), std::uint16_t(orig.g * keep + 0.5f),
                          std::uint16_t(orig.b * keep + 0.5f), std::uint16_t(orig.a * keep + 0.5f)};
                continue;
            }
            float lin[3];
            decode(orig, lin);
            const float a = orig.a / 65535.0f;
            const float* paint = buf + p * 4;
            if (m_alphaLock) {
                for (int ch = 0; ch < 3; ++ch) lin[ch] += (paint[ch] - lin[ch]) * s;
                out[p] = orig.a == 0 ? orig : encode(lin, a);
                continue;
            }
            // Source-over in linear light: the stroke over the layer as it was.
            const float oa = s + a * (1.0f - s);
            for (int ch = 0; ch < 3; ++ch) lin[ch] = (paint[ch] * s + lin[ch] * a * (1.0f - s)) / oa;
            out[p] = encode(lin, oa);
        }
    });
    for (TileCoord c : m_dirty) m_target.markDirty(c.pixelRect());
    m_dirty.clear();
}

}  // namespace signe::brushes
