// SPDX-License-Identifier: GPL-3.0-or-later
// Drying settings, the paint clock, wetness by age, and wetness stamps through the document.
#include "core/wetness.h"

#include <gtest/gtest.h>

#include "core/document.h"
#include "core/transaction.h"

using namespace signe::core;

namespace {

PaintClock clockWithStrokesAt(std::initializer_list<double> times)
{
    PaintClock clock;
    for (double t : times) {
        clock.setSeconds(t);
        clock.beginStroke();
    }
    return clock;
}

std::unique_ptr<Document> newDocument()
{
    return std::move(*Document::create(256, 256));
}

LayerId firstLayer(const Document& doc)
{
    return doc.root().children()[0]->id();
}

}  // namespace

TEST(Drying, WetnessFallsLinearlyOverTheStrokesItTakesToDry)
{
    const PaintClock clock = clockWithStrokesAt({0, 0, 0, 0, 0});
    const WetnessScale wet(clock, {DryingMode::Strokes, 3}, 5);
    EXPECT_TRUE(wet.dries());
    EXPECT_FLOAT_EQ(wet.wetness(5), 1.0f);
    EXPECT_FLOAT_EQ(wet.wetness(4), 2.0f / 3.0f);
    EXPECT_FLOAT_EQ(wet.wetness(3), 1.0f / 3.0f);
    EXPECT_FLOAT_EQ(wet.wetness(2), 0.0f);
    EXPECT_FLOAT_EQ(wet.wetness(1), 0.0f);
    EXPECT_FLOAT_EQ(wet.wetness(kDry), 0.0f);
}

TEST(Drying, WetnessFallsLinearlyOverTheSecondsItTakesToDry)
{
    const PaintClock clock = clockWithStrokesAt({0, 10, 20, 30});
    const WetnessScale wet(clock, {DryingMode::Seconds, 25}, 4);
    EXPECT_FLOAT_EQ(wet.wetness(4), 1.0f);
    EXPECT_FLOAT_EQ(wet.wetness(3), 0.6f);
    EXPECT_FLOAT_EQ(wet.wetness(2), 0.2f);
    EXPECT_FLOAT_EQ(wet.wetness(1), 0.0f);  // 30 s old
}

TEST(Drying, PaintThatNeverDriesIsAlwaysWet)
{
    const PaintClock clock = clockWithStrokesAt({0, 1});
    const WetnessScale wet(clock, {DryingMode::Never, 0}, 2);
    EXPECT_FALSE(wet.dries());
    EXPECT_EQ(wet.wetness(kDry), 1.0f);
    EXPECT_EQ(wet.wetness(1), 1.0f);
}

TEST(Drying, StampForGivesTheOldestStampAtLeastThatWet)
{
    const PaintClock clock = clockWithStrokesAt({0, 0, 0, 0, 0});
    const WetnessScale wet(clock, {DryingMode::Strokes, 3}, 5);
    EXPECT_EQ(wet.stampFor(1.0f), 5u);
    EXPECT_EQ(wet.stampFor(0.9f), 5u);
    EXPECT_EQ(wet.stampFor(2.0f / 3.0f), 4u);
    EXPECT_EQ(wet.stampFor(0.5f), 4u);
    EXPECT_EQ(wet.stampFor(0.2f), 3u);
    EXPECT_EQ(wet.stampFor(0.0f), kDry);
    for (float w : {0.1f, 0.34f, 0.5f, 0.7f, 1.0f}) EXPECT_GE(wet.wetness(wet.stampFor(w)), w);
}

TEST(Drying, ParsesAndNamesEveryMode)
{
    for (const char* text : {"never", "inherit", "strokes:5", "seconds:90", "seconds:0.5"}) {
        auto d = parseDrying(text);
        ASSERT_TRUE(d) << text << ": " << d.error().message;
        EXPECT_EQ(dryingName(*d), text);
    }
    EXPECT_EQ(parseDrying("strokes:12")->amount, 12.0f);
    EXPECT_EQ(parseDrying("seconds:90")->mode, DryingMode::Seconds);
}

TEST(Drying, BadSettingsAreErrorsThatNameThem)
{
    auto zero = parseDrying("strokes:0");
    ASSERT_FALSE(zero);
    EXPECT_NE(zero.error().message.find("0 strokes is out of range"), std::string::npos);
    auto word = parseDrying("seconds:soon");
    ASSERT_FALSE(word);
    EXPECT_NE(word.error().message.find("'soon' is not a number"), std::string::npos);
    auto mode = parseDrying("sometimes");
    ASSERT_FALSE(mode);
    EXPECT_NE(mode.error().message.find("sometimes"), std::string::npos);
    EXPECT_FALSE(parseDrying("seconds:1e9"));
    EXPECT_FALSE(parseDrying("seconds:nan"));
    EXPECT_FALSE(parseDrying("strokes:"));
}

TEST(PaintClock, OnlyMovesForwardAndRemembersWhenStrokesBegan)
{
    PaintClock clock;
    EXPECT_EQ(clock.strokes(), 0u);
    clock.setSeconds(5);
    EXPECT_EQ(clock.beginStroke(), 1u);
    clock.setSeconds(3);  // ignored
    EXPECT_EQ(clock.seconds(), 5.0);
    clock.setSeconds(8);
    EXPECT_EQ(clock.beginStroke(), 2u);
    EXPECT_EQ(clock.strokeSeconds(1), 5.0);
    EXPECT_EQ(clock.strokeSeconds(2), 8.0);
}

