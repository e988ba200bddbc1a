// SPDX-License-Identifier: GPL-3.0-or-later
// Pixel changes the painter did not journal (a fill, an import), recorded as deltas beside the
// journal (docs/journal.md, "Pixel deltas"): recovered pixel for pixel with their history,
// replaced by a snapshot when a delta is not worth it, removed when no journal names them,
// and a damaged one stops recovery where it is named.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/journal/journal.h"
#include "core/journal/pixel_delta_file.h"
#include "journal_checks.h"

using namespace signe;
using namespace signe::core;
namespace fs = std::filesystem;

namespace {

const Pixel16 kRed{50000, 0, 0, 65535}, kBlue{0, 0, 40000, 65535};

/// The delta files in `dir`, by name.
std::vector<std::string> deltasIn(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".bin") names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// An import as the app makes one: a new layer, then a picture written into it through a
/// transaction of its own, with relief (wetness is checked with real strokes in
/// tests/brushes/journal_replay_test.cpp: a stamp needs strokes on the paint clock).
LayerId importPicture(Document& doc, Rect r)
{
    const LayerId layer = *doc.addPaintLayer("Imported");
    Transaction tx(doc, "Import");
    auto target = tx.target(layer);
    std::vector<Pixel16> picture(std::size_t(r.w) * std::size_t(r.h));
    std::vector<Thickness16> relief(picture.size());
    for (int y = 0; y < r.h; ++y)
        for (int x = 0; x < r.w; ++x) {
            const std::size_t i = std::size_t(y) * std::size_t(r.w) + std::size_t(x);
            picture[i] = {std::uint16_t(x * 300), std::uint16_t(y * 200), 9000, 65535};
            relief[i] = Thickness16((x * 7 + y * 13) % 4000);
        }
    target->writeRect(r, picture.data(), r.w);
    target->writeThicknessRect(r, relief.data(), r.w);
    tx.commit();
    return layer;
}

Result<void> noStrokes(Document&, std::string_view)
{
    return fail(ErrorCode::Unsupported, "this test has no strokes");
}

/// Recovers `journal` and checks its pixels and history against `live`, then that undoing
/// and redoing every entry goes the same way in both.
void expectRecoversWithUndo(Document& live, const fs::path& journal)
{
    test::expectRecovers(live, journal);
    auto recovered = recoverJournal(journal, test::fillStrokeReplayer);
    ASSERT_TRUE(recovered);
    Document& copy = *recovered->document;
    ASSERT_EQ(copy.history().undoCount(), live.history().undoCount());
    ASSERT_EQ(copy.history().count(), live.history().count());
    while (live.history().canUndo()) {
        ASSERT_TRUE(live.undo());
        ASSERT_TRUE(copy.undo());
        EXPECT_TRUE(test::pixelsOf(copy) == test::pixelsOf(live));
    }
    while (live.history().canRedo()) {
        ASSERT_TRUE(live.redo());
        ASSERT_TRUE(copy.redo());
    }
    EXPECT_TRUE(test::DocumentState(copy).pixels == test::DocumentState(live).pixels);
}

}  // namespace

TEST(JournalDelta, FillsAndImportsRecoverWithTheirHistory)
{
    const fs::path dir = test::freshJournalDir("delta-fills");
    auto doc = std::move(*Document::create(300, 200));
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(journal);
    const LayerId base = doc->layerAtPath({0});
    test::fill(*doc, base, {10, 20, 150, 100}, kRed);  // partial tiles and whole ones
    test::fillStroke(*doc, **journal, {0}, {100, 0, 50, 50}, kBlue);
    importPicture(*doc, {30, 40, 200, 130});
    ASSERT_TRUE(doc->setLayerOpacity(base, 0.5f));
    test::fill(*doc, base, {0, 0, 300, 200}, {0, 0, 0, 0});  // cleared: tiles become none
    ASSERT_TRUE(doc->undo());                                // the clear, undone and redone
    ASSERT_TRUE(doc->redo());
    ASSERT_TRUE(doc->undo());
    test::fill(*doc, doc->layerAtPath({1}), {64, 64, 64, 64}, kBlue);  // drops the redo
    EXPECT_EQ((*journal)->error(), "");
    // No snapshot since the journal started: every operation is in it.
    EXPECT_EQ((*journal)->operationsSinceSnapshot(), 10);
    EXPECT_EQ(deltasIn(dir).size(), 4u);
    expectRecoversWithUndo(*doc, dir / "doc.signe-journal");
}

