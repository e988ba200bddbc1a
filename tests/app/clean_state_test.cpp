// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/clean_state.h"

#include <gtest/gtest.h>

#include "core/document.h"
#include "core/transaction.h"

namespace signe::app {
namespace {

class CleanStateTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_doc = core::Document::create(64, 64).value();
        m_clean.attach(&m_doc->history());
    }
    void TearDown() override { m_clean.attach(nullptr); }

    void edit(const char* name) { ASSERT_TRUE(m_doc->addPaintLayer(name)); }

    std::unique_ptr<core::Document> m_doc;
    CleanState m_clean;
};

TEST_F(CleanStateTest, UndoBackToTheSaveIsClean)
{
    EXPECT_TRUE(m_clean.isClean());
    edit("A");
    EXPECT_FALSE(m_clean.isClean());
    m_clean.markClean();
    EXPECT_TRUE(m_clean.isClean());
    edit("B");
    EXPECT_FALSE(m_clean.isClean());
    m_clean.undo(*m_doc);
    EXPECT_TRUE(m_clean.isClean());
    m_clean.undo(*m_doc);
    EXPECT_FALSE(m_clean.isClean());
    m_clean.redo(*m_doc);
    EXPECT_TRUE(m_clean.isClean());
    m_clean.redo(*m_doc);
    EXPECT_FALSE(m_clean.isClean());
}

TEST_F(CleanStateTest, ANewEntryAfterUndoLosesTheSavedStateForGood)
{
    edit("A");
    edit("B");
    m_clean.markClean();  // saved with A and B
    m_clean.undo(*m_doc);
    edit("C");  // same entry count as the save, different document
    EXPECT_FALSE(m_clean.isClean());
    m_clean.undo(*m_doc);
    EXPECT_FALSE(m_clean.isClean());
    EXPECT_FALSE(m_clean.redo(*m_doc) && m_clean.isClean());
}

TEST_F(CleanStateTest, MarkingAnEarlierStateKeepsLaterEditsModified)
{
    edit("A");
    const CleanState::StateId saving = m_clean.current();  // the snapshot is taken here
    edit("B");                                             // painted while the save ran
    m_clean.markClean(saving);
    EXPECT_FALSE(m_clean.isClean());
    m_clean.undo(*m_doc);
    EXPECT_TRUE(m_clean.isClean());
}

TEST_F(CleanStateTest, NeverSavedStaysModifiedUntilMarked)
{
    m_clean.markNeverSaved();
    EXPECT_FALSE(m_clean.isClean());
    edit("A");
    m_clean.undo(*m_doc);
    EXPECT_FALSE(m_clean.isClean());
    m_clean.markClean();
    EXPECT_TRUE(m_clean.isClean());
}

TEST_F(CleanStateTest, FollowsEntriesDroppedForMemory)
{
    // A budget no entry fits: History keeps only the newest entry after each push.
    m_doc->history().setMemoryBudget(0);
    m_clean.attach(&m_doc->history());
    const core::LayerId layer = m_doc->root().children().front()->id();
    auto paint = [&](std::uint16_t v) {
        core::Transaction tx(*m_doc, "Fill");
        tx.target(layer)->fillRect({0, 0, 64, 64}, {v, v, v, 65535});
        tx.commit();
    };
    paint(100);
    paint(200);
    m_clean.markClean();
    paint(300);
    EXPECT_EQ(m_doc->history().count(), 1u);
    EXPECT_FALSE(m_clean.isClean());
    m_clean.undo(*m_doc);
    EXPECT_TRUE(m_clean.isClean());
    m_clean.redo(*m_doc);
    EXPECT_FALSE(m_clean.isClean());
}

TEST_F(CleanStateTest, ReportsEveryChange)
{
    int calls = 0;
    m_clean.setOnChanged([&] { ++calls; });
    edit("A");
    m_clean.undo(*m_doc);
    m_clean.markClean();
    EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace signe::app
