// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "core/command.h"
#include "core/layer.h"
#include "core/tile.h"

namespace signe::core {

/// The pixels a transaction changed: for each touched tile, the tile before and after, for
/// colour and for impasto thickness. Tiles are shared with the document, so an entry costs
/// memory only for the tiles it changed.
class TilesCommand : public Command {
public:
    struct Change {
        LayerId layer;
        TileCoord coord;
        TilePtr before;  // nullptr = transparent
        TilePtr after;
    };
    /// The same for a layer's thickness tiles.
    struct ThicknessChange {
        LayerId layer;
        TileCoord coord;
        ThicknessTilePtr before;  // nullptr = no thickness
        ThicknessTilePtr after;
    };
    TilesCommand(std::string name, std::vector<Change> changes,
                 std::vector<ThicknessChange> thicknessChanges = {});

    const std::vector<Change>& changes() const { return m_changes; }
    const std::vector<ThicknessChange>& thicknessChanges() const { return m_thicknessChanges; }
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    void apply(Document& doc, bool useBefore);

    std::vector<Change> m_changes;
    std::vector<ThicknessChange> m_thicknessChanges;
};

}  // namespace signe::core
