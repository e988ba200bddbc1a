// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <unordered_map>
#include <vector>

#include "core/rect.h"
#include "core/tile.h"

namespace signe::core {

/// A sparse, unbounded surface of 64x64 tiles. A missing tile is transparent and costs nothing;
/// a uniform tile costs one pixel. Coordinates may be negative.
///
/// Tiles are shared with history (copy-on-write): writableTile() copies a tile that anyone else
/// still holds, so a snapshot taken by keeping a TilePtr never changes under its holder.
/// Not thread-safe for writes; concurrent reads of a store nobody writes are fine.
class TileStore {
public:
    /// Called with each tile's coordinate just before that tile is first changed by a write
    /// (a transaction uses it to keep the tile's previous content).
    using BeforeWrite = std::function<void(TileCoord)>;

    /// The tile at `c`, or nullptr when it is transparent (never stored).
    TilePtr tile(TileCoord c) const;
    /// The tile at `c` without taking a reference (nullptr when transparent), for hot readers:
    /// copying a TilePtr costs two atomic operations. Valid until the store next changes.
    const TileData* peek(TileCoord c) const
    {
        const auto it = m_tiles.find(c);
        return it == m_tiles.end() ? nullptr : it->second.get();
    }
    /// Replaces the tile at `c`; nullptr or a transparent uniform tile removes it.
    void setTile(TileCoord c, TilePtr tile);

    /// A tile that may be written in place: created (transparent) if missing, copied if shared,
    /// expanded if uniform. The reference is valid until the next change to the store.
    TileData& writableTile(TileCoord c);

    /// Copies `rect` into `out` (row stride in pixels); transparent where nothing is stored.
    void readRect(const Rect& rect, Pixel16* out, std::ptrdiff_t stride) const;
    /// Writes `rect` from `src` (row stride in pixels).
    void writeRect(const Rect& rect, const Pixel16* src, std::ptrdiff_t stride,
                   const BeforeWrite& beforeWrite = {});
    /// Sets every pixel of `rect` to `value`; whole tiles become uniform tiles.
    void fillRect(const Rect& rect, Pixel16 value, const BeforeWrite& beforeWrite = {});
    /// Reads one pixel (transparent where nothing is stored).
    Pixel16 pixel(int x, int y) const;

    /// Stores a full tile as uniform (or removes it when transparent) if all its pixels agree.
    void compactTile(TileCoord c);

    /// Union of the stored tiles' pixel rectangles (tile-aligned); empty when nothing is stored.
    Rect bounds() const;
    std::vector<TileCoord> coords() const;
    std::size_t tileCount() const { return m_tiles.size(); }
    bool isEmpty() const { return m_tiles.empty(); }
    /// Bytes of pixel storage held by the stored tiles (shared tiles counted in full).
    std::size_t memoryBytes() const;
    void clear() { m_tiles.clear(); }

private:
    template <class Fn>
    void forEachTileIn(const Rect& rect, Fn&& fn) const;

    std::unordered_map<TileCoord, TilePtr, TileCoordHash> m_tiles;
};

}  // namespace signe::core
