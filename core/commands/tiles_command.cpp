// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/tiles_command.h"

#include "core/document.h"

namespace signe::core {

TilesCommand::TilesCommand(std::string name, std::vector<Change> changes,
                           std::vector<ThicknessChange> thicknessChanges)
    : Command(std::move(name)), m_changes(std::move(changes)),
      m_thicknessChanges(std::move(thicknessChanges))
{
}

void TilesCommand::apply(Document& doc, bool useBefore)
{
    for (const Change& c : m_changes) {
        Layer* layer = doc.mutableLayer(c.layer);
        if (!layer) continue;  // cannot happen while history is consistent
        layer->tiles().setTile(c.coord, useBefore ? c.before : c.after);
        const auto& p = layer->properties();
        doc.notifyRegion(c.coord.pixelRect().translated(p.offsetX, p.offsetY));
    }
    for (const ThicknessChange& c : m_thicknessChanges) {
        Layer* layer = doc.mutableLayer(c.layer);
        if (!layer) continue;
        layer->thickness().setTile(c.coord, useBefore ? c.before : c.after);
        const auto& p = layer->properties();
        doc.notifyThickness(c.coord.pixelRect().translated(p.offsetX, p.offsetY));
    }
}

void TilesCommand::onUndo(Document& doc) { apply(doc, true); }
void TilesCommand::onRedo(Document& doc) { apply(doc, false); }

std::size_t TilesCommand::memoryBytes() const
{
    // The document holds one side of each change; this entry alone keeps the other alive.
    std::size_t bytes = sizeof(*this) + m_changes.capacity() * sizeof(Change) +
                        m_thicknessChanges.capacity() * sizeof(ThicknessChange);
    for (const Change& c : m_changes) {
        const TilePtr& kept = isUndone() ? c.after : c.before;
        if (kept) bytes += kept->memoryBytes();
    }
    for (const ThicknessChange& c : m_thicknessChanges) {
        const ThicknessTilePtr& kept = isUndone() ? c.after : c.before;
        if (kept) bytes += kept->memoryBytes();
    }
    return bytes;
}

}  // namespace signe::core
