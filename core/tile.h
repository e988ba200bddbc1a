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

/// One stored sample of paint thickness (impasto): 0 = no paint relief, kThicknessFull = one
/// full-scale layer of paint, nominally 1 mm. Linear in height. See docs/architecture.md,
/// "Impasto".
using Thickness16 = std::uint16_t;
inline constexpr Thickness16 kThicknessFull = 65535;

/// When a pixel's paint was last laid wet: the number of the stroke that laid it, on the
/// document's paint clock (core/wetness.h). kDry: never, or long dry.
using WetStamp = std::uint32_t;
inline constexpr WetStamp kDry = 0;

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
/// Storage for 64x64 samples of `Bytes / 4096` bytes each, uninitialised, 64-byte aligned, from
/// a process-wide pool of freed blocks of that size (tile.cpp). Instantiated for colour tiles
/// (32 KiB), thickness tiles (8 KiB) and wetness tiles (16 KiB).
template <std::size_t Bytes>
void* acquireTileBlock();
/// Returns a block to its pool (or to the heap when the pool is full); nullptr is ignored.
template <std::size_t Bytes>
void releaseTileBlock(void* block);

template <class T>
struct ReleaseTileBlock {
    void operator()(T* pixels) const { releaseTileBlock<sizeof(T) * kTilePixels>(pixels); }
};

inline Pixel16* acquireTilePixels()
{
    return static_cast<Pixel16*>(acquireTileBlock<sizeof(Pixel16) * kTilePixels>());
}
inline void releaseTilePixels(Pixel16* pixels) { ReleaseTileBlock<Pixel16>()(pixels); }
}  // namespace detail

/// The content of one tile: either a single uniform value (one sample) or 64x64 samples of T
/// (32 KiB for Pixel16 colour, 8 KiB for Thickness16, 16 KiB for WetStamp). Shared between the
/// document and history through a shared_ptr; changed only while its owner is the sole holder
/// (copy-on-write, see BasicTileStore::writableTile).
template <class T>
class BasicTileData {
public:
    using Sample = T;

    explicit BasicTileData(T uniform) : m_uniform(uniform) {}
    BasicTileData(const BasicTileData& other);
    BasicTileData& operator=(const BasicTileData& other);
    BasicTileData(BasicTileData&&) noexcept = default;
    BasicTileData& operator=(BasicTileData&&) noexcept = default;

    bool isUniform() const { return !m_pixels; }
    T uniformValue() const { return m_uniform; }
    /// Row-major 64x64 samples; only valid when !isUniform().
    const T* pixels() const { return m_pixels.get(); }
    T* pixels() { return m_pixels.get(); }

    T pixel(int x, int y) const
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
        return sizeof(BasicTileData) + (m_pixels ? kTilePixels * sizeof(T) : 0);
    }

private:
    T m_uniform;
    std::unique_ptr<T[], detail::ReleaseTileBlock<T>> m_pixels;  // null for a uniform tile
};

extern template class BasicTileData<Pixel16>;
extern template class BasicTileData<Thickness16>;
extern template class BasicTileData<WetStamp>;

/// A colour tile: 64x64 Pixel16.
using TileData = BasicTileData<Pixel16>;
using TilePtr = std::shared_ptr<TileData>;
/// A thickness tile: 64x64 Thickness16 (8 KiB), or one value.
using ThicknessTile = BasicTileData<Thickness16>;
using ThicknessTilePtr = std::shared_ptr<ThicknessTile>;
/// A tile of wetness stamps: 64x64 WetStamp (16 KiB), or one value.
using WetTile = BasicTileData<WetStamp>;
using WetTilePtr = std::shared_ptr<WetTile>;

}  // namespace signe::core
