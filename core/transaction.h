// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/commands/tiles_command.h"
#include "core/document.h"
#include "core/result.h"

namespace signe::core {

class Transaction;

/// Recorded, writable access to one paint layer's pixels, impasto thickness and wetness, in
/// layer coordinates. Every tile is remembered by the transaction before its first change,
/// which is what makes undo exact.
///
/// Thickness (docs/architecture.md, "Impasto") is a second, sparse channel of Thickness16
/// (0..kThicknessFull, one full-scale layer of paint, nominally 1 mm), written like colour:
///
///     ThicknessTile& t = target.writableThicknessTile(c);   // recorded, copied if shared
///     t.pixels()[y * kTileSize + x] = deposit;              // 64x64, row-major
///     target.markThicknessDirty(changedRectInLayerCoords);  // relights it and its border
///
/// A layer that never gets a thickness tile stores nothing for it.
class PaintTarget {
public:
    LayerId layerId() const { return m_layer->id(); }
    const LayerProperties& properties() const { return m_layer->properties(); }
    const TileStore& tiles() const { return m_layer->tiles(); }
    /// The layer's thickness as it is now (a stroke keeps the tiles it started from by
    /// holding ThicknessTilePtr copies of thickness().tile(c), which never change).
    const ThicknessStore& thickness() const { return m_layer->thickness(); }

    /// A tile to write in place (see TileStore::writableTile). Call markDirty() for what you
    /// changed so the canvas updates.
    TileData& writableTile(TileCoord c);
    void writeRect(const Rect& rect, const Pixel16* src, std::ptrdiff_t stride);
    void fillRect(const Rect& rect, Pixel16 value);
    /// Announces that `rect` (layer coordinates) changed.
    void markDirty(const Rect& rect);

    /// A thickness tile to write in place: created (all 0) if missing, copied if shared (with
    /// history), expanded if uniform. Valid until the next change to the layer's thickness.
    /// Call markThicknessDirty() for what you changed.
    ThicknessTile& writableThicknessTile(TileCoord c);
    void writeThicknessRect(const Rect& rect, const Thickness16* src, std::ptrdiff_t stride);
    void fillThicknessRect(const Rect& rect, Thickness16 value);
    /// Announces that the thickness of `rect` (layer coordinates) changed: with the document's
    /// light on, the lit display of `rect` and of the one-pixel ring round it (whose normals
    /// read it) is recomputed; with it off nothing shows thickness, so nothing is.
    void markThicknessDirty(const Rect& rect);

    /// The layer's wetness stamps as they are now (core/wetness.h).
    const WetStore& wetness() const { return m_layer->wetness(); }
    /// A wetness tile to write in place (recorded; created all kDry if missing). Wetness is
    /// not shown, so nothing needs redrawing.
    WetTile& writableWetTile(TileCoord c);
    void fillWetRect(const Rect& rect, WetStamp value);
    /// How the layer's paint dries: its own setting, or the document's for Inherit.
    Drying drying() const;
    /// The document's paint clock, which strokes start on (PaintClock::beginStroke).
    PaintClock& clock();

private:
    friend class Transaction;
    PaintTarget(Transaction& tx, Layer& layer) : m_tx(&tx), m_layer(&layer) {}

    Transaction* m_tx;
    Layer* m_layer;
};

/// Groups pixel changes into one undoable history entry.
///
///     Transaction tx(doc, "Brush stroke");
///     auto target = tx.target(layerId);          // Result<PaintTarget>
///     if (target) target->fillRect({0, 0, 10, 10}, ink);
///     tx.commit();   // leaving scope without commit() rolls every change back
class Transaction {
public:
    Transaction(Document& doc, std::string name);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Writable access to a paint layer; an error for a missing layer, a group or an edit lock.
    Result<PaintTarget> target(LayerId id);

    /// Pushes one history entry with the changed tiles. Returns false if nothing changed (no
    /// entry is made then).
    bool commit();
    /// Restores every touched tile to its state before the transaction.
    void rollback();

    Document& document() { return m_doc; }

private:
    friend class PaintTarget;
    struct Key {
        LayerId layer;
        TileCoord coord;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const
        {
            return TileCoordHash()(k.coord) ^ std::hash<LayerId>()(k.layer) * 31;
        }
    };
    /// The tiles of one channel (colour, thickness or wetness) touched so far, each with its
    /// content before the first change; `after` is filled at commit.
    template <class T>
    struct Recorded {
        std::vector<TilesCommand::BasicChange<T>> changes;
        std::unordered_map<Key, std::size_t, KeyHash> index;
    };

    /// Remembers tile `c` of `layer`'s channel T before its first change.
    template <class T>
    void record(Layer& layer, TileCoord c);
    template <class T>
    std::vector<TilesCommand::BasicChange<T>> keptChanges(Recorded<T>& recorded);
    template <class T, class Notify>
    void restore(Recorded<T>& recorded, Notify&& notify);
    template <class T>
    Recorded<T>& recorded();

    Document& m_doc;
    std::string m_name;
    bool m_done = false;
    Recorded<Pixel16> m_colour;
    Recorded<Thickness16> m_thickness;
    Recorded<WetStamp> m_wetness;
};

}  // namespace signe::core
