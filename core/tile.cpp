// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tile.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace signe::core {

namespace {

/// Blocks of `Bytes` from tiles that were freed, for new tiles. Painting frees and makes tiles in
/// bursts (a stroke's undo copies, a closed document, history running over its budget); from
/// the heap, every new block would mean page faults again once the allocator has handed the
/// freed ones back to the kernel, which costs a stroke on fresh tiles up to a fifth of its
/// time. At most 32 MiB of blocks are kept per block size. Thread-safe; never destroyed, so
/// tiles may be freed at any point of program exit.
template <std::size_t Bytes>
class TileBlockPool {
public:
    static TileBlockPool& shared()
    {
        static TileBlockPool* pool = new TileBlockPool;
        return *pool;
    }

    void* acquire()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                void* block = m_free.back();
                m_free.pop_back();
                return block;
            }
        }
        return ::operator new(Bytes, kAlign);
    }

    void release(void* block)
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
    static constexpr std::size_t kMaxPooled = (std::size_t(32) << 20) / Bytes;
    static constexpr std::align_val_t kAlign{64};  // whole cache lines, for vector loops
    std::mutex m_mutex;
    std::vector<void*> m_free;
};

}  // namespace

namespace detail {

template <std::size_t Bytes>
void* acquireTileBlock()
{
    return TileBlockPool<Bytes>::shared().acquire();
}

template <std::size_t Bytes>
void releaseTileBlock(void* block)
{
    if (block) TileBlockPool<Bytes>::shared().release(block);
}

template void* acquireTileBlock<sizeof(Pixel16) * kTilePixels>();
template void releaseTileBlock<sizeof(Pixel16) * kTilePixels>(void*);
template void* acquireTileBlock<sizeof(Thickness16) * kTilePixels>();
template void releaseTileBlock<sizeof(Thickness16) * kTilePixels>(void*);
template void* acquireTileBlock<sizeof(WetStamp) * kTilePixels>();
template void releaseTileBlock<sizeof(WetStamp) * kTilePixels>(void*);

}  // namespace detail

namespace {
template <class T>
T* acquireSamples()
{
    return static_cast<T*>(detail::acquireTileBlock<sizeof(T) * kTilePixels>());
}
}  // namespace

template <class T>
BasicTileData<T>::BasicTileData(const BasicTileData& other) : m_uniform(other.m_uniform)
{
    if (other.m_pixels) {
        m_pixels.reset(acquireSamples<T>());
        std::memcpy(m_pixels.get(), other.m_pixels.get(), sizeof(T) * kTilePixels);
    }
}

template <class T>
BasicTileData<T>& BasicTileData<T>::operator=(const BasicTileData& other)
{
    if (this != &other) *this = BasicTileData(other);
    return *this;
}

template <class T>
void BasicTileData<T>::expand()
{
    if (!isUniform()) return;
    m_pixels.reset(acquireSamples<T>());
    std::fill_n(m_pixels.get(), kTilePixels, m_uniform);
}

template <class T>
bool BasicTileData<T>::compact()
{
    if (isUniform()) return true;
    const T first = m_pixels[0];
    if (!std::all_of(m_pixels.get(), m_pixels.get() + kTilePixels,
                     [&](T p) { return p == first; }))
        return false;
    m_uniform = first;
    m_pixels.reset();  // back to the pool: the block is not this tile's any more
    return true;
}

template class BasicTileData<Pixel16>;
template class BasicTileData<Thickness16>;
template class BasicTileData<WetStamp>;

}  // namespace signe::core
