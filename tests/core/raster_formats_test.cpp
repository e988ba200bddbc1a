// SPDX-License-Identifier: GPL-3.0-or-later
// Export to and import from every raster format: what lands in the file (read back with
// OpenImageIO directly), what comes back into a document, and what bad files do.
#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/io/image_io.h"
#include "core/transaction.h"
#include "test_files.h"

using namespace signe::core;
namespace fs = std::filesystem;

namespace {

const fs::path kFormats = fs::path(SIGNE_SOURCE_DIR) / "tests/data/formats";

/// The exact sRGB curves (IEC 61966-2-1), written again here so the tests do not check the
/// library against itself.
double decodeSrgb(double v)
{
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

/// A straight 8-bit colour as a layer pixel: 16-bit codes (v x 257), premultiplied, rounded.
Pixel16 layerPixel(int r, int g, int b, int a)
{
    const std::uint32_t a16 = std::uint32_t(a) * 257;
    auto pre = [&](int v) { return std::uint16_t((std::uint32_t(v) * 257 * a16 + 32767) / 65535); };
    return {pre(r), pre(g), pre(b), std::uint16_t(a16)};
}

/// The test picture: 64 x 32, four 32 x 16 blocks (wide enough for JPEG's 8x8 blocks and a
/// resampling filter to leave their centres alone).
///   top-left     opaque (200, 100, 50)
///   top-right    (10, 20, 240) at alpha 128
///   bottom-left  transparent
///   bottom-right (255, 255, 255) at alpha 51 (0.2)
struct Block {
    int x, y;  ///< centre
    int r, g, b, a;
};
const Block kBlocks[4] = {
    {16, 8, 200, 100, 50, 255},
    {48, 8, 10, 20, 240, 128},
    {16, 24, 0, 0, 0, 0},
    {48, 24, 255, 255, 255, 51},
};

std::unique_ptr<Document> testDocument(Color16 background = {0, 0, 0, 0})
{
    auto doc = std::move(*Document::create(64, 32, background));
    Transaction tx(*doc, "paint");
    auto target = tx.target(doc->root().children()[0]->id());
    for (const Block& b : kBlocks)
        target->fillRect({b.x - 16, b.y - 8, 32, 16}, layerPixel(b.r, b.g, b.b, b.a));
    tx.commit();
    return doc;
}

/// Straight value of channel `c` of a block as the layer stores it (premultiplied / alpha).
double straight(const Block& b, int c)
{
    const Pixel16 p = layerPixel(b.r, b.g, b.b, b.a);
    const std::uint16_t v[3] = {p.r, p.g, p.b};
    return p.a == 0 ? 0.0 : double(v[c]) / double(p.a);
}

template <class T>
std::vector<T> readBack(const fs::path& path, OIIO::TypeDesc type, OIIO::ImageSpec& spec)
{
    return signe::test::readPixels<T>(path, type, spec);
}

std::size_t at(const OIIO::ImageSpec& spec, int x, int y, int c)
{
    return (std::size_t(y) * std::size_t(spec.width) + std::size_t(x)) *
               std::size_t(spec.nchannels) +
           std::size_t(c);
}

fs::path exported(Document& doc, const fs::path& dir, const std::string& name,
                  const ExportOptions& options = {})
{
    const fs::path path = dir / name;
    auto written = exportFlattened(doc, path, options);
    EXPECT_TRUE(written) << (written ? "" : written.error().message);
    return path;
}

const Pixel16& pixelOf(const Document& doc, int layerIndex, int x, int y)
{
    static Pixel16 value;
    value = doc.root().children()[std::size_t(layerIndex)]->tiles().pixel(x, y);
    return value;
}

}  // namespace

TEST(RasterExport, PngAndTiffHoldStraightSrgbAtEveryDepth)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    for (const char* name : {"a.png", "a.tif"}) {
        for (int bits : {8, 16}) {
            ExportOptions options;
            options.bitsPerSample = bits;
            const fs::path file = exported(*doc, dir, std::to_string(bits) + name, options);
            OIIO::ImageSpec spec;
            auto px = readBack<std::uint16_t>(file, OIIO::TypeDesc::UINT16, spec);
            ASSERT_EQ(spec.nchannels, 4) << file;
            EXPECT_EQ(int(spec.format.size() * 8), bits) << file;
            EXPECT_EQ(spec.get_string_attribute("oiio:ColorSpace"), "sRGB") << file;
            for (const Block& b : kBlocks) {
                // 8 bits: the painted codes come back exactly (x 257 as 16-bit codes).
                // 16 bits: the stored premultiplied value divided by alpha, rounded.
                for (int c = 0; c < 3; ++c) {
                    const int want8 = b.a == 0 ? 0 : (&b.r)[c];
                    const long want16 = std::lround(straight(b, c) * 65535.0);
                    EXPECT_EQ(px[at(spec, b.x, b.y, c)], bits == 8 ? want8 * 257 : want16)
                        << file << " block " << b.x << "," << b.y << " channel " << c;
                }
                EXPECT_EQ(px[at(spec, b.x, b.y, 3)], b.a * 257) << file;
            }
        }
    }
    fs::remove_all(dir);
}

