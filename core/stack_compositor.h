// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "core/layer.h"
#include "core/tile.h"

namespace signe::core {

/// Composites a layer tree, one canvas tile at a time, at full precision: premultiplied RGBA
/// floats, sRGB-encoded, the form the W3C formulas are written for. Holds scratch buffers, so
/// give each thread its own instance; the tree itself is only read.
class StackCompositor {
public:
    static constexpr int kTileFloats = kTilePixels * 4;

    /// Composites the visible children of `group` over `acc` (kTileFloats floats, premultiplied
    /// RGBA) for canvas tile `c`. Start from zeros for a transparent backdrop. Returns false
    /// when no layer touched `acc` (nothing there): callers can then skip per-pixel work.
    bool compositeTile(const Layer& group, TileCoord c, float* acc);

    /// Blends one paint layer (ignoring its visibility) over `acc` for canvas tile `c`.
    /// Returns false if the layer has nothing there and so left `acc` as it was.
    bool blendLayerTile(const Layer& layer, TileCoord c, float* acc);

private:
    bool compositeChildren(const Layer& group, TileCoord c, float* acc, std::size_t depth);
    /// The layer's pixels covering canvas tile `c`, or nullptr when it has none there.
    const Pixel16* layerPixels(const Layer& layer, TileCoord c);

    std::vector<std::vector<float>> m_groupBuffers;  // one per nesting depth
    std::vector<Pixel16> m_scratch = std::vector<Pixel16>(kTilePixels);
};

/// Converts premultiplied float pixels (0..1) to 16-bit with rounding and clamping.
void floatToPixel16(const float* src, Pixel16* dst, int count);
/// Converts 16-bit pixels to premultiplied floats (0..1).
void pixel16ToFloat(const Pixel16* src, float* dst, int count);

}  // namespace signe::core
