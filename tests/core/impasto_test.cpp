// SPDX-License-Identifier: GPL-3.0-or-later
// Impasto in the document: the thickness channel, its undo, layer operations and the light.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/document.h"
#include "core/height_field.h"
#include "core/transaction.h"

using namespace signe::core;

namespace {

std::unique_ptr<Document> newDoc(int w = 256, int h = 256)
{
    return std::move(*Document::create(w, h));
}
LayerId firstLayer(const Document& doc)
{
    return doc.root().children().at(0)->id();
}

void deposit(Document& doc, LayerId id, const Rect& r, Thickness16 value)
{
    Transaction tx(doc, "Impasto");
    auto target = tx.target(id);
    ASSERT_TRUE(target.has_value()) << target.error().message;
    target->fillThicknessRect(r, value);
    tx.commit();
}

Thickness16 thicknessAt(const Document& doc, LayerId id, int x, int y)
{
    return doc.layer(id)->thickness().pixel(x, y);
}

/// Everything the region listeners hear, for dirty-rule tests.
struct Regions {
    std::vector<Rect> rects;
    Rect united() const
    {
        Rect r;
        for (const Rect& x : rects) r = r.united(x);
        return r;
    }
};

}  // namespace

TEST(ThicknessStore, IsSparseAndTwoBytesAPixel)
{
    ThicknessStore store;
    EXPECT_EQ(store.memoryBytes(), 0u);
    store.fillRect({0, 0, 64, 64}, 1000);  // a whole tile: kept as one value
    EXPECT_EQ(store.tileCount(), 1u);
    EXPECT_TRUE(store.peek({0, 0})->isUniform());
    store.fillRect({64, 0, 10, 10}, 2000);  // part of a tile: 64x64 samples of 2 bytes
    EXPECT_FALSE(store.peek({1, 0})->isUniform());
    EXPECT_EQ(store.peek({1, 0})->memoryBytes(), sizeof(ThicknessTile) + 8192u);
    EXPECT_EQ(store.pixel(70, 5), 2000);
    EXPECT_EQ(store.pixel(75, 5), 0);
    store.fillRect({64, 0, 10, 10}, 0);  // back to nothing: the tile goes
    EXPECT_EQ(store.tileCount(), 1u);
    EXPECT_EQ(store.bounds(), (Rect{0, 0, 64, 64}));
}

TEST(ThicknessStore, ALayerWithoutImpastoStoresNoThickness)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    Transaction tx(*doc, "paint");
    tx.target(id)->fillRect({0, 0, 200, 200}, {100, 100, 100, 65535});
    tx.commit();
    EXPECT_TRUE(doc->layer(id)->thickness().isEmpty());
    EXPECT_EQ(doc->layer(id)->thickness().memoryBytes(), 0u);
    EXPECT_TRUE(doc->root().thicknessBounds().isEmpty());
}

TEST(ThicknessStore, WritesCopyOnlyTheSharedTile)
{
    ThicknessStore store;
    store.fillRect({0, 0, 10, 10}, 500);
    store.fillRect({64, 0, 10, 10}, 600);
    const ThicknessTilePtr kept = store.tile({0, 0});
    const ThicknessTile* untouched = store.peek({1, 0});
    store.writableTile({0, 0}).pixels()[0] = 9;
    EXPECT_EQ(kept->pixel(0, 0), 500) << "the snapshot never changes";
    EXPECT_EQ(store.pixel(0, 0), 9);
    EXPECT_EQ(store.peek({1, 0}), untouched);
}

