// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "core/command.h"
#include "core/layer.h"

namespace signe::core {

/// Takes a layer (and its children) out of the tree; undo puts it back where it was.
class RemoveLayerCommand : public Command {
public:
    RemoveLayerCommand(std::string name, LayerId id, LayerId parent, int index);
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    LayerId m_id;
    LayerId m_parent;
    int m_index;
    std::shared_ptr<Layer> m_node;  // held while the layer is out of the tree
};

}  // namespace signe::core
