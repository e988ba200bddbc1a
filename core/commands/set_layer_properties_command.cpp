// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/commands/set_layer_properties_command.h"

#include "core/document.h"

namespace signe::core {

SetLayerPropertiesCommand::SetLayerPropertiesCommand(std::string name, LayerId id,
                                                     LayerProperties before, LayerProperties after)
    : Command(std::move(name)), m_id(id), m_before(std::move(before)), m_after(std::move(after))
{
}

void SetLayerPropertiesCommand::apply(Document& doc, const LayerProperties& props)
{
    Layer* layer = doc.mutableLayer(m_id);
    doc.notifyLayerChanged(*layer);  // where it was (an offset change moves it)
    layer->properties() = props;
    doc.notifyLayerChanged(*layer);
    doc.notifyStructure();
}

}  // namespace signe::core
