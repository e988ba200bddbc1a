// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/export_dialog.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include "tests/app/test_application.h"

namespace signe::app {
namespace {

TEST(ExportDialog, PngOffersDepthButNoQuality)
{
    test::application();
    ExportDialog dialog(core::RasterFormat::Png, "a.png", QSize(200, 100));
    EXPECT_TRUE(dialog.depthBox()->isEnabled());
    EXPECT_EQ(dialog.depthBox()->count(), 2);
    EXPECT_FALSE(dialog.qualitySpin()->isEnabled());
    dialog.depthBox()->setCurrentIndex(1);
    dialog.scaleSpin()->setValue(50.0);
    const core::ExportOptions options = dialog.options();
    EXPECT_EQ(options.bitsPerSample, 16);
    EXPECT_EQ(options.quality, 0);  // core refuses a quality for PNG
    EXPECT_DOUBLE_EQ(options.scale, 0.5);
    EXPECT_TRUE(options.withBackground);
}

TEST(ExportDialog, JpegOffersQualityAtEightBits)
{
    test::application();
    ExportDialog dialog(core::RasterFormat::Jpeg, "a.jpg", QSize(200, 100));
    EXPECT_FALSE(dialog.depthBox()->isEnabled());
    EXPECT_TRUE(dialog.qualitySpin()->isEnabled());
    dialog.qualitySpin()->setValue(75);
    dialog.backgroundCheck()->setChecked(false);
    const core::ExportOptions options = dialog.options();
    EXPECT_EQ(options.bitsPerSample, 8);
    EXPECT_EQ(options.quality, 75);
    EXPECT_FALSE(options.withBackground);
}

TEST(ExportDialog, ExrDepthChoosesSampleType)
{
    test::application();
    ExportDialog dialog(core::RasterFormat::OpenExr, "a.exr", QSize(200, 100));
    EXPECT_EQ(dialog.options().exrSamples, core::ExrSamples::Half);
    dialog.depthBox()->setCurrentIndex(1);
    EXPECT_EQ(dialog.options().exrSamples, core::ExrSamples::Float);
    EXPECT_EQ(dialog.options().bitsPerSample, 8);  // unused by OpenEXR, left at its default
}

}  // namespace
}  // namespace signe::app
