// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

class QLockFile;

namespace signe::app {

/// The files one session left for crash recovery, under one base name: the autosaved
/// document (`<base>.ora`) and, once core writes one, the stroke journal that replays the
/// work done after it (`<base>.signe-journal`).
struct RecoverySet {
    QString baseName;
    QStringList files;   ///< absolute paths of the set's files that exist (journal snapshots too)
    QDateTime modified;  ///< the newest of their modification times
    /// The autosaved document, or "" when the set has none (a journal alone).
    QString documentPath;
    QString journalPath;  ///< the journal, or "" when the set has none
};

/// The recovery folder: where autosaves (and later stroke journals) wait until a normal save
/// or quit makes them useless, or a start-up after a crash offers them back.
///
/// Each running session holds a lock (`<base>.lock`, QLockFile: it names the process), so
/// sets() lists only what a finished (crashed) session left, not the files of another Signe
/// still running. A set is identified by its base name alone; the class knows which
/// extensions belong to a set and removes them together.
class RecoveryStore {
public:
    static constexpr const char* kDocumentSuffix = ".ora";
    static constexpr const char* kJournalSuffix = ".signe-journal";
    static constexpr const char* kLockSuffix = ".lock";

    /// The folder `dir`, created on first write. Empty: defaultDirectory().
    explicit RecoveryStore(QString dir = {});
    ~RecoveryStore();

    /// $SIGNE_RECOVERY_DIR when set (tests), else AppLocalDataLocation + "/recovery".
    static QString defaultDirectory();
    QString directory() const { return m_dir; }

    /// A fresh base name for this session, from the time and the process id, and a lock on it
    /// held until release() or destruction. Empty if the folder cannot be made.
    QString beginSession();
    /// Takes over `baseName` (a recovered set the painter reopened) as this session's, so its
    /// files are replaced by the next autosave and removed by the next save; releases the
    /// session's own lock and set.
    bool adoptSession(const QString& baseName);
    QString sessionBaseName() const { return m_session; }

    QString documentPath(const QString& baseName) const;
    QString journalPath(const QString& baseName) const;

    /// The sets left by sessions that are not running, newest first.
    std::vector<RecoverySet> sets() const;
    /// Removes every file of the set (document, journal, a partial write). True when none is
    /// left. Refuses (false) another running session's set.
    bool removeSet(const QString& baseName) const;
    /// Removes this session's files but keeps its lock and name (after a normal save).
    bool clearSession() const;
    /// Removes this session's autosaved copy only (the journal has its own life).
    bool removeDocumentCopy() const;
    /// Removes this session's files and lock (a normal quit).
    void endSession();

private:
    bool isLive(const QString& baseName) const;
    bool removeFiles(const QString& baseName) const;

    QString m_dir;
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
};

}  // namespace signe::app
