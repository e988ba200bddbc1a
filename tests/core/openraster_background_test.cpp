// SPDX-License-Identifier: GPL-3.0-or-later
// OpenRaster: the document's background colour is written as a marked bottom layer for other
// programs, the merged image shows it, and Signe reads that layer back as the background
// (core/io/ora_background.h, docs/openraster.md "The background as a layer").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/compositor.h"
#include "core/io/openraster.h"
#include "core/io/ora_stack.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"
#include "core/io/png_encoder.h"
#include "ora_test_documents.h"
#include "test_files.h"

using namespace signe::core;
using signe::test::addNode;
using signe::test::expectSameTree;
namespace fs = std::filesystem;

namespace {

constexpr Color16 kWhite{65535, 65535, 65535, 65535};
/// Cream paper at 16 bits: not a multiple of 257, so its layer is a 16-bit PNG.
constexpr Color16 kCream{64500, 61170, 53200, 65535};
/// Cream at 8 bits (multiples of 257): an 8-bit PNG.
constexpr Color16 kCream8{250 * 257, 240 * 257, 215 * 257, 65535};
constexpr Color16 kTranslucent{12000, 40000, 51000, 30001};
constexpr Color16 kTransparent{1234, 0, 0, 0};

/// Three layers and a group, in creation order bottom to top (so that ids follow the tree as
/// the reader gives them). With `multiply`, the group's layer multiplies through the group,
/// which passes through: it blends with what lies below the group.
std::unique_ptr<Document> paperDocument(Color16 background, bool multiply = false)
{
    auto doc = Document::createEmpty(150, 100, background, 300.0).value();
    addNode(*doc, nullptr, LayerKind::Paint, {"Wash"})
        ->tiles()
        .fillRect({10, 10, 60, 40}, {30000, 10000, 5000, 40000});
    LayerProperties figures{"Figures"};
    figures.isolated = !multiply;
    auto group = addNode(*doc, nullptr, LayerKind::Group, figures);
    LayerProperties ink{"Ink", true, 0.8f, multiply ? BlendMode::Multiply : BlendMode::Normal};
    addNode(*doc, group.get(), LayerKind::Paint, ink)
        ->tiles()
        .fillRect({40, 20, 70, 50}, {2000, 9000, 30000, 52000});
    addNode(*doc, nullptr, LayerKind::Paint, {"Empty"});
    return doc;
}

ora::StackImage savedStack(const fs::path& file)
{
    auto zip = ora::ZipReader::open(file).value();
    const auto xml = zip.read("stack.xml", 1 << 20).value();
    std::vector<std::string> warnings;
    return ora::parseStackXml({reinterpret_cast<const char*>(xml.data()), xml.size()}, warnings)
        .value();
}

/// A PNG of `w` x `h` straight 16-bit pixels, all `c` but pixel (odd, 0), which is `other`.
std::vector<std::uint8_t> colourPng(int w, int h, Color16 c, int odd = -1, Color16 other = {})
{
    ora::PngEncoding encoding;
    encoding.filter = ora::PngFilter::None;
    return ora::encodePng(
               w, h, encoding, h,
               [&](int, int rows, void* out) {
                   auto* s = static_cast<std::uint16_t*>(out);
                   for (int i = 0; i < w * rows; ++i) {
                       const Color16 p = i == odd ? other : c;
                       s[i * 4] = p.r, s[i * 4 + 1] = p.g, s[i * 4 + 2] = p.b, s[i * 4 + 3] = p.a;
                   }
               },
               "test.png")
        .value();
}

using Entries = std::vector<std::pair<std::string, std::vector<std::uint8_t>>>;

/// An .ora made by hand, as another program (or a damaged save) would leave it.
void writeOra(const fs::path& file, const std::string& stackXml, Entries entries)
{
    auto zip = ora::ZipWriter::create(file).value();
    ASSERT_TRUE(zip.add(
        "mimetype",
        {'i', 'm', 'a', 'g', 'e', '/', 'o', 'p', 'e', 'n', 'r', 'a', 's', 't', 'e', 'r'}, false));
    ASSERT_TRUE(zip.add("stack.xml", {stackXml.begin(), stackXml.end()}, true));
    for (auto& [name, bytes] : entries) ASSERT_TRUE(zip.add(name, std::move(bytes), false));
    ASSERT_TRUE(zip.close());
}

/// stack.xml of a 40 x 30 canvas with `layers` (top first), Signe's namespace declared.
std::string stackXml(const std::string& layers)
{
    return "<?xml version=\"1.0\"?>\n<image w=\"40\" h=\"30\" "
           "xmlns:signe=\"https://signe.invalid/ns/openraster/1\">\n<stack>\n" +
           layers + "</stack>\n</image>\n";
}

std::string layerXml(const std::string& name, const std::string& src, const std::string& extra = "")
{
    return "<layer name=\"" + name + "\" src=\"" + src + "\" x=\"0\" y=\"0\" " + extra + "/>\n";
}

/// A hand-made file and how many layers the root must hold once it is read.
struct HandMadeFile {
    const char* file;
    std::string xml;
    Entries entries;
    std::size_t rootChildren;
    const char* warning = nullptr;  ///< a phrase one warning must contain; null: no warning
};

/// Writes and loads `f`; checks the layers at the root and the warnings.
std::unique_ptr<Document> loadHandMade(const fs::path& dir, const HandMadeFile& f)
{
    SCOPED_TRACE(f.file);
    writeOra(dir / f.file, f.xml, f.entries);
    auto loaded = loadOpenRaster(dir / f.file);
    EXPECT_TRUE(loaded) << loaded.error().message;
    if (!loaded) return nullptr;
    std::string all;
    for (const std::string& w : loaded->warnings) all += w + "\n";
    if (f.warning)
        EXPECT_NE(all.find(f.warning), std::string::npos) << all;
    else
        EXPECT_TRUE(all.empty()) << all;
    EXPECT_EQ(loaded->document->root().children().size(), f.rootChildren);
    return std::move(loaded->document);
}

}  // namespace

