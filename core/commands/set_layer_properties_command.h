// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/command.h"
#include "core/layer.h"

namespace signe::core {

/// Changes any of a layer's properties (name, visibility, opacity, mode, locks, offset...).
class SetLayerPropertiesCommand : public Command {
public:
    SetLayerPropertiesCommand(std::string name, LayerId id, LayerProperties before,
                              LayerProperties after);

protected:
    void onUndo(Document& doc) override { apply(doc, m_before); }
    void onRedo(Document& doc) override { apply(doc, m_after); }

private:
    void apply(Document& doc, const LayerProperties& props);

    LayerId m_id;
    LayerProperties m_before;
    LayerProperties m_after;
};

}  // namespace signe::core
