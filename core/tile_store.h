// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <unordered_map>
#include <vector>

#include "core/rect.h"
#include "core/tile.h"

namespace signe::core {

/// A sparse, unbounded surface of 64x64 tiles of samples T. A missing tile is transparent (T{})
/// and costs nothing; a uniform tile costs one sample. Coordinates may be negative.
///
/// Tiles are shared with history (copy-on-write): writableTile() copies a tile that anyone else
/// still holds, so a snapshot taken by keeping a tile pointer never changes under its holder.
/// Not thread-safe for writes; concurrent reads of a store nobody writes are fine.
/// `TileStore` holds colour (Pixel16), `ThicknessStore` impasto thickness (Thickness16),
/// `WetStore` wetness stamps (WetStamp).
template <class T>
class BasicTileStore {
public:
    using Tile = BasicTileData<T>;
    using Ptr = std::shared_ptr<Tile>;

    /// Called with each tile's coordinate just before that tile is first changed by a write
    /// (a transaction uses it to keep the tile's previous content).
    using BeforeWrite = std::function<void(TileCoord)>;

    /// The tile at `c`, or nullptr when it is transparent (never stored).
    Ptr tile(TileCoord c) const;
    /// The tile at `c` without taking a reference (nullptr when transparent), for hot readers:
    /// copying a shared pointer costs two atomic operations. Valid until the store next changes.
    const Tile* peek(TileCoord c) const
    {
        const auto it = m_tiles.find(c);
        return it == m_tiles.end() ? nullptr : it->second.get();
    }
    /// Replaces the tile at `c`; nullptr or a transparent uniform tile removes it.
    void setTile(TileCoord c, Ptr tile);

    /// A tile that may be written in place: created (transparent) if missing, copied if shared,
    /// expanded if uniform. The reference is valid until the next change to the store.
    Tile& writableTile(TileCoord c);

    /// Copies `rect` into `out` (row stride in samples); transparent where nothing is stored.
    void readRect(const Rect& rect, T* out, std::ptrdiff_t stride) const;
    /// Writes `rect` from `src` (row stride in samples).
    void writeRect(const Rect& rect, const T* src, std::ptrdiff_t stride,
                   const BeforeWrite& beforeWrite = {});
    /// Sets every sample of `rect` to `value`; whole tiles become uniform tiles.
    void fillRect(const Rect& rect, T value, const BeforeWrite& beforeWrite = {});
    /// Reads one sample (transparent where nothing is stored).
    T pixel(int x, int y) const;

    /// Stores a full tile as uniform (or removes it when transparent) if all its samples agree.
    void compactTile(TileCoord c);

    /// Union of the stored tiles' pixel rectangles (tile-aligned); empty when nothing is stored.
    Rect bounds() const;
    std::vector<TileCoord> coords() const;
    std::size_t tileCount() const { return m_tiles.size(); }
    bool isEmpty() const { return m_tiles.empty(); }
    /// Bytes of sample storage held by the stored tiles (shared tiles counted in full).
    std::size_t memoryBytes() const;
    void clear() { m_tiles.clear(); }

private:
    template <class Fn>
    void forEachTileIn(const Rect& rect, Fn&& fn) const;

    std::unordered_map<TileCoord, Ptr, TileCoordHash> m_tiles;
};

extern template class BasicTileStore<Pixel16>;
extern template class BasicTileStore<Thickness16>;
extern template class BasicTileStore<WetStamp>;

/// Colour: premultiplied sRGB-encoded RGBA16.
using TileStore = BasicTileStore<Pixel16>;
/// Impasto thickness (Thickness16); empty, and free, on a layer with no relief.
using ThicknessStore = BasicTileStore<Thickness16>;
/// Wetness stamps (WetStamp): when each pixel's paint was laid; empty on a layer whose paint
/// never dries.
using WetStore = BasicTileStore<WetStamp>;

}  // namespace signe::core