TEST(RasterExport, FloatTiffHoldsStraightSrgbFloats)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    ExportOptions options;
    options.bitsPerSample = 32;
    const fs::path file = exported(*doc, dir, "f.tiff", options);
    OIIO::ImageSpec spec;
    auto px = readBack<float>(file, OIIO::TypeDesc::FLOAT, spec);
    EXPECT_EQ(spec.format, OIIO::TypeDesc::FLOAT);
    EXPECT_EQ(spec.get_int_attribute("tiff:UnassociatedAlpha"), 1);
    EXPECT_EQ(spec.get_string_attribute("oiio:ColorSpace"), "sRGB");
    for (const Block& b : kBlocks) {
        for (int c = 0; c < 3; ++c)
            EXPECT_NEAR(px[at(spec, b.x, b.y, c)], straight(b, c), 1e-6) << b.x << "," << c;
        EXPECT_FLOAT_EQ(px[at(spec, b.x, b.y, 3)], float(b.a * 257) / 65535.0f);
    }
    fs::remove_all(dir);
}

TEST(RasterExport, JpegShowsWhiteOrTheBackgroundWhereTransparent)
{
    const fs::path dir = signe::test::tempDir("signe-raster-");
    // Within 3 codes: at quality 100 the quantisation steps are 1, so what remains is the
    // 8-bit rounding of RGB -> YCbCr -> RGB (about 1 code each way) in flat 32x16 blocks,
    // sampled 8 pixels from any edge, away from chroma subsampling's reach across edges.
    constexpr int kTolerance = 3;
    for (bool red : {false, true}) {
        auto doc = testDocument(red ? Color16{65535, 0, 0, 65535} : Color16{0, 0, 0, 0});
        ExportOptions options;
        options.quality = 100;
        options.withBackground = red;  // without: white shows through
        const fs::path file = exported(*doc, dir, red ? "red.jpg" : "white.jpeg", options);
        OIIO::ImageSpec spec;
        auto px = readBack<std::uint8_t>(file, OIIO::TypeDesc::UINT8, spec);
        ASSERT_EQ(spec.nchannels, 3);
        EXPECT_EQ(spec.get_string_attribute("oiio:ColorSpace"), "sRGB");
        for (const Block& b : kBlocks) {
            const double a = b.a / 255.0;
            for (int c = 0; c < 3; ++c) {
                const double under = red ? (c == 0 ? 1.0 : 0.0) : 1.0;
                const double want = (straight(b, c) * a + under * (1.0 - a)) * 255.0;
                EXPECT_NEAR(px[at(spec, b.x, b.y, c)], want, kTolerance)
                    << file << " " << b.x << "," << b.y << " channel " << c;
            }
        }
    }
    fs::remove_all(dir);
}

