// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stack_compositor.h"

#include <algorithm>
#include <cmath>

namespace signe::core {

namespace {

/// OpenRaster's isolation="auto": a group must be composited on its own when its opacity or
/// mode would otherwise apply to each child separately.
bool needsIsolation(const LayerProperties& p)
{
    return p.isolated || p.opacity < 1.0f || p.blendMode != BlendMode::Normal;
}

}  // namespace

bool StackCompositor::compositeTile(const Layer& group, TileCoord c, float* acc)
{
    return compositeChildren(group, c, acc, 0);
}

bool StackCompositor::compositeChildren(const Layer& group, TileCoord c, float* acc,
                                        std::size_t depth)
{
    bool touched = false;
    for (const auto& childPtr : group.children()) {
        const Layer& child = *childPtr;
        const LayerProperties& p = child.properties();
        if (!p.visible) continue;
        if (!child.isGroup()) {
            touched |= blendLayerTile(child, c, acc);
            continue;
        }
        if (!needsIsolation(p)) {
            touched |= compositeChildren(child, c, acc, depth);  // pass-through
            continue;
        }
        if (m_groupBuffers.size() <= depth) m_groupBuffers.resize(depth + 1);
        std::vector<float>& buffer = m_groupBuffers[depth];
        buffer.assign(kTileFloats, 0.0f);
        // An empty isolated group is transparent; blending transparency changes nothing
        // unless the group's own mode acts outside its source.
        if (compositeChildren(child, c, buffer.data(), depth + 1) ||
            blendModeAffectsOutsideSource(p.blendMode)) {
            blendRowF(p.blendMode, buffer.data(), acc, kTilePixels, p.opacity);
            touched = true;
        }
    }
    return touched;
}

bool StackCompositor::blendLayerTile(const Layer& layer, TileCoord c, float* acc)
{
    const LayerProperties& p = layer.properties();
    const Pixel16* pixels = layerPixels(layer, c);
    if (!pixels) {
        // An empty source still clears the backdrop under dst-in and dst-atop.
        if (!blendModeAffectsOutsideSource(p.blendMode)) return false;
        std::fill(m_scratch.begin(), m_scratch.end(), Pixel16{});
        pixels = m_scratch.data();
    }
    blendRow16(p.blendMode, &pixels->r, acc, kTilePixels, p.opacity);
    return true;
}

const Pixel16* StackCompositor::layerPixels(const Layer& layer, TileCoord c)
{
    const LayerProperties& p = layer.properties();
    const TileStore& tiles = layer.tiles();
    if (tiles.isEmpty()) return nullptr;
    if (p.offsetX % kTileSize == 0 && p.offsetY % kTileSize == 0) {
        // Aligned: the canvas tile is exactly one layer tile; use it in place.
        const TilePtr t = tiles.tile({c.x - p.offsetX / kTileSize, c.y - p.offsetY / kTileSize});
        if (!t) return nullptr;
        if (!t->isUniform()) return t->pixels();  // the store keeps it alive while we read
        std::fill(m_scratch.begin(), m_scratch.end(), t->uniformValue());
        return m_scratch.data();
    }
    const Rect local = c.pixelRect().translated(-p.offsetX, -p.offsetY);
    if (local.intersected(tiles.bounds()).isEmpty()) return nullptr;
    tiles.readRect(local, m_scratch.data(), kTileSize);
    return m_scratch.data();
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
