// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's file framing, document operations and recovery of everything but strokes
// (tests/brushes/journal_replay_test.cpp replays strokes).
#include "core/journal/journal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/io/openraster.h"
#include "core/transaction.h"
#include "journal_checks.h"

using namespace signe;
using namespace signe::core;
namespace fs = std::filesystem;

namespace {

using test::expectRecovers;
using test::fill;

fs::path freshDir(const std::string& name)
{
    return test::freshJournalDir(name);
}

std::string fileText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

Result<void> noStrokes(Document&, std::string_view)
{
    return fail(ErrorCode::Unsupported, "this test has no strokes");
}

}  // namespace

TEST(JournalFile, KeepsEveryRecordAppended)
{
    const fs::path path = freshDir("file") / "a.signe-journal";
    {
        auto file = JournalFile::create(path);
        ASSERT_TRUE(file);
        ASSERT_TRUE(file->append(R"({"op":"undo"})"));
        ASSERT_TRUE(file->append("second"));
    }
    auto more = JournalFile::openForAppend(path);
    ASSERT_TRUE(more);
    ASSERT_TRUE(more->append("third"));
    auto read = readJournalFile(path);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->records, (std::vector<std::string>{R"({"op":"undo"})", "second", "third"}));
    EXPECT_EQ(read->damage, "");
    EXPECT_FALSE(more->append("two\nlines"));
}

TEST(JournalFile, ACutOffLastLineIsDroppedAndNamed)
{
    const fs::path path = freshDir("cut") / "a.signe-journal";
    {
        auto file = JournalFile::create(path);
        ASSERT_TRUE(file->append("one"));
        ASSERT_TRUE(file->append("two"));
    }
    std::string text = fileText(path);
    writeText(path, text.substr(0, text.size() - 3));  // a crash in the middle of "two"
    auto read = readJournalFile(path);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->records, std::vector<std::string>{"one"});
    EXPECT_NE(read->damage.find("line 3 is unfinished"), std::string::npos) << read->damage;
    EXPECT_NE(read->damage.find("the 1 operations before it are kept"), std::string::npos);
}

TEST(JournalFile, AChangedByteIsFoundByTheChecksum)
{
    const fs::path path = freshDir("flip") / "a.signe-journal";
    {
        auto file = JournalFile::create(path);
        ASSERT_TRUE(file->append("one"));
        ASSERT_TRUE(file->append("two"));
        ASSERT_TRUE(file->append("three"));
    }
    std::string text = fileText(path);
    text[text.find("two")] = 'T';
    writeText(path, text);
    auto read = readJournalFile(path);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->records, std::vector<std::string>{"one"});
    EXPECT_NE(read->damage.find("line 3 is damaged"), std::string::npos) << read->damage;
}

TEST(JournalFile, AFileThatIsNotAJournalIsAnError)
{
    const fs::path dir = freshDir("bad");
    writeText(dir / "x.signe-journal", "hello\n");
    auto read = readJournalFile(dir / "x.signe-journal");
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find("is not a Signe journal"), std::string::npos);
    EXPECT_FALSE(readJournalFile(dir / "missing.signe-journal"));
}

TEST(DocumentOperation, EveryKindSurvivesEncoding)
{
    using Kind = DocumentOperation::Kind;
    std::vector<DocumentOperation> ops;
    for (Kind k : {Kind::AddPaintLayer, Kind::AddGroup, Kind::RemoveLayer, Kind::DuplicateLayer,
                   Kind::MoveLayer, Kind::MergeDown, Kind::Flatten, Kind::SetLayerProperties,
                   Kind::SetDpi, Kind::SetBackground, Kind::SetLight, Kind::SetDrying,
                   Kind::DryLayer, Kind::WetLayer, Kind::Undo, Kind::Redo, Kind::Pixels}) {
        DocumentOperation op{k};
        op.layer = {2, 0, 5};
        op.parent = {1};
        op.index = 3;
        op.name = "Ink \"wet\"";
        op.properties.name = "Glaze";
        op.properties.opacity = 0.1234567f;
        op.properties.blendMode = BlendMode::ColorDodge;
        op.properties.offsetX = -17;
        op.properties.drying = {DryingMode::Seconds, 42.5f};
        op.dpi = 72.5;
        op.background = {1, 2, 3, 65535};
        op.light.azimuth = 12.25f;
        op.drying = {DryingMode::Strokes, 3};
        ops.push_back(op);
    }
    for (const DocumentOperation& op : ops) {
        const std::string text = encodeOperation(op);
        auto back = decodeOperation(text);
        ASSERT_TRUE(back) << text << ": " << back.error().message;
        EXPECT_EQ(encodeOperation(*back), text);
    }
}

