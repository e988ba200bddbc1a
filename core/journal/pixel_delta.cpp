// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/pixel_delta.h"

#include <algorithm>
#include <type_traits>

#include "core/document.h"
#include "core/transaction.h"

namespace signe::core {

namespace {

template <class T>
std::vector<PixelDelta::Tile<T>> afterTiles(
    const Document& doc, const std::vector<TilesCommand::BasicChange<T>>& changes)
{
    std::vector<PixelDelta::Tile<T>> tiles;
    tiles.reserve(changes.size());
    for (const auto& change : changes)
        tiles.push_back({doc.pathOf(change.layer), change.coord, change.after});
    return tiles;
}

template <class T>
std::size_t fullBytes(const std::vector<PixelDelta::Tile<T>>& tiles)
{
    std::size_t bytes = 0;
    for (const auto& t : tiles)
        if (t.after && !t.after->isUniform()) bytes += kTilePixels * sizeof(T);
    return bytes;
}

/// Makes tile `c` of the target's channel T hold `after`, recorded by the transaction. Whole
/// tile writes go through the target's own calls, which mark what the canvas must redraw.
template <class T>
void writeTile(PaintTarget& target, TileCoord c, const BasicTileData<T>* after)
{
    const Rect rect = c.pixelRect();
    const T uniform = after ? after->uniformValue() : T{};
    const bool full = after && !after->isUniform();
    if constexpr (std::is_same_v<T, Pixel16>) {
        if (full)
            target.writeRect(rect, after->pixels(), kTileSize);
        else
            target.fillRect(rect, uniform);
    } else if constexpr (std::is_same_v<T, Thickness16>) {
        if (full)
            target.writeThicknessRect(rect, after->pixels(), kTileSize);
        else
            target.fillThicknessRect(rect, uniform);
    } else {
        // Wetness is not shown: nothing to redraw, so the tile is written directly.
        if (full)
            std::copy_n(after->pixels(), kTilePixels, target.writableWetTile(c).pixels());
        else
            target.fillWetRect(rect, uniform);
    }
}

template <class T>
Result<void> writeTiles(Document& doc, Transaction& tx,
                        const std::vector<PixelDelta::Tile<T>>& tiles)
{
    for (const auto& t : tiles) {
        const LayerId id = doc.layerAtPath(t.layer);
        if (t.layer.empty() || id == kNoLayer)
            return fail(ErrorCode::NotFound, "no layer at the pixel change's place in the tree");
        auto target = tx.target(id);
        if (!target) return tl::unexpected(target.error());
        writeTile<T>(*target, t.coord, t.after.get());
    }
    return {};
}

}  // namespace

PixelDelta PixelDelta::after(const Document& doc, const TilesCommand& command)
{
    PixelDelta delta;
    delta.colour = afterTiles(doc, command.changes());
    delta.thickness = afterTiles(doc, command.thicknessChanges());
    delta.wetness = afterTiles(doc, command.wetChanges());
    return delta;
}

std::size_t PixelDelta::sampleBytes() const
{
    return fullBytes(colour) + fullBytes(thickness) + fullBytes(wetness);
}

Result<void> applyPixelDelta(Document& doc, const PixelDelta& delta, const std::string& name)
{
    Transaction tx(doc, name);  // rolls back on any error below
    if (auto ok = writeTiles(doc, tx, delta.colour); !ok) return ok;
    if (auto ok = writeTiles(doc, tx, delta.thickness); !ok) return ok;
    if (auto ok = writeTiles(doc, tx, delta.wetness); !ok) return ok;
    // Every tile the original kept had changed, so this changes them again: a commit that
    // pushes nothing means the document is not the one the delta was taken from.
    if (!tx.commit())
        return fail(ErrorCode::Corrupt, "the pixel change '" + name + "' changes nothing here");
    return {};
}

}  // namespace signe::core
