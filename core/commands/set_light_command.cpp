// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/set_light_command.h"

#include "core/document.h"

namespace signe::core {

SetLightCommand::SetLightCommand(std::string name, Light before, Light after)
    : Command(std::move(name)), m_before(before), m_after(after)
{
}

void SetLightCommand::onUndo(Document& doc)
{
    doc.setLightDirect(m_before);
}
void SetLightCommand::onRedo(Document& doc)
{
    doc.setLightDirect(m_after);
}

}  // namespace signe::core