TEST(ImpastoTransaction, ThicknessEditsDoUndoRedo)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    {
        Transaction tx(*doc, "Knife");
        auto target = tx.target(id);
        ASSERT_TRUE(target);
        ThicknessTile& t = target->writableThicknessTile({1, 1});
        for (int i = 0; i < kTilePixels; ++i) t.pixels()[i] = Thickness16(i * 16);
        target->markThicknessDirty({64, 64, 64, 64});
        target->fillRect({0, 0, 10, 10}, {1, 2, 3, 65535});  // colour in the same entry
        EXPECT_TRUE(tx.commit());
    }
    EXPECT_EQ(doc->history().count(), 1u);
    EXPECT_EQ(thicknessAt(*doc, id, 64 + 5, 64 + 2), Thickness16((2 * 64 + 5) * 16));
    doc->undo();
    EXPECT_TRUE(doc->layer(id)->thickness().isEmpty());
    EXPECT_TRUE(doc->layer(id)->tiles().isEmpty());
    doc->redo();
    EXPECT_EQ(thicknessAt(*doc, id, 64 + 5, 64 + 2), Thickness16((2 * 64 + 5) * 16));
    EXPECT_EQ(doc->layer(id)->tiles().pixel(1, 1), (Pixel16{1, 2, 3, 65535}));

    // A second edit over the first: undo goes back to the first, exactly.
    const ThicknessTilePtr first = doc->layer(id)->thickness().tile({1, 1});
    deposit(*doc, id, {60, 60, 20, 20}, 40000);
    EXPECT_EQ(thicknessAt(*doc, id, 70, 70), 40000);
    doc->undo();
    EXPECT_EQ(doc->layer(id)->thickness().tile({1, 1}), first) << "the very same tile back";
    EXPECT_TRUE(doc->layer(id)->thickness().peek({0, 0}) == nullptr);
}

TEST(ImpastoTransaction, ThicknessOnlyChangeMakesAnEntryAndRollsBack)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    {
        Transaction tx(*doc, "Abandoned");
        tx.target(id)->fillThicknessRect({0, 0, 100, 100}, 7);
        EXPECT_EQ(thicknessAt(*doc, id, 99, 99), 7);
    }
    EXPECT_TRUE(doc->layer(id)->thickness().isEmpty());
    EXPECT_EQ(doc->history().count(), 0u);
    {
        Transaction tx(*doc, "Nothing");
        tx.target(id)->fillThicknessRect({0, 0, 10, 10}, 0);  // none on none
        EXPECT_FALSE(tx.commit());
    }
    deposit(*doc, id, {0, 0, 10, 10}, 300);
    EXPECT_EQ(doc->history().count(), 1u);
    EXPECT_EQ(doc->history().undoName(), "Impasto");
}

TEST(ImpastoTransaction, HistoryCountsTheThicknessItKeeps)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    deposit(*doc, id, {0, 0, 10, 10}, 300);
    const std::size_t one = doc->history().memoryBytes();
    deposit(*doc, id, {0, 0, 10, 10}, 600);  // keeps the first partial tile (8 KiB) alive
    EXPECT_GE(doc->history().memoryBytes() - one, 8192u);
}

TEST(ImpastoLayers, DuplicateSharesThicknessAndRemoveUndoKeepsIt)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    deposit(*doc, id, {0, 0, 30, 30}, 1234);
    const LayerId copy = *doc->duplicateLayer(id);
    EXPECT_EQ(doc->layer(copy)->thickness().peek({0, 0}), doc->layer(id)->thickness().peek({0, 0}));
    deposit(*doc, copy, {0, 0, 5, 5}, 99);
    EXPECT_EQ(thicknessAt(*doc, id, 1, 1), 1234) << "copy-on-write";
    EXPECT_EQ(thicknessAt(*doc, copy, 1, 1), 99);

    ASSERT_TRUE(doc->removeLayer(id));
    EXPECT_EQ(doc->layer(id), nullptr);
    doc->undo();
    EXPECT_EQ(thicknessAt(*doc, id, 20, 20), 1234);
}

