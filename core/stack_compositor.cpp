// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stack_compositor.h"

#include <algorithm>
#include <cstring>

namespace signe::core {

namespace {

constexpr int kRowValues = kTileSize * 4;  // four channels a pixel, float or uint16
constexpr std::size_t kMaxDepth = 255;  // group buffers are indexed by a byte

/// OpenRaster's isolation="auto": a group must be composited on its own when its opacity or
/// mode would otherwise apply to each child separately.
bool needsIsolation(const LayerProperties& p)
{
    return p.isolated || p.opacity < 1.0f || p.blendMode != BlendMode::Normal;
}

}  // namespace

Pixel16* StackCompositor::scratch()
{
    if (m_scratchUsed == m_scratch.size())
        m_scratch.push_back(std::make_unique<Pixel16[]>(kTilePixels));
    return m_scratch[m_scratchUsed++].get();
}

bool StackCompositor::compositeTile(const Layer& group, TileCoord c, float* acc, bool clearFirst)
{
    m_plan.clear();
    m_scratchUsed = 0;
    if (!planChildren(group, c, 0)) return false;
    run(acc, clearFirst);
    return true;
}

bool StackCompositor::blendLayerTile(const Layer& layer, TileCoord c, float* acc)
{
    m_plan.clear();
    m_scratchUsed = 0;
    if (!planLayer(layer, c, 0)) return false;
    run(acc, false);
    return true;
}

bool StackCompositor::planChildren(const Layer& group, TileCoord c, std::uint8_t depth)
{
    bool touched = false;
    for (const auto& childPtr : group.children()) {
        const Layer& child = *childPtr;
        const LayerProperties& p = child.properties();
        if (!p.visible) continue;
        if (!child.isGroup()) {
            touched |= planLayer(child, c, depth);
        } else if (!needsIsolation(p) || depth == kMaxDepth) {
            touched |= planChildren(child, c, depth);  // pass-through
        } else {
            const std::size_t mark = m_plan.size();
            const auto inner = std::uint8_t(depth + 1);
            m_plan.push_back({Step::Kind::BeginGroup, BlendMode::Normal, inner});
            // An empty isolated group is transparent: blending it changes nothing unless the
            // group's own mode acts outside its source.
            if (!planChildren(child, c, inner) && !blendModeAffectsOutsideSource(p.blendMode)) {
                m_plan.resize(mark);
                continue;
            }
            m_plan.push_back({Step::Kind::EndGroup, p.blendMode, inner, p.opacity});
            touched = true;
        }
    }
    return touched;
}

bool StackCompositor::planLayer(const Layer& layer, TileCoord c, std::uint8_t depth)
{
    const LayerProperties& p = layer.properties();
    const TileStore& tiles = layer.tiles();
    Step step{Step::Kind::Layer, p.blendMode, depth, p.opacity};
    step.srcRowStride = kRowValues;
    if (p.offsetX % kTileSize == 0 && p.offsetY % kTileSize == 0) {
        // Aligned: the canvas tile is exactly one layer tile, read in place.
        const TileData* t = tiles.peek({c.x - p.offsetX / kTileSize, c.y - p.offsetY / kTileSize});
        if (t && !t->isUniform()) {
            step.src = &t->pixels()->r;
        } else if (t) {
            Pixel16* row = scratch();
            std::fill_n(row, kTileSize, t->uniformValue());
            step.src = &row->r;
            step.srcRowStride = 0;
        }
    } else {
        const Rect local = c.pixelRect().translated(-p.offsetX, -p.offsetY);
        if (!tiles.isEmpty() && !local.intersected(tiles.bounds()).isEmpty()) {
            Pixel16* copy = scratch();
            tiles.readRect(local, copy, kTileSize);
            step.src = &copy->r;
        }
    }
    if (!step.src) {
        // An empty source still clears the backdrop under dst-in and dst-atop.
        if (!blendModeAffectsOutsideSource(p.blendMode)) return false;
        Pixel16* row = scratch();
        std::fill_n(row, kTileSize, Pixel16{});
        step.src = &row->r;
        step.srcRowStride = 0;
    }
    m_plan.push_back(step);
    return true;
}

void StackCompositor::run(float* acc, bool clearFirst)
{
    std::uint8_t deepest = 0;
    for (const Step& s : m_plan) deepest = std::max(deepest, s.buffer);
    m_groupRows.resize(std::size_t(deepest + 1) * kRowValues);
    for (int y = 0; y < kTileSize; ++y) {
        float* accRow = acc + std::ptrdiff_t(y) * kRowValues;
        if (clearFirst) std::fill_n(accRow, kRowValues, 0.0f);
        auto rowOf = [&](std::uint8_t buffer) {
            return buffer == 0 ? accRow : m_groupRows.data() + std::size_t(buffer) * kRowValues;
        };
        for (const Step& s : m_plan) {
            switch (s.kind) {
            case Step::Kind::Layer:
                blendRow16(s.mode, s.src + y * s.srcRowStride, rowOf(s.buffer), kTileSize,
                           s.opacity);
                break;
            case Step::Kind::BeginGroup:
                std::fill_n(rowOf(s.buffer), kRowValues, 0.0f);
                break;
            case Step::Kind::EndGroup:
                blendRowF(s.mode, rowOf(s.buffer), rowOf(std::uint8_t(s.buffer - 1)), kTileSize,
                          s.opacity);
                break;
            }
        }
    }
}

void floatToPixel16(const float* src, Pixel16* dst, int count)
{
    std::uint16_t* out = &dst->r;
    for (int i = 0; i < count * 4; ++i)
        out[i] = std::uint16_t(std::clamp(src[i], 0.0f, 1.0f) * 65535.0f + 0.5f);
}

void pixel16ToFloat(const Pixel16* src, float* dst, int count)
{
    const std::uint16_t* in = &src->r;
    for (int i = 0; i < count * 4; ++i) dst[i] = float(in[i]) * (1.0f / 65535.0f);
}

}  // namespace signe::core
