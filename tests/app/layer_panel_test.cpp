// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/layer_panel.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QSignalSpy>
#include <QToolButton>
#include <QTreeWidget>

#include "core/document.h"
#include "tests/app/test_application.h"

namespace signe::app {
namespace {

class LayerPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        test::application();
        m_doc = core::Document::create(128, 128).value();
        m_bottom = m_doc->root().children()[0]->id();
        m_panel = std::make_unique<LayerPanel>();
        m_panel->setDocument(m_doc.get());
    }

    QToolButton* button(const char* name) const
    {
        auto* b = m_panel->findChild<QToolButton*>(QString::fromLatin1(name));
        EXPECT_NE(b, nullptr) << name;
        return b;
    }

    /// Names of the top-level layers, bottom to top (the document's order).
    std::vector<std::string> stack() const
    {
        std::vector<std::string> names;
        for (const auto& l : m_doc->root().children()) names.push_back(l->properties().name);
        return names;
    }

    /// Names shown in the list, top to bottom.
    std::vector<std::string> shown() const
    {
        std::vector<std::string> names;
        QTreeWidget* tree = m_panel->tree();
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            names.push_back(tree->topLevelItem(i)->text(0).toStdString());
        return names;
    }

    QTreeWidgetItem* item(const std::string& name) const
    {
        const auto found = m_panel->tree()->findItems(QString::fromStdString(name),
                                                      Qt::MatchExactly | Qt::MatchRecursive);
        return found.isEmpty() ? nullptr : found.first();
    }

    using Names = std::vector<std::string>;

    std::unique_ptr<core::Document> m_doc;  // declared first: outlives the panel
    core::LayerId m_bottom = core::kNoLayer;
    std::unique_ptr<LayerPanel> m_panel;
};

TEST_F(LayerPanelTest, ListsLayersTopToBottomAndSelectsTheTopOne)
{
    const core::LayerId a = m_doc->addPaintLayer("A").value();
    const core::LayerId b = m_doc->addPaintLayer("B").value();
    EXPECT_EQ(shown(), (Names{"B", "A", "Layer 1"}));
    EXPECT_EQ(m_panel->currentLayer(), m_bottom);  // the list follows, the choice stays

    LayerPanel fresh;
    fresh.setDocument(m_doc.get());
    EXPECT_EQ(fresh.currentLayer(), b);
    fresh.setDocument(nullptr);
    (void)a;
}

TEST_F(LayerPanelTest, SelectingAnItemSetsTheCurrentLayer)
{
    const core::LayerId a = m_doc->addPaintLayer("A").value();
    QSignalSpy changed(m_panel.get(), &LayerPanel::currentLayerChanged);
    m_panel->tree()->setCurrentItem(item("A"));
    EXPECT_EQ(m_panel->currentLayer(), a);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed[0][0].value<core::LayerId>(), a);
}

TEST_F(LayerPanelTest, AddButtonAddsALayerAboveTheCurrentOneUndoably)
{
    m_doc->addPaintLayer("Top").value();
    m_panel->setCurrentLayer(m_bottom);
    QSignalSpy changed(m_panel.get(), &LayerPanel::currentLayerChanged);
    QSignalSpy about(m_panel.get(), &LayerPanel::aboutToChangeDocument);

    button("addLayerButton")->click();

    EXPECT_EQ(stack(), (Names{"Layer 1", "Layer 3", "Top"}));
    EXPECT_EQ(shown(), (Names{"Top", "Layer 3", "Layer 1"}));
    const core::LayerId added = m_doc->root().children()[1]->id();
    EXPECT_EQ(m_panel->currentLayer(), added);
    EXPECT_EQ(m_panel->tree()->currentItem()->text(0), "Layer 3");
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(about.count(), 1);

    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "Top"}));
    EXPECT_EQ(shown(), (Names{"Top", "Layer 1"}));
    EXPECT_NE(m_panel->currentLayer(), added);  // it is gone: another layer is chosen

    ASSERT_TRUE(m_doc->redo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "Layer 3", "Top"}));
}

TEST_F(LayerPanelTest, VisibilityCheckBoxHidesUndoably)
{
    QTreeWidgetItem* it = item("Layer 1");
    ASSERT_NE(it, nullptr);
    EXPECT_EQ(it->checkState(0), Qt::Checked);

    it->setCheckState(0, Qt::Unchecked);
    QCoreApplication::processEvents();  // the list rebuilds after the item's own signal

    EXPECT_FALSE(m_doc->layer(m_bottom)->properties().visible);
    EXPECT_EQ(m_doc->history().count(), 1u);
    EXPECT_EQ(item("Layer 1")->checkState(0), Qt::Unchecked);

    ASSERT_TRUE(m_doc->undo());
    EXPECT_TRUE(m_doc->layer(m_bottom)->properties().visible);
    EXPECT_EQ(item("Layer 1")->checkState(0), Qt::Checked);
    ASSERT_TRUE(m_doc->redo());
    EXPECT_EQ(item("Layer 1")->checkState(0), Qt::Unchecked);
}

