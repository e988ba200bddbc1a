// SPDX-License-Identifier: GPL-3.0-or-later
// OpenRaster: Signe's own files round-trip exactly; files laid out as Krita and MyPaint write
// them (tests/data/ora/good, made by make_fixtures.py from the spec) open with their layers.
#include "core/io/openraster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "core/io/ora_pixels.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"
#include "ora_test_documents.h"
#include "test_files.h"

using namespace signe::core;
using signe::test::addNode;
using signe::test::expectSameTree;
namespace fs = std::filesystem;

namespace {

const fs::path kGood = fs::path(SIGNE_SOURCE_DIR) / "tests/data/ora/good";

/// Random premultiplied pixels (c <= a), many with very low alpha, some transparent.
void paintRandom(Layer& layer, const Rect& rect, std::mt19937& rng)
{
    std::vector<Pixel16> px(std::size_t(rect.w) * std::size_t(rect.h));
    for (Pixel16& p : px) {
        const int kind = int(rng() % 4);
        const std::uint16_t a = kind == 0   ? 0
                                : kind == 1 ? std::uint16_t(rng() % 40)
                                            : std::uint16_t(rng() % 65536);
        auto c = [&] { return a == 0 ? std::uint16_t(0) : std::uint16_t(rng() % (a + 1u)); };
        p = {c(), c(), c(), a};
    }
    layer.tiles().writeRect(rect, px.data(), rect.w);
}

void paintThickness(Layer& layer, const Rect& rect, std::mt19937& rng)
{
    std::vector<Thickness16> t(std::size_t(rect.w) * std::size_t(rect.h));
    for (Thickness16& v : t) v = Thickness16(rng() % 65536);
    layer.thickness().writeRect(rect, t.data(), rect.w);
}

/// A document using everything stack.xml and Signe's namespace can hold.
std::unique_ptr<Document> richDocument()
{
    auto doc = Document::createEmpty(300, 200, {1000, 2000, 3000, 40000}, 150.0).value();
    std::mt19937 rng(5);
    LayerProperties outer{"Outer group", true, 0.7f, BlendMode::Normal};
    outer.isolated = false;
    outer.offsetX = 3;  // recorded only: group offsets move nothing
    auto g1 = addNode(*doc, nullptr, LayerKind::Group, outer);
    LayerProperties inner{"Inner <group> & \"quotes\"", false, 0.25f, BlendMode::Screen};
    inner.editLock = true;
    auto g2 = addNode(*doc, g1.get(), LayerKind::Group, inner);
    for (int i = 0; i < kBlendModeCount; ++i) {
        LayerProperties p;
        p.name = "Mode " + std::to_string(i) + " ünïcode";
        p.blendMode = static_cast<BlendMode>(i);
        p.opacity = float(i) / float(kBlendModeCount - 1);
        p.visible = i % 3 != 0;
        p.alphaLock = i % 2 == 0;
        p.editLock = i % 5 == 0;
        p.offsetX = (i - 10) * 37;  // negative, positive, not multiples of 64
        p.offsetY = (7 - i) * 13;
        Layer* parent = i < 7 ? g2.get() : i < 14 ? g1.get() : nullptr;
        auto layer = addNode(*doc, parent, LayerKind::Paint, p);
        paintRandom(*layer, {-70 + i * 5, -20 + i, 90 + i, 50}, rng);
        if (i % 4 == 1) paintThickness(*layer, {-30 + i, 10, 40, 70}, rng);
    }
    addNode(*doc, nullptr, LayerKind::Paint, {"Empty layer"});
    Light light;
    light.enabled = false;
    light.azimuth = 123.5f;
    light.elevation = 33.25f;
    light.strength = 0.4f;
    light.shine = 0.55f;
    light.shininess = 77.0f;
    light.relief = 9.5f;
    doc->setLightDirect(light);
    return doc;
}

Pixel16 premultiplied(std::uint16_t r, std::uint16_t g, std::uint16_t b, std::uint16_t a)
{
    const std::uint16_t s[4] = {r, g, b, a};
    Pixel16 p;
    ora::premultiplyRow16(s, 4, &p, 1);
    return p;
}

const Layer& child(const Layer& parent, std::size_t i)
{
    return *parent.children().at(i);
}

}  // namespace

