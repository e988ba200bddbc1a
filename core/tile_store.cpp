// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tile_store.h"

#include <algorithm>
#include <cstring>

namespace signe::core {

namespace {
template <class T>
bool isTransparentUniform(const BasicTileData<T>& t)
{
    return t.isUniform() && t.uniformValue() == T{};
}
}  // namespace

template <class T>
template <class Fn>
void BasicTileStore<T>::forEachTileIn(const Rect& rect, Fn&& fn) const
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

template <class T>
typename BasicTileStore<T>::Ptr BasicTileStore<T>::tile(TileCoord c) const
{
    const auto it = m_tiles.find(c);
    return it == m_tiles.end() ? nullptr : it->second;
}

template <class T>
void BasicTileStore<T>::setTile(TileCoord c, Ptr tile)
{
    if (!tile || isTransparentUniform(*tile))
        m_tiles.erase(c);
    else
        m_tiles[c] = std::move(tile);
}

template <class T>
typename BasicTileStore<T>::Tile& BasicTileStore<T>::writableTile(TileCoord c)
{
    Ptr& slot = m_tiles[c];
    if (!slot)
        slot = std::make_shared<Tile>(T{});
    else if (slot.use_count() > 1)
        slot = std::make_shared<Tile>(*slot);  // someone (history) still holds the old one
    slot->expand();
    return *slot;
}

template <class T>
void BasicTileStore<T>::readRect(const Rect& rect, T* out, std::ptrdiff_t stride) const
{
    forEachTileIn(rect, [&](TileCoord c, const Rect& part) {
        const Tile* t = peek(c);
        const Rect tr = c.pixelRect();
        for (int y = part.y; y < part.bottom(); ++y) {
            T* dst = out + std::ptrdiff_t(y - rect.y) * stride + (part.x - rect.x);
            if (!t) {
                std::fill_n(dst, part.w, T{});
            } else if (t->isUniform()) {
                std::fill_n(dst, part.w, t->uniformValue());
            } else {
                const T* src = t->pixels() + (y - tr.y) * kTileSize + (part.x - tr.x);
                std::memcpy(dst, src, sizeof(T) * std::size_t(part.w));
            }
        }
    });
}

template <class T>
void BasicTileStore<T>::writeRect(const Rect& rect, const T* src, std::ptrdiff_t stride,
                          const BeforeWrite& beforeWrite)
{
    forEachTileIn(rect, [&](TileCoord c, const Rect& part) {
        if (beforeWrite) beforeWrite(c);
        Tile& t = writableTile(c);
        const Rect tr = c.pixelRect();
        for (int y = part.y; y < part.bottom(); ++y) {
            const T* from = src + std::ptrdiff_t(y - rect.y) * stride + (part.x - rect.x);
            std::memcpy(t.pixels() + (y - tr.y) * kTileSize + (part.x - tr.x), from,
                        sizeof(T) * std::size_t(part.w));
        }
        compactTile(c);
    });
}

template <class T>
void BasicTileStore<T>::fillRect(const Rect& rect, T value, const BeforeWrite& beforeWrite)
{
    forEachTileIn(rect, [&](TileCoord c, const Rect& part) {
        if (beforeWrite) beforeWrite(c);
        if (part == c.pixelRect()) {
            setTile(c, std::make_shared<Tile>(value));
            return;
        }
        Tile& t = writableTile(c);
        const Rect tr = c.pixelRect();
        for (int y = part.y; y < part.bottom(); ++y)
            std::fill_n(t.pixels() + (y - tr.y) * kTileSize + (part.x - tr.x), part.w, value);
        compactTile(c);
    });
}

template <class T>
T BasicTileStore<T>::pixel(int x, int y) const
{
    const TileCoord c{floorDiv(x, kTileSize), floorDiv(y, kTileSize)};
    const Tile* t = peek(c);
    return t ? t->pixel(x - c.x * kTileSize, y - c.y * kTileSize) : T{};
}

template <class T>
void BasicTileStore<T>::compactTile(TileCoord c)
{
    const auto it = m_tiles.find(c);
    if (it == m_tiles.end()) return;
    // Only compact a tile nobody else holds: a shared tile is someone's snapshot.
    if (it->second.use_count() == 1 && it->second->compact() && isTransparentUniform(*it->second))
        m_tiles.erase(it);
}

template <class T>
Rect BasicTileStore<T>::bounds() const
{
    Rect r;
    for (const auto& [c, t] : m_tiles) r = r.united(c.pixelRect());
    return r;
}

template <class T>
std::vector<TileCoord> BasicTileStore<T>::coords() const
{
    std::vector<TileCoord> out;
    out.reserve(m_tiles.size());
    for (const auto& [c, t] : m_tiles) out.push_back(c);
    return out;
}

template <class T>
std::size_t BasicTileStore<T>::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const auto& [c, t] : m_tiles) bytes += t->memoryBytes();
    return bytes;
}

template class BasicTileStore<Pixel16>;
template class BasicTileStore<Thickness16>;
template class BasicTileStore<WetStamp>;

}  // namespace signe::core