TEST(DocumentOperation, DecodingNamesWhatIsWrong)
{
    auto unknown = decodeOperation(R"({"op":"paintEverything"})");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("unknown operation 'paintEverything'"),
              std::string::npos);
    auto missing = decodeOperation(R"({"op":"removeLayer"})");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("'layer' is missing"), std::string::npos);
    EXPECT_FALSE(decodeOperation(R"({"op":"removeLayer","layer":[-1]})"));
    EXPECT_FALSE(decodeOperation(R"({"op":"setDrying","drying":"sometimes"})"));
    EXPECT_FALSE(decodeOperation("not json"));
}

TEST(DocumentOperation, LayerPathsFindTheSameLayers)
{
    auto doc = std::move(*Document::create(64, 64));
    const LayerId group = *doc->addGroup("G");
    const LayerId inner = *doc->addPaintLayer("Inner", group);
    EXPECT_EQ(doc->pathOf(inner), (LayerPath{1, 0}));
    EXPECT_EQ(doc->layerAtPath({1, 0}), inner);
    EXPECT_EQ(doc->layerAtPath({}), doc->root().id());
    EXPECT_EQ(doc->layerAtPath({3}), kNoLayer);
}

TEST(Journal, RecoversEveryDocumentOperation)
{
    const fs::path dir = freshDir("ops");
    auto doc = std::move(*Document::create(128, 96));
    const LayerId base = doc->root().children()[0]->id();
    fill(*doc, base, {0, 0, 64, 64}, {40000, 0, 0, 65535});  // before the journal: snapshot
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(journal) << journal.error().message;
    const LayerId group = *doc->addGroup("Group");
    const LayerId ink = *doc->addPaintLayer("Ink", group, 0);
    ASSERT_TRUE(doc->renameLayer(ink, "Lines"));
    ASSERT_TRUE(doc->setLayerOpacity(ink, 0.37f));
    ASSERT_TRUE(doc->setLayerBlendMode(group, BlendMode::Multiply));
    ASSERT_TRUE(doc->setLight({true, 100, 30, 0.5f, 0.1f, 20, 8}));
    ASSERT_TRUE(doc->setDrying({DryingMode::Strokes, 4}));
    ASSERT_TRUE(doc->setLayerDrying(ink, {DryingMode::Seconds, 9}));
    const LayerId copy = *doc->duplicateLayer(base);
    ASSERT_TRUE(doc->moveLayer(copy, group, 0));
    ASSERT_TRUE(doc->setDpi(150));
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(doc->redo());
    ASSERT_TRUE(doc->setBackground({0, 0, 0, 65535}));
    const LayerId top = *doc->addPaintLayer("Top");
    ASSERT_TRUE(doc->removeLayer(top));
    EXPECT_EQ((*journal)->operationsSinceSnapshot(), 17);
    EXPECT_EQ((*journal)->error(), "");
    expectRecovers(*doc, dir / "doc.signe-journal");
}

TEST(Journal, UndoPastItsSnapshotTakesANewOne)
{
    const fs::path dir = freshDir("undo");
    auto doc = std::move(*Document::create(64, 64));
    const LayerId a = *doc->addPaintLayer("A");  // before the journal, in the history
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(doc->renameLayer(a, "B"));
    ASSERT_TRUE(doc->undo());  // replayable: the rename is in the journal
    ASSERT_TRUE(doc->undo());  // takes back the layer added before the snapshot
    ASSERT_TRUE(doc->redo());
    ASSERT_TRUE(doc->redo());
    expectRecovers(*doc, dir / "doc.signe-journal");
}