TEST(OpenRaster, PremultiplyRoundTripIsExact)
{
    // Every (c, a) with c <= a holds (checked once over all 2^31 pairs); the test walks all
    // low alphas, where rounding is tightest, and a stride of the rest.
    std::vector<Pixel16> in;
    for (std::uint32_t a = 0; a <= 65535; a = a < 600 ? a + 1 : a + 997) {
        in.clear();
        for (std::uint32_t c = 0; c <= a; ++c)
            in.push_back(
                {std::uint16_t(c), std::uint16_t(a - c), std::uint16_t(c / 2), std::uint16_t(a)});
        std::vector<std::uint16_t> straight(in.size() * 4);
        std::vector<Pixel16> back(in.size());
        ora::unpremultiplyRow16(in.data(), straight.data(), in.size());
        ora::premultiplyRow16(straight.data(), 4, back.data(), back.size());
        ASSERT_TRUE(in == back) << "alpha " << a;
    }
    const Pixel16 full{65535, 0, 12345, 65535};
    std::uint16_t s[4];
    ora::unpremultiplyRow16(&full, s, 1);
    EXPECT_EQ(s[2], 12345);
}

TEST(OpenRaster, RoundTripKeepsLayersPropertiesPixelsThicknessAndLight)
{
    const fs::path dir = signe::test::tempDir("signe-ora-");
    auto doc = richDocument();
    for (int threads : {1, 2}) {
        const fs::path file = dir / ("rich-" + std::to_string(threads) + ".ora");
        OraSaveOptions save;
        save.threads = threads;
        ASSERT_TRUE(saveOpenRaster(*doc, file, save));
        OraLoadOptions load;
        load.threads = threads;
        auto loaded = loadOpenRaster(file, load);
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
        const Document& back = *loaded->document;
        EXPECT_EQ(back.width(), 300);
        EXPECT_EQ(back.height(), 200);
        EXPECT_EQ(back.dpi(), 150.0);
        EXPECT_EQ(back.background(), doc->background());
        EXPECT_EQ(back.light(), doc->light());
        EXPECT_EQ(back.history().undoCount(), 0u);
        expectSameTree(doc->root(), back.root(), "");
    }
}

TEST(OpenRaster, EveryCompressionSettingRoundTripsExactly)
{
    // 0 stores, 1..6 use Paeth + run-length deflate, 7..9 adaptive filters + full search.
    const fs::path dir = signe::test::tempDir("signe-ora-");
    auto doc = richDocument();
    for (int level : {0, 1, 6, 7, 9}) {
        const fs::path file = dir / ("level-" + std::to_string(level) + ".ora");
        OraSaveOptions save;
        save.compression = level;
        ASSERT_TRUE(saveOpenRaster(*doc, file, save)) << level;
        auto loaded = loadOpenRaster(file);
        ASSERT_TRUE(loaded) << loaded.error().message;
        expectSameTree(doc->root(), loaded->document->root(), "level " + std::to_string(level));
    }
}

