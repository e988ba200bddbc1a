// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/recovery_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <algorithm>
#include <map>

namespace signe::app {

namespace {

// What a set may hold besides the lock. The partial file is what an interrupted atomic save
// leaves (core writes "<target>.signe-partial" before renaming).
const QStringList& setSuffixes()
{
    static const QStringList suffixes = {
        QString::fromLatin1(RecoveryStore::kDocumentSuffix),
        QString::fromLatin1(RecoveryStore::kDocumentSuffix) + QStringLiteral(".signe-partial"),
        QString::fromLatin1(RecoveryStore::kJournalSuffix),
    };
    return suffixes;
}

/// The base name of a file that belongs to a set besides its named ones: a journal's snapshot,
/// delta or partial file ("<base>.signe-journal.snapshot-3.ora",
/// "<base>.signe-journal.delta-2.bin", "<base>.signe-journal.partial"),
/// which core names after the journal, a snapshot cut off while being written
/// ("<base>.signe-journal.snapshot-4.ora.signe-partial"), and the temporary file libzip
/// writes beside any .ora it saves, a snapshot's or the autosave's ("....signe-partial.Ab12Cd",
/// left behind by a crash); "" for other files.
QString companionBase(const QString& name)
{
    static const QRegularExpression journal(QStringLiteral(
        "^(.+)\\.signe-journal\\.(snapshot-[0-9]+\\.ora(\\.signe-partial(\\.[A-Za-z0-9]{6})?)?|"
        "delta-[0-9]+\\.bin|partial)$"));
    static const QRegularExpression autosaveTemporary(
        QStringLiteral("^(.+)\\.ora\\.signe-partial\\.[A-Za-z0-9]{6}$"));
    for (const QRegularExpression* pattern : {&journal, &autosaveTemporary}) {
        const QRegularExpressionMatch m = pattern->match(name);
        if (m.hasMatch()) return m.captured(1);
    }
    return {};
}

}  // namespace

RecoveryStore::RecoveryStore(QString dir) : m_dir(dir.isEmpty() ? defaultDirectory() : dir) {}

RecoveryStore::~RecoveryStore() = default;  // the lock, if held, is released with its file

QString RecoveryStore::defaultDirectory()
{
    const QString fromEnv = qEnvironmentVariable("SIGNE_RECOVERY_DIR");
    if (!fromEnv.isEmpty()) return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/recovery");
}

QString RecoveryStore::documentPath(const QString& baseName) const
{
    return m_dir + QLatin1Char('/') + baseName + QLatin1String(kDocumentSuffix);
}

QString RecoveryStore::journalPath(const QString& baseName) const
{
    return m_dir + QLatin1Char('/') + baseName + QLatin1String(kJournalSuffix);
}

QString RecoveryStore::beginSession()
{
    if (!QDir().mkpath(m_dir)) return {};
    const QString stem =
        QStringLiteral("session-%1-%2")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
            .arg(QCoreApplication::applicationPid());
    // Two windows of one process in the same second get different names.
    QString name = stem;
    for (int n = 2; QFileInfo::exists(m_dir + QLatin1Char('/') + name + QLatin1String(kLockSuffix));
         ++n)
        name = stem + QLatin1Char('-') + QString::number(n);
    auto lock =
        std::make_unique<QLockFile>(m_dir + QLatin1Char('/') + name + QLatin1String(kLockSuffix));
    lock->setStaleLockTime(0);  // stale only when its process is gone, however long it runs
    if (!lock->tryLock(0)) return {};
    endSession();
    m_lock = std::move(lock);
    m_session = name;
    return m_session;
}

bool RecoveryStore::adoptSession(const QString& baseName)
{
    auto lock = std::make_unique<QLockFile>(m_dir + QLatin1Char('/') + baseName +
                                            QLatin1String(kLockSuffix));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) return false;  // another running Signe has it
    endSession();
    m_lock = std::move(lock);
    m_session = baseName;
    return true;
}

bool RecoveryStore::isLive(const QString& baseName) const
{
    if (baseName == m_session) return true;
    const QString lockPath = m_dir + QLatin1Char('/') + baseName + QLatin1String(kLockSuffix);
    if (!QFileInfo::exists(lockPath)) return false;
    // tryLock removes a lock whose process has died and takes it; we let go at once.
    QLockFile probe(lockPath);
    probe.setStaleLockTime(0);
    if (!probe.tryLock(0)) return true;
    probe.unlock();
    return false;
}

std::vector<RecoverySet> RecoveryStore::sets() const
{
    std::map<QString, RecoverySet> byName;
    const QFileInfoList entries = QDir(m_dir).entryInfoList(QDir::Files);
    for (const QFileInfo& info : entries) {
        const QString name = info.fileName();
        if (const QString base = companionBase(name); !base.isEmpty()) {
            RecoverySet& set = byName[base];
            set.baseName = base;
            set.files.push_back(info.absoluteFilePath());
            set.modified = std::max(set.modified, info.lastModified());
            continue;
        }
        for (const QString& suffix : setSuffixes()) {
            if (!name.endsWith(suffix) || name.size() == suffix.size()) continue;
            const QString base = name.left(name.size() - suffix.size());
            RecoverySet& set = byName[base];
            set.baseName = base;
            set.files.push_back(info.absoluteFilePath());
            set.modified = std::max(set.modified, info.lastModified());
            if (suffix == QLatin1String(kDocumentSuffix))
                set.documentPath = info.absoluteFilePath();
            if (suffix == QLatin1String(kJournalSuffix)) set.journalPath = info.absoluteFilePath();
            break;
        }
    }
    std::vector<RecoverySet> out;
    for (auto& [base, set] : byName)
        if (!isLive(base)) out.push_back(std::move(set));
    std::sort(out.begin(), out.end(),
              [](const RecoverySet& a, const RecoverySet& b) { return a.modified > b.modified; });
    return out;
}

bool RecoveryStore::removeFiles(const QString& baseName) const
{
    bool ok = true;
    for (const QString& suffix : setSuffixes()) {
        const QString path = m_dir + QLatin1Char('/') + baseName + suffix;
        if (QFileInfo::exists(path) && !QFile::remove(path)) ok = false;
    }
    for (const QFileInfo& info : QDir(m_dir).entryInfoList(QDir::Files))
        if (companionBase(info.fileName()) == baseName && !QFile::remove(info.filePath()))
            ok = false;
    return ok;
}

bool RecoveryStore::removeSet(const QString& baseName) const
{
    if (baseName.isEmpty() || isLive(baseName)) return false;
    return removeFiles(baseName);
}

bool RecoveryStore::clearSession() const
{
    return m_session.isEmpty() || removeFiles(m_session);
}

bool RecoveryStore::removeDocumentCopy() const
{
    if (m_session.isEmpty()) return true;
    bool ok = true;
    const QString copy = QString::fromLatin1(kDocumentSuffix);
    for (const QString& suffix : {copy, copy + QStringLiteral(".signe-partial")}) {
        const QString path = m_dir + QLatin1Char('/') + m_session + suffix;
        if (QFileInfo::exists(path) && !QFile::remove(path)) ok = false;
    }
    return ok;
}

void RecoveryStore::endSession()
{
    if (m_session.isEmpty()) return;
    removeFiles(m_session);
    m_lock.reset();  // unlocks, which removes the lock file
    m_session.clear();
}

}  // namespace signe::app
