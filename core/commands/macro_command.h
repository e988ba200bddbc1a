// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include "core/command.h"

namespace signe::core {

/// Several commands undone and redone as one history entry (merge down: pixels + removal).
class MacroCommand : public Command {
public:
    MacroCommand(std::string name, std::vector<std::unique_ptr<Command>> parts);
    std::size_t memoryBytes() const override;

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    std::vector<std::unique_ptr<Command>> m_parts;
};

}  // namespace signe::core