TEST(OpenRaster, FileLayoutFollowsTheSpec)
{
    const fs::path file = signe::test::tempDir("signe-ora-") / "layout.ora";
    auto doc = Document::create(600, 300).value();
    const LayerId id = doc->layerIds().front();
    doc->mutableLayer(id)->tiles().fillRect({0, 0, 600, 300}, {65535, 0, 0, 65535});
    ASSERT_TRUE(saveOpenRaster(*doc, file));
    EXPECT_FALSE(fs::exists(fs::path(file.string() + ".signe-partial")));

    auto zip = ora::ZipReader::open(file);
    ASSERT_TRUE(zip);
    EXPECT_EQ(zip->firstEntryName(), "mimetype");
    EXPECT_TRUE(zip->isStored("mimetype"));
    auto mime = zip->read("mimetype", 100);
    ASSERT_TRUE(mime);
    EXPECT_EQ(std::string(mime->begin(), mime->end()), "image/openraster");
    auto xml = zip->read("stack.xml", 1 << 20);
    ASSERT_TRUE(xml);
    const std::string stack(xml->begin(), xml->end());
    EXPECT_NE(stack.find("xmlns:signe=\"https://signe.invalid/ns/openraster/1\""),
              std::string::npos);
    EXPECT_NE(stack.find("composite-op=\"svg:src-over\""), std::string::npos);

    auto header = [&](const char* name) {
        auto bytes = zip->read(name, 64 << 20);
        EXPECT_TRUE(bytes) << name;
        return ora::parsePngHeader(*bytes, name).value();
    };
    const ora::PngHeader merged = header("mergedimage.png");
    EXPECT_EQ(merged.width, 600);
    EXPECT_EQ(merged.height, 300);
    const ora::PngHeader thumb = header("Thumbnails/thumbnail.png");
    EXPECT_EQ(thumb.width, 256);
    EXPECT_EQ(thumb.height, 128);
    const ora::PngHeader layer = header("data/layer-0.png");
    EXPECT_EQ(layer.bitDepth, 8);  // flat red fits 8 bits exactly (see EightBitLayers...)
    EXPECT_EQ(layer.colorType, 6);

    // The merged image and the thumbnail show the red layer.
    auto bytes = zip->read("Thumbnails/thumbnail.png", 1 << 20).value();
    auto reader = ora::PngReader::open(bytes, "thumbnail").value();
    std::vector<std::uint16_t> row(std::size_t(reader.width()) * std::size_t(reader.channels()));
    ASSERT_TRUE(reader.readRows(0, 1, row.data()));
    EXPECT_EQ(row[0], 65535);
    EXPECT_EQ(row[1], 0);
    EXPECT_EQ(row[3], 65535);
}

TEST(OpenRaster, LayersThatFitEightBitsAreWrittenAtEightBitsExactly)
{
    // A layer whose straight samples are all multiples of 257 (what an 8-bit file gives)
    // is written as an 8-bit PNG; one sample off by one keeps the layer at 16 bits. Both load
    // back to the same 16-bit pixels.
    const fs::path file = signe::test::tempDir("signe-ora-") / "depth.ora";
    auto doc = Document::createEmpty(130, 70, {0, 0, 0, 0}, 72.0).value();
    std::mt19937 rng(3);
    std::vector<Pixel16> eight(130 * 70);
    for (Pixel16& p : eight) {
        auto v = [&] { return std::uint16_t(257 * (rng() % 256)); };
        p = rng() % 5 == 0 ? Pixel16{} : Pixel16{v(), v(), v(), 65535};
    }
    std::vector<Pixel16> sixteen = eight;
    sixteen[4321].g = std::uint16_t(sixteen[4321].g ^ 1);
    const Rect rect{0, 0, 130, 70};
    auto a = addNode(*doc, nullptr, LayerKind::Paint, {"From an 8-bit file"});
    a->tiles().writeRect(rect, eight.data(), rect.w);
    auto b = addNode(*doc, nullptr, LayerKind::Paint, {"Painted at 16 bits"});
    b->tiles().writeRect(rect, sixteen.data(), rect.w);
    ASSERT_TRUE(saveOpenRaster(*doc, file));

    auto zip = ora::ZipReader::open(file).value();
    auto depth = [&](const char* name) {
        auto bytes = zip.read(name, 64 << 20).value();
        return ora::parsePngHeader(bytes, name).value().bitDepth;
    };
    // Layers are numbered top first in the file.
    EXPECT_EQ(depth("data/layer-0.png"), 16);
    EXPECT_EQ(depth("data/layer-1.png"), 8);
    auto loaded = loadOpenRaster(file);
    ASSERT_TRUE(loaded) << loaded.error().message;
    expectSameTree(doc->root(), loaded->document->root(), "depth");
}

