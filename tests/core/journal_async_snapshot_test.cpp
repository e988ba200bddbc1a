// SPDX-License-Identifier: GPL-3.0-or-later
// Periodic snapshots written beside the painting (docs/journal.md): the editing thread goes
// on while one is written, and a crash at any moment leaves a journal that rebuilds every
// finished operation. A crash is simulated by copying the journal's folder at that moment:
// what a killed process leaves is what was on the disk then.
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/journal/journal.h"
#include "journal_checks.h"

using namespace signe;
using namespace signe::core;
namespace fs = std::filesystem;

namespace {

/// Holds the journal's snapshot writer at Writing until the test lets it go, and counts the
/// writes that have ended. Its listener runs on the writer's thread.
class WriterGate {
public:
    SnapshotStepListener listener()
    {
        return [this](SnapshotStep step) {
            std::unique_lock lock(m_mutex);
            if (step == SnapshotStep::Writing) m_changed.wait(lock, [this] { return m_open; });
            if (step == SnapshotStep::Written) ++m_written;
            if (step == SnapshotStep::Switched && m_onSwitched) {
                const std::function<void()> fn = m_onSwitched;
                lock.unlock();
                fn();  // on the editing thread, which is the test's
                return;
            }
            m_changed.notify_all();
        };
    }
    void open()
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_changed.notify_all();
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_open = false;
    }
    /// Waits until `count` writes have ended in all.
    void waitForWritten(int count)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_written >= count; });
    }
    /// Runs `fn` on the editing thread when the journal has switched to a new snapshot.
    void onSwitched(std::function<void()> fn)
    {
        std::lock_guard lock(m_mutex);
        m_onSwitched = std::move(fn);
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
    int m_written = 0;
    std::function<void()> m_onSwitched;
};

/// A journal of a fresh document in a fresh folder, its snapshot writer held by `gate`.
struct GatedJournal {
    const fs::path dir;
    const std::unique_ptr<Document> doc;
    WriterGate gate;
    std::unique_ptr<Journal> journal;

    GatedJournal(const std::string& name, int side, int snapshotEvery)
        : dir(test::freshJournalDir(name)), doc(Document::create(side, side).value())
    {
        JournalOptions options;
        options.snapshotEvery = snapshotEvery;
        options.onSnapshotStep = gate.listener();
        auto started = Journal::start(*doc, path(), options);
        if (!started) throw std::runtime_error(started.error().message);  // gtest reports it
        journal = std::move(*started);
    }
    fs::path path() const { return dir / "doc.signe-journal"; }
};

/// The journal's folder as a crash at one moment would leave it, and the document then.
struct CrashPoint {
    std::string name;
    fs::path journal;
    test::DocumentState expected;
};

CrashPoint crashNow(const std::string& name, const fs::path& dir, const Document& doc)
{
    const fs::path copy = dir.parent_path() / (dir.filename().string() + "-crash-" + name);
    fs::remove_all(copy);
    fs::copy(dir, copy);
    return {name, copy / "doc.signe-journal", test::DocumentState(doc)};
}

std::vector<std::string> filesIn(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// Checks that `dir` holds the journal, its snapshot `number`, the delta files `deltas` and
/// nothing else.
void expectJournalAndSnapshot(const fs::path& dir, int number, std::vector<int> deltas = {})
{
    std::vector<std::string> expected{
        "doc.signe-journal", "doc.signe-journal.snapshot-" + std::to_string(number) + ".ora"};
    for (int delta : deltas)
        expected.push_back("doc.signe-journal.delta-" + std::to_string(delta) + ".bin");
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(filesIn(dir), expected);
}

const Pixel16 kRed{50000, 0, 0, 65535}, kBlue{0, 0, 40000, 65535}, kGreen{0, 30000, 0, 65535};

}  // namespace

