// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <vector>

#include "app/recovery_store.h"

class QListWidget;
class QPushButton;

namespace signe::app {

/// Offers the recovery sets a crashed session left: a list (newest first, with the time of
/// the last autosave) and Open, Discard and Later. Open closes the dialog with the chosen set
/// in chosen(); Discard removes the selected set from the store at once and keeps the dialog
/// open while sets remain; Later closes it and leaves every file for the next start.
class RecoveryDialog : public QDialog {
    Q_OBJECT

public:
    /// `store` must outlive the dialog.
    RecoveryDialog(RecoveryStore& store, std::vector<RecoverySet> sets, QWidget* parent = nullptr);

    /// The set to open, after exec() returned Accepted.
    const RecoverySet* chosen() const;
    QListWidget* list() const { return m_list; }

    /// Discards the selected set (what the Discard button does).
    void discardSelected();

private:
    void fillList();
    void updateButtons();

    RecoveryStore& m_store;
    std::vector<RecoverySet> m_sets;
    QListWidget* m_list = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_discard = nullptr;
    int m_chosen = -1;
};

}  // namespace signe::app
