// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/export_flags.h"

#include <gtest/gtest.h>

using namespace signe::cli;

namespace {

signe::core::Result<ExportFlags> read(const std::vector<std::string>& words)
{
    auto switches = exportSwitchNames();
    auto opts = parseOptions(words, exportValueNames(), switches);
    EXPECT_TRUE(opts) << (opts ? "" : opts.error().message);
    return readExportFlags(*opts);
}

std::string errorOf(const std::vector<std::string>& words)
{
    auto flags = read(words);
    EXPECT_FALSE(flags);
    return flags ? "" : flags.error().message;
}

}  // namespace

TEST(ExportFlags, DefaultsUseEveryCoreAndAskForNothingRasterOnly)
{
    auto flags = read({});
    ASSERT_TRUE(flags);
    EXPECT_GE(flags->options.threads, 1);
    EXPECT_EQ(flags->options.bitsPerSample, 8);
    EXPECT_TRUE(flags->options.withBackground);
    EXPECT_TRUE(flags->rasterOnly.empty());
}

TEST(ExportFlags, ValuesReachTheExportOptions)
{
    auto flags = read({"--bits", "16", "--quality=75", "--exr", "float", "--exr-layers", "--width",
                       "300", "--no-background", "--threads", "3"});
    ASSERT_TRUE(flags);
    const auto& e = flags->options;
    EXPECT_EQ(e.bitsPerSample, 16);
    EXPECT_EQ(e.quality, 75);
    EXPECT_EQ(e.exrSamples, signe::core::ExrSamples::Float);
    EXPECT_TRUE(e.exrLayerParts);
    EXPECT_EQ(e.width, 300);
    EXPECT_EQ(e.height, 0);
    EXPECT_FALSE(e.withBackground);
    EXPECT_EQ(e.threads, 3);
    EXPECT_EQ(flags->rasterOnly,
              (std::vector<std::string>{"--bits", "--quality", "--exr", "--exr-layers", "--width",
                                        "--no-background"}));
    EXPECT_DOUBLE_EQ(read({"--scale", "0.25"})->options.scale, 0.25);
}

TEST(ExportFlags, BadValuesNameTheFlagAndTheValue)
{
    EXPECT_EQ(errorOf({"--bits", "12"}), "--bits: '12' must be 8, 16 or 32");
    EXPECT_EQ(errorOf({"--quality", "0"}), "--quality: '0' must be a whole number from 1 to 100");
    EXPECT_EQ(errorOf({"--quality", "9x"}), "--quality: '9x' must be a whole number from 1 to 100");
    EXPECT_EQ(errorOf({"--exr", "double"}),
              "--exr: unknown sample type 'double': expected half or float");
    EXPECT_EQ(errorOf({"--scale", "0"}), "--scale: '0' must be a number above 0");
    EXPECT_EQ(errorOf({"--scale", "nan"}), "--scale: 'nan' must be a number above 0");
    EXPECT_EQ(errorOf({"--width", "-5"}),
              "--width: '-5' must be a whole number of pixels from 1 to 65536");
    EXPECT_EQ(errorOf({"--height", ""}),
              "--height: '' must be a whole number of pixels from 1 to 65536");
    EXPECT_EQ(errorOf({"--scale", "2", "--height", "10"}),
              "--scale and --width/--height cannot be used together: choose one");
    EXPECT_EQ(errorOf({"--threads", "0"}), "--threads: '0' must be a whole number from 1 to 1024");
}