TEST(JournalDelta, AChangeToMostOfTheDocumentIsASnapshot)
{
    const fs::path dir = test::freshJournalDir("delta-large");
    auto doc = std::move(*Document::create(1024, 1024));
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    importPicture(*doc, {0, 0, 1024, 1024});              // 8 MiB of colour, all the document holds
    EXPECT_EQ((*journal)->operationsSinceSnapshot(), 0);  // a snapshot holds the import
    EXPECT_TRUE(deltasIn(dir).empty());
    test::fill(*doc, doc->layerAtPath({1}), {0, 0, 512, 100}, kRed);  // uniform tiles: small
    EXPECT_EQ(deltasIn(dir).size(), 1u);
    test::expectRecovers(*doc, dir / "doc.signe-journal");
}

TEST(JournalDelta, SnapshotsAndDiscardRemoveTheDeltasNoJournalNames)
{
    const fs::path dir = test::freshJournalDir("delta-remove");
    auto doc = std::move(*Document::create(200, 200));
    const LayerId layer = doc->layerAtPath({0});
    test::fill(*doc, layer, {0, 0, 30, 30}, kBlue);  // before the journal
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    test::fill(*doc, layer, {0, 0, 100, 100}, kRed);
    test::fill(*doc, layer, {50, 50, 100, 100}, kBlue);
    EXPECT_EQ(deltasIn(dir), (std::vector<std::string>{"doc.signe-journal.delta-1.bin",
                                                       "doc.signe-journal.delta-2.bin"}));
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(doc->redo());
    test::expectRecovers(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(doc->undo());  // past the snapshot: a new one holds everything
    EXPECT_TRUE(deltasIn(dir).empty());
    test::expectRecovers(*doc, dir / "doc.signe-journal");
    test::fill(*doc, layer, {10, 10, 100, 100}, kRed);
    EXPECT_EQ(deltasIn(dir), std::vector<std::string>{"doc.signe-journal.delta-3.bin"});
    (*journal)->discard();
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(JournalDelta, ADamagedOrMissingDeltaStopsRecoveryThere)
{
    const fs::path dir = test::freshJournalDir("delta-damaged");
    auto doc = std::move(*Document::create(200, 200));
    const LayerId layer = doc->layerAtPath({0});
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    test::fill(*doc, layer, {0, 0, 100, 100}, kRed);
    ASSERT_TRUE(doc->setLayerOpacity(layer, 0.5f));
    const test::DocumentState before(*doc);
    test::fill(*doc, layer, {50, 50, 150, 150}, kBlue);
    ASSERT_TRUE(doc->addPaintLayer("After"));
    journal->reset();
    const fs::path second = dir / "doc.signe-journal.delta-2.bin";
    {
        std::fstream file(second, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(20);
        file.put('\x5a');
    }
    auto recovered = recoverJournal(dir / "doc.signe-journal", noStrokes);
    ASSERT_TRUE(recovered) << recovered.error().message;
    EXPECT_EQ(recovered->operations, 2);
    ASSERT_EQ(recovered->warnings.size(), 1u);
    EXPECT_NE(recovered->warnings[0].find("operation 3: pixel change 'doc.signe-journal.delta-2"
                                          ".bin' is damaged"),
              std::string::npos)
        << recovered->warnings[0];
    EXPECT_TRUE(test::DocumentState(*recovered->document).pixels == before.pixels);

    fs::remove(dir / "doc.signe-journal.delta-1.bin");
    recovered = recoverJournal(dir / "doc.signe-journal", noStrokes);
    ASSERT_TRUE(recovered);
    EXPECT_EQ(recovered->operations, 0);
    ASSERT_EQ(recovered->warnings.size(), 1u);
    EXPECT_NE(recovered->warnings[0].find("delta-1.bin' is missing"), std::string::npos)
        << recovered->warnings[0];
}

TEST(JournalDelta, AFileCutOffOrAnotherDeltaIsRefused)
{
    const fs::path dir = test::freshJournalDir("delta-file");
    auto doc = std::move(*Document::create(200, 200));
    Transaction tx(*doc, "Fill");
    tx.target(doc->layerAtPath({0}))->fillRect({0, 0, 90, 90}, kRed);
    tx.commit();
    const auto* command = dynamic_cast<const TilesCommand*>(doc->history().lastDone());
    ASSERT_TRUE(command);
    const PixelDelta delta = PixelDelta::after(*doc, *command);
    auto written = writePixelDelta(delta, dir / "a.bin");
    ASSERT_TRUE(written) << written.error().message;
    auto read = readPixelDelta(dir / "a.bin", written->checksum);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->colour.size(), delta.colour.size());
    EXPECT_FALSE(readPixelDelta(dir / "a.bin", "00000000"));  // not the one the record names
    fs::resize_file(dir / "a.bin", written->fileBytes - 5);
    auto cut = readPixelDelta(dir / "a.bin", written->checksum);
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("'a.bin'"), std::string::npos) << cut.error().message;
}
