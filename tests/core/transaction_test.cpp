// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/transaction.h"

#include <gtest/gtest.h>

using namespace signe::core;

namespace {
std::unique_ptr<Document> newDoc() { return std::move(*Document::create(512, 512)); }
LayerId firstLayer(const Document& doc) { return doc.root().children().at(0)->id(); }
constexpr Pixel16 kInk{100, 200, 300, 65535};
}  // namespace

TEST(Transaction, CommitMakesOneEntryDoUndoRedo)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    {
        Transaction tx(*doc, "Brush stroke");
        auto target = tx.target(id);
        ASSERT_TRUE(target);
        target->fillRect({0, 0, 10, 10}, kInk);
        target->fillRect({100, 100, 10, 10}, kInk);
        EXPECT_TRUE(tx.commit());
    }
    EXPECT_EQ(doc->history().count(), 1u);
    EXPECT_EQ(doc->history().undoName(), "Brush stroke");
    EXPECT_EQ(doc->layer(id)->tiles().pixel(105, 105), kInk);
    doc->undo();
    EXPECT_EQ(doc->layer(id)->tiles().tileCount(), 0u);
    doc->redo();
    EXPECT_EQ(doc->layer(id)->tiles().pixel(5, 5), kInk);
    EXPECT_EQ(doc->layer(id)->tiles().pixel(105, 105), kInk);
}

TEST(Transaction, LeavingScopeWithoutCommitRollsBack)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    {
        Transaction tx(*doc, "Abandoned");
        tx.target(id)->fillRect({0, 0, 300, 300}, kInk);
        EXPECT_EQ(doc->layer(id)->tiles().pixel(299, 299), kInk);
    }
    EXPECT_EQ(doc->layer(id)->tiles().tileCount(), 0u);
    EXPECT_EQ(doc->history().count(), 0u);
}

TEST(Transaction, NoChangeMakesNoEntry)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    Transaction tx(*doc, "Nothing");
    tx.target(id)->fillRect({0, 0, 10, 10}, Pixel16{});  // transparent on transparent
    EXPECT_FALSE(tx.commit());
    EXPECT_EQ(doc->history().count(), 0u);
}

TEST(Transaction, GroupsAndMissingLayersAreErrors)
{
    auto doc = newDoc();
    const LayerId g = *doc->addGroup("G");
    Transaction tx(*doc, "x");
    auto onGroup = tx.target(g);
    ASSERT_FALSE(onGroup);
    EXPECT_NE(onGroup.error().message.find("group"), std::string::npos);
    auto missing = tx.target(424242);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("424242"), std::string::npos);
}

TEST(Transaction, SeveralLayersInOneEntry)
{
    auto doc = newDoc();
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    Transaction tx(*doc, "Both");
    tx.target(a)->fillRect({0, 0, 5, 5}, kInk);
    tx.target(b)->fillRect({0, 0, 5, 5}, kInk);
    tx.commit();
    doc->undo();
    EXPECT_EQ(doc->layer(a)->tiles().tileCount(), 0u);
    EXPECT_EQ(doc->layer(b)->tiles().tileCount(), 0u);
}