TEST(JournalAsyncSnapshot, TheEditingThreadGoesOnWhileASnapshotIsWritten)
{
    GatedJournal gated("async-goes-on", 256, 3);
    Document& doc = *gated.doc;
    Journal& journal = *gated.journal;
    ASSERT_TRUE(doc.addPaintLayer("Ink"));
    test::fillStroke(doc, journal, {1}, {10, 10, 100, 60}, kRed);
    ASSERT_TRUE(doc.setLayerOpacity(doc.layerAtPath({1}), 0.75f));  // the third: a snapshot
    ASSERT_TRUE(journal.isWritingSnapshot());
    // The writer is held before it writes: everything below happens while the snapshot is
    // being written, and would never return if recording waited for it.
    for (int i = 0; i < 12; ++i)
        test::fillStroke(doc, journal, {i % 2}, {i * 12, i * 9, 40, 40}, i % 3 ? kBlue : kGreen);
    ASSERT_TRUE(doc.renameLayer(doc.layerAtPath({1}), "Lines"));
    EXPECT_TRUE(journal.isWritingSnapshot());
    EXPECT_EQ(journal.operationsSinceSnapshot(), 13);
    EXPECT_EQ(journal.error(), "");
    test::expectRecovers(doc, gated.path());  // the running journal is whole

    gated.gate.open();
    journal.waitForSnapshot();
    EXPECT_FALSE(journal.isWritingSnapshot());
    EXPECT_EQ(journal.error(), "");
    test::expectRecovers(doc, gated.path());
    // The journal starts from the second snapshot and holds the 13 operations after its copy.
    auto contents = readJournalFile(gated.path());
    ASSERT_TRUE(contents);
    EXPECT_EQ(contents->records.size(), 14u);
    EXPECT_NE(contents->records[0].find("doc.signe-journal.snapshot-2.ora"), std::string::npos);
    expectJournalAndSnapshot(gated.dir, 2);
}

TEST(JournalAsyncSnapshot, EveryCrashPointRecoversTheDocumentAsItWasThen)
{
    GatedJournal gated("async-crash-points", 200, 4);
    Document& doc = *gated.doc;
    Journal& journal = *gated.journal;
    const fs::path& dir = gated.dir;
    std::vector<CrashPoint> crashes;
    gated.gate.onSwitched([&] { crashes.push_back(crashNow("switched", dir, doc)); });

    const LayerId ink = *doc.addPaintLayer("Ink");
    test::fillStroke(doc, journal, {0}, {0, 0, 120, 80}, kRed);
    test::fillStroke(doc, journal, {1}, {50, 30, 100, 100}, kBlue);
    ASSERT_TRUE(doc.setLayerBlendMode(ink, BlendMode::Multiply));  // the fourth: a snapshot
    ASSERT_TRUE(journal.isWritingSnapshot());
    crashes.push_back(crashNow("copied", dir, doc));
    test::fillStroke(doc, journal, {1}, {0, 100, 200, 20}, kGreen);
    ASSERT_TRUE(doc.undo());  // the stroke just made: a replay of either journal can undo it
    ASSERT_TRUE(doc.redo());
    test::fillStroke(doc, journal, {0}, {140, 10, 30, 30}, kBlue);
    crashes.push_back(crashNow("writing", dir, doc));
    {
        // A kill while the snapshot is being written leaves its file half written, beside
        // its final name.
        std::ofstream(crashes.back().journal.parent_path() /
                      "doc.signe-journal.snapshot-2.ora.signe-partial")
            << "PK half a zip";
    }

    gated.gate.open();
    gated.gate.waitForWritten(1);
    // Written, not yet switched to: the new snapshot lies beside the old journal.
    crashes.push_back(crashNow("written", dir, doc));
    EXPECT_TRUE(fs::exists(dir / "doc.signe-journal.snapshot-2.ora"));
    journal.finishWrittenSnapshot();  // what the app does when told Written: "switched" here
    EXPECT_FALSE(journal.isWritingSnapshot());
    gated.gate.onSwitched({});
    crashes.push_back(crashNow("finished", dir, doc));

    // Four operations were recorded while the first was written: the next one begins another
    // (held before it writes, so that the copy below is not taken while a file is renamed).
    gated.gate.close();
    test::fillStroke(doc, journal, {1}, {20, 20, 20, 20}, kRed);
    EXPECT_TRUE(journal.isWritingSnapshot());
    ASSERT_TRUE(doc.setLayerOpacity(ink, 0.5f));
    crashes.push_back(crashNow("recording on", dir, doc));
    ASSERT_TRUE(doc.addGroup("Group"));
    test::fillStroke(doc, journal, {0}, {0, 0, 10, 150}, kGreen);
    gated.gate.open();
    journal.waitForSnapshot();

    ASSERT_EQ(crashes.size(), 6u);
    EXPECT_EQ(crashes[3].name, "switched");
    for (const CrashPoint& crash : crashes) {
        SCOPED_TRACE("a crash when " + crash.name);
        test::expectRecovers(crash.expected, crash.journal);
    }
    EXPECT_EQ(journal.error(), "");
    test::expectRecovers(doc, gated.path());
    expectJournalAndSnapshot(dir, 3);
}