TEST(RasterExport, OpenExrHoldsLinearPremultipliedHalfOrFloat)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    for (ExrSamples samples : {ExrSamples::Half, ExrSamples::Float}) {
        ExportOptions options;
        options.exrSamples = samples;
        const bool half = samples == ExrSamples::Half;
        const fs::path file = exported(*doc, dir, half ? "h.exr" : "f.exr", options);
        OIIO::ImageSpec spec;
        auto px = readBack<float>(file, OIIO::TypeDesc::FLOAT, spec);
        EXPECT_EQ(spec.format, half ? OIIO::TypeDesc::HALF : OIIO::TypeDesc::FLOAT);
        EXPECT_EQ(spec.get_string_attribute("oiio:ColorSpace"), "Linear");
        const OIIO::ParamValue* chroma = spec.find_attribute("chromaticities");
        ASSERT_TRUE(chroma);
        EXPECT_FLOAT_EQ(chroma->get_float_indexed(0), 0.64f);   // red x
        EXPECT_FLOAT_EQ(chroma->get_float_indexed(7), 0.329f);  // white y
        for (const Block& b : kBlocks) {
            const double a = b.a * 257 / 65535.0;
            for (int c = 0; c < 3; ++c) {
                const double want = decodeSrgb(straight(b, c)) * a;
                // Half keeps 11 significant bits: a relative error up to 2^-11.
                const double tolerance = half ? want / 2048.0 + 1e-7 : 1e-6;
                EXPECT_NEAR(px[at(spec, b.x, b.y, c)], want, tolerance)
                    << file << " " << b.x << "," << b.y << " channel " << c;
            }
            EXPECT_NEAR(px[at(spec, b.x, b.y, 3)], a, half ? a / 2048.0 : 1e-7);
        }
    }
    fs::remove_all(dir);
}

TEST(RasterExport, OpenExrLayerPartsAreNamedAfterVisibleLayers)
{
    auto doc = testDocument();
    const LayerId ink = *doc->addPaintLayer("Ink");
    const LayerId hidden = *doc->addPaintLayer("Hidden");
    const LayerId group = *doc->addGroup("Group");
    const LayerId inner = *doc->addPaintLayer("Ink", group);  // same name: made unique
    ASSERT_TRUE(doc->setLayerVisible(hidden, false));
    ASSERT_TRUE(doc->setLayerOpacity(ink, 0.5f));
    ASSERT_TRUE(doc->setLayerOpacity(group, 0.5f));
    {
        Transaction tx(*doc, "ink");
        tx.target(ink)->fillRect({0, 0, 64, 32}, {65535, 0, 0, 65535});
        tx.target(inner)->fillRect({0, 0, 64, 32}, {0, 65535, 0, 65535});
        tx.commit();
    }
    const fs::path dir = signe::test::tempDir("signe-raster-");
    ExportOptions options;
    options.exrLayerParts = true;
    options.exrSamples = ExrSamples::Float;
    const fs::path file = exported(*doc, dir, "parts.exr", options);

    auto in = OIIO::ImageInput::open(file.string());
    ASSERT_TRUE(in);
    std::vector<std::string> names;
    for (int s = 0; in->seek_subimage(s, 0); ++s)
        names.push_back(in->spec().get_string_attribute("oiio:subimagename"));
    EXPECT_EQ(names, (std::vector<std::string>{"Flattened", "Layer 1", "Ink", "Ink 2"}));
    // The Ink part: opaque red at the layer's opacity 0.5, premultiplied: (0.5, 0, 0, 0.5).
    ASSERT_TRUE(in->seek_subimage(2, 0));
    std::vector<float> px(64 * 32 * 4);
    ASSERT_TRUE(in->read_image(2, 0, 0, 4, OIIO::TypeDesc::FLOAT, px.data()));
    EXPECT_FLOAT_EQ(px[0], 0.5f);
    EXPECT_FLOAT_EQ(px[1], 0.0f);
    EXPECT_FLOAT_EQ(px[3], 0.5f);
    // The inner Ink part: its own opacity 1 times its group's 0.5.
    ASSERT_TRUE(in->read_image(3, 0, 0, 4, OIIO::TypeDesc::FLOAT, px.data()));
    EXPECT_FLOAT_EQ(px[1], 0.5f);
    EXPECT_FLOAT_EQ(px[3], 0.5f);
    fs::remove_all(dir);
}

