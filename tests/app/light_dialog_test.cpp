// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/light_dialog.h"

#include <QSlider>
#include <gtest/gtest.h>

#include "test_application.h"

namespace signe::app {
namespace {

std::unique_ptr<core::Document> document()
{
    return std::move(*core::Document::create(64, 64));
}

TEST(LightDialog, PreviewsEveryChangeAndRecordsOneStepOnOk)
{
    test::application();
    auto doc = document();
    const core::Light before = doc->light();
    const std::size_t steps = doc->history().count();
    LightDialog dialog(*doc);
    dialog.azimuthSlider()->setValue(90);
    EXPECT_EQ(doc->light().azimuth, 90.0f) << "the canvas shows it at once";
    dialog.elevationSlider()->setValue(30);
    dialog.strengthSlider()->setValue(40);
    dialog.shineSlider()->setValue(0);
    dialog.reliefSlider()->setValue(8);
    EXPECT_EQ(doc->history().count(), steps) << "previews are not steps";
    dialog.accept();
    const core::Light& after = doc->light();
    EXPECT_EQ(after.azimuth, 90.0f);
    EXPECT_EQ(after.elevation, 30.0f);
    EXPECT_FLOAT_EQ(after.strength, 0.4f);
    EXPECT_EQ(after.shine, 0.0f);
    EXPECT_EQ(after.relief, 8.0f);
    EXPECT_EQ(doc->history().count(), steps + 1) << "one undoable step";
    ASSERT_TRUE(doc->undo());
    EXPECT_EQ(doc->light(), before);
}

TEST(LightDialog, CancelPutsTheLightBack)
{
    test::application();
    auto doc = document();
    const core::Light before = doc->light();
    const std::size_t steps = doc->history().count();
    LightDialog dialog(*doc);
    dialog.azimuthSlider()->setValue(180);
    dialog.reliefSlider()->setValue(60);
    dialog.reject();
    EXPECT_EQ(doc->light(), before);
    EXPECT_EQ(doc->history().count(), steps);
}

}  // namespace
}  // namespace signe::app
