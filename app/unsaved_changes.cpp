// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/unsaved_changes.h"

#include <QMessageBox>

namespace signe::app {

UnsavedStep unsavedStep(bool modified, const std::function<UnsavedChoice()>& ask)
{
    if (!modified) return UnsavedStep::Proceed;
    switch (ask()) {
        case UnsavedChoice::Save:
            return UnsavedStep::SaveFirst;
        case UnsavedChoice::Discard:
            return UnsavedStep::Proceed;
        case UnsavedChoice::Cancel:
            break;
    }
    return UnsavedStep::Stay;
}

UnsavedChoice askUnsavedChanges(QWidget* parent, const QString& documentName)
{
    QMessageBox box(
        QMessageBox::Warning, QObject::tr("Unsaved Changes"),
        QObject::tr("Save changes to \u201c%1\u201d before closing it?").arg(documentName),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setInformativeText(QObject::tr("Changes you don't save are lost."));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
        case QMessageBox::Save:
            return UnsavedChoice::Save;
        case QMessageBox::Discard:
            return UnsavedChoice::Discard;
        default:
            return UnsavedChoice::Cancel;
    }
}

}  // namespace signe::app
