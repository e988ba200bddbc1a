// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/height_field.h"

namespace signe::core {

namespace {

/// Adds one layer's thickness times `weight` over canvas `rect`.
bool addLayer(const Layer& layer, const Rect& rect, float weight, float* out, std::ptrdiff_t stride)
{
    const ThicknessStore& store = layer.thickness();
    if (store.isEmpty()) return false;
    const LayerProperties& p = layer.properties();
    const Rect local = rect.translated(-p.offsetX, -p.offsetY);
    const int tx0 = floorDiv(local.x, kTileSize), tx1 = floorDiv(local.right() - 1, kTileSize);
    const int ty0 = floorDiv(local.y, kTileSize), ty1 = floorDiv(local.bottom() - 1, kTileSize);
    bool any = false;
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const TileCoord c{tx, ty};
            const ThicknessTile* t = store.peek(c);
            if (!t) continue;
            any = true;
            const Rect tr = c.pixelRect();
            const Rect part = local.intersected(tr);
            for (int y = part.y; y < part.bottom(); ++y) {
                float* row = out + std::ptrdiff_t(y - local.y) * stride + (part.x - local.x);
                if (t->isUniform()) {
                    const float v = float(t->uniformValue()) * weight;
                    for (int x = 0; x < part.w; ++x) row[x] += v;
                } else {
                    const Thickness16* src = t->pixels() + (y - tr.y) * kTileSize + (part.x - tr.x);
                    for (int x = 0; x < part.w; ++x) row[x] += float(src[x]) * weight;
                }
            }
        }
    return any;
}

bool addChildren(const Layer& group, const Rect& rect, float weight, float* out,
                 std::ptrdiff_t stride)
{
    bool any = false;
    for (const auto& child : group.children()) {
        const LayerProperties& p = child->properties();
        if (!p.visible || !(p.opacity > 0.0f)) continue;
        const float w = weight * p.opacity;
        any |= child->isGroup() ? addChildren(*child, rect, w, out, stride)
                                : addLayer(*child, rect, w, out, stride);
    }
    return any;
}

bool anyTile(const Layer& layer, const Rect& rect)
{
    const ThicknessStore& store = layer.thickness();
    if (store.isEmpty()) return false;
    const LayerProperties& p = layer.properties();
    const Rect local = rect.translated(-p.offsetX, -p.offsetY);
    for (int ty = floorDiv(local.y, kTileSize); ty <= floorDiv(local.bottom() - 1, kTileSize); ++ty)
        for (int tx = floorDiv(local.x, kTileSize); tx <= floorDiv(local.right() - 1, kTileSize);
             ++tx)
            if (store.peek({tx, ty})) return true;
    return false;
}

/// Whether a visible layer under `group` passes `test`.
template <class Test>
bool anyVisible(const Layer& group, const Test& test)
{
    for (const auto& child : group.children()) {
        const LayerProperties& p = child->properties();
        if (!p.visible || !(p.opacity > 0.0f)) continue;
        if (child->isGroup() ? anyVisible(*child, test) : test(*child)) return true;
    }
    return false;
}

}  // namespace

bool hasThickness(const Layer& group, const Rect& rect)
{
    return !rect.isEmpty() &&
           anyVisible(group, [&](const Layer& layer) { return anyTile(layer, rect); });
}

bool hasThickness(const Layer& group)
{
    return anyVisible(group, [](const Layer& layer) { return !layer.thickness().isEmpty(); });
}

bool accumulateThickness(const Layer& group, const Rect& rect, float scale, float* out,
                         std::ptrdiff_t stride)
{
    if (rect.isEmpty()) return false;
    return addChildren(group, rect, scale, out, stride);
}

}  // namespace signe::core