TEST(OpenRaster, SaveIsAtomicAndReportsProgress)
{
    const fs::path dir = signe::test::tempDir("signe-ora-");
    auto doc = richDocument();
    const fs::path file = dir / "atomic.ora";
    std::vector<double> seen;
    OraSaveOptions options;
    options.progress = [&](double f) { seen.push_back(f); };
    ASSERT_TRUE(saveOpenRaster(*doc, file, options));
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.back(), 1.0);
    const auto before = fs::file_size(file);

    // A save that cannot finish leaves the old file alone and no partial file behind.
    auto bad = OraSaveOptions{};
    bad.compression = 12;
    EXPECT_FALSE(saveOpenRaster(*doc, file, bad));
    EXPECT_FALSE(saveOpenRaster(*doc, dir / "no-such-folder" / "x.ora"));
    EXPECT_EQ(fs::file_size(file), before);
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_EQ(entry.path().string().find("signe-partial"), std::string::npos) << entry.path();

    std::vector<double> loadSeen;
    OraLoadOptions load;
    load.progress = [&](double f) { loadSeen.push_back(f); };
    ASSERT_TRUE(loadOpenRaster(file, load));
    ASSERT_FALSE(loadSeen.empty());
    EXPECT_TRUE(std::is_sorted(loadSeen.begin(), loadSeen.end()));
    EXPECT_EQ(loadSeen.back(), 1.0);
}

TEST(OpenRaster, OpensKritaLayout)
{
    auto loaded = loadOpenRaster(kGood / "krita-like.ora");
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
    const Document& doc = *loaded->document;
    EXPECT_EQ(doc.width(), 64);
    EXPECT_EQ(doc.height(), 48);
    EXPECT_EQ(doc.dpi(), 300.0);
    // Krita's "Background" layer, one opaque colour under the canvas, is the paper: Signe's
    // background (docs/openraster.md, "The background as a layer").
    EXPECT_EQ(doc.background(), (Color16{245 * 257, 240 * 257, 225 * 257, 65535}));
    const Layer& root = doc.root();
    ASSERT_EQ(root.children().size(), 2u);  // bottom to top: Group 1, Ink

    const Layer& group = child(root, 0);
    EXPECT_TRUE(group.isGroup());
    EXPECT_EQ(group.properties().name, "Group 1");
    EXPECT_FLOAT_EQ(group.properties().opacity, 0.8f);
    EXPECT_TRUE(group.properties().isolated);
    ASSERT_EQ(group.children().size(), 2u);
    const Layer& inner = child(group, 0);
    EXPECT_TRUE(inner.isGroup());
    EXPECT_FALSE(inner.properties().visible);
    EXPECT_FALSE(inner.properties().isolated);
    EXPECT_EQ(inner.properties().blendMode, BlendMode::Screen);
    const Layer& glow = child(inner, 0);
    EXPECT_EQ(glow.properties().blendMode, BlendMode::ColorDodge);
    EXPECT_FLOAT_EQ(glow.properties().opacity, 0.25f);
    EXPECT_EQ(glow.tiles().pixel(7, 7), premultiplied(0, 0, 65535, 128 * 257));
    const Layer& shade = child(group, 1);
    EXPECT_EQ(shade.properties().name, "Shade");
    EXPECT_TRUE(shade.properties().editLock);
    EXPECT_EQ(shade.properties().blendMode, BlendMode::Exclusion);
    EXPECT_EQ(shade.tiles().pixel(20, 10), premultiplied(0, 0, 1234, 65535));
    EXPECT_EQ(shade.tiles().pixel(20 + 9, 10 + 1), premultiplied(9 * 4096, 4096, 1234, 32768 + 9));
    EXPECT_EQ(shade.tiles().pixel(19, 10), Pixel16{});

    const Layer& ink = child(root, 1);
    EXPECT_EQ(ink.properties().name, "Ink");
    EXPECT_EQ(ink.properties().blendMode, BlendMode::Multiply);
    EXPECT_FLOAT_EQ(ink.properties().opacity, 0.5f);
    EXPECT_EQ(ink.properties().offsetX, 0);
    EXPECT_EQ(ink.tiles().pixel(-6, -4), (Pixel16{65535, 0, 0, 65535}));  // off the canvas
    EXPECT_EQ(ink.tiles().pixel(3, 1), (Pixel16{65535, 0, 0, 65535}));
    EXPECT_EQ(ink.tiles().pixel(4, 2), Pixel16{});
    EXPECT_EQ(loaded->selected, ink.id());
}