TEST(OpenRasterBackground, EveryBackgroundRoundTripsExactlyWithoutAnExtraLayer)
{
    const fs::path dir = signe::test::tempDir("signe-ora-bg-");
    for (const Color16 background : {kWhite, kCream, kCream8, kTranslucent, kTransparent}) {
        for (const bool multiply : {false, true}) {
            SCOPED_TRACE(std::to_string(background.r) + "," + std::to_string(background.a) +
                         (multiply ? " multiply" : ""));
            auto doc = paperDocument(background, multiply);
            const fs::path file = dir / "paper.ora";
            ASSERT_TRUE(saveOpenRaster(*doc, file));
            auto loaded = loadOpenRaster(file);
            ASSERT_TRUE(loaded) << loaded.error().message;
            EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
            const Document& back = *loaded->document;
            EXPECT_EQ(back.background(), background);
            EXPECT_EQ(back.layerIds(), doc->layerIds());
            expectSameTree(doc->root(), back.root(), "");
        }
    }
}

TEST(OpenRasterBackground, SavedStackHasTheMarkedBackgroundLayerAtTheBottom)
{
    const fs::path dir = signe::test::tempDir("signe-ora-bg-");
    auto doc = paperDocument(kCream);
    ASSERT_TRUE(saveOpenRaster(*doc, dir / "cream.ora"));
    const ora::StackImage image = savedStack(dir / "cream.ora");
    ASSERT_EQ(image.root.children.size(), 4u);  // Empty, Figures, Wash, Background
    const ora::StackEntry& bottom = image.root.children.back();
    EXPECT_FALSE(bottom.isStack);
    EXPECT_EQ(bottom.name, "Background");
    EXPECT_EQ(bottom.signe.at("background"), "true");
    EXPECT_TRUE(bottom.visible);
    EXPECT_EQ(bottom.opacity, 1.0f);
    EXPECT_EQ(bottom.compositeOp, "svg:src-over");
    EXPECT_EQ(bottom.x, 0);
    EXPECT_EQ(bottom.y, 0);
    EXPECT_EQ(image.root.children.front().name, "Empty");

    // The PNG covers the canvas with the straight colour, at 16 bits when 8 would round it.
    auto zip = ora::ZipReader::open(dir / "cream.ora").value();
    const auto bytes = zip.read(bottom.src, 1 << 20).value();
    EXPECT_LT(bytes.size(), 2000u);  // one colour deflates to almost nothing
    auto png = ora::PngReader::open(bytes, bottom.src).value();
    ASSERT_EQ(png.width(), 150);
    ASSERT_EQ(png.height(), 100);
    EXPECT_EQ(ora::parsePngHeader(bytes, bottom.src).value().bitDepth, 16);
    std::vector<std::uint16_t> px(150 * 100 * 4);
    ASSERT_TRUE(png.readRows(0, 100, px.data()));
    for (std::size_t i = 0; i < px.size(); i += 4)
        ASSERT_TRUE(px[i] == kCream.r && px[i + 1] == kCream.g && px[i + 2] == kCream.b &&
                    px[i + 3] == kCream.a)
            << "pixel " << i / 4;

    ASSERT_TRUE(saveOpenRaster(*paperDocument(kCream8), dir / "cream8.ora"));
    const ora::StackImage image8 = savedStack(dir / "cream8.ora");
    auto zip8 = ora::ZipReader::open(dir / "cream8.ora").value();
    const auto png8 = zip8.read(image8.root.children.back().src, 1 << 20).value();
    EXPECT_EQ(ora::parsePngHeader(png8, "8-bit").value().bitDepth, 8);

    // A fully transparent background adds nothing to the file.
    ASSERT_TRUE(saveOpenRaster(*paperDocument(kTransparent), dir / "clear.ora"));
    const ora::StackImage clear = savedStack(dir / "clear.ora");
    ASSERT_EQ(clear.root.children.size(), 3u);
    EXPECT_EQ(clear.root.children.back().name, "Wash");
}

