// SPDX-License-Identifier: GPL-3.0-or-later
// Strokes through the journal: what is recorded paints again, bit for bit, on recovery.
#include <gtest/gtest.h>

#include <filesystem>

#include "brushes/paint_strokes.h"
#include "brushes/stroke_record.h"
#include "core/transaction.h"
#include "test_presets.h"
#include "test_strokes.h"

using namespace signe;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name)
{
    const fs::path dir = fs::temp_directory_path() / ("signe-journal-replay-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

core::Result<std::shared_ptr<const brushes::BrushTip>> noTips(const brushes::Preset& p)
{
    return core::fail(core::ErrorCode::NotFound, "no tip '" + p.tip + "' in this test");
}

core::Result<void> replay(core::Document& doc, std::string_view stroke)
{
    auto record = brushes::decodeStrokeRecord(stroke);
    if (!record) return tl::unexpected(record.error());
    return brushes::replayStroke(doc, *record, noTips, 2);
}

/// Colour, thickness and wetness of every paint layer, in tree order.
struct Channels {
    std::vector<core::Pixel16> colour;
    std::vector<core::Thickness16> thickness;
    std::vector<core::WetStamp> wetness;
    friend bool operator==(const Channels&, const Channels&) = default;
};

Channels channelsOf(const core::Document& doc)
{
    Channels c;
    const std::size_t n = std::size_t(doc.width()) * std::size_t(doc.height());
    for (core::LayerId id : doc.layerIds()) {
        const core::Layer* l = doc.layer(id);
        if (l->isGroup()) continue;
        const std::size_t at = c.colour.size();
        c.colour.resize(at + n), c.thickness.resize(at + n), c.wetness.resize(at + n);
        l->tiles().readRect(doc.bounds(), c.colour.data() + at, doc.width());
        l->thickness().readRect(doc.bounds(), c.thickness.data() + at, doc.width());
        l->wetness().readRect(doc.bounds(), c.wetness.data() + at, doc.width());
    }
    return c;
}

brushes::Preset thickWetBrush()
{
    brushes::Preset p = test::roundPreset(9);
    p.name = "Thick wet";
    p.settings[brushes::BrushSetting::Pickup] = 0.6f;
    p.settings[brushes::BrushSetting::Charge] = 0.7f;
    p.settings[brushes::BrushSetting::SmudgeLength] = 1.5f;
    p.settings[brushes::BrushSetting::Impasto] = 0.4f;
    return p;
}

}  // namespace

TEST(StrokeRecord, SurvivesEncodingExactly)
{
    brushes::StrokeRecord r;
    r.layer = {0, 3};
    r.preset = thickWetBrush();
    r.colour = {1, 2, 65535, 40000};
    r.seed = 0xfedcba9876543210ull;
    r.clockSeconds = 1234.0000001;
    r.events = {{0.1, 10.123456789, 20.5, 0.3f, -0.25f, 0.75f, 12.0f}, {0.2, 11.0, 21.0, 1.0f}};
    auto back = brushes::decodeStrokeRecord(brushes::encodeStrokeRecord(r));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(brushes::encodeStrokeRecord(*back), brushes::encodeStrokeRecord(r));
    EXPECT_EQ(back->events[0].x, 10.123456789);
    EXPECT_EQ(back->events[0].pressure, 0.3f);
    EXPECT_EQ(back->seed, r.seed);
    EXPECT_EQ(brushes::describeStroke(*back),
              "'Thick wet' on layer 0/3, 2 events, #0000ff9c, seed 18364758544493064720");
}

TEST(StrokeRecord, BadRecordsAreErrorsThatNameTheField)
{
    auto missing = brushes::decodeStrokeRecord(R"({"layer":[0]})");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("'preset' is missing"), std::string::npos);
    EXPECT_FALSE(brushes::decodeStrokeRecord("[]"));
}

