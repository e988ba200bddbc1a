// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "core/command.h"
#include "core/layer.h"
#include "core/tile.h"

namespace signe::core {

/// The pixels a transaction changed: for each touched tile, the tile before and after.
/// Tiles are shared with the document, so an entry costs memory only for the tiles it changed.
class TilesCommand : public Command {
public:
    struct Change {
        LayerId layer;
        TileCoord coord;
        TilePtr before;  // nullptr = transparent
        TilePtr after;
    };
    TilesCommand(std::string name, std::vector<Change> changes);

    const std::vector<Change>& changes() const { return m_changes; }
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    void apply(Document& doc, bool useBefore);

    std::vector<Change> m_changes;
};

}  // namespace signe::core