TEST(OpenRasterBackground, LayersThatWouldBlendWithThePaperGoInAnIsolatedStack)
{
    // Signe blends layers over transparency and lays the result on the paper, so a multiply
    // layer never darkens the paper; with the paper as a layer below, it would, unless the
    // layers are composited apart from it.
    const fs::path dir = signe::test::tempDir("signe-ora-bg-");
    ASSERT_TRUE(saveOpenRaster(*paperDocument(kCream, false), dir / "normal.ora"));
    EXPECT_EQ(savedStack(dir / "normal.ora").root.children.size(), 4u);

    // Inside a pass-through group, the multiply layer still reaches the paper.
    auto doc = paperDocument(kCream, true);
    ASSERT_TRUE(saveOpenRaster(*doc, dir / "multiply.ora"));
    const ora::StackImage image = savedStack(dir / "multiply.ora");
    ASSERT_EQ(image.root.children.size(), 2u);
    const ora::StackEntry& painting = image.root.children.front();
    EXPECT_TRUE(painting.isStack);
    EXPECT_TRUE(painting.isolate);
    EXPECT_EQ(painting.name, "Painting");
    EXPECT_EQ(painting.signe.at("root"), "true");
    EXPECT_EQ(painting.children.size(), 3u);
    EXPECT_EQ(image.root.children.back().name, "Background");

    // Inside an isolated group it does not: no stack.
    doc->mutableRoot().children()[1]->properties().isolated = true;
    ASSERT_TRUE(saveOpenRaster(*doc, dir / "isolated.ora"));
    EXPECT_EQ(savedStack(dir / "isolated.ora").root.children.size(), 4u);

    // Without a background layer there is nothing to keep apart.
    ASSERT_TRUE(saveOpenRaster(*paperDocument(kTransparent, true), dir / "clear.ora"));
    EXPECT_EQ(savedStack(dir / "clear.ora").root.children.size(), 3u);
}

