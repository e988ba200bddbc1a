// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/recovery_store.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "tests/app/test_application.h"

namespace signe::app {
namespace {

void touch(const QString& path)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("x");
}

TEST(RecoveryStore, ListsWhatACrashedSessionLeftBySet)
{
    test::application();
    QTemporaryDir dir;
    RecoveryStore store(dir.path());
    // Left by a crash: no lock, since its process is gone.
    touch(dir.filePath("session-a.ora"));
    touch(dir.filePath("session-a.signe-journal"));
    touch(dir.filePath("session-b.signe-journal"));
    touch(dir.filePath("unrelated.txt"));

    const std::vector<RecoverySet> sets = store.sets();
    ASSERT_EQ(sets.size(), 2u);
    const RecoverySet& a = sets[0].baseName == "session-a" ? sets[0] : sets[1];
    const RecoverySet& b = sets[0].baseName == "session-a" ? sets[1] : sets[0];
    EXPECT_EQ(a.baseName, "session-a");
    EXPECT_EQ(a.files.size(), 2);
    EXPECT_EQ(a.documentPath, QFileInfo(dir.filePath("session-a.ora")).absoluteFilePath());
    EXPECT_EQ(a.journalPath, QFileInfo(dir.filePath("session-a.signe-journal")).absoluteFilePath());
    EXPECT_TRUE(a.modified.isValid());
    EXPECT_EQ(b.baseName, "session-b");
    EXPECT_TRUE(b.documentPath.isEmpty());
    EXPECT_FALSE(b.journalPath.isEmpty());

    EXPECT_TRUE(store.removeSet("session-a"));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("session-a.ora")));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("session-a.signe-journal")));
    EXPECT_TRUE(QFileInfo::exists(dir.filePath("unrelated.txt")));
    ASSERT_EQ(store.sets().size(), 1u);
}

TEST(RecoveryStore, SnapshotsCutOffAndDeltasBelongToTheirJournalsSet)
{
    test::application();
    QTemporaryDir dir;
    RecoveryStore store(dir.path());
    // What crashes while periodic snapshots were written leave (docs/journal.md): a snapshot
    // not yet switched to, one cut off (and libzip's temporary file for it), a journal not
    // yet renamed into place, and the pixel changes (deltas) a journal names.
    const QStringList files = {".signe-journal",
                               ".signe-journal.snapshot-1.ora",
                               ".signe-journal.snapshot-2.ora",
                               ".signe-journal.snapshot-3.ora.signe-partial",
                               ".signe-journal.snapshot-3.ora.signe-partial.x7Qk2z",
                               ".signe-journal.delta-4.bin",
                               ".signe-journal.delta-12.bin",
                               ".signe-journal.partial"};
    for (const QString& suffix : files) touch(dir.filePath("session-c" + suffix));

    const std::vector<RecoverySet> sets = store.sets();
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_EQ(sets[0].baseName, "session-c");
    EXPECT_EQ(sets[0].files.size(), files.size());
    EXPECT_TRUE(sets[0].documentPath.isEmpty());
    EXPECT_FALSE(sets[0].journalPath.isEmpty());
    EXPECT_TRUE(store.removeSet("session-c"));
    EXPECT_TRUE(QDir(dir.path()).isEmpty());
}

TEST(RecoveryStore, AnAutosaveCutOffByACrashBelongsToItsSet)
{
    test::application();
    QTemporaryDir dir;
    RecoveryStore store(dir.path());
    // An autosave killed while libzip wrote it leaves its temporary file beside the last one.
    const QStringList files = {".ora", ".ora.signe-partial.Zx81aQ"};
    for (const QString& suffix : files) touch(dir.filePath("session-d" + suffix));

    const std::vector<RecoverySet> sets = store.sets();
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_EQ(sets[0].baseName, "session-d");
    EXPECT_EQ(sets[0].files.size(), files.size());
    EXPECT_FALSE(sets[0].documentPath.isEmpty());
    EXPECT_TRUE(store.removeSet("session-d"));
    EXPECT_TRUE(QDir(dir.path()).isEmpty());
}

TEST(RecoveryStore, ARunningSessionsSetIsNotOffered)
{
    test::application();
    QTemporaryDir dir;
    RecoveryStore running(dir.path());
    const QString base = running.beginSession();
    ASSERT_FALSE(base.isEmpty());
    touch(running.documentPath(base));

    RecoveryStore starting(dir.path());
    EXPECT_TRUE(starting.sets().empty());
    EXPECT_FALSE(starting.removeSet(base));
    EXPECT_TRUE(QFileInfo::exists(running.documentPath(base)));

    // A normal quit removes its files and lock.
    running.endSession();
    EXPECT_FALSE(QFileInfo::exists(running.documentPath(base)));
    EXPECT_TRUE(starting.sets().empty());
}

TEST(RecoveryStore, DirectoryComesFromTheEnvironment)
{
    test::application();
    qputenv("SIGNE_RECOVERY_DIR", "/tmp/signe-recovery-test-dir");
    EXPECT_EQ(RecoveryStore::defaultDirectory(), "/tmp/signe-recovery-test-dir");
    qunsetenv("SIGNE_RECOVERY_DIR");
    EXPECT_TRUE(RecoveryStore::defaultDirectory().endsWith("/recovery"));
}

}  // namespace
}  // namespace signe::app
