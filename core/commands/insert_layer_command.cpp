// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/insert_layer_command.h"

#include "core/commands/layer_memory.h"
#include "core/document.h"

namespace signe::core {

InsertLayerCommand::InsertLayerCommand(std::string name, LayerId parent, int index,
                                       std::shared_ptr<Layer> node)
    : Command(std::move(name)), m_parent(parent), m_index(index), m_id(node->id()),
      m_node(std::move(node))
{
}

void InsertLayerCommand::onRedo(Document& doc)
{
    doc.insertNode(m_parent, m_index, m_node);
    doc.notifyLayerChanged(*m_node);
    m_node.reset();
    doc.notifyStructure();
}

void InsertLayerCommand::onUndo(Document& doc)
{
    m_node = doc.detachNode(m_id);
    doc.notifyLayerChanged(*m_node);
    doc.notifyStructure();
}

std::size_t InsertLayerCommand::memoryBytes() const
{
    return sizeof(*this) + (m_node ? layerMemoryBytes(*m_node) : 0);
}

}  // namespace signe::core