TEST(OpenRasterBackground, MergedImageIsTheCompositeOverTheBackground)
{
    const fs::path file = signe::test::tempDir("signe-ora-bg-") / "merged.ora";
    auto doc = paperDocument(kCream, true);
    ASSERT_TRUE(saveOpenRaster(*doc, file));
    auto zip = ora::ZipReader::open(file).value();
    const auto bytes = zip.read("mergedimage.png", 1 << 24).value();
    auto png = ora::PngReader::open(bytes, "mergedimage.png").value();
    const int w = doc->width(), h = doc->height();
    ASSERT_EQ(png.width(), w);
    ASSERT_EQ(png.channels(), 4);
    std::vector<std::uint16_t> merged(std::size_t(w) * std::size_t(h) * 4);
    ASSERT_TRUE(png.readRows(0, h, merged.data()));

    std::vector<float> expected(std::size_t(w) * std::size_t(h) * 4);
    Compositor(*doc).compositeFloat(doc->bounds(), expected.data(), true);
    int worst = 0;
    for (std::size_t i = 0; i < expected.size(); i += 4) {
        const float a = expected[i + 3];
        for (std::size_t c = 0; c < 4; ++c) {
            const float straight = c == 3 ? a : expected[i + c] / a;
            const int want = int(std::lround(straight * 255.0f));
            worst = std::max(worst, std::abs(want - merged[i + c] / 257));
        }
    }
    EXPECT_LE(worst, 1);  // the writer rounds the same floats; one step for float order
    // Where no layer paints, the merged image is the paper itself, opaque.
    const std::size_t corner = (std::size_t(h - 1) * std::size_t(w) + std::size_t(w - 1)) * 4;
    EXPECT_EQ(merged[corner + 0] / 257, std::lround(kCream.r / 257.0));
    EXPECT_EQ(merged[corner + 1] / 257, std::lround(kCream.g / 257.0));
    EXPECT_EQ(merged[corner + 2] / 257, std::lround(kCream.b / 257.0));
    EXPECT_EQ(merged[corner + 3], 65535);
}

TEST(OpenRasterBackground, DocumentDataIsTheAuthorityAndTheLayerStandsInWithoutIt)
{
    const fs::path dir = signe::test::tempDir("signe-ora-bg-");
    const std::string marked = "signe:background=\"true\"";
    const std::string xml =
        stackXml(layerXml("Ink", "data/ink.png") + layerXml("Background", "data/bg.png", marked));
    const auto ink = colourPng(40, 30, {0, 0, 0, 0}, 5, {65535, 0, 0, 65535});
    const std::string json =
        "{\"format\": \"signe-document\", \"version\": 1, "
        "\"background\": [1, 2, 3, 65535]}";

    // Without document data, the marked layer's colour, straight and exact, even translucent.
    auto doc = loadHandMade(
        dir, {"layer-only.ora",
              xml,
              {{"data/ink.png", ink}, {"data/bg.png", colourPng(40, 30, kTranslucent)}},
              1});
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->background(), kTranslucent);
    EXPECT_EQ(doc->root().children()[0]->properties().name, "Ink");

    // With document data, its value wins; a layer that disagrees costs a warning.
    doc = loadHandMade(dir, {"both.ora",
                             xml,
                             {{"data/ink.png", ink},
                              {"data/bg.png", colourPng(40, 30, kCream)},
                              {"signe/document.json", {json.begin(), json.end()}}},
                             1,
                             "differs from the background in signe/document.json"});
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->background(), (Color16{1, 2, 3, 65535}));
}

