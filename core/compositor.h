// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/rect.h"
#include "core/tile.h"

namespace signe::core {

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
    /// floats, sRGB-encoded), over the background colour or over transparency.
    void compositeFloat(const Rect& rect, float* out, bool withBackground, int threads = 1) const;

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
    void computeBaseTile(TileCoord c, class StackCompositor& stack, std::vector<float>& acc,
                         Entry& out) const;
    void computeMipTile(int level, TileCoord c, Entry& out) const;
    /// A 64x64 buffer filled with `value`, kept for displayTile() of uniform tiles.
    const std::uint8_t* uniformPixels(Rgba8 value);

    Document& m_doc;
    int m_listener = 0;
    std::vector<Level> m_levels = std::vector<Level>(kMaxLevel + 1);
    std::map<std::uint32_t, std::vector<std::uint8_t>> m_uniformPixels;
};

}  // namespace signe::core