TEST(ImpastoLayers, MergeDownAddsThicknessTimesOpacityClampedAndUndoes)
{
    auto doc = newDoc();
    const LayerId lower = firstLayer(*doc);
    const LayerId upper = *doc->addPaintLayer("Upper");
    deposit(*doc, lower, {0, 0, 100, 100}, 1000);
    deposit(*doc, upper, {50, 0, 100, 50}, 3000);
    deposit(*doc, upper, {0, 90, 10, 10}, 65000);  // clamps where it meets the lower's 1000
    ASSERT_TRUE(doc->setLayerOpacity(upper, 0.5f));
    LayerProperties p = doc->layer(upper)->properties();
    p.offsetX = 3;  // unaligned: layer tiles straddle the lower layer's
    ASSERT_TRUE(doc->setLayerProperties(upper, p));

    ASSERT_TRUE(doc->mergeDown(upper));
    EXPECT_EQ(doc->layer(upper), nullptr);
    EXPECT_EQ(thicknessAt(*doc, lower, 10, 10), 1000);         // lower only
    EXPECT_EQ(thicknessAt(*doc, lower, 60, 10), 1000 + 1500);  // both
    EXPECT_EQ(thicknessAt(*doc, lower, 52, 10), 1000) << "offset: the upper starts at x 53";
    EXPECT_EQ(thicknessAt(*doc, lower, 53, 10), 1000 + 1500);
    EXPECT_EQ(thicknessAt(*doc, lower, 140, 10), 1500);  // upper only
    EXPECT_EQ(thicknessAt(*doc, lower, 5, 95), 1000 + 32500);
    doc->undo();
    EXPECT_EQ(thicknessAt(*doc, lower, 60, 10), 1000);
    EXPECT_EQ(thicknessAt(*doc, upper, 57, 10), 3000);
    doc->redo();
    EXPECT_EQ(thicknessAt(*doc, lower, 60, 10), 2500);

    // Clamping: two full-scale layers merge to full scale.
    const LayerId top = *doc->addPaintLayer("Top");
    deposit(*doc, lower, {200, 200, 4, 4}, 65535);
    deposit(*doc, top, {200, 200, 4, 4}, 65535);
    ASSERT_TRUE(doc->mergeDown(top));
    EXPECT_EQ(thicknessAt(*doc, lower, 201, 201), kThicknessFull);
}

TEST(ImpastoLayers, MergingAHiddenLayerAddsNoThickness)
{
    auto doc = newDoc();
    const LayerId lower = firstLayer(*doc);
    const LayerId upper = *doc->addPaintLayer("Upper");
    deposit(*doc, upper, {0, 0, 10, 10}, 3000);
    ASSERT_TRUE(doc->setLayerVisible(upper, false));
    ASSERT_TRUE(doc->mergeDown(upper));
    EXPECT_TRUE(doc->layer(lower)->thickness().isEmpty());
}

TEST(ImpastoLayers, FlattenKeepsTheShownHeight)
{
    auto doc = newDoc();
    const LayerId a = firstLayer(*doc);
    const LayerId g = *doc->addGroup("G");
    const LayerId b = *doc->addPaintLayer("B", g);
    const LayerId hidden = *doc->addPaintLayer("Hidden");
    deposit(*doc, a, {0, 0, 64, 64}, 1000);
    deposit(*doc, b, {32, 0, 64, 64}, 4000);
    deposit(*doc, hidden, {0, 0, 256, 256}, 9999);
    ASSERT_TRUE(doc->setLayerVisible(hidden, false));
    ASSERT_TRUE(doc->setLayerOpacity(g, 0.5f));
    ASSERT_TRUE(doc->setLayerOpacity(b, 0.5f));

    const LayerId flat = *doc->flatten();
    EXPECT_EQ(thicknessAt(*doc, flat, 10, 10), 1000);
    EXPECT_EQ(thicknessAt(*doc, flat, 40, 10), 1000 + 1000) << "4000 x 0.5 x 0.5";
    EXPECT_EQ(thicknessAt(*doc, flat, 90, 10), 1000);
    EXPECT_EQ(thicknessAt(*doc, flat, 200, 200), 0) << "hidden layers count nothing";
    doc->undo();
    EXPECT_EQ(thicknessAt(*doc, b, 40, 10), 4000);
}

TEST(HeightField, SumsVisibleLayersTimesOpacityThroughOffsets)
{
    auto doc = newDoc();
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    deposit(*doc, a, {0, 0, 10, 10}, 100);
    deposit(*doc, b, {0, 0, 10, 10}, 1000);
    LayerProperties p = doc->layer(b)->properties();
    p.offsetX = -5;
    p.opacity = 0.25f;
    ASSERT_TRUE(doc->setLayerProperties(b, p));
    std::vector<float> out(20, 0.0f);
    ASSERT_TRUE(accumulateThickness(doc->root(), {0, 0, 20, 1}, 2.0f, out.data(), 20));
    EXPECT_FLOAT_EQ(out[0], 2.0f * (100 + 250));
    EXPECT_FLOAT_EQ(out[4], 2.0f * (100 + 250));
    EXPECT_FLOAT_EQ(out[5], 2.0f * 100);
    EXPECT_FLOAT_EQ(out[10], 0.0f);
    std::vector<float> none(4, 0.0f);
    EXPECT_FALSE(accumulateThickness(doc->root(), {100, 100, 4, 1}, 1.0f, none.data(), 4));
}

