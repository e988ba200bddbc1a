// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/drying_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QVBoxLayout>

namespace signe::app {

namespace {

using core::Drying;
using core::DryingMode;

/// A mode box and an amount box side by side; the amount follows the mode (strokes are
/// whole, seconds have a tenth; never and inherit need none).
QWidget* dryingRow(const Drying& value, bool canInherit, QComboBox*& mode, QDoubleSpinBox*& amount,
                   QWidget* parent)
{
    auto* row = new QWidget(parent);
    mode = new QComboBox(row);
    if (canInherit) mode->addItem(QObject::tr("As the document"), int(DryingMode::Inherit));
    mode->addItem(QObject::tr("Never dries"), int(DryingMode::Never));
    mode->addItem(QObject::tr("Dries after strokes"), int(DryingMode::Strokes));
    mode->addItem(QObject::tr("Dries after seconds"), int(DryingMode::Seconds));
    amount = new QDoubleSpinBox(row);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mode);
    layout->addWidget(amount);

    auto* amountBox = amount;
    auto* modeBox = mode;
    auto follow = [modeBox, amountBox] {
        const auto m = DryingMode(modeBox->currentData().toInt());
        amountBox->setEnabled(m == DryingMode::Strokes || m == DryingMode::Seconds);
        if (m == DryingMode::Strokes) {
            amountBox->setDecimals(0);
            amountBox->setRange(1, Drying::kMaxDryingStrokes);
            amountBox->setSuffix(QObject::tr(" strokes"));
        } else {
            amountBox->setDecimals(1);
            amountBox->setRange(Drying::kMinDryingSeconds, Drying::kMaxDryingSeconds);
            amountBox->setSuffix(QObject::tr(" s"));
        }
    };
    QObject::connect(mode, &QComboBox::currentIndexChanged, row, follow);
    mode->setCurrentIndex(std::max(0, mode->findData(int(value.mode))));
    follow();
    // A sensible start for a mode that has no amount yet: a few strokes, or a minute.
    amount->setValue(value.dries() ? double(value.amount)
                                   : (value.mode == DryingMode::Strokes ? 5.0 : 60.0));
    return row;
}

Drying dryingOf(const QComboBox* mode, const QDoubleSpinBox* amount)
{
    const auto m = DryingMode(mode->currentData().toInt());
    const bool hasAmount = m == DryingMode::Strokes || m == DryingMode::Seconds;
    return {m, hasAmount ? float(amount->value()) : 0.0f};
}

}  // namespace

DryingDialog::DryingDialog(core::Document& doc, core::LayerId layer, QWidget* parent)
    : QDialog(parent), m_doc(doc), m_layer(layer)
{
    setWindowTitle(tr("Drying"));
    const core::Layer* l = doc.layer(layer);
    if (l && l->isGroup()) l = nullptr, m_layer = core::kNoLayer;
    auto* form = new QFormLayout;
    form->addRow(tr("Document"), dryingRow(doc.drying(), false, m_docMode, m_docAmount, this));
    if (l) {
        form->addRow(tr("Layer \"%1\"").arg(QString::fromStdString(l->properties().name)),
                     dryingRow(l->properties().drying, true, m_layerMode, m_layerAmount, this));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &DryingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DryingDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Drying DryingDialog::documentDrying() const
{
    return dryingOf(m_docMode, m_docAmount);
}

Drying DryingDialog::layerDrying() const
{
    return m_layerMode ? dryingOf(m_layerMode, m_layerAmount) : Drying{};
}

void DryingDialog::accept()
{
    // Each call records a step only when its value changed.
    auto result = m_doc.setDrying(documentDrying());
    if (result && m_layerMode) result = m_doc.setLayerDrying(m_layer, layerDrying());
    if (!result) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(result.error().message));
        return;
    }
    QDialog::accept();
}

}  // namespace signe::app
