// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/tiles_command.h"

#include "core/document.h"

namespace signe::core {

namespace {

/// Puts one side of each change back into its layer, then tells `notify` the canvas rectangle.
template <class T, class Notify>
void applyChanges(Document& doc, const std::vector<TilesCommand::BasicChange<T>>& changes,
                  bool useBefore, Notify&& notify)
{
    for (const auto& c : changes) {
        Layer* layer = doc.mutableLayer(c.layer);
        if (!layer) continue;  // cannot happen while history is consistent
        layerStore<T>(*layer).setTile(c.coord, useBefore ? c.before : c.after);
        const auto& p = layer->properties();
        notify(c.coord.pixelRect().translated(p.offsetX, p.offsetY));
    }
}

/// Bytes the kept side of `changes` holds (the document holds the other).
template <class T>
std::size_t keptBytes(const std::vector<TilesCommand::BasicChange<T>>& changes, bool undone)
{
    std::size_t bytes = changes.capacity() * sizeof(changes[0]);
    for (const auto& c : changes) {
        const auto& kept = undone ? c.after : c.before;
        if (kept) bytes += kept->memoryBytes();
    }
    return bytes;
}

}  // namespace

TilesCommand::TilesCommand(std::string name, std::vector<Change> changes,
                           std::vector<ThicknessChange> thicknessChanges,
                           std::vector<WetChange> wetChanges)
    : Command(std::move(name)), m_changes(std::move(changes)),
      m_thicknessChanges(std::move(thicknessChanges)), m_wetChanges(std::move(wetChanges))
{
}

void TilesCommand::apply(Document& doc, bool useBefore)
{
    applyChanges(doc, m_changes, useBefore, [&](const Rect& r) { doc.notifyRegion(r); });
    applyChanges(doc, m_thicknessChanges, useBefore,
                 [&](const Rect& r) { doc.notifyThickness(r); });
    applyChanges(doc, m_wetChanges, useBefore, [](const Rect&) {});  // wetness is not shown
}

void TilesCommand::onUndo(Document& doc) { apply(doc, true); }
void TilesCommand::onRedo(Document& doc) { apply(doc, false); }

std::size_t TilesCommand::memoryBytes() const
{
    return sizeof(*this) + keptBytes(m_changes, isUndone()) +
           keptBytes(m_thicknessChanges, isUndone()) + keptBytes(m_wetChanges, isUndone());
}

}  // namespace signe::core
