// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/journal/journal_file.h"
#include "core/journal/snapshot_writer.h"
#include "core/result.h"
#include "core/transaction.h"

namespace signe::core {

struct JournalOptions {
    /// Operations recorded between snapshots: recovery replays about this many (plus those
    /// recorded while the last periodic snapshot was being written).
    int snapshotEvery = 200;
    int threads = 1;  ///< for writing snapshots
    /// An OpenRaster file that holds exactly the document as it is when the journal starts
    /// (the file it was just opened from or saved to): the first snapshot is a copy of it,
    /// which costs a file copy instead of an encode. Empty: the document is saved.
    std::filesystem::path snapshotFrom;
    /// Hears each step of a periodic snapshot, which is written on a thread of its own
    /// (SnapshotStep says on which thread each step is told). The app queues
    /// finishWrittenSnapshot() to its editing thread on Written; tests pause the writer on
    /// Writing. Must not wait for the editing thread. May be empty.
    SnapshotStepListener onSnapshotStep;
};

/// The stroke journal of one document (docs/journal.md): every finished operation is appended
/// to a file and flushed to the disk before the next one starts, so that after a crash
/// recoverJournal() rebuilds the document exactly. The document's own operations (layers,
/// properties, undo and redo) are recorded by listening to it; strokes are recorded by the
/// painter, which alone knows the events, preset, colour and seed that made them:
///
///     auto journal = Journal::start(doc, dir / "Untitled.signe-journal");
///     ...
///     journal->commitStroke(tx, strokeRecordJson);   // instead of tx.commit()
///     ...
///     journal->discard();   // after a normal save or quit: the journal is not needed
///
/// Pixels changed outside a stroke (a fill, an import) are recorded as a delta: the tiles
/// the change left, written to a file beside the journal that its record names. Whatever it
/// cannot replay (an undo past its snapshot, a change to most of the document) it replaces
/// by a new snapshot at once: the document saved as OpenRaster beside the journal, which
/// then starts again from it. Every `snapshotEvery` operations it takes a
/// periodic snapshot without stopping the painter: a copy of the document is written on a
/// thread of its own while the running journal goes on recording, and once the file is on
/// the disk the journal starts again from it (at the next operation, or at once when the
/// owner calls finishWrittenSnapshot()). Writing failures do not stop the painter: they are
/// kept in error(), and a snapshot mends a journal that may lack an operation.
///
/// Threading: every call on the thread that edits the document, which is also where the
/// document's operations are heard.
class Journal {
public:
    static Result<std::unique_ptr<Journal>> start(Document& doc, std::filesystem::path path,
                                                  JournalOptions options = {});
    /// Waits for a periodic snapshot being written and finishes it (the journal left on the
    /// disk then starts from it).
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    /// Commits `tx`, a stroke described by `stroke` (a JSON object: whatever the stroke
    /// replayer given to recoverJournal needs), and records it. Returns tx.commit()'s value.
    bool commitStroke(Transaction& tx, std::string_view stroke);
    /// Deletes the journal and its snapshot and stops recording. A periodic snapshot being
    /// written is waited for and deleted too.
    void discard();

    /// True while a periodic snapshot is being written (or written and not yet switched to).
    bool isWritingSnapshot() const { return m_writer != nullptr; }
    /// If the periodic snapshot being written is on the disk, starts the journal again from
    /// it and removes the old snapshot (after a failed write, keeps the running journal and
    /// sets error()). Never waits. Every operation recorded does this first anyway; owners
    /// call it when told SnapshotStep::Written, so that the switch need not wait for one.
    void finishWrittenSnapshot();
    /// Waits for the periodic snapshot being written, if any, and finishes it as
    /// finishWrittenSnapshot() does: for a program about to report error() or to exit.
    void waitForSnapshot();

