// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "core/document.h"
#include "core/wetness.h"

class QComboBox;
class QDoubleSpinBox;

namespace signe::app {

/// Sets how paint dries: the document's default and the current layer's own setting (or "as
/// the document"). Each is a mode (never, after a number of strokes, after a number of seconds)
/// and an amount. OK records what changed as undoable steps; Cancel changes nothing.
class DryingDialog : public QDialog {
    Q_OBJECT
public:
    /// `layer` may be kNoLayer (or a group): then only the document's drying is offered.
    DryingDialog(core::Document& doc, core::LayerId layer, QWidget* parent = nullptr);

    core::Drying documentDrying() const;
    core::Drying layerDrying() const;
    QComboBox* documentMode() const { return m_docMode; }
    QDoubleSpinBox* documentAmount() const { return m_docAmount; }
    QComboBox* layerMode() const { return m_layerMode; }
    QDoubleSpinBox* layerAmount() const { return m_layerAmount; }

    void accept() override;

private:
    core::Document& m_doc;
    core::LayerId m_layer;
    QComboBox* m_docMode = nullptr;
    QDoubleSpinBox* m_docAmount = nullptr;
    QComboBox* m_layerMode = nullptr;
    QDoubleSpinBox* m_layerAmount = nullptr;
};

}  // namespace signe::app