TEST(JournalAsyncSnapshot, WhatItCannotReplaySupersedesTheSnapshotBeingWritten)
{
    GatedJournal gated("async-superseded", 128, 2);
    Document& doc = *gated.doc;
    Journal& journal = *gated.journal;
    test::fillStroke(doc, journal, {0}, {0, 0, 64, 64}, kRed);
    test::fillStroke(doc, journal, {0}, {32, 32, 64, 64}, kBlue);  // a snapshot begins
    ASSERT_TRUE(journal.isWritingSnapshot());
    // An undo past the copy being written: a replay of the journal that will start from it
    // could not undo, so only a snapshot taken now holds the change, and the one being
    // written is of no use any more.
    ASSERT_TRUE(doc.undo());
    EXPECT_EQ(journal.operationsSinceSnapshot(), 0);
    test::fillStroke(doc, journal, {0}, {100, 0, 28, 28}, kRed);
    test::expectRecovers(doc, gated.path());
    gated.gate.open();
    journal.waitForSnapshot();
    EXPECT_EQ(journal.error(), "");
    test::expectRecovers(doc, gated.path());
    // The superseded snapshot (2) is gone; the journal starts from the one taken at once (3).
    expectJournalAndSnapshot(gated.dir, 3);
}

TEST(JournalAsyncSnapshot, DiscardWaitsForTheSnapshotAndLeavesNothing)
{
    for (const bool written : {false, true}) {
        SCOPED_TRACE(written ? "written, not switched to" : "being written");
        GatedJournal gated("async-discard", 256, 1);
        test::fillStroke(*gated.doc, *gated.journal, {0}, {0, 0, 200, 200}, kRed);
        ASSERT_TRUE(gated.journal->isWritingSnapshot());
        // discard() waits for the writer, which must be free to end (it holds no lock the
        // editing thread needs).
        gated.gate.open();
        if (written) gated.gate.waitForWritten(1);
        gated.journal->discard();
        EXPECT_FALSE(gated.journal->isWritingSnapshot());
        EXPECT_EQ(filesIn(gated.dir), std::vector<std::string>{});
        ASSERT_TRUE(gated.doc->addPaintLayer("After"));  // no longer recorded
        gated.journal.reset();
        EXPECT_EQ(filesIn(gated.dir), std::vector<std::string>{});
    }
}