    const std::filesystem::path& path() const { return m_path; }
    /// The last writing failure (of the journal or of a snapshot), or "" once a snapshot or
    /// the switch to one has succeeded since.
    const std::string& error() const { return m_error; }
    /// Operations recorded since the latest snapshot was taken (a periodic snapshot counts
    /// from the copy made of the document, before it is written).
    int operationsSinceSnapshot() const { return m_sinceSnapshot; }

private:
    Journal(Document& doc, std::filesystem::path path, JournalOptions options);
    void onOperation(const DocumentOperation& op);
    void record(const std::string& json);
    /// Starts the journal again from a new snapshot, written now on this thread: a copy of
    /// `copyOf`, or the document saved. A periodic snapshot being written is superseded.
    Result<void> snapshotNow(const std::filesystem::path& copyOf = {});
    /// snapshotNow(), remembering a failure: the journal on the disk may then lack an
    /// operation, and the next one tries again.
    void mendWithSnapshot();
    /// Records the pixel change just pushed to the history (by a transaction the painter
    /// did not journal) as a delta file beside the journal and a record naming it. False,
    /// with nothing recorded, when a snapshot must hold it instead: the history entry is not
    /// a pixel change, the change is most of the document, the journal needs mending, or
    /// the file cannot be written.
    bool recordPixelDelta(const std::string& name);
    /// Removes the first `count` delta files of m_deltas: no journal names them any more.
    void removeDeltas(std::size_t count);
    /// Starts writing a periodic snapshot from a copy of the document.
    void startPeriodicSnapshot();
    /// Takes the periodic snapshot's outcome (waiting for it) and switches to it.
    void completePeriodicSnapshot();
    std::filesystem::path nextSnapshotPath();
    OraSaveOptions snapshotSaveOptions() const;

    Document& m_doc;
    std::filesystem::path m_path;
    JournalOptions m_options;
    std::unique_ptr<JournalFile> m_file;
    std::filesystem::path m_snapshot;  // the current snapshot's file
    std::unique_ptr<SnapshotWriter> m_writer;  // the periodic snapshot being written, or null
    // Records made since m_writer's copy: with the new snapshot, the journal that replaces this.
    std::vector<std::string> m_sinceWriter;
    // A snapshot taken now came after m_writer's copy: its file is of no use and is removed.
    bool m_writerSuperseded = false;
    // The journal on the disk may lack an operation (a write failed): a snapshot must mend it.
    bool m_needsSnapshot = false;
    int m_snapshotNumber = 0;
    int m_deltaNumber = 0;
    // The delta files the journal on the disk names, oldest first; the first m_deltasInCopy
    // of them are held by the periodic snapshot being written, and go when it is switched to.
    std::vector<std::filesystem::path> m_deltas;
    std::size_t m_deltasInCopy = 0;
    int m_sinceSnapshot = 0;
    std::uint64_t m_seenPushes = 0;  // history pushes accounted for
    // What a replay of the journal would have in its history: steps it could undo and redo.
    std::size_t m_replayUndo = 0, m_replayRedo = 0;
    const std::string* m_pendingStroke = nullptr;  // set while commitStroke commits
    bool m_strokeRecorded = false;
    std::string m_error;
    bool m_discarded = false;
    bool m_listening = false;  // the document's operation listener is this journal's
};

/// Makes a stroke again from what Journal::commitStroke recorded, on `doc` as it was then.
using StrokeReplayer = std::function<Result<void>(Document& doc, std::string_view stroke)>;

struct RecoveredDocument {
    std::unique_ptr<Document> document;
    int operations = 0;  ///< replayed after the snapshot, strokes included
    int strokes = 0;
    std::vector<std::string> warnings;  ///< a damaged end of the journal, snapshot warnings
};

/// Rebuilds the document a journal recorded: its snapshot loaded, then every operation after
/// it replayed in order. An operation that fails to replay stops recovery there with a
/// warning (the document up to it is returned).
Result<RecoveredDocument> recoverJournal(const std::filesystem::path& path,
                                         const StrokeReplayer& replayStroke, int threads = 1);

/// A journal in words, for people (signe-cli info).
struct JournalDescription {
    std::string snapshot;                 ///< the file it starts from
    std::vector<std::string> operations;  ///< one line each: a stroke in `describeStroke`'s
                                          ///< words, anything else as its record
    std::string damage;                   ///< a damaged end, as readJournalFile says
};
Result<JournalDescription> describeJournal(
    const std::filesystem::path& path,
    const std::function<std::string(std::string_view stroke)>& describeStroke);

}  // namespace signe::core
