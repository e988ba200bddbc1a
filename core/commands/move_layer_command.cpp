// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/move_layer_command.h"

#include "core/document.h"

namespace signe::core {

MoveLayerCommand::MoveLayerCommand(std::string name, LayerId id, Place from, Place to)
    : Command(std::move(name)), m_id(id), m_from(from), m_to(to)
{
}

void MoveLayerCommand::moveTo(Document& doc, Place place)
{
    std::shared_ptr<Layer> node = doc.detachNode(m_id);
    doc.insertNode(place.parent, place.index, node);
    // Order changes the composite wherever the layer has pixels (or everywhere, for dst-in).
    doc.notifyLayerChanged(*node);
    doc.notifyStructure();
}

}  // namespace signe::core
