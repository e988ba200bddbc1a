// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/recovery_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace signe::app {

RecoveryDialog::RecoveryDialog(RecoveryStore& store, std::vector<RecoverySet> sets, QWidget* parent)
    : QDialog(parent), m_store(store), m_sets(std::move(sets))
{
    setWindowTitle(tr("Recover Paintings"));
    auto* text = new QLabel(tr("Signe did not close normally last time. These paintings were "
                               "saved automatically before it stopped:"),
                            this);
    text->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("recoveryList"));
    connect(m_list, &QListWidget::currentRowChanged, this, &RecoveryDialog::updateButtons);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] { m_open->click(); });

    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_discard = buttons->addButton(tr("&Discard"), QDialogButtonBox::DestructiveRole);
    QPushButton* later = buttons->addButton(tr("&Later"), QDialogButtonBox::RejectRole);
    later->setToolTip(tr("Keep the files and ask again at the next start"));
    connect(m_open, &QPushButton::clicked, this, [this] {
        m_chosen = m_list->currentRow();
        if (m_chosen >= 0) accept();
    });
    connect(m_discard, &QPushButton::clicked, this, &RecoveryDialog::discardSelected);
    connect(later, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    fillList();
    resize(480, 300);
}

void RecoveryDialog::fillList()
{
    m_list->clear();
    const QLocale locale;
    for (const RecoverySet& set : m_sets) {
        QString label = locale.toString(set.modified, QLocale::LongFormat);
        if (set.documentPath.isEmpty()) label += tr(" (stroke journal only)");
        auto* item = new QListWidgetItem(label, m_list);
        item->setToolTip(set.files.join(QLatin1Char('\n')));
    }
    if (!m_sets.empty()) m_list->setCurrentRow(0);
    updateButtons();
}

void RecoveryDialog::updateButtons()
{
    const int row = m_list->currentRow();
    // Until core replays journals, only a set with a document can be opened.
    m_open->setEnabled(row >= 0 && !m_sets[std::size_t(row)].documentPath.isEmpty());
    m_discard->setEnabled(row >= 0);
}

void RecoveryDialog::discardSelected()
{
    const int row = m_list->currentRow();
    if (row < 0) return;
    if (!m_store.removeSet(m_sets[std::size_t(row)].baseName))
        QMessageBox::warning(this, windowTitle(),
                             tr("Some files of this painting could not be removed from %1.")
                                 .arg(m_store.directory()));
    m_sets.erase(m_sets.begin() + row);
    if (m_sets.empty()) {
        reject();
        return;
    }
    fillList();
}

const RecoverySet* RecoveryDialog::chosen() const
{
    return m_chosen >= 0 && m_chosen < int(m_sets.size()) ? &m_sets[std::size_t(m_chosen)]
                                                          : nullptr;
}

}  // namespace signe::app
