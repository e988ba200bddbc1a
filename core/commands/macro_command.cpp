// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/macro_command.h"

namespace signe::core {

MacroCommand::MacroCommand(std::string name, std::vector<std::unique_ptr<Command>> parts)
    : Command(std::move(name)), m_parts(std::move(parts))
{
}

void MacroCommand::onUndo(Document& doc)
{
    for (auto it = m_parts.rbegin(); it != m_parts.rend(); ++it) (*it)->undo(doc);
}

void MacroCommand::onRedo(Document& doc)
{
    for (auto& part : m_parts) part->redo(doc);
}

std::size_t MacroCommand::memoryBytes() const
{
    std::size_t bytes = sizeof(*this);
    for (const auto& part : m_parts) bytes += part->memoryBytes();
    return bytes;
}

}  // namespace signe::core
