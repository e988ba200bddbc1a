// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/remove_layer_command.h"

#include "core/commands/layer_memory.h"
#include "core/document.h"

namespace signe::core {

RemoveLayerCommand::RemoveLayerCommand(std::string name, LayerId id, LayerId parent, int index)
    : Command(std::move(name)), m_id(id), m_parent(parent), m_index(index)
{
}

void RemoveLayerCommand::onRedo(Document& doc)
{
    m_node = doc.detachNode(m_id);
    doc.notifyLayerChanged(*m_node);
    doc.notifyStructure();
}

void RemoveLayerCommand::onUndo(Document& doc)
{
    doc.insertNode(m_parent, m_index, m_node);
    doc.notifyLayerChanged(*m_node);
    m_node.reset();
    doc.notifyStructure();
}

std::size_t RemoveLayerCommand::memoryBytes() const
{
    return sizeof(*this) + (m_node ? layerMemoryBytes(*m_node) : 0);
}

}  // namespace signe::core