TEST(RasterExport, WebPHoldsStraightAlphaWithinLossyTolerance)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    ExportOptions options;
    options.quality = 100;
    const fs::path file = exported(*doc, dir, "a.webp", options);
    OIIO::ImageSpec spec;
    auto px = readBack<std::uint8_t>(file, OIIO::TypeDesc::UINT8, spec);
    ASSERT_EQ(spec.nchannels, 4);
    // OpenImageIO 2.4 reads WebP premultiplied (it ignores oiio:UnassociatedAlpha), so the
    // straight colour in the file shows here times alpha. Alpha is stored losslessly. Colour
    // is not, even at quality 100: OpenImageIO 2.4 always encodes WebP as 8-bit YCbCr 4:2:0,
    // which moves a saturated colour's weak channels most. Measured here (ImageMagick reading
    // the file's straight values): the orange block exact but for 1 code, the blue block's
    // (10, 20, 240) as (1, 0, 242), so 12 codes for it after the halving by alpha, 3 elsewhere.
    const int tolerance[4] = {3, 12, 0, 3};
    for (int i = 0; i < 4; ++i) {
        const Block& b = kBlocks[i];
        const double a = b.a / 255.0;
        EXPECT_EQ(px[at(spec, b.x, b.y, 3)], b.a);
        for (int c = 0; c < 3; ++c)
            EXPECT_NEAR(px[at(spec, b.x, b.y, c)], straight(b, c) * a * 255.0, tolerance[i])
                << b.x << "," << b.y << " channel " << c;
    }
    if (OIIO::openimageio_version() < 20500) {
        options.quality = 0;
        options.lossless = true;
        auto refused = exportFlattened(*doc, dir / "l.webp", options);
        ASSERT_FALSE(refused);
        EXPECT_NE(refused.error().message.find("lossless"), std::string::npos);
    }
    fs::remove_all(dir);
}

TEST(RasterExport, ScaleByFactorOrToATargetSize)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    ExportOptions half;
    half.scale = 0.5;
    std::vector<double> seen;
    half.progress = [&](double f) { seen.push_back(f); };
    const fs::path a = exported(*doc, dir, "half.png", half);
    ExportOptions target;
    target.width = 32;  // height follows: 16
    const fs::path b = exported(*doc, dir, "target.png", target);
    for (const fs::path& file : {a, b}) {
        OIIO::ImageSpec spec;
        auto px = readBack<std::uint8_t>(file, OIIO::TypeDesc::UINT8, spec);
        ASSERT_EQ(spec.width, 32) << file;
        ASSERT_EQ(spec.height, 16) << file;
        // Block centres are 4 output pixels from any edge, beyond the filter's reach: the
        // painted values exactly, straight.
        for (const Block& blk : kBlocks) {
            for (int c = 0; c < 3; ++c)
                EXPECT_EQ(px[at(spec, blk.x / 2, blk.y / 2, c)], blk.a == 0 ? 0 : (&blk.r)[c])
                    << file << " " << blk.x << "," << blk.y;
            EXPECT_EQ(px[at(spec, blk.x / 2, blk.y / 2, 3)], blk.a) << file;
        }
    }
    ASSERT_FALSE(seen.empty());
    for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i], seen[i - 1]);
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
    fs::remove_all(dir);
}

TEST(RasterExport, OptionsThatDoNotFitTheFormatNameBoth)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    struct Case {
        std::string file;
        ExportOptions options;
        std::vector<std::string> named;
    };
    std::vector<Case> cases;
    auto add = [&](std::string file, auto edit, std::vector<std::string> named) {
        ExportOptions o;
        edit(o);
        cases.push_back({std::move(file), std::move(o), std::move(named)});
    };
    add("a.jpg", [](ExportOptions& o) { o.bitsPerSample = 16; }, {"bitsPerSample", "JPEG"});
    add("a.webp", [](ExportOptions& o) { o.bitsPerSample = 16; }, {"bitsPerSample", "WebP"});
    add("a.png", [](ExportOptions& o) { o.bitsPerSample = 32; }, {"bitsPerSample", "PNG"});
    add("a.tif", [](ExportOptions& o) { o.bitsPerSample = 12; }, {"bitsPerSample 12", "TIFF"});
    add("a.png", [](ExportOptions& o) { o.quality = 80; }, {"quality", "PNG"});
    add("a.jpg", [](ExportOptions& o) { o.quality = 101; }, {"quality 101", "JPEG"});
    add("a.jpg", [](ExportOptions& o) { o.lossless = true; }, {"lossless", "JPEG"});
    add("a.tif", [](ExportOptions& o) { o.exrLayerParts = true; }, {"exrLayerParts", "TIFF"});
    add("a.png", [](ExportOptions& o) { o.exrSamples = ExrSamples::Float; }, {"exrSamples"});
    add("a.png", [](ExportOptions& o) { o.scale = 0; }, {"scale"});
    add("a.png", [](ExportOptions& o) { o.scale = 2, o.width = 10; }, {"not both"});
    add("a.png", [](ExportOptions& o) { o.width = 100000; }, {"65536"});
    add("a.bmp", [](ExportOptions&) {}, {"'.bmp'"});
    for (const Case& c : cases) {
        auto result = exportFlattened(*doc, dir / c.file, c.options);
        ASSERT_FALSE(result) << c.file;
        for (const std::string& word : c.named)
            EXPECT_NE(result.error().message.find(word), std::string::npos)
                << result.error().message;
        EXPECT_FALSE(fs::exists(dir / c.file)) << "nothing is written";
    }
    fs::remove_all(dir);
}

