// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include "core/command.h"
#include "core/layer.h"

namespace signe::core {

/// Swaps a group's whole list of children (flatten replaces the stack with one layer).
class ReplaceChildrenCommand : public Command {
public:
    using Children = std::vector<std::shared_ptr<Layer>>;
    ReplaceChildrenCommand(std::string name, LayerId group, Children before, Children after);
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override { apply(doc, m_before); }
    void onRedo(Document& doc) override { apply(doc, m_after); }

private:
    void apply(Document& doc, const Children& children);

    LayerId m_group;
    Children m_before;
    Children m_after;
};

}  // namespace signe::core
