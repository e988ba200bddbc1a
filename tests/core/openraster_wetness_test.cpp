// SPDX-License-Identifier: GPL-3.0-or-later
// OpenRaster: wetness stamps, drying settings, the paint clock and the last preset survive a
// save and load exactly, and bad values in them cost a warning, never the painting.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "core/io/openraster.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"
#include "core/io/png_encoder.h"
#include "ora_test_documents.h"
#include "test_files.h"

using namespace signe::core;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<Layer> addPaint(Document& doc, LayerProperties p)
{
    auto node = std::make_shared<Layer>(doc.allocateId(), LayerKind::Paint, std::move(p));
    doc.insertNode(kNoLayer, -1, node);
    return node;
}

/// A document whose paint dries: a clock of `strokes` strokes at irregular times (as a wall
/// clock gives them: any double), layers with every drying mode, stamps above 65535 (both
/// halves of the 32-bit stamp matter), uniform stamp tiles and stamps at negative positions.
std::unique_ptr<Document> dryingDocument(WetStamp strokes)
{
    auto doc = Document::createEmpty(200, 150, {65535, 65535, 65535, 65535}, 300.0).value();
    doc->setDryingDirect({DryingMode::Strokes, 12});
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> gap(0.0, 0.7);
    double t = 3.0;
    for (WetStamp i = 0; i < strokes; ++i) {
        t += i % 50 == 0 ? 0.0 : gap(rng);  // strokes at the same instant too
        doc->clock().setSeconds(t);
        doc->clock().beginStroke();
    }
    doc->clock().setSeconds(t + 1.25);

    const Drying dryings[] = {{DryingMode::Inherit, 0},
                              {DryingMode::Never, 0},
                              {DryingMode::Strokes, 3},
                              {DryingMode::Seconds, 2.5f}};
    for (int i = 0; i < 4; ++i) {
        LayerProperties p;
        p.name = "Layer " + std::to_string(i);
        p.drying = dryings[i];
        p.offsetX = i * 7 - 10;
        auto layer = addPaint(*doc, p);
        layer->tiles().fillRect({-20, -10, 150, 100}, {30000, 20000, 10000, 40000});
        if (i == 1) continue;  // paint that never dried: no stamps
        const Rect r{-30 + i * 11, -5, 97, 70};
        std::vector<WetStamp> stamps(std::size_t(r.w) * std::size_t(r.h));
        for (WetStamp& s : stamps) s = rng() % 4 == 0 ? kDry : WetStamp(rng() % (strokes + 1));
        layer->wetness().writeRect(r, stamps.data(), r.w);
        layer->wetness().fillRect({64, 64, 64, 64}, strokes);  // a uniform tile
    }
    return doc;
}

void expectSameWetness(const Layer& a, const Layer& b)
{
    SCOPED_TRACE(a.properties().name);
    EXPECT_EQ(a.properties().drying, b.properties().drying);
    EXPECT_EQ(a.wetness().bounds(), b.wetness().bounds());
    signe::test::expectSameSamples(a.wetness(), b.wetness(), "stamps");
}

/// Copies an archive, replacing entry contents by name (names must be known: libzip's reader
/// here has no listing, and the test knows what Signe wrote).
void rewrite(const fs::path& from, const fs::path& to, const std::vector<std::string>& names,
             const std::map<std::string, std::vector<std::uint8_t>>& replaced)
{
    auto in = ora::ZipReader::open(from).value();
    auto out = ora::ZipWriter::create(to).value();
    for (const std::string& name : names) {
        const auto r = replaced.find(name);
        auto bytes = r != replaced.end() ? r->second : in.read(name, 1 << 30).value();
        ASSERT_TRUE(out.add(name, std::move(bytes), name != "mimetype")) << name;
    }
    ASSERT_TRUE(out.close());
}

std::vector<std::uint8_t> bytesOf(const std::string& text)
{
    return {text.begin(), text.end()};
}

std::string textOf(const ora::ZipReader& zip, const std::string& name)
{
    auto bytes = zip.read(name, 1 << 26).value();
    return {bytes.begin(), bytes.end()};
}