TEST(RasterImport, EveryFormatComesBackIntoADocument)
{
    auto doc = testDocument();
    const fs::path dir = signe::test::tempDir("signe-raster-");
    struct Case {
        std::string file;
        ExportOptions options;
        int tolerance;  ///< in 16-bit codes
    };
    ExportOptions png16, tif32, exrFloat, exrHalf, jpeg, webp;
    png16.bitsPerSample = 16;
    tif32.bitsPerSample = 32;
    exrFloat.exrSamples = ExrSamples::Float;
    jpeg.quality = 100;
    webp.quality = 100;
    const std::vector<Case> cases = {
        // Lossless files give back exactly what the layer held: an 8-bit or 16-bit straight
        // code premultiplied again with the same rounding lands on the stored value.
        {"a.png", {}, 0},
        {"b.png", png16, 0},
        {"c.tif", {}, 0},
        {"d.tif", tif32, 0},
        {"e.exr", exrFloat, 0},
        // Half: 11 significant bits, about 2^-11 relative in linear light, which the sRGB
        // curve shrinks (its slope is below 1 over most of the range): within 40 codes.
        {"f.exr", exrHalf, 40},
        // Lossy: the largest tolerance of the export tests, in 16-bit codes.
        {"g.jpg", jpeg, 3 * 257},
        {"h.webp", webp, 12 * 257},
    };
    for (const Case& c : cases) {
        const fs::path file = exported(*doc, dir, c.file, c.options);
        auto opened = openImageAsDocument(file);
        ASSERT_TRUE(opened) << opened.error().message;
        const Document& back = **opened;
        EXPECT_EQ(back.width(), 64);
        EXPECT_EQ(back.height(), 32);
        ASSERT_EQ(back.root().children().size(), 1u);
        EXPECT_EQ(back.root().children()[0]->properties().name, fs::path(c.file).stem());
        EXPECT_FALSE(back.history().canUndo());
        const bool opaque = c.file.ends_with(".jpg");
        for (const Block& b : kBlocks) {
            if (opaque) continue;  // JPEG: checked against white below
            const Pixel16 want = layerPixel(b.r, b.g, b.b, b.a);
            const Pixel16 got = pixelOf(back, 0, b.x, b.y);
            EXPECT_NEAR(got.r, want.r, c.tolerance) << c.file << " " << b.x << "," << b.y;
            EXPECT_NEAR(got.g, want.g, c.tolerance) << c.file << " " << b.x << "," << b.y;
            EXPECT_NEAR(got.b, want.b, c.tolerance) << c.file << " " << b.x << "," << b.y;
            EXPECT_NEAR(got.a, want.a, c.file.ends_with(".exr") ? c.tolerance : 0) << c.file;
        }
        if (opaque) {
            const Pixel16 top = pixelOf(back, 0, 16, 8), hole = pixelOf(back, 0, 16, 24);
            EXPECT_NEAR(top.r, 200 * 257, c.tolerance);
            EXPECT_NEAR(top.g, 100 * 257, c.tolerance);
            EXPECT_EQ(top.a, 65535);
            EXPECT_NEAR(hole.b, 65535, c.tolerance);  // white where it was transparent
        }
    }
    fs::remove_all(dir);
}

