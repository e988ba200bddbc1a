// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/commands/tiles_command.h"
#include "core/journal/document_operation.h"
#include "core/result.h"

namespace signe::core {

/// The tiles a transaction left behind, as the stroke journal records a pixel change it cannot
/// replay from events (a fill, an import: docs/journal.md, "Pixel deltas"): for each changed
/// tile of each channel, the layer's path, the tile's place and its content after the change.
/// Applying it to a document in the state before the change makes the same change again.
///
///     PixelDelta delta = PixelDelta::after(doc, command);   // shares the command's tiles
///     writePixelDelta(delta, file);                           // core/journal/pixel_delta_file.h
///     ...
///     applyPixelDelta(recovered, readPixelDelta(file, checksum).value(), "Fill");
struct PixelDelta {
    /// One tile's content after the change; nullptr when it became transparent (or, for
    /// thickness and wetness, empty).
    template <class T>
    struct Tile {
        LayerPath layer;
        TileCoord coord;
        std::shared_ptr<BasicTileData<T>> after;
    };
    std::vector<Tile<Pixel16>> colour;
    std::vector<Tile<Thickness16>> thickness;
    std::vector<Tile<WetStamp>> wetness;

    /// The after side of `command`, layers named by their paths in `doc` now (just after the
    /// change: a pixel change moves no layer). Costs a pointer a tile, no pixels.
    static PixelDelta after(const Document& doc, const TilesCommand& command);

    /// Bytes of samples the full (not uniform) tiles hold: what writing it costs.
    std::size_t sampleBytes() const;
    std::size_t tileCount() const { return colour.size() + thickness.size() + wetness.size(); }
};

/// Writes every tile of `delta` into `doc` through one Transaction named `name`, so that the
/// history gets one entry, as the original change did. An error (nothing changed then) for a
/// path that names no paint layer, or a layer locked for editing.
Result<void> applyPixelDelta(Document& doc, const PixelDelta& delta, const std::string& name);

}  // namespace signe::core
