// SPDX-License-Identifier: GPL-3.0-or-later
// Document::snapshot(): a copy that saves exactly as the document does and shares its tiles
// copy-on-write, so that it can be written on another thread while the painter goes on.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "core/document.h"
#include "core/io/openraster.h"
#include "core/io/ora_zip.h"
#include "test_files.h"

using namespace signe::core;
namespace fs = std::filesystem;

namespace {

/// A document with every property away from its default, and pixels, thickness and wetness.
std::unique_ptr<Document> everythingSet()
{
    auto doc = Document::create(300, 200, {1000, 2000, 3000, 65535}, 150.0).value();
    EXPECT_TRUE(doc->setLight({true, 100, 30, 0.5f, 0.1f, 20, 8}));
    EXPECT_TRUE(doc->setDrying({DryingMode::Strokes, 4}));
    doc->clock().setSeconds(12.5);
    doc->clock().beginStroke();
    doc->clock().setSeconds(20.25);
    doc->clock().beginStroke();
    const LayerId group = doc->addGroup("Group").value();
    LayerProperties groupProps = doc->layer(group)->properties();
    groupProps.isolated = false;
    groupProps.opacity = 0.6f;
    groupProps.blendMode = BlendMode::Multiply;
    EXPECT_TRUE(doc->setLayerProperties(group, groupProps));
    const LayerId ink = doc->addPaintLayer("Ink", group).value();
    LayerProperties inkProps = doc->layer(ink)->properties();
    inkProps.offsetX = 13;
    inkProps.offsetY = -7;
    inkProps.alphaLock = true;
    inkProps.drying = {DryingMode::Seconds, 9};
    EXPECT_TRUE(doc->setLayerProperties(ink, inkProps));
    Layer* layer = doc->mutableLayer(ink);
    layer->tiles().fillRect({10, 20, 150, 90}, {40000, 20000, 100, 50000});
    layer->thickness().fillRect({30, 30, 70, 40}, Thickness16(9000));
    layer->wetness().fillRect({30, 30, 70, 40}, WetStamp(2));
    doc->mutableLayer(doc->layerAtPath({0}))->tiles().fillRect({0, 0, 64, 64}, {1, 2, 3, 65535});
    return doc;
}

std::string entryText(const ora::ZipReader& zip, const std::string& name)
{
    auto bytes = zip.read(name, std::uint64_t(1) << 30);
    EXPECT_TRUE(bytes) << name;
    return bytes ? std::string(bytes->begin(), bytes->end()) : std::string();
}

}  // namespace

TEST(DocumentSnapshot, SavesExactlyAsTheDocumentDoes)
{
    const fs::path dir = signe::test::tempDir("signe-document-snapshot-");
    auto doc = everythingSet();
    const auto copy = doc->snapshot();
    ASSERT_TRUE(saveOpenRaster(*doc, dir / "document.ora"));
    ASSERT_TRUE(saveOpenRaster(*copy, dir / "snapshot.ora"));
    auto original = ora::ZipReader::open(dir / "document.ora").value();
    auto snapshot = ora::ZipReader::open(dir / "snapshot.ora").value();
    // Every entry stack.xml names, and those it does not (document data, merged image).
    const std::string stack = entryText(original, "stack.xml");
    std::set<std::string> names = {"stack.xml", "signe/document.json", "mergedimage.png",
                                   "Thumbnails/thumbnail.png"};
    const std::regex file("\"([^\"]+\\.png)\"");
    for (auto it = std::sregex_iterator(stack.begin(), stack.end(), file);
         it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    EXPECT_GE(names.size(), 7u) << stack;  // two layers' colour, and thickness, wetness
    for (const std::string& name : names)
        EXPECT_TRUE(entryText(original, name) == entryText(snapshot, name)) << name;
}

TEST(DocumentSnapshot, SharesTilesButWritesOnEitherSideStayThere)
{
    auto doc = everythingSet();
    const LayerId ink = doc->layerAtPath({1, 0});
    const auto copy = doc->snapshot();
    const LayerId copiedInk = copy->layerAtPath({1, 0});
    EXPECT_EQ(copy->history().undoCount(), 0u);
    // The same tile, not a copy of it.
    EXPECT_EQ(doc->layer(ink)->tiles().tile({0, 0}), copy->layer(copiedInk)->tiles().tile({0, 0}));
    doc->mutableLayer(ink)->tiles().fillRect({10, 20, 5, 5}, {0, 0, 0, 0});
    copy->mutableLayer(copiedInk)->tiles().fillRect({100, 60, 5, 5}, {65535, 0, 0, 65535});
    EXPECT_EQ(doc->layer(ink)->tiles().pixel(10, 20), (Pixel16{0, 0, 0, 0}));
    EXPECT_EQ(copy->layer(copiedInk)->tiles().pixel(10, 20), (Pixel16{40000, 20000, 100, 50000}));
    EXPECT_EQ(doc->layer(ink)->tiles().pixel(100, 60), (Pixel16{40000, 20000, 100, 50000}));
    EXPECT_EQ(copy->layer(copiedInk)->tiles().pixel(100, 60), (Pixel16{65535, 0, 0, 65535}));
}
