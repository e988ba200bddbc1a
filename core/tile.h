// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/rect.h"

namespace signe::core {

inline constexpr int kTileSize = 64;
inline constexpr int kTilePixels = kTileSize * kTileSize;

/// One stored pixel: premultiplied RGBA, sRGB-encoded, 16 bits a channel (0..65535).
/// See docs/architecture.md, "Pixels", for why the encoding is sRGB rather than linear.
struct Pixel16 {
    std::uint16_t r = 0, g = 0, b = 0, a = 0;
    friend bool operator==(const Pixel16&, const Pixel16&) = default;
};
static_assert(sizeof(Pixel16) == 8);

/// Position of a tile in the tile grid: tile (x, y) covers pixels [64x, 64x+64) x [64y, 64y+64).
struct TileCoord {
    std::int32_t x = 0, y = 0;
    friend bool operator==(const TileCoord&, const TileCoord&) = default;
    Rect pixelRect() const { return {x * kTileSize, y * kTileSize, kTileSize, kTileSize}; }
};

struct TileCoordHash {
    std::size_t operator()(const TileCoord& c) const
    {
        return std::hash<std::uint64_t>()((std::uint64_t(std::uint32_t(c.x)) << 32) |
                                          std::uint32_t(c.y));
    }
};

namespace detail {
/// Storage for 64x64 pixels, uninitialised, from a process-wide pool of freed blocks (tile.cpp).
Pixel16* acquireTilePixels();
/// Returns a block to the pool (or to the heap when the pool is full); nullptr is ignored.
void releaseTilePixels(Pixel16* pixels);
struct ReleaseTilePixels {
    void operator()(Pixel16* pixels) const { releaseTilePixels(pixels); }
};
}  // namespace detail

/// The content of one tile: either a single uniform value (8 bytes) or 64x64 pixels (32 KiB).
/// Shared between the document and history through TilePtr; changed only while its owner is
/// the sole holder (copy-on-write, see TileStore::writableTile).
class TileData {
public:
    explicit TileData(Pixel16 uniform) : m_uniform(uniform) {}
    TileData(const TileData& other);
    TileData& operator=(const TileData& other);
    TileData(TileData&&) noexcept = default;
    TileData& operator=(TileData&&) noexcept = default;

    bool isUniform() const { return !m_pixels; }
    Pixel16 uniformValue() const { return m_uniform; }
    /// Row-major 64x64 pixels; only valid when !isUniform().
    const Pixel16* pixels() const { return m_pixels.get(); }
    Pixel16* pixels() { return m_pixels.get(); }

    Pixel16 pixel(int x, int y) const
    {
        return isUniform() ? m_uniform : m_pixels[std::size_t(y) * kTileSize + std::size_t(x)];
    }

    /// Expands a uniform tile to full pixels so it can be written pixel by pixel.
    void expand();
    /// Turns a full tile whose pixels are all equal back into a uniform one. Returns true if so.
    bool compact();

    /// Bytes of pixel storage this tile holds (the object itself is counted too).
    std::size_t memoryBytes() const
    {
        return sizeof(TileData) + (m_pixels ? kTilePixels * sizeof(Pixel16) : 0);
    }

private:
    Pixel16 m_uniform;
    std::unique_ptr<Pixel16[], detail::ReleaseTilePixels> m_pixels;  // null for a uniform tile
};

using TilePtr = std::shared_ptr<TileData>;

}  // namespace signe::core
