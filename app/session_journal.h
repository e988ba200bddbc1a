// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "brushes/stroke_record.h"
#include "core/journal/journal.h"

namespace signe::app {

struct PresetLibrary;
class RecoveryStore;

/// The stroke journal of the window's document (docs/journal.md), kept in the session's
/// recovery set (`<base>.signe-journal` and its snapshot): the first line of defence, as
/// autosave is the second. Started for every document the window shows; restarted from the
/// file after a clean save; its files go with the session on a normal quit.
///
/// Periodic snapshots are written on a thread of their own (core::Journal); when one is on
/// the disk, the switch to it is made on this object's thread through the event loop.
/// Threading: make and use it on the GUI thread, which edits the document.
class SessionJournal {
public:
    /// `store` must outlive this object.
    explicit SessionJournal(RecoveryStore& store) : m_store(store) {}
    /// Waits for a snapshot being written (core::Journal::~Journal).
    ~SessionJournal();

    /// Starts journaling `doc` (null: stops), replacing this session's journal. `savedFile`:
    /// an OpenRaster file holding exactly `doc` now (its snapshot is then a copy), or "".
    /// Returns "" or what went wrong (the painter can go on; only recovery is at risk).
    QString start(core::Document* doc, const QString& savedFile = {});
    /// Stops journaling and removes the journal's files (waiting for a snapshot being
    /// written: opening or making a document, quitting).
    void stop();
    /// Operations between periodic snapshots for journals started from now on (tests set a
    /// small number to catch a crash while one is written).
    void setSnapshotEvery(int operations) { m_snapshotEvery = operations; }
    /// The running journal, or null.
    core::Journal* journal() const { return m_journal.get(); }

    /// Rebuilds the document a crashed session's journal recorded, painting its strokes with
    /// the tips of `presets`.
    static core::Result<core::RecoveredDocument> recover(const QString& journalPath,
                                                         const PresetLibrary& presets);

private:
    RecoveryStore& m_store;
    int m_snapshotEvery = core::JournalOptions{}.snapshotEvery;
    // Lives on the GUI thread: the snapshot writer's thread posts the switch to it.
    QObject m_switcher;
    std::unique_ptr<core::Journal> m_journal;  // last: destroyed (and waited for) first
};

}  // namespace signe::app
