// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/command.h"
#include "core/layer.h"

namespace signe::core {

/// Reorders or reparents a layer.
class MoveLayerCommand : public Command {
public:
    struct Place {
        LayerId parent;
        int index;
    };
    MoveLayerCommand(std::string name, LayerId id, Place from, Place to);

protected:
    void onUndo(Document& doc) override { moveTo(doc, m_from); }
    void onRedo(Document& doc) override { moveTo(doc, m_to); }

private:
    void moveTo(Document& doc, Place place);

    LayerId m_id;
    Place m_from;
    Place m_to;
};

}  // namespace signe::core
