// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace signe::app {

/// The painter's answer when unsaved work is about to go (close, New, Open).
enum class UnsavedChoice { Save, Discard, Cancel };

/// What the window does next.
enum class UnsavedStep {
    Proceed,    ///< nothing to lose, or the painter discards it
    SaveFirst,  ///< save, and go on only if the save succeeds
    Stay,       ///< the painter cancelled: keep the document as it is
};

/// The decision, apart from any dialog: `ask` is called only when the document is modified.
UnsavedStep unsavedStep(bool modified, const std::function<UnsavedChoice()>& ask);

/// The question as a modal dialog: "Save changes to NAME?" with Save, Discard and Cancel
/// (Escape cancels).
UnsavedChoice askUnsavedChanges(QWidget* parent, const QString& documentName);

}  // namespace signe::app
