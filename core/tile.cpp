// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tile.h"

#include <algorithm>

namespace signe::core {

void TileData::expand()
{
    if (isUniform()) m_pixels.assign(kTilePixels, m_uniform);
}

bool TileData::compact()
{
    if (isUniform()) return true;
    const Pixel16 first = m_pixels[0];
    if (!std::all_of(m_pixels.begin(), m_pixels.end(), [&](Pixel16 p) { return p == first; }))
        return false;
    m_uniform = first;
    std::vector<Pixel16>().swap(m_pixels);  // release the 32 KiB, not just clear it
    return true;
}

}  // namespace signe::core