TEST(DocumentLight, IsUndoableAndValidated)
{
    auto doc = newDoc();
    const Light initial = doc->light();
    EXPECT_TRUE(initial.enabled);
    Light l = initial;
    l.azimuth = -90.0f;  // stored as 270
    l.elevation = 30.0f;
    l.shine = 0.5f;
    ASSERT_TRUE(doc->setLight(l));
    EXPECT_EQ(doc->light().azimuth, 270.0f);
    EXPECT_EQ(doc->history().undoName(), "Light");
    ASSERT_TRUE(doc->setLightEnabled(false));
    EXPECT_EQ(doc->history().undoName(), "Hide relief");
    EXPECT_FALSE(doc->light().enabled);
    doc->undo();
    EXPECT_TRUE(doc->light().enabled);
    doc->undo();
    EXPECT_EQ(doc->light(), initial);
    doc->redo();
    EXPECT_EQ(doc->light().elevation, 30.0f);

    const std::size_t entries = doc->history().count();
    ASSERT_TRUE(doc->setLight(doc->light()));  // no change, no entry
    EXPECT_EQ(doc->history().count(), entries);

    using Edit = void (*)(Light&);
    for (Edit bad :
         {Edit([](Light& x) { x.elevation = 2.0f; }), Edit([](Light& x) { x.strength = 1.5f; }),
          Edit([](Light& x) { x.shine = NAN; }), Edit([](Light& x) { x.azimuth = INFINITY; }),
          Edit([](Light& x) { x.shininess = 0.0f; }), Edit([](Light& x) { x.relief = -1.0f; })}) {
        Light wrong = doc->light();
        bad(wrong);
        auto result = doc->setLight(wrong);
        ASSERT_FALSE(result);
        EXPECT_NE(result.error().message.find("light "), std::string::npos);
    }
    EXPECT_EQ(doc->history().count(), entries);
    auto result = doc->setLight([] {
        Light x;
        x.elevation = 2.0f;
        return x;
    }());
    EXPECT_EQ(result.error().message,
              "light elevation 2 is out of range: it must be 5 to 90 degrees");
}

TEST(DocumentLight, ChangesDirtyOnlyTheReliefAndItsBorder)
{
    auto doc = newDoc(512, 512);
    const LayerId id = firstLayer(*doc);
    deposit(*doc, id, {100, 100, 10, 10}, 5000);  // thickness bounds: tile (1, 1)
    Regions heard;
    doc->addRegionListener([&](const Rect& r) { heard.rects.push_back(r); });

    Light l = doc->light();
    l.azimuth = 90.0f;
    ASSERT_TRUE(doc->setLight(l));
    EXPECT_EQ(heard.united(), (Rect{63, 63, 66, 66}));

    heard.rects.clear();
    ASSERT_TRUE(doc->setLightEnabled(false));
    EXPECT_EQ(heard.united(), (Rect{63, 63, 66, 66}));

    // Off: a thickness edit shows nothing, so nothing is dirty; on again, it is.
    heard.rects.clear();
    deposit(*doc, id, {300, 300, 5, 5}, 5000);
    EXPECT_TRUE(heard.rects.empty());
    l.enabled = false;
    l.azimuth = 10.0f;
    ASSERT_TRUE(doc->setLight(l));
    EXPECT_TRUE(heard.rects.empty()) << "changing a light that is off shows nothing";
    ASSERT_TRUE(doc->setLightEnabled(true));
    EXPECT_EQ(heard.united(), (Rect{63, 63, 320 - 63 + 1, 320 - 63 + 1}));

    // On: a thickness edit dirties its rectangle and the one-pixel ring round it.
    heard.rects.clear();
    deposit(*doc, id, {10, 20, 5, 6}, 700);
    ASSERT_EQ(heard.rects.size(), 1u);
    EXPECT_EQ(heard.rects[0], (Rect{9, 19, 7, 8}));
    heard.rects.clear();
    doc->undo();
    EXPECT_EQ(heard.united(), (Rect{-1, -1, 66, 66}).intersected(doc->bounds()))
        << "undo restores whole tiles";

    // Hiding a layer with relief relights its thickness and the ring round it.
    heard.rects.clear();
    ASSERT_TRUE(doc->setLayerVisible(id, false));
    EXPECT_EQ(heard.united(), (Rect{63, 63, 320 - 63 + 1, 320 - 63 + 1}));
}
