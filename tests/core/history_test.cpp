// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history.h"

#include <gtest/gtest.h>

#include "core/document.h"
#include "core/transaction.h"

using namespace signe::core;

namespace {

std::unique_ptr<Document> newDoc() { return std::move(*Document::create(1024, 1024)); }
LayerId firstLayer(const Document& doc) { return doc.root().children().at(0)->id(); }

/// Paints a tile-sized noisy square so tiles stay full (not compacted to one value).
void paintTile(Document& doc, LayerId id, TileCoord c, std::uint16_t seed, const char* name)
{
    std::vector<Pixel16> px(kTilePixels);
    for (int i = 0; i < kTilePixels; ++i)
        px[std::size_t(i)] = {std::uint16_t(seed + i), 0, 0, 65535};
    Transaction tx(doc, name);
    tx.target(id)->writeRect(c.pixelRect(), px.data(), kTileSize);
    tx.commit();
}

}  // namespace

TEST(History, EntriesAreNamedAndUndoneInOrder)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    paintTile(*doc, id, {0, 0}, 1, "First");
    paintTile(*doc, id, {0, 0}, 2, "Second");
    EXPECT_EQ(doc->history().names(), (std::vector<std::string>{"First", "Second"}));
    EXPECT_EQ(doc->history().undoName(), "Second");
    doc->undo();
    EXPECT_EQ(doc->layer(id)->tiles().pixel(0, 0).r, 1);
    EXPECT_EQ(doc->history().redoName(), "Second");
    doc->undo();
    EXPECT_EQ(doc->layer(id)->tiles().tileCount(), 0u);
    EXPECT_FALSE(doc->undo());
    doc->redo();
    doc->redo();
    EXPECT_EQ(doc->layer(id)->tiles().pixel(0, 0).r, 2);
    EXPECT_FALSE(doc->redo());
}

TEST(History, NewChangeAfterUndoDropsRedoBranch)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    paintTile(*doc, id, {0, 0}, 1, "A");
    paintTile(*doc, id, {0, 0}, 2, "B");
    doc->undo();
    paintTile(*doc, id, {0, 0}, 3, "C");
    EXPECT_EQ(doc->history().names(), (std::vector<std::string>{"A", "C"}));
    EXPECT_FALSE(doc->history().canRedo());
}

TEST(History, EntryCostsMemoryOnlyForTilesItChanged)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    for (int x = 0; x < 16; ++x) paintTile(*doc, id, {x, 0}, 1, "Fill");  // 16 tiles
    const std::size_t base = doc->history().memoryBytes();
    paintTile(*doc, id, {3, 0}, 9, "One tile");
    const std::size_t entry = doc->history().memoryBytes() - base;
    // The entry keeps the one old tile (32 KiB) plus bookkeeping, not the 16-tile layer.
    EXPECT_GE(entry, std::size_t(kTilePixels) * 8);
    EXPECT_LT(entry, std::size_t(kTilePixels) * 8 + 1024);
}

TEST(History, BudgetDropsOldestEntriesButKeepsTheNewest)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    doc->history().setMemoryBudget(3 * 40000);  // room for about three tile snapshots
    for (int i = 0; i < 10; ++i)
        paintTile(*doc, id, {0, 0}, std::uint16_t(i * 10), ("Step " + std::to_string(i)).c_str());
    EXPECT_LE(doc->history().memoryBytes(), 3u * 40000u);
    EXPECT_LT(doc->history().count(), 10u);
    EXPECT_EQ(doc->history().names().back(), "Step 9");
    while (doc->undo()) {
    }
    // The oldest kept entry restores the state before it, not the empty layer.
    EXPECT_NE(doc->layer(id)->tiles().tileCount(), 0u);

    doc->history().setMemoryBudget(1);
    EXPECT_EQ(doc->history().count(), 1u) << "a tiny budget still keeps the newest entry";
    EXPECT_EQ(History::kDefaultBudgetBytes, std::size_t(2) << 30);
}

TEST(History, EveryLayerOperationIsOneEntry)
{
    auto doc = newDoc();
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    ASSERT_TRUE(doc->renameLayer(b, "C"));
    ASSERT_TRUE(doc->duplicateLayer(b));
    ASSERT_TRUE(doc->moveLayer(a, kNoLayer, -1));
    ASSERT_TRUE(doc->setLayerVisible(a, false));
    ASSERT_TRUE(doc->removeLayer(b));
    EXPECT_EQ(doc->history().count(), 6u);
    while (doc->undo()) {
    }
    ASSERT_EQ(doc->root().children().size(), 1u);
    EXPECT_EQ(doc->root().children()[0]->id(), a);
    EXPECT_TRUE(doc->layer(a)->properties().visible);
}

TEST(History, ListenersHearEveryChangeUntilRemoved)
{
    auto doc = newDoc();
    int first = 0, second = 0;
    const int handle = doc->history().addListener([&] { ++first; });
    doc->history().addListener([&] { ++second; });
    ASSERT_TRUE(doc->addPaintLayer("A"));
    doc->undo();
    doc->redo();
    EXPECT_EQ(first, 3);
    EXPECT_EQ(second, 3);
    doc->history().removeListener(handle);
    doc->undo();
    EXPECT_EQ(first, 3);
    EXPECT_EQ(second, 4);
}
