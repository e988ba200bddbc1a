// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/set_document_command.h"

#include "core/document.h"

namespace signe::core {

SetDocumentCommand::SetDocumentCommand(std::string name, State before, State after)
    : Command(std::move(name)), m_before(before), m_after(after)
{
}

void SetDocumentCommand::apply(Document& doc, const State& state)
{
    doc.setDpiDirect(state.dpi);
    doc.setBackgroundDirect(state.background);
    doc.setDryingDirect(state.drying);
    doc.notifyStructure();
}

}  // namespace signe::core
