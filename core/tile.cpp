// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tile.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace signe::core {

namespace {

/// Pixel blocks of tiles that were freed, for new tiles. Painting frees and makes tiles in
/// bursts (a stroke's undo copies, a closed document, history running over its budget); from
/// the heap, every new block would mean page faults again once the allocator has handed the
/// freed ones back to the kernel, which costs a stroke on fresh tiles up to a fifth of its
/// time. At most kMaxPooled blocks (32 MiB) are kept. Thread-safe; never destroyed, so tiles
/// may be freed at any point of program exit.
class TilePixelPool {
public:
    static TilePixelPool& shared()
    {
        static TilePixelPool* pool = new TilePixelPool;
        return *pool;
    }

    Pixel16* acquire()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                Pixel16* block = m_free.back();
                m_free.pop_back();
                return block;
            }
        }
        return static_cast<Pixel16*>(::operator new(kBlockBytes, kAlign));
    }

    void release(Pixel16* block)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_free.size() < kMaxPooled) {
                m_free.push_back(block);
                return;
            }
        }
        ::operator delete(block, kAlign);
    }

private:
    static constexpr std::size_t kBlockBytes = sizeof(Pixel16) * kTilePixels;
    static constexpr std::size_t kMaxPooled = 1024;
    static constexpr std::align_val_t kAlign{64};  // whole cache lines, for vector loops
    std::mutex m_mutex;
    std::vector<Pixel16*> m_free;
};

}  // namespace

namespace detail {

Pixel16* acquireTilePixels()
{
    return TilePixelPool::shared().acquire();
}

void releaseTilePixels(Pixel16* pixels)
{
    if (pixels) TilePixelPool::shared().release(pixels);
}

}  // namespace detail

TileData::TileData(const TileData& other) : m_uniform(other.m_uniform)
{
    if (other.m_pixels) {
        m_pixels.reset(detail::acquireTilePixels());
        std::memcpy(m_pixels.get(), other.m_pixels.get(), sizeof(Pixel16) * kTilePixels);
    }
}

TileData& TileData::operator=(const TileData& other)
{
    if (this != &other) *this = TileData(other);
    return *this;
}

void TileData::expand()
{
    if (!isUniform()) return;
    m_pixels.reset(detail::acquireTilePixels());
    std::fill_n(m_pixels.get(), kTilePixels, m_uniform);
}

bool TileData::compact()
{
    if (isUniform()) return true;
    const Pixel16 first = m_pixels[0];
    if (!std::all_of(m_pixels.get(), m_pixels.get() + kTilePixels,
                     [&](Pixel16 p) { return p == first; }))
        return false;
    m_uniform = first;
    m_pixels.reset();  // back to the pool: the 32 KiB are not this tile's any more
    return true;
}

}  // namespace signe::core
