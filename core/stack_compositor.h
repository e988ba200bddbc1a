// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/layer.h"
#include "core/tile.h"

namespace signe::core {

/// Composites a layer tree, one canvas tile at a time, at full precision: premultiplied RGBA
/// floats, sRGB-encoded, the form the W3C formulas are written for. Holds scratch buffers, so
/// give each thread its own instance; the tree itself is only read.
///
/// Each call first plans the tile (which layer tiles, in which order, into which group buffer)
/// and then runs the plan row by row: every layer's row is blended while the accumulator row is
/// still in L1, and the layers' rows stream from memory side by side. Blending whole tiles
/// layer after layer spills the 64 KiB accumulator out of L1 on every layer instead.
class StackCompositor {
public:
    static constexpr int kTileFloats = kTilePixels * 4;

    /// Composites the visible children of `group` for canvas tile `c` into `acc` (kTileFloats
    /// floats, premultiplied RGBA). With `clearFirst` the backdrop is transparent and `acc`
    /// is overwritten; otherwise the layers composite over what `acc` holds. Returns false
    /// when no layer has anything there; `acc` is then left untouched, even with `clearFirst`.
    bool compositeTile(const Layer& group, TileCoord c, float* acc, bool clearFirst);

    /// Blends one paint layer (ignoring its visibility) over `acc` for canvas tile `c`.
    /// Returns false if the layer has nothing there and so left `acc` as it was.
    bool blendLayerTile(const Layer& layer, TileCoord c, float* acc);

private:
    /// One step of a tile's plan, run once per row.
    struct Step {
        enum class Kind : std::uint8_t { Layer, BeginGroup, EndGroup } kind;
        BlendMode mode = BlendMode::Normal;
        std::uint8_t buffer = 0;  // Layer: target; BeginGroup: cleared; EndGroup: source
        float opacity = 1.0f;
        const std::uint16_t* src = nullptr;  // Layer: row 0 of the source pixels
        std::ptrdiff_t srcRowStride = 0;     // in uint16 values; 0 repeats one row
    };

    bool planChildren(const Layer& group, TileCoord c, std::uint8_t depth);
    bool planLayer(const Layer& layer, TileCoord c, std::uint8_t depth);
    void run(float* acc, bool clearFirst);
    /// A scratch tile for this plan (unaligned layers, uniform tiles, empty sources).
    Pixel16* scratch();

    std::vector<Step> m_plan;
    std::vector<std::unique_ptr<Pixel16[]>> m_scratch;
    std::size_t m_scratchUsed = 0;
    std::vector<float> m_groupRows;  // one 64-pixel float row per nesting depth
};

/// Converts premultiplied float pixels (0..1) to 16-bit with rounding and clamping.
void floatToPixel16(const float* src, Pixel16* dst, int count);
/// Converts 16-bit pixels to premultiplied floats (0..1).
void pixel16ToFloat(const Pixel16* src, float* dst, int count);

}  // namespace signe::core
