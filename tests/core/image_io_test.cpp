// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/image_io.h"

#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/transaction.h"
#include "test_files.h"

using namespace signe::core;
namespace fs = std::filesystem;

namespace {

fs::path tempDir()
{
    return signe::test::tempDir("signe-io-test-");
}

using signe::test::readPixels;

}  // namespace

TEST(ImageIo, ExportsStraightAlphaPngAtEightAndSixteenBits)
{
    auto doc = std::move(*Document::create(70, 65, Color16{0, 0, 0, 0}));
    {
        Transaction tx(*doc, "paint");
        // Premultiplied sRGB red at alpha 0.5: the file must hold straight red, alpha 0.5.
        tx.target(doc->root().children()[0]->id())->fillRect({0, 0, 2, 2}, {32768, 0, 0, 32768});
        tx.commit();
    }
    const fs::path dir = tempDir();
    ASSERT_TRUE(exportFlattened(*doc, dir / "a.png"));
    OIIO::ImageSpec spec;
    auto px8 = readPixels<std::uint8_t>(dir / "a.png", OIIO::TypeDesc::UINT8, spec);
    EXPECT_EQ(spec.width, 70);
    EXPECT_EQ(spec.height, 65);
    EXPECT_EQ(spec.format, OIIO::TypeDesc::UINT8);
    EXPECT_EQ(px8[0], 255);
    EXPECT_EQ(px8[3], 128);
    EXPECT_EQ(px8[std::size_t(64 * 70 + 69) * 4 + 3], 0);  // last pixel, past a tile edge

    ExportOptions wide;
    wide.bitsPerSample = 16;
    ASSERT_TRUE(exportFlattened(*doc, dir / "b.png", wide));
    auto px16 = readPixels<std::uint16_t>(dir / "b.png", OIIO::TypeDesc::UINT16, spec);
    EXPECT_EQ(spec.format, OIIO::TypeDesc::UINT16);
    EXPECT_EQ(px16[0], 65535);
    EXPECT_EQ(px16[3], 32768);
    EXPECT_FALSE(fs::exists(dir / "b.png.signe-partial.png")) << "no partial file is left";
    fs::remove_all(dir);
}

TEST(ImageIo, ReportsProgressToTheEnd)
{
    auto doc = std::move(*Document::create(10, 200));
    const fs::path dir = tempDir();
    std::vector<double> seen;
    ExportOptions options;
    options.progress = [&](double f) { seen.push_back(f); };
    ASSERT_TRUE(exportFlattened(*doc, dir / "p.png", options));
    ASSERT_EQ(seen.size(), 4u);  // 200 rows in strips of 64
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
    fs::remove_all(dir);
}

TEST(ImageIo, FailedExportLeavesTheOldFileIntact)
{
    auto doc = std::move(*Document::create(8, 8));
    const fs::path dir = tempDir();
    { std::ofstream(dir / "keep.png") << "previous"; }
    ExportOptions bad;
    bad.bitsPerSample = 12;
    auto result = exportFlattened(*doc, dir / "keep.png", bad);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("12"), std::string::npos);
    std::ifstream in(dir / "keep.png");
    std::string content;
    in >> content;
    EXPECT_EQ(content, "previous");
    EXPECT_FALSE(exportFlattened(*doc, dir / "no-such-folder" / "x.png"));
    fs::remove_all(dir);
}

TEST(ImageIo, InfoReadsHeadersAndNamesBadFiles)
{
    auto doc = std::move(*Document::create(33, 17));
    const fs::path dir = tempDir();
    ASSERT_TRUE(exportFlattened(*doc, dir / "c.png"));
    auto info = readImageInfo(dir / "c.png");
    ASSERT_TRUE(info);
    EXPECT_EQ(info->width, 33);
    EXPECT_EQ(info->height, 17);
    EXPECT_EQ(info->channels, 4);
    EXPECT_EQ(info->format, "png");

    auto missing = readImageInfo(dir / "missing.png");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("missing.png"), std::string::npos);
    { std::ofstream(dir / "junk.png") << "this is not a png"; }
    auto junk = readImageInfo(dir / "junk.png");
    ASSERT_FALSE(junk);
    EXPECT_NE(junk.error().message.find("junk.png"), std::string::npos);
    fs::remove_all(dir);
}

TEST(ImageIo, ReadsAnImageAsPremultipliedLayerPixels)
{
    // Straight 8-bit RGBA in the file; premultiplied 16-bit sRGB codes out.
    const fs::path dir = tempDir();
    const fs::path file = dir / "rgba.png";
    const unsigned char px[2 * 4] = {255, 128, 0, 255, 200, 100, 50, 128};
    {
        auto out = OIIO::ImageOutput::create(file.string());
        ASSERT_TRUE(out);
        OIIO::ImageSpec spec(2, 1, 4, OIIO::TypeDesc::UINT8);
        spec.attribute("oiio:UnassociatedAlpha", 1);
        ASSERT_TRUE(out->open(file.string(), spec));
        ASSERT_TRUE(out->write_image(OIIO::TypeDesc::UINT8, px));
        out->close();
    }
    auto image = readPixelImage(file);
    ASSERT_TRUE(image) << image.error().message;
    ASSERT_EQ(image->width, 2);
    ASSERT_EQ(image->height, 1);
    EXPECT_EQ(image->pixels[0], (Pixel16{65535, 128 * 257, 0, 65535}));
    const std::uint32_t a = 128 * 257;
    auto pre = [&](std::uint32_t v) { return std::uint16_t((v * 257 * a + 32767) / 65535); };
    EXPECT_EQ(image->pixels[1], (Pixel16{pre(200), pre(100), pre(50), std::uint16_t(a)}));

    EXPECT_EQ(readPixelImage(dir / "missing.png").error().code, ErrorCode::NotFound);
    auto tooLarge = readPixelImage(file, 1);
    ASSERT_FALSE(tooLarge);
    EXPECT_NE(tooLarge.error().message.find("the limit is 1 a side"), std::string::npos);
}