bool anyWarningHas(const LoadedDocument& loaded, const std::string& phrase)
{
    for (const std::string& w : loaded.warnings)
        if (w.find(phrase) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(OpenRasterWetness, StampsDryingClockAndLastPresetRoundTripExactly)
{
    const fs::path dir = signe::test::tempDir("signe-ora-wet-");
    // 70000 strokes: stamps above 65535 use the high half of the stamp, and the clock's times
    // are many (packed, not a JSON array).
    auto doc = dryingDocument(70000);
    for (int threads : {1, 2}) {
        const fs::path file = dir / ("wet-" + std::to_string(threads) + ".ora");
        OraSaveOptions save;
        save.threads = threads;
        save.lastPreset = "Oil round \"wet\" ünïcode";
        ASSERT_TRUE(saveOpenRaster(*doc, file, save));
        OraLoadOptions load;
        load.threads = threads;
        auto loaded = loadOpenRaster(file, load);
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
        const Document& back = *loaded->document;
        EXPECT_EQ(loaded->lastPreset, save.lastPreset);
        EXPECT_EQ(back.drying(), doc->drying());
        EXPECT_EQ(back.clock().seconds(), doc->clock().seconds());
        EXPECT_EQ(back.clock().strokes(), 70000u);
        EXPECT_TRUE(back.clock().strokeTimes() == doc->clock().strokeTimes());
        ASSERT_EQ(back.root().children().size(), doc->root().children().size());
        for (std::size_t i = 0; i < doc->root().children().size(); ++i)
            expectSameWetness(*doc->root().children()[i], *back.root().children()[i]);
        EXPECT_TRUE(back.root().children()[1]->wetness().isEmpty());
    }
    // The packed clock is compact: 70000 times in far less than JSON's ~18 bytes each.
    auto zip = ora::ZipReader::open(dir / "wet-1.ora").value();
    EXPECT_LT(textOf(zip, "signe/document.json").size(), 70000u * 8);
}

TEST(OpenRasterWetness, DefaultsWhenTheFileHasNone)
{
    const fs::path file = signe::test::tempDir("signe-ora-wet-") / "plain.ora";
    auto doc = Document::create(64, 64).value();
    ASSERT_TRUE(saveOpenRaster(*doc, file));
    auto loaded = loadOpenRaster(file);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(loaded->warnings.empty());
    EXPECT_EQ(loaded->lastPreset, "");
    EXPECT_EQ(loaded->document->drying(), (Drying{DryingMode::Never, 0}));
    EXPECT_EQ(loaded->document->clock().strokes(), 0u);
    EXPECT_EQ(loaded->document->clock().seconds(), 0.0);
}

TEST(OpenRasterWetness, BadDataCostsAWarningNotThePainting)
{
    const fs::path dir = signe::test::tempDir("signe-ora-wet-");
    auto doc = Document::createEmpty(100, 80, {65535, 65535, 65535, 65535}, 300.0).value();
    for (int i = 0; i < 5; ++i) doc->clock().beginStroke();
    auto layer = addPaint(*doc, {"Wet"});
    layer->tiles().fillRect({0, 0, 100, 80}, {100, 200, 300, 65535});
    layer->wetness().fillRect({0, 0, 30, 20}, 5);
    LayerProperties dry{"Dry"};
    dry.drying = {DryingMode::Seconds, 4};
    addPaint(*doc, dry)->tiles().fillRect({0, 0, 10, 10}, {0, 0, 0, 65535});
    const fs::path good = dir / "good.ora";
    ASSERT_TRUE(saveOpenRaster(*doc, good));
    // The top layer ("Dry") is written first; the white background is a layer too.
    const std::vector<std::string> names = {"mimetype",
                                            "stack.xml",
                                            "signe/document.json",
                                            "data/layer-0.png",
                                            "data/layer-1.png",
                                            "signe/wetness-2.png",
                                            "data/background.png",
                                            "mergedimage.png",
                                            "Thumbnails/thumbnail.png"};
    auto zip = ora::ZipReader::open(good).value();
    const std::string json = textOf(zip, "signe/document.json");
    const std::string stack = textOf(zip, "stack.xml");
    auto replace = [](std::string text, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
        return text;
    };
    auto load = [&](const std::string& name,
                    const std::map<std::string, std::vector<std::uint8_t>>& replaced) {
        const fs::path file = dir / name;
        rewrite(good, file, names, replaced);
        return loadOpenRaster(file);
    };

    {  // A clock going backwards: refused by PaintClock::restore, so the stamps mean nothing.
        auto loaded = load("bad-clock.ora",
                           {{"signe/document.json",
                             bytesOf(replace(json, "\"seconds\": 0.0", "\"seconds\": -3.0"))}});
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_TRUE(anyWarningHas(*loaded, "paint clock"));
        EXPECT_TRUE(anyWarningHas(*loaded, "its paint is dry"));
        EXPECT_EQ(loaded->document->clock().strokes(), 0u);
        EXPECT_TRUE(loaded->document->root().children()[0]->wetness().isEmpty());
        EXPECT_EQ(loaded->document->root().children()[0]->tiles().pixel(50, 50),
                  (Pixel16{100, 200, 300, 65535}));
    }
    {  // Stamps newer than the clock.
        auto loaded = load(
            "short-clock.ora",
            {{"signe/document.json", bytesOf(replace(json, "\"strokes\": 5", "\"strokes\": 4"))}});
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_TRUE(anyWarningHas(*loaded, "do not unpack"));
    }
    {  // Bad drying values and a last preset of the wrong type.
        std::string j = replace(json, "\"drying\": \"never\"", "\"drying\": \"inherit\"");
        j = replace(j, "\"lastPreset\": \"\"", "\"lastPreset\": 7");
        auto loaded = load("bad-drying.ora",
                           {{"signe/document.json", bytesOf(j)},
                            {"stack.xml", bytesOf(replace(stack, "seconds:4", "seconds:-1"))}});
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_TRUE(anyWarningHas(*loaded, "layers only"));
        EXPECT_TRUE(anyWarningHas(*loaded, "lastPreset is not a string"));
        EXPECT_TRUE(anyWarningHas(*loaded, "signe:drying"));
        EXPECT_EQ(loaded->document->drying(), (Drying{DryingMode::Never, 0}));
        EXPECT_EQ(loaded->document->root().children()[1]->properties().drying.mode,
                  DryingMode::Inherit);
        EXPECT_EQ(loaded->document->clock().strokes(), 5u);
    }
    {  // A stamp file of the wrong shape (grey, as thickness is) is an error naming it.
        auto grey = ora::encodePng(
            30, 20, {1, 16, false, 6}, 20,
            [](int, int rows, void* out) {
                std::fill_n(static_cast<std::uint16_t*>(out), 30 * rows, std::uint16_t(5));
            },
            "grey");
        ASSERT_TRUE(grey);
        auto loaded = load("grey-wetness.ora", {{"signe/wetness-2.png", *grey}});
        ASSERT_FALSE(loaded);
        EXPECT_NE(loaded.error().message.find("wetness"), std::string::npos)
            << loaded.error().message;
    }
}
