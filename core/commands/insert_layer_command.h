// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "core/command.h"
#include "core/layer.h"

namespace signe::core {

/// Puts a prepared layer (new, or a duplicate) into the tree; undo takes it out again.
class InsertLayerCommand : public Command {
public:
    InsertLayerCommand(std::string name, LayerId parent, int index, std::shared_ptr<Layer> node);
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    LayerId m_parent;
    int m_index;
    LayerId m_id;
    std::shared_ptr<Layer> m_node;  // held while the layer is out of the tree
};

}  // namespace signe::core
