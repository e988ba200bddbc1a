// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/rect.h"
#include "core/tile.h"

namespace signe::core {

struct BaseTileState;  // per-thread scratch of update() and compositeFloat() (compositor.cpp)

/// Keeps the document's composite for display: 8-bit premultiplied sRGB RGBA tiles (bytes in
/// R, G, B, A order), over the background colour, at level 0 (1:1) and at mipmap levels
/// 1, 2, ... (each half the size of the one below, a 2x2 box filter of it) for zoomed-out views.
///
/// It listens to the document: a changed region only marks the tiles over it dirty, at every
/// level; nothing is recomputed until a tile is asked for, and then only dirty tiles are.
/// A tile of one colour (untouched canvas, say) is kept as that colour alone, so an empty or
/// flat region costs neither time nor memory at any zoom.
/// Call from the thread that edits the document; update() may use more threads inside.
///
/// Impasto: with the document's light on, level 0 tiles whose height field (their 64x64
/// pixels and a one-pixel border read from the neighbouring tiles) is not flat are lit by
/// ImpastoLighting after going over the background; other tiles take the unlit path
/// unchanged. Mip levels are box filters of lit level 0 tiles.
///
///     Compositor view(*doc);
///     view.update(0, visibleRect, 2);                // recompute what changed, on two threads
///     const std::uint8_t* px = view.displayTile(0, {3, 5});
class Compositor {
public:
    static constexpr int kMaxLevel = 12;  ///< level 12 shows 65536 px as 16 px
    static constexpr int kTileBytes = kTilePixels * 4;

    explicit Compositor(Document& doc);
    ~Compositor();
    Compositor(const Compositor&) = delete;
    Compositor& operator=(const Compositor&) = delete;

    /// Marks what lies over `canvasRect` dirty at every level (the document does this itself).
    void invalidate(const Rect& canvasRect);
    /// Drops every cached tile.
    void invalidateAll();

    /// Recomputes the dirty or missing tiles of `level` that overlap `canvasRect` (canvas
    /// pixels), on up to `threads` threads. Returns how many tiles were recomputed.
    int update(int level, const Rect& canvasRect, int threads = 1);

    /// Tile `c` of `level` (covering canvas pixels c * 64 << level), computed if needed.
    /// 64 * 64 * 4 bytes, valid until the next update or change.
    const std::uint8_t* displayTile(int level, TileCoord c);

    /// Composites `rect` at full precision into `out` (rect.w * rect.h premultiplied RGBA
    /// floats, sRGB-encoded), over the background colour or over transparency; with `lit`, the
    /// impasto is lit by the document's light (whether or not the light is switched on).
    void compositeFloat(const Rect& rect, float* out, bool withBackground, int threads = 1,
                        bool lit = false) const;

    /// Level 0 tiles that went through impasto lighting since construction (a tile with no
    /// relief under or beside it never does).
    std::uint64_t litTileCount() const { return m_litTiles.load(std::memory_order_relaxed); }

    std::size_t cachedTileCount() const;
    std::size_t memoryBytes() const;

private:
    using Rgba8 = std::array<std::uint8_t, 4>;
    struct Entry {
        std::vector<std::uint8_t> pixels;  // empty when the tile is `uniform` everywhere
        Rgba8 uniform{};
        bool dirty = true;
        bool computed = false;
    };
    using Level = std::unordered_map<TileCoord, Entry, TileCoordHash>;

    /// Tiles of `level` over `canvasRect`, clipped to the canvas.
    std::vector<TileCoord> tilesOver(int level, const Rect& canvasRect) const;
    /// `mayLight`: the light is on and some visible layer has thickness (checked once per
    /// update, so that documents without impasto pay nothing per tile).
    void computeBaseTile(TileCoord c, BaseTileState& state, Entry& out, bool mayLight) const;
    /// Fills state.height with the height field of tile `c` and its one-pixel border (66x66,
    /// canvas pixels of height) for `light`. Returns false, and the tile is not lit, when the
    /// field is flat (no thickness nearby, or the same everywhere).
    bool reliefWindow(TileCoord c, const Light& light, BaseTileState& state) const;
    void computeMipTile(int level, TileCoord c, Entry& out) const;
    /// A 64x64 buffer filled with `value`, kept for displayTile() of uniform tiles.
    const std::uint8_t* uniformPixels(Rgba8 value);

    Document& m_doc;
    int m_listener = 0;
    std::vector<Level> m_levels = std::vector<Level>(kMaxLevel + 1);
    std::map<std::uint32_t, std::vector<std::uint8_t>> m_uniformPixels;
    mutable std::atomic<std::uint64_t> m_litTiles{0};
};

}  // namespace signe::core
