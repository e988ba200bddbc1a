// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <type_traits>
#include <vector>

#include "core/command.h"
#include "core/layer.h"
#include "core/tile.h"

namespace signe::core {

/// The layer's store of samples T: colour, thickness or wetness stamps.
template <class T>
BasicTileStore<T>& layerStore(Layer& layer)
{
    if constexpr (std::is_same_v<T, Pixel16>)
        return layer.tiles();
    else if constexpr (std::is_same_v<T, Thickness16>)
        return layer.thickness();
    else
        return layer.wetness();
}

/// The pixels a transaction changed: for each touched tile, the tile before and after, for
/// colour, impasto thickness and wetness. Tiles are shared with the document, so an entry
/// costs memory only for the tiles it changed.
class TilesCommand : public Command {
public:
    template <class T>
    struct BasicChange {
        LayerId layer;
        TileCoord coord;
        std::shared_ptr<BasicTileData<T>> before;  // nullptr = transparent / none
        std::shared_ptr<BasicTileData<T>> after;
    };
    using Change = BasicChange<Pixel16>;
    using ThicknessChange = BasicChange<Thickness16>;
    using WetChange = BasicChange<WetStamp>;

    TilesCommand(std::string name, std::vector<Change> changes,
                 std::vector<ThicknessChange> thicknessChanges = {},
                 std::vector<WetChange> wetChanges = {});

    const std::vector<Change>& changes() const { return m_changes; }
    const std::vector<ThicknessChange>& thicknessChanges() const { return m_thicknessChanges; }
    const std::vector<WetChange>& wetChanges() const { return m_wetChanges; }
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    void apply(Document& doc, bool useBefore);

    std::vector<Change> m_changes;
    std::vector<ThicknessChange> m_thicknessChanges;
    std::vector<WetChange> m_wetChanges;
};

}  // namespace signe::core