TEST(OpenRaster, OpensMyPaintLayoutWithPigmentModeAsNormal)
{
    auto loaded = loadOpenRaster(kGood / "mypaint-like.ora");
    ASSERT_TRUE(loaded) << loaded.error().message;
    // MyPaint 2's linear-light blending (mypaint:eotf="2.2") first, then its pigment mode.
    ASSERT_EQ(loaded->warnings.size(), 2u);
    EXPECT_NE(loaded->warnings[0].find("mypaint:eotf='2.2'"), std::string::npos);
    EXPECT_NE(loaded->warnings[0].find("linear light"), std::string::npos);
    EXPECT_NE(loaded->warnings[1].find("mypaint:spectral-wgm"), std::string::npos);
    EXPECT_NE(loaded->warnings[1].find("'Pigment'"), std::string::npos);
    const Document& doc = *loaded->document;
    EXPECT_EQ(doc.dpi(), 72.0);
    const Layer& root = doc.root();
    ASSERT_EQ(root.children().size(), 3u);
    EXPECT_EQ(child(root, 0).properties().name, "background");
    EXPECT_EQ(child(root, 0).tiles().pixel(49, 39),
              premultiplied(250 * 257, 245 * 257, 235 * 257, 65535));
    const Layer& group = child(root, 1);
    EXPECT_FALSE(group.properties().isolated);
    EXPECT_FLOAT_EQ(group.properties().opacity, 0.75f);
    const Layer& excl = child(group, 0);
    EXPECT_EQ(excl.properties().blendMode, BlendMode::Exclusion);
    EXPECT_FLOAT_EQ(excl.properties().opacity, 0.6f);
    EXPECT_EQ(excl.tiles().pixel(5, 5), premultiplied(0, 0, 65535, 128 * 257));
    const Layer& pigment = child(root, 2);
    EXPECT_EQ(pigment.properties().blendMode, BlendMode::Normal);
    EXPECT_EQ(pigment.tiles().pixel(-10, 4), (Pixel16{65535, 0, 0, 65535}));
    EXPECT_EQ(loaded->selected, pigment.id());
}

TEST(OpenRaster, ReadsEveryPngPixelFormat)
{
    auto loaded = loadOpenRaster(kGood / "pixel-formats.ora");
    ASSERT_TRUE(loaded) << loaded.error().message;
    const Layer& root = loaded->document->root();
    ASSERT_EQ(root.children().size(), 5u);
    const Layer& grey8 = child(root, 0);
    EXPECT_EQ(grey8.properties().name, "grey8");
    EXPECT_EQ(grey8.tiles().pixel(1, 0), (Pixel16{85 * 257, 85 * 257, 85 * 257, 65535}));
    const Layer& greya16 = child(root, 1);
    EXPECT_EQ(greya16.tiles().pixel(1, 2), premultiplied(30000, 30000, 30000, 40000));
    EXPECT_EQ(greya16.tiles().pixel(2, 3), premultiplied(65535, 65535, 65535, 1));
    EXPECT_EQ(greya16.tiles().pixel(3, 2), Pixel16{});
    const Layer& rgb8 = child(root, 2);
    EXPECT_EQ(rgb8.tiles().pixel(3, 4), (Pixel16{10 * 257, 20 * 257, 30 * 257, 65535}));
    const Layer& rgba16 = child(root, 3);
    EXPECT_EQ(rgba16.tiles().pixel(1, 6), premultiplied(1000, 65534, 7, 20001));
    const Layer& palette = child(root, 4);
    EXPECT_EQ(palette.tiles().pixel(0, 8), (Pixel16{65535, 0, 0, 65535}));
    EXPECT_EQ(palette.tiles().pixel(1, 9), premultiplied(0, 65535, 0, 128 * 257));
    EXPECT_EQ(palette.tiles().pixel(2, 8), Pixel16{});
}

TEST(OpenRaster, MissingFileIsNotFound)
{
    auto loaded = loadOpenRaster("/nonexistent/painting.ora");
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, ErrorCode::NotFound);
}
