// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/tiles_command.h"

#include "core/document.h"

namespace signe::core {

TilesCommand::TilesCommand(std::string name, std::vector<Change> changes)
    : Command(std::move(name)), m_changes(std::move(changes))
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
}

void TilesCommand::onUndo(Document& doc) { apply(doc, true); }
void TilesCommand::onRedo(Document& doc) { apply(doc, false); }

std::size_t TilesCommand::memoryBytes() const
{
    // The document holds one side of each change; this entry alone keeps the other alive.
    std::size_t bytes = sizeof(*this) + m_changes.capacity() * sizeof(Change);
    for (const Change& c : m_changes) {
        const TilePtr& kept = isUndone() ? c.after : c.before;
        if (kept) bytes += kept->memoryBytes();
    }
    return bytes;
}

}  // namespace signe::core
