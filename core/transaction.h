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

/// Recorded, writable access to one paint layer's pixels, in layer coordinates. Every tile is
/// remembered by the transaction before its first change, which is what makes undo exact.
class PaintTarget {
public:
    LayerId layerId() const { return m_layer->id(); }
    const LayerProperties& properties() const { return m_layer->properties(); }
    const TileStore& tiles() const { return m_layer->tiles(); }

    /// A tile to write in place (see TileStore::writableTile). Call markDirty() for what you
    /// changed so the canvas updates.
    TileData& writableTile(TileCoord c);
    void writeRect(const Rect& rect, const Pixel16* src, std::ptrdiff_t stride);
    void fillRect(const Rect& rect, Pixel16 value);
    /// Announces that `rect` (layer coordinates) changed.
    void markDirty(const Rect& rect);

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
    void record(Layer& layer, TileCoord c);

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

    Document& m_doc;
    std::string m_name;
    bool m_done = false;
    std::vector<TilesCommand::Change> m_changes;  // `after` filled at commit
    std::unordered_map<Key, std::size_t, KeyHash> m_recorded;
};

}  // namespace signe::core
