// SPDX-License-Identifier: GPL-3.0-or-later
// The app's stroke journal: a periodic snapshot is written on a thread of its own, and the
// switch to it is made on the GUI thread through the event loop, with no further operation.
#include "app/session_journal.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include "app/recovery_store.h"
#include "tests/app/test_application.h"

namespace signe::app {
namespace {

TEST(SessionJournal, TheEventLoopSwitchesToAWrittenSnapshot)
{
    test::application();
    QTemporaryDir dir;
    RecoveryStore store(dir.path());
    auto doc = core::Document::create(256, 256).value();  // outlives the journal
    SessionJournal session(store);
    session.setSnapshotEvery(1);
    ASSERT_EQ(session.start(doc.get()), QString());
    ASSERT_TRUE(doc->addPaintLayer("Ink"));  // the first operation: a periodic snapshot
    core::Journal* journal = session.journal();
    ASSERT_TRUE(journal->isWritingSnapshot());
    // Only events now: the writer's Written posts the switch to this thread. The deadline
    // only keeps a broken build from hanging; nothing is measured.
    const QDeadlineTimer deadline(60000);
    while (journal->isWritingSnapshot() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    EXPECT_FALSE(journal->isWritingSnapshot());
    EXPECT_EQ(journal->error(), "");
    const QString base = store.journalPath(store.sessionBaseName());
    EXPECT_TRUE(QFileInfo::exists(base + QStringLiteral(".snapshot-2.ora")));
    EXPECT_FALSE(QFileInfo::exists(base + QStringLiteral(".snapshot-1.ora")));

    ASSERT_TRUE(doc->addPaintLayer("More"));  // another snapshot, in flight when stopped
    session.stop();
    EXPECT_FALSE(QFileInfo::exists(base));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files),
              QStringList{store.sessionBaseName() + QLatin1String(RecoveryStore::kLockSuffix)});
}

}  // namespace
}  // namespace signe::app