TEST(Journal, SnapshotsEveryFewOperations)
{
    const fs::path dir = freshDir("periodic");
    auto doc = std::move(*Document::create(64, 64));
    JournalOptions options;
    options.snapshotEvery = 5;
    auto journal = Journal::start(*doc, dir / "doc.signe-journal", options);
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(doc->addPaintLayer("L" + std::to_string(i)));
    // Operations recorded while a snapshot is written (on its own thread) count towards the
    // next; once it is finished the journal holds just those.
    (*journal)->waitForSnapshot();
    EXPECT_LE((*journal)->operationsSinceSnapshot(), 7);
    auto contents = readJournalFile(dir / "doc.signe-journal");
    ASSERT_TRUE(contents);
    EXPECT_EQ(contents->records.size(), std::size_t((*journal)->operationsSinceSnapshot()) + 1);
    EXPECT_EQ(contents->records[0].find("snapshot-1.ora"), std::string::npos);
    expectRecovers(*doc, dir / "doc.signe-journal");
}

TEST(Journal, DiscardRemovesItsFiles)
{
    const fs::path dir = freshDir("discard");
    auto doc = std::move(*Document::create(64, 64));
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(doc->addPaintLayer("A"));
    (*journal)->discard();
    EXPECT_TRUE(fs::is_empty(dir));
    ASSERT_TRUE(doc->addPaintLayer("B"));  // no longer recorded: nothing is written
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(Journal, RecoveryStopsAtAnOperationThatDoesNotFit)
{
    const fs::path dir = freshDir("misfit");
    auto doc = std::move(*Document::create(64, 64));
    auto journal = Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(doc->addPaintLayer("A"));
    journal->reset();
    {
        auto file = JournalFile::openForAppend(dir / "doc.signe-journal");
        ASSERT_TRUE(file->append(R"({"op":"removeLayer","layer":[9]})"));
        ASSERT_TRUE(
            file->append(R"({"op":"addPaintLayer","name":"Never","parent":[],"index":-1})"));
    }
    auto recovered = recoverJournal(dir / "doc.signe-journal", noStrokes);
    ASSERT_TRUE(recovered);
    EXPECT_EQ(recovered->operations, 1);
    ASSERT_EQ(recovered->warnings.size(), 1u);
    EXPECT_NE(recovered->warnings[0].find("operation 2: no layer"), std::string::npos)
        << recovered->warnings[0];
    EXPECT_EQ(recovered->document->root().children().size(), 2u);
}

TEST(Journal, ASnapshotNameCannotLeaveTheJournalsFolder)
{
    const fs::path dir = freshDir("escape");
    {
        auto file = JournalFile::create(dir / "doc.signe-journal");
        ASSERT_TRUE(file->append(R"({"op":"snapshot","file":"../../etc/passwd"})"));
    }
    auto recovered = recoverJournal(dir / "doc.signe-journal", noStrokes);
    ASSERT_FALSE(recovered);
    EXPECT_NE(recovered.error().message.find("outside its folder"), std::string::npos);
}

TEST(Journal, StartsFromACopyOfTheFileThatHoldsTheDocument)
{
    const fs::path dir = freshDir("copy");
    auto doc = std::move(*Document::create(64, 64));
    const LayerId layer = doc->root().children()[0]->id();
    fill(*doc, layer, {0, 0, 30, 30}, {0, 0, 50000, 65535});
    ASSERT_TRUE(saveOpenRaster(*doc, dir / "saved.ora"));
    JournalOptions options;
    options.snapshotFrom = dir / "saved.ora";
    auto journal = Journal::start(*doc, dir / "doc.signe-journal", options);
    ASSERT_TRUE(journal) << journal.error().message;
    EXPECT_EQ(fileText(dir / "saved.ora"), fileText(dir / "doc.signe-journal.snapshot-1.ora"));
    ASSERT_TRUE(doc->setLayerOpacity(layer, 0.25f));
    expectRecovers(*doc, dir / "doc.signe-journal");
    options.snapshotFrom = dir / "missing.ora";
    auto failed = Journal::start(*doc, dir / "other.signe-journal", options);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message.find("missing.ora"), std::string::npos);
    // The failed start left the running journal listening.
    ASSERT_TRUE(doc->setLayerOpacity(layer, 0.5f));
    expectRecovers(*doc, dir / "doc.signe-journal");
}
