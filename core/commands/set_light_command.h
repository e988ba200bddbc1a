// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/command.h"
#include "core/light.h"

namespace signe::core {

/// Changes the document's impasto light (direction, strength, shine, relief, on/off).
class SetLightCommand : public Command {
public:
    SetLightCommand(std::string name, Light before, Light after);

protected:
    void onUndo(Document& doc) override;
    void onRedo(Document& doc) override;

private:
    Light m_before;
    Light m_after;
};

}  // namespace signe::core
