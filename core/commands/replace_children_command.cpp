// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/replace_children_command.h"

#include "core/commands/layer_memory.h"
#include "core/document.h"

namespace signe::core {

ReplaceChildrenCommand::ReplaceChildrenCommand(std::string name, LayerId group, Children before,
                                               Children after)
    : Command(std::move(name)), m_group(group), m_before(std::move(before)),
      m_after(std::move(after))
{
}

void ReplaceChildrenCommand::apply(Document& doc, const Children& children)
{
    Layer* group = doc.mutableLayer(m_group);
    doc.notifyLayerChanged(*group);
    group->children() = children;
    doc.notifyLayerChanged(*group);
    doc.notifyStructure();
}

std::size_t ReplaceChildrenCommand::memoryBytes() const
{
    std::size_t bytes = sizeof(*this);
    for (const auto& child : isUndone() ? m_after : m_before) bytes += layerMemoryBytes(*child);
    return bytes;
}

}  // namespace signe::core
