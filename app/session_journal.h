// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
class SessionJournal {
public:
    /// `store` must outlive this object.
    explicit SessionJournal(RecoveryStore& store) : m_store(store) {}
    ~SessionJournal();

    /// Starts journaling `doc` (null: stops), replacing this session's journal. `savedFile`:
    /// an OpenRaster file holding exactly `doc` now (its snapshot is then a copy), or "".
    /// Returns "" or what went wrong (the painter can go on; only recovery is at risk).
    QString start(core::Document* doc, const QString& savedFile = {});
    /// Stops journaling and removes the journal's files.
    void stop();
    /// The running journal, or null.
    core::Journal* journal() const { return m_journal.get(); }

    /// Rebuilds the document a crashed session's journal recorded, painting its strokes with
    /// the tips of `presets`.
    static core::Result<core::RecoveredDocument> recover(const QString& journalPath,
                                                         const PresetLibrary& presets);

private:
    RecoveryStore& m_store;
    std::unique_ptr<core::Journal> m_journal;
};

}  // namespace signe::app
