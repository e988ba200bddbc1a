// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/color.h"
#include "core/command.h"
#include "core/wetness.h"

namespace signe::core {

/// Changes the document's background colour and resolution.
class SetDocumentCommand : public Command {
public:
    struct State {
        Color16 background;
        double dpi;
        Drying drying;
    };
    SetDocumentCommand(std::string name, State before, State after);

protected:
    void onUndo(Document& doc) override { apply(doc, m_before); }
    void onRedo(Document& doc) override { apply(doc, m_after); }

private:
    static void apply(Document& doc, const State& state);

    State m_before;
    State m_after;
};

}  // namespace signe::core