TEST(RasterImport, PsdLayersBecomeLayers)
{
    // tests/data/formats/make_layered_psd.py says what the file holds.
    auto opened = openImageAsDocument(kFormats / "layered.psd");
    ASSERT_TRUE(opened) << opened.error().message;
    const Document& doc = **opened;
    EXPECT_EQ(doc.width(), 8);
    EXPECT_EQ(doc.height(), 6);
    ASSERT_EQ(doc.root().children().size(), 2u);
    const Layer& paper = *doc.root().children()[0];
    const Layer& ink = *doc.root().children()[1];
    EXPECT_EQ(paper.properties().name, "Paper");
    EXPECT_EQ(ink.properties().name, "Ink");
    EXPECT_EQ(ink.properties().offsetX, 2);
    EXPECT_EQ(ink.properties().offsetY, 1);
    EXPECT_EQ(paper.tiles().pixel(0, 0), layerPixel(200, 100, 50, 255));
    EXPECT_EQ(paper.tiles().pixel(7, 5), layerPixel(10, 20, 30, 255));
    // Layer coordinates: the ink's own (0, 0) is canvas (2, 1); it is 4 x 3.
    EXPECT_EQ(ink.tiles().pixel(0, 0), layerPixel(0, 0, 255, 128));
    EXPECT_EQ(ink.tiles().pixel(3, 2), layerPixel(0, 0, 255, 128));
    EXPECT_EQ(ink.tiles().pixel(4, 0), Pixel16{});
    EXPECT_EQ(ink.tiles().pixel(0, 3), Pixel16{});
}

TEST(RasterImport, ImportAsLayerIsOneUndoableStep)
{
    auto doc = testDocument();
    const std::size_t entries = doc->history().count();
    auto id = importImageAsLayer(*doc, kFormats / "layered.psd");
    ASSERT_TRUE(id) << id.error().message;
    ASSERT_EQ(doc->root().children().size(), 2u);
    const Layer* layer = doc->layer(*id);
    ASSERT_TRUE(layer);
    EXPECT_EQ(layer->properties().name, "layered");
    // A PSD comes in as its merged picture: ink at alpha 128 over the paper.
    const auto merged = [](int under, int over) {
        return std::uint16_t(std::lround(over * 128 / 255.0 + under * (1 - 128 / 255.0)) * 257);
    };
    const Pixel16 p = layer->tiles().pixel(2, 1);
    EXPECT_EQ(p.r, merged(200, 0));
    EXPECT_EQ(p.b, merged(50, 255));
    EXPECT_EQ(p.a, 65535);
    EXPECT_EQ(doc->history().count(), entries + 1);
    EXPECT_EQ(doc->history().undoName(), "Import image");

    ASSERT_TRUE(doc->undo());
    EXPECT_EQ(doc->root().children().size(), 1u);
    EXPECT_FALSE(doc->layer(*id));
    ASSERT_TRUE(doc->redo());
    ASSERT_TRUE(doc->layer(*id));
    EXPECT_EQ(doc->layer(*id)->tiles().pixel(2, 1), p);

    auto notAGroup = importImageAsLayer(*doc, kFormats / "layered.psd", {}, *id);
    ASSERT_FALSE(notAGroup);
    EXPECT_NE(notAGroup.error().message.find("not a group"), std::string::npos);
}

TEST(RasterImport, RefusesOversizedImagesBeforeDecoding)
{
    ImportOptions small;
    small.maxSide = 7;
    auto refused = openImageAsDocument(kFormats / "layered.psd", small);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("8x6"), std::string::npos);
    EXPECT_NE(refused.error().message.find("layered.psd"), std::string::npos);
}

class BadInput : public ::testing::TestWithParam<const char*> {};

TEST_P(BadInput, GivesAClearErrorAndChangesNothing)
{
    const fs::path file = kFormats / "bad" / GetParam();
    ASSERT_TRUE(fs::exists(file)) << file;
    auto opened = openImageAsDocument(file);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find(GetParam()), std::string::npos) << opened.error().message;

    auto doc = testDocument();
    const std::size_t entries = doc->history().count();
    auto imported = importImageAsLayer(*doc, file);
    ASSERT_FALSE(imported);
    EXPECT_NE(imported.error().message.find(GetParam()), std::string::npos);
    EXPECT_EQ(doc->root().children().size(), 1u);
    EXPECT_EQ(doc->history().count(), entries);
}

INSTANTIATE_TEST_SUITE_P(RasterImport, BadInput,
                         ::testing::Values("truncated.png", "truncated.tif", "truncated.exr",
                                           "huge-header.png", "garbage.png"),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (char& ch : name)
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return name;
                         });

TEST(RasterImport, HugeHeaderIsRefusedAsTooLarge)
{
    auto opened = openImageAsDocument(kFormats / "bad" / "huge-header.png");
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(opened.error().message.find("1000000x1000000"), std::string::npos);
}
