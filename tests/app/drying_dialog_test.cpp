// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/drying_dialog.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDoubleSpinBox>

#include "app/canvas_widget.h"
#include "app/main_window.h"
#include "core/transaction.h"
#include "test_application.h"

namespace signe::app {
namespace {

using core::Drying;
using core::DryingMode;

std::unique_ptr<core::Document> document()
{
    return std::move(*core::Document::create(64, 64));
}

void choose(QComboBox* box, DryingMode mode)
{
    const int index = box->findData(int(mode));
    ASSERT_GE(index, 0);
    box->setCurrentIndex(index);
}

TEST(DryingDialog, ShowsTheSettingsAndRecordsWhatChanged)
{
    test::application();
    auto doc = document();
    const core::LayerId layer = doc->root().children()[0]->id();
    DryingDialog dialog(*doc, layer);
    EXPECT_EQ(dialog.documentDrying().mode, DryingMode::Never);
    EXPECT_EQ(dialog.layerDrying().mode, DryingMode::Inherit);
    EXPECT_FALSE(dialog.documentAmount()->isEnabled());
    choose(dialog.documentMode(), DryingMode::Strokes);
    EXPECT_TRUE(dialog.documentAmount()->isEnabled());
    dialog.documentAmount()->setValue(3);
    choose(dialog.layerMode(), DryingMode::Seconds);
    dialog.layerAmount()->setValue(45.5);
    const std::size_t steps = doc->history().count();
    dialog.accept();
    EXPECT_EQ(doc->drying(), (Drying{DryingMode::Strokes, 3}));
    EXPECT_EQ(doc->layer(layer)->properties().drying, (Drying{DryingMode::Seconds, 45.5f}));
    EXPECT_EQ(doc->history().count(), steps + 2);
    ASSERT_TRUE(doc->undo());
    ASSERT_TRUE(doc->undo());
    EXPECT_EQ(doc->drying().mode, DryingMode::Never);
}

TEST(DryingDialog, OkWithNothingChangedRecordsNothing)
{
    test::application();
    auto doc = document();
    DryingDialog dialog(*doc, doc->root().children()[0]->id());
    dialog.accept();
    EXPECT_EQ(doc->history().count(), 0u);
}

TEST(DryingDialog, AGroupOffersOnlyTheDocument)
{
    test::application();
    auto doc = document();
    const core::LayerId group = *doc->addGroup("Group");
    DryingDialog dialog(*doc, group);
    EXPECT_EQ(dialog.layerMode(), nullptr);
    choose(dialog.documentMode(), DryingMode::Seconds);
    dialog.documentAmount()->setValue(30);
    dialog.accept();
    EXPECT_EQ(doc->drying(), (Drying{DryingMode::Seconds, 30}));
}

TEST(DryingDialog, ThePaintMenuDriesAndWetsTheCurrentLayer)
{
    test::application();
    MainWindow window(document());
    core::Document& doc = *window.document();
    const core::LayerId layer = window.canvas()->currentLayer();
    {
        core::Transaction tx(doc, "Fill");
        tx.target(layer)->fillRect({0, 0, 64, 64}, core::Pixel16{65535, 0, 0, 65535});
        tx.commit();
    }
    window.wetLayerAction()->trigger();
    EXPECT_NE(doc.layer(layer)->wetness().pixel(10, 10), core::kDry);
    window.dryLayerAction()->trigger();
    EXPECT_EQ(doc.layer(layer)->wetness().pixel(10, 10), core::kDry);
    EXPECT_EQ(window.undoAction()->text(), QStringLiteral("&Undo Dry layer"));
}

}  // namespace
}  // namespace signe::app