TEST(OpenRasterBackground, MisplacedOrPaintedMarkKeepsTheLayerWithAWarning)
{
    const fs::path dir = signe::test::tempDir("signe-ora-bg-");
    const std::string marked = "signe:background=\"true\"";
    const auto flat = colourPng(40, 30, kCream);
    const std::string ink = layerXml("Ink", "data/a.png");
    const HandMadeFile files[] = {
        {"not-bottom.ora",
         stackXml(layerXml("Background", "data/bg.png", marked) + ink),
         {{"data/bg.png", flat}, {"data/a.png", flat}},
         2,
         "only read on the bottom layer"},
        {"painted.ora",
         stackXml(ink + layerXml("Background", "data/bg.png", marked)),
         {{"data/a.png", flat}, {"data/bg.png", colourPng(40, 30, kCream, 1199, kWhite)}},
         2,
         "not one colour"},
        {"small.ora",
         stackXml(ink + layerXml("Background", "data/bg.png", marked)),
         {{"data/a.png", flat}, {"data/bg.png", colourPng(20, 30, kCream)}},
         2,
         "not the canvas' 40x30"},
        {"hidden.ora",
         stackXml(ink + layerXml("Background", "data/bg.png", marked + " visibility=\"hidden\"")),
         {{"data/a.png", flat}, {"data/bg.png", flat}},
         2,
         "it is hidden"},
        {"on-a-stack.ora",
         stackXml(ink + "<stack name=\"Background\" " + marked + ">\n" +
                  layerXml("Paper", "data/bg.png") + "</stack>\n"),
         {{"data/a.png", flat}, {"data/bg.png", flat}},
         2,
         "it is a stack"},
        {"stray-root.ora",
         stackXml("<stack name=\"Painting\" signe:root=\"true\">\n" + ink + "</stack>\n"),
         {{"data/a.png", flat}},
         1,
         "kept as a group"},
    };
    for (const HandMadeFile& f : files) {
        auto doc = loadHandMade(dir, f);
        ASSERT_TRUE(doc);
        EXPECT_EQ(doc->background(), kWhite);  // the default, as for any foreign file
    }

    // Refused after its PNG was read, the layer goes back under the stack it was taken from,
    // which goes back around the layers.
    auto doc = loadHandMade(
        dir, {"painted-under-stack.ora",
              stackXml("<stack name=\"Painting\" signe:root=\"true\">\n" + ink + "</stack>\n" +
                       layerXml("Background", "data/bg.png", marked)),
              {{"data/a.png", flat}, {"data/bg.png", colourPng(40, 30, kCream, 7, kWhite)}},
              2,
              "signe:root is only read above a background layer; kept as a group"});
    ASSERT_TRUE(doc);
    const Layer& root = doc->root();
    EXPECT_EQ(root.children()[0]->properties().name, "Background");
    EXPECT_EQ(root.children()[0]->tiles().pixel(7, 0), (Pixel16{65535, 65535, 65535, 65535}));
    EXPECT_EQ(root.children()[0]->tiles().pixel(8, 0),
              (Pixel16{kCream.r, kCream.g, kCream.b, 65535}));
    ASSERT_TRUE(root.children()[1]->isGroup());
    EXPECT_EQ(root.children()[1]->properties().name, "Painting");
    ASSERT_EQ(root.children()[1]->children().size(), 1u);
    EXPECT_EQ(root.children()[1]->children()[0]->properties().name, "Ink");
}

TEST(OpenRasterBackground, UnmarkedBackgroundBecomesThePaperOnlyWhenThatChangesNothing)
{
    // A Signe file re-saved by Krita has lost Signe's marks and document data; Krita's own
    // files have the same "Background" layer.
    const fs::path dir = signe::test::tempDir("signe-ora-bg-");
    const auto flat = colourPng(40, 30, kCream8);
    const auto ink = colourPng(40, 30, {0, 0, 0, 0}, 5, {65535, 0, 0, 65535});
    const std::string twoLayers = stackXml(
        layerXml("Ink", "data/a.png") + layerXml("Background", "data/bg.png", "edit-locked=\"1\""));
    auto doc = loadHandMade(
        dir, {"krita.ora", twoLayers, {{"data/a.png", ink}, {"data/bg.png", flat}}, 1});
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->background(), kCream8);

    const std::string json = "{\"format\": \"signe-document\", \"version\": 1}";
    const HandMadeFile kept[] = {
        // Signe's document data: an older Signe file, whose painter named a layer so.
        {"signe-data.ora",
         twoLayers,
         {{"data/a.png", ink},
          {"data/bg.png", flat},
          {"signe/document.json", {json.begin(), json.end()}}},
         2},
        // Translucent: over the white Signe gives foreign files, the picture would change.
        {"translucent.ora",
         twoLayers,
         {{"data/a.png", ink}, {"data/bg.png", colourPng(40, 30, kTranslucent)}},
         2},
        // The only layer: the painter keeps something to paint on.
        {"alone.ora", stackXml(layerXml("Background", "data/bg.png")), {{"data/bg.png", flat}}, 1},
        {"other-name.ora",
         stackXml(layerXml("Ink", "data/a.png") + layerXml("Paper", "data/bg.png")),
         {{"data/a.png", ink}, {"data/bg.png", flat}},
         2},
    };
    for (const HandMadeFile& f : kept) {
        doc = loadHandMade(dir, f);
        ASSERT_TRUE(doc);
        EXPECT_EQ(doc->background(), kWhite);
    }
}