TEST(JournalAsyncSnapshot, DestroyingTheJournalFinishesTheSnapshot)
{
    GatedJournal gated("async-destroy", 256, 2);
    Document& doc = *gated.doc;
    test::fillStroke(doc, *gated.journal, {0}, {0, 0, 200, 200}, kRed);
    test::fillStroke(doc, *gated.journal, {0}, {50, 50, 200, 200}, kBlue);  // a snapshot begins
    test::fillStroke(doc, *gated.journal, {0}, {0, 100, 30, 30}, kGreen);
    ASSERT_TRUE(gated.journal->isWritingSnapshot());
    gated.gate.open();
    gated.journal.reset();  // a window closing for another reason than a quit: the files stay
    test::expectRecovers(doc, gated.path());
    expectJournalAndSnapshot(gated.dir, 2);
}

TEST(JournalAsyncSnapshot, AFailedWriteIsReportedAndTheJournalGoesOn)
{
    GatedJournal gated("async-failed", 128, 2);
    Document& doc = *gated.doc;
    Journal& journal = *gated.journal;
    gated.gate.open();
    // A folder where the second snapshot goes: the writer cannot rename its file over it.
    fs::create_directory(gated.dir / "doc.signe-journal.snapshot-2.ora");
    test::fillStroke(doc, journal, {0}, {0, 0, 64, 64}, kRed);
    test::fillStroke(doc, journal, {0}, {32, 32, 64, 64}, kBlue);  // snapshot 2 begins
    journal.waitForSnapshot();
    EXPECT_NE(journal.error().find("snapshot-2.ora"), std::string::npos) << journal.error();
    test::fillStroke(doc, journal, {0}, {64, 0, 64, 64}, kGreen);
    test::expectRecovers(doc, gated.path());                     // the first journal goes on
    test::fillStroke(doc, journal, {0}, {0, 64, 64, 64}, kRed);  // snapshot 3 begins
    journal.waitForSnapshot();
    EXPECT_EQ(journal.error(), "");
    test::expectRecovers(doc, gated.path());
    EXPECT_FALSE(fs::exists(gated.dir / "doc.signe-journal.snapshot-1.ora"));
    EXPECT_TRUE(fs::exists(gated.dir / "doc.signe-journal.snapshot-3.ora"));
}

TEST(JournalAsyncSnapshot, TheSwitchRemovesOnlyTheDeltasItsSnapshotHolds)
{
    GatedJournal gated("async-deltas", 256, 3);
    Document& doc = *gated.doc;
    Journal& journal = *gated.journal;
    const LayerId layer = doc.layerAtPath({0});
    test::fill(doc, layer, {0, 0, 100, 100}, kRed);               // delta 1
    test::fill(doc, layer, {50, 50, 100, 30}, kBlue);             // delta 2
    test::fillStroke(doc, journal, {0}, {0, 0, 20, 20}, kGreen);  // a snapshot begins
    ASSERT_TRUE(journal.isWritingSnapshot());
    test::fill(doc, layer, {0, 120, 256, 40}, kGreen);  // delta 3, after the copy
    std::vector<CrashPoint> crashes{crashNow("writing", gated.dir, doc)};
    gated.gate.open();
    journal.waitForSnapshot();
    EXPECT_EQ(journal.error(), "");
    crashes.push_back(crashNow("switched", gated.dir, doc));
    // The snapshot holds deltas 1 and 2; the new journal names delta 3.
    expectJournalAndSnapshot(gated.dir, 2, {3});
    ASSERT_TRUE(doc.undo());  // the fill of delta 3, recorded after the switch: replayable
    // Held again, so that the folder is not copied while the writer renames files in it.
    gated.gate.close();
    test::fill(doc, layer, {200, 0, 56, 56}, kBlue);  // delta 4; snapshot 3 begins
    crashes.push_back(crashNow("after", gated.dir, doc));
    gated.gate.open();
    journal.waitForSnapshot();
    expectJournalAndSnapshot(gated.dir, 3);  // which holds deltas 3 and 4
    crashes.push_back(crashNow("switched again", gated.dir, doc));
    for (const CrashPoint& crash : crashes) {
        SCOPED_TRACE(crash.name);
        test::expectRecovers(crash.expected, crash.journal);
    }
}