TEST(PaintClock, RestoreRefusesTimesOutOfOrder)
{
    PaintClock clock;
    EXPECT_TRUE(clock.restore(20, {1, 5, 5, 19}));
    EXPECT_EQ(clock.strokes(), 4u);
    EXPECT_FALSE(clock.restore(20, {5, 1}));
    EXPECT_FALSE(clock.restore(20, {30}));
    EXPECT_FALSE(clock.restore(-1, {}));
    EXPECT_EQ(clock.strokes(), 4u);  // a refused restore changes nothing
}

TEST(DocumentDrying, TheDocumentNeverDriesUnlessToldAndLayersInheritIt)
{
    auto doc = newDocument();
    const LayerId layer = firstLayer(*doc);
    EXPECT_EQ(doc->drying().mode, DryingMode::Never);
    EXPECT_EQ(doc->layer(layer)->properties().drying.mode, DryingMode::Inherit);
    ASSERT_TRUE(doc->setDrying({DryingMode::Strokes, 4}));
    EXPECT_EQ(doc->effectiveDrying(*doc->layer(layer)), (Drying{DryingMode::Strokes, 4}));
    ASSERT_TRUE(doc->setLayerDrying(layer, {DryingMode::Seconds, 30}));
    EXPECT_EQ(doc->effectiveDrying(*doc->layer(layer)), (Drying{DryingMode::Seconds, 30}));
    doc->undo();
    EXPECT_EQ(doc->effectiveDrying(*doc->layer(layer)), (Drying{DryingMode::Strokes, 4}));
    doc->undo();
    EXPECT_EQ(doc->drying().mode, DryingMode::Never);
    doc->redo();
    EXPECT_EQ(doc->drying(), (Drying{DryingMode::Strokes, 4}));
}

TEST(DocumentDrying, BadDryingIsRefusedAndChangesNothing)
{
    auto doc = newDocument();
    const LayerId layer = firstLayer(*doc);
    EXPECT_FALSE(doc->setDrying({DryingMode::Inherit, 0}));
    EXPECT_FALSE(doc->setDrying({DryingMode::Strokes, 0}));
    auto bad = doc->setLayerDrying(layer, {DryingMode::Seconds, -2});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("-2 seconds"), std::string::npos);
    EXPECT_EQ(doc->history().undoCount(), 0u);
}

TEST(DocumentDrying, WetAndDryLayerAreUndoable)
{
    auto doc = newDocument();
    const LayerId layer = firstLayer(*doc);
    {
        Transaction tx(*doc, "Fill");
        tx.target(layer)->fillRect({10, 10, 100, 20}, Pixel16{65535, 0, 0, 65535});
        tx.commit();
    }
    const WetStore& stamps = doc->layer(layer)->wetness();
    EXPECT_EQ(stamps.pixel(20, 20), kDry);  // filled, not painted wet
    ASSERT_TRUE(doc->wetLayer(layer));
    const WetStamp now = doc->clock().strokes();
    EXPECT_EQ(stamps.pixel(20, 20), now);
    EXPECT_EQ(stamps.tileCount(), doc->layer(layer)->tiles().tileCount());
    ASSERT_TRUE(doc->dryLayer(layer));
    EXPECT_EQ(stamps.pixel(20, 20), kDry);
    doc->undo();
    EXPECT_EQ(stamps.pixel(20, 20), now);
    doc->undo();
    EXPECT_EQ(stamps.pixel(20, 20), kDry);
    EXPECT_TRUE(stamps.isEmpty());
}

TEST(DocumentDrying, MergingKeepsTheWetterStampAndFlatteningTheWettest)
{
    auto doc = newDocument();
    const LayerId lower = firstLayer(*doc);
    const LayerId upper = *doc->addPaintLayer("Upper");
    auto stamp = [&](LayerId id, Rect r, WetStamp s) {
        Transaction tx(*doc, "Stamp");
        tx.target(id)->fillWetRect(r, s);
        tx.commit();
    };
    stamp(lower, {0, 0, 100, 100}, 7);
    stamp(upper, {50, 0, 100, 100}, 3);
    stamp(upper, {0, 50, 10, 10}, 9);
    ASSERT_TRUE(doc->setLayerProperties(upper, [&] {
        LayerProperties p = doc->layer(upper)->properties();
        p.offsetX = 5;
        return p;
    }()));
    auto flat = doc->flatten();
    ASSERT_TRUE(flat);
    const WetStore& f = doc->layer(*flat)->wetness();
    EXPECT_EQ(f.pixel(10, 10), 7u);
    EXPECT_EQ(f.pixel(60, 10), 7u);   // 7 beats the upper layer's 3
    EXPECT_EQ(f.pixel(120, 10), 3u);  // only the upper layer's
    EXPECT_EQ(f.pixel(6, 55), 9u);    // the upper layer's 9, moved by its offset
    EXPECT_EQ(f.pixel(2, 55), 7u);
    doc->undo();
    ASSERT_TRUE(doc->mergeDown(upper));
    const WetStore& m = doc->layer(lower)->wetness();
    EXPECT_EQ(m.pixel(60, 10), 7u);
    EXPECT_EQ(m.pixel(120, 10), 3u);
    EXPECT_EQ(m.pixel(6, 55), 9u);
    doc->undo();
    EXPECT_EQ(doc->layer(lower)->wetness().pixel(120, 10), kDry);
}

TEST(DocumentDrying, ADuplicateIsAsWetAsItsOriginal)
{
    auto doc = newDocument();
    const LayerId layer = firstLayer(*doc);
    {
        Transaction tx(*doc, "Stamp");
        tx.target(layer)->fillWetRect({0, 0, 64, 64}, 4);
        tx.commit();
    }
    const LayerId copy = *doc->duplicateLayer(layer);
    EXPECT_EQ(doc->layer(copy)->wetness().pixel(30, 30), 4u);
}
