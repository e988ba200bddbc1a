// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tile_store.h"

#include <algorithm>
#include <cstring>

namespace signe::core {

namespace {
bool isTransparentUniform(const TileData& t)
{
    return t.isUniform() && t.uniformValue() == Pixel16{};
}
}  // namespace

template <class Fn>
void TileStore::forEachTileIn(const Rect& rect, Fn&& fn) const
{
    if (rect.isEmpty()) return;
    const int tx0 = floorDiv(rect.x, kTileSize), tx1 = floorDiv(rect.right() - 1, kTileSize);
    const int ty0 = floorDiv(rect.y, kTileSize), ty1 = floorDiv(rect.bottom() - 1, kTileSize);
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const TileCoord c{tx, ty};
            fn(c, rect.intersected(c.pixelRect()));
        }
}

TilePtr TileStore::tile(TileCoord c) const
{
    const auto it = m_tiles.find(c);
    return it == m_tiles.end() ? nullptr : it->second;
}

void TileStore::setTile(TileCoord c, TilePtr tile)
{
    if (!tile || isTransparentUniform(*tile))
        m_tiles.erase(c);
    else
        m_tiles[c] = std::move(tile);
}

TileData& TileStore::writableTile(TileCoord c)
{
    TilePtr& slot = m_tiles[c];
    if (!slot)
        slot = std::make_shared<TileData>(Pixel16{});
    else if (slot.use_count() > 1)
        slot = std::make_shared<TileData>(*slot);  // someone (history) still holds the old one
    slot->expand();
    return *slot;
}

void TileStore::readRect(const Rect& rect, Pixel16* out, std::ptrdiff_t stride) const
{
    forEachTileIn(rect, [&](TileCoord c, const Rect& part) {
        const TilePtr t = tile(c);
        const Rect tr = c.pixelRect();
        for (int y = part.y; y < part.bottom(); ++y) {
            Pixel16* dst = out + std::ptrdiff_t(y - rect.y) * stride + (part.x - rect.x);
            if (!t) {
                std::fill_n(dst, part.w, Pixel16{});
            } else if (t->isUniform()) {
                std::fill_n(dst, part.w, t->uniformValue());
            } else {
                const Pixel16* src = t->pixels() + (y - tr.y) * kTileSize + (part.x - tr.x);
                std::memcpy(dst, src, sizeof(Pixel16) * std::size_t(part.w));
            }
        }
    });
}

void TileStore::writeRect(const Rect& rect, const Pixel16* src, std::ptrdiff_t stride,
                          const BeforeWrite& beforeWrite)
{
    forEachTileIn(rect, [&](TileCoord c, const Rect& part) {
        if (beforeWrite) beforeWrite(c);
        TileData& t = writableTile(c);
        const Rect tr = c.pixelRect();
        for (int y = part.y; y < part.bottom(); ++y) {
            const Pixel16* from = src + std::ptrdiff_t(y - rect.y) * stride + (part.x - rect.x);
            std::memcpy(t.pixels() + (y - tr.y) * kTileSize + (part.x - tr.x), from,
                        sizeof(Pixel16) * std::size_t(part.w));
        }
        compactTile(c);
    });
}

void TileStore::fillRect(const Rect& rect, Pixel16 value, const BeforeWrite& beforeWrite)
{
    forEachTileIn(rect, [&](TileCoord c, const Rect& part) {
        if (beforeWrite) beforeWrite(c);
        if (part == c.pixelRect()) {
            setTile(c, std::make_shared<TileData>(value));
            return;
        }
        TileData& t = writableTile(c);
        const Rect tr = c.pixelRect();
        for (int y = part.y; y < part.bottom(); ++y)
            std::fill_n(t.pixels() + (y - tr.y) * kTileSize + (part.x - tr.x), part.w, value);
        compactTile(c);
    });
}

Pixel16 TileStore::pixel(int x, int y) const
{
    const TileCoord c{floorDiv(x, kTileSize), floorDiv(y, kTileSize)};
    const TilePtr t = tile(c);
    return t ? t->pixel(x - c.x * kTileSize, y - c.y * kTileSize) : Pixel16{};
}

void TileStore::compactTile(TileCoord c)
{
    const auto it = m_tiles.find(c);
    if (it == m_tiles.end()) return;
    // Only compact a tile nobody else holds: a shared tile is someone's snapshot.
    if (it->second.use_count() == 1 && it->second->compact() && isTransparentUniform(*it->second))
        m_tiles.erase(it);
}

Rect TileStore::bounds() const
{
    Rect r;
    for (const auto& [c, t] : m_tiles) r = r.united(c.pixelRect());
    return r;
}

std::vector<TileCoord> TileStore::coords() const
{
    std::vector<TileCoord> out;
    out.reserve(m_tiles.size());
    for (const auto& [c, t] : m_tiles) out.push_back(c);
    return out;
}

std::size_t TileStore::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const auto& [c, t] : m_tiles) bytes += t->memoryBytes();
    return bytes;
}

}  // namespace signe::core