TEST_F(LayerPanelTest, UpAndDownReorderUndoably)
{
    const core::LayerId a = m_doc->addPaintLayer("A").value();
    m_doc->addPaintLayer("B").value();
    m_panel->setCurrentLayer(a);
    QToolButton* up = button("layerUpButton");
    QToolButton* down = button("layerDownButton");
    EXPECT_TRUE(up->isEnabled());
    EXPECT_TRUE(down->isEnabled());

    up->click();
    EXPECT_EQ(stack(), (Names{"Layer 1", "B", "A"}));
    EXPECT_EQ(shown(), (Names{"A", "B", "Layer 1"}));
    EXPECT_EQ(m_panel->currentLayer(), a);
    EXPECT_FALSE(up->isEnabled());  // already on top

    down->click();
    down->click();
    EXPECT_EQ(stack(), (Names{"A", "Layer 1", "B"}));
    EXPECT_FALSE(down->isEnabled());
    EXPECT_EQ(m_doc->history().count(), 5u);  // two adds, three moves

    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "A", "B"}));
    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "B", "A"}));
    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "A", "B"}));
    EXPECT_EQ(shown(), (Names{"B", "A", "Layer 1"}));
    ASSERT_TRUE(m_doc->redo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "B", "A"}));
}

TEST_F(LayerPanelTest, RemoveButtonRemovesUndoablyAndSelectsTheLayerBelow)
{
    const core::LayerId a = m_doc->addPaintLayer("A").value();
    m_doc->addPaintLayer("B").value();
    m_panel->setCurrentLayer(a);

    button("removeLayerButton")->click();
    EXPECT_EQ(stack(), (Names{"Layer 1", "B"}));
    EXPECT_EQ(m_panel->currentLayer(), m_bottom);

    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(stack(), (Names{"Layer 1", "A", "B"}));
    EXPECT_EQ(shown(), (Names{"B", "A", "Layer 1"}));
}

TEST_F(LayerPanelTest, RemovingALockedLayerReportsWhy)
{
    core::LayerProperties p = m_doc->layer(m_bottom)->properties();
    p.editLock = true;
    ASSERT_TRUE(m_doc->setLayerProperties(m_bottom, p));
    QSignalSpy messages(m_panel.get(), &LayerPanel::statusMessage);
    button("removeLayerButton")->click();
    EXPECT_EQ(stack(), (Names{"Layer 1"}));
    EXPECT_EQ(m_panel->currentLayer(), m_bottom);
    EXPECT_EQ(messages.count(), 1);
}

TEST_F(LayerPanelTest, EditingTheNameRenamesUndoably)
{
    item("Layer 1")->setText(0, "Sketch");
    QCoreApplication::processEvents();
    EXPECT_EQ(m_doc->layer(m_bottom)->properties().name, "Sketch");
    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(shown(), (Names{"Layer 1"}));

    item("Layer 1")->setText(0, "  ");  // refused
    QCoreApplication::processEvents();
    EXPECT_EQ(m_doc->layer(m_bottom)->properties().name, "Layer 1");
    EXPECT_EQ(shown(), (Names{"Layer 1"}));
}

TEST_F(LayerPanelTest, ShowsGroupsAsBranches)
{
    const core::LayerId group = m_doc->addGroup("Group").value();
    m_doc->addPaintLayer("Inside", group).value();
    QTreeWidgetItem* branch = item("Group");
    ASSERT_NE(branch, nullptr);
    ASSERT_EQ(branch->childCount(), 1);
    EXPECT_EQ(branch->child(0)->text(0), "Inside");
    EXPECT_TRUE(branch->isExpanded());

    // A layer added while one inside the group is current goes into the group.
    m_panel->setCurrentLayer(m_doc->layer(group)->children()[0]->id());
    button("addLayerButton")->click();
    EXPECT_EQ(m_doc->layer(group)->children().size(), 2u);
}

TEST_F(LayerPanelTest, FollowsChangesMadeElsewhere)
{
    m_doc->addPaintLayer("From a script").value();
    EXPECT_EQ(shown(), (Names{"From a script", "Layer 1"}));
    ASSERT_TRUE(m_doc->setLayerVisible(m_bottom, false));
    EXPECT_EQ(item("Layer 1")->checkState(0), Qt::Unchecked);
    ASSERT_TRUE(m_doc->undo());
    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(shown(), (Names{"Layer 1"}));
    EXPECT_EQ(item("Layer 1")->checkState(0), Qt::Checked);
}

}  // namespace
}  // namespace signe::app