TEST(JournalReplay, RecoveryPaintsEveryStrokeAgainBitForBit)
{
    const fs::path dir = freshDir("strokes");
    auto doc = std::move(*core::Document::create(200, 160, {0, 0, 0, 0}));
    auto journal = core::Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(journal) << journal.error().message;
    ASSERT_TRUE(doc->setDrying({core::DryingMode::Strokes, 3}));
    const core::LayerId under = doc->root().children()[0]->id();
    const core::LayerId over = *doc->addPaintLayer("Over");
    brushes::StrokeOptions options;
    options.threads = 2;
    options.color = {50000, 9000, 3000, 65535};
    auto painted = brushes::paintStrokes(
        *doc, under, test::roundPreset(14),
        {test::line(20, 20, 180, 140), test::line(20, 140, 180, 20)}, options, journal->get());
    ASSERT_TRUE(painted);
    options.color = {2000, 9000, 52000, 65535};
    options.seed = 11;
    ASSERT_TRUE(brushes::paintStrokes(*doc, under, thickWetBrush(),
                                      {test::line(10, 80, 190, 80), test::line(100, 5, 100, 155)},
                                      options, journal->get()));
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(brushes::paintStrokes(*doc, over, test::blender(12), {test::line(30, 30, 170, 130)},
                                      options, journal->get()));
    ASSERT_TRUE(doc->setLayerOpacity(over, 0.6f));
    {
        // A fill the painter does not journal, over thick wet paint: a delta of colour,
        // thickness and wetness tiles, full ones among them.
        core::Transaction tx(*doc, "Fill");
        auto target = tx.target(under);
        ASSERT_TRUE(target);
        target->fillRect({40, 30, 100, 70}, {1000, 40000, 9000, 65535});
        target->fillThicknessRect({40, 30, 100, 70}, 2000);
        target->fillWetRect({40, 30, 100, 70}, 1);
        tx.commit();
    }
    EXPECT_EQ((*journal)->error(), "");
    EXPECT_EQ((*journal)->operationsSinceSnapshot(), 10);  // no snapshot since the start

    auto recovered = core::recoverJournal(dir / "doc.signe-journal", replay);
    ASSERT_TRUE(recovered) << recovered.error().message;
    for (const std::string& w : recovered->warnings) ADD_FAILURE() << w;
    EXPECT_EQ(recovered->strokes, 5);
    EXPECT_TRUE(channelsOf(*recovered->document) == channelsOf(*doc));
    EXPECT_EQ(recovered->document->history().undoName(), "Fill");
    EXPECT_EQ(recovered->document->history().names(), doc->history().names());
    // Undo in the recovered document goes back exactly as in the live one.
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(recovered->document->undo());
        ASSERT_TRUE(doc->undo());
        EXPECT_TRUE(channelsOf(*recovered->document) == channelsOf(*doc)) << "undo " << i;
    }
}

TEST(JournalReplay, AStrokeThatChangesNothingStillCountsOnTheClock)
{
    const fs::path dir = freshDir("empty-stroke");
    auto doc = std::move(*core::Document::create(100, 100, {0, 0, 0, 0}));
    auto journal = core::Journal::start(*doc, dir / "doc.signe-journal");
    ASSERT_TRUE(doc->setDrying({core::DryingMode::Strokes, 2}));
    const core::LayerId layer = doc->root().children()[0]->id();
    brushes::StrokeOptions options;
    // A blender on an empty layer changes nothing, but it is stroke 1 on the clock.
    ASSERT_TRUE(brushes::paintStrokes(*doc, layer, test::blender(10), {test::line(10, 10, 90, 90)},
                                      options, journal->get()));
    ASSERT_TRUE(brushes::paintStrokes(*doc, layer, test::roundPreset(6),
                                      {test::line(10, 90, 90, 10)}, options, journal->get()));
    EXPECT_EQ(doc->layer(layer)->wetness().pixel(50, 50), 2u);
    auto recovered = core::recoverJournal(dir / "doc.signe-journal", replay);
    ASSERT_TRUE(recovered) << recovered.error().message;
    EXPECT_EQ(recovered->strokes, 2);
    EXPECT_TRUE(channelsOf(*recovered->document) == channelsOf(*doc));
}
