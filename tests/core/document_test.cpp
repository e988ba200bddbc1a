// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/document.h"

#include <gtest/gtest.h>

#include "core/transaction.h"

using namespace signe::core;

namespace {

std::unique_ptr<Document> newDoc(int w = 256, int h = 256)
{
    auto doc = Document::create(w, h);
    EXPECT_TRUE(doc.has_value());
    return std::move(*doc);
}

LayerId firstLayer(const Document& doc) { return doc.root().children().at(0)->id(); }

std::vector<std::string> names(const Document& doc)
{
    std::vector<std::string> out;
    for (LayerId id : doc.layerIds()) out.push_back(doc.layer(id)->properties().name);
    return out;
}

void paint(Document& doc, LayerId id, const Rect& r, Pixel16 value)
{
    Transaction tx(doc, "paint");
    auto target = tx.target(id);
    ASSERT_TRUE(target.has_value()) << target.error().message;
    target->fillRect(r, value);
    tx.commit();
}

constexpr Pixel16 kRed{65535, 0, 0, 65535};
constexpr Pixel16 kHalfBlue{0, 0, 32768, 32768};

}  // namespace

TEST(Document, SizeLimitsAreClearErrorsNamingValueAndLimit)
{
    for (auto [w, h] : {std::pair<std::int64_t, std::int64_t>{0, 10}, {10, 0}, {-5, 10},
                        {200000, 200000}, {65537, 1}}) {
        auto doc = Document::create(w, h);
        ASSERT_FALSE(doc.has_value()) << w << "x" << h;
        const std::string& msg = doc.error().message;
        EXPECT_NE(msg.find(std::to_string(w <= 0 || w > kMaxCanvasSide ? w : h)),
                  std::string::npos)
            << msg;
        EXPECT_NE(msg.find("65536"), std::string::npos) << msg;
    }
    EXPECT_TRUE(Document::create(65536, 1).has_value());
    EXPECT_TRUE(Document::create(1, 1).has_value());
}

TEST(Document, NewDocumentHasOneEmptyLayerAndNoHistory)
{
    auto doc = newDoc(2048, 1536);
    EXPECT_EQ(doc->width(), 2048);
    EXPECT_EQ(doc->height(), 1536);
    EXPECT_EQ(doc->root().children().size(), 1u);
    EXPECT_EQ(doc->history().count(), 0u);
    EXPECT_EQ(doc->root().children()[0]->tiles().tileCount(), 0u);
}

TEST(Document, AddLayerUndoRedo)
{
    auto doc = newDoc();
    auto id = doc->addPaintLayer("Ink");
    ASSERT_TRUE(id);
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1", "Ink"}));
    doc->undo();
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1"}));
    EXPECT_EQ(doc->layer(*id), nullptr);
    doc->redo();
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1", "Ink"}));
    EXPECT_NE(doc->layer(*id), nullptr) << "ids survive undo and redo";
}

TEST(Document, RemoveLayerKeepsItsPixelsForUndo)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    paint(*doc, id, {0, 0, 10, 10}, kRed);
    ASSERT_TRUE(doc->removeLayer(id));
    EXPECT_TRUE(doc->root().children().empty());
    doc->undo();
    ASSERT_NE(doc->layer(id), nullptr);
    EXPECT_EQ(doc->layer(id)->tiles().pixel(5, 5), kRed);
    doc->redo();
    EXPECT_EQ(doc->layer(id), nullptr);
}

TEST(Document, DuplicateSharesTilesButWritesAreIndependent)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    paint(*doc, id, {0, 0, 10, 10}, kRed);
    auto copy = doc->duplicateLayer(id);
    ASSERT_TRUE(copy);
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1", "Layer 1 copy"}));
    EXPECT_EQ(doc->layer(*copy)->tiles().tile({0, 0}), doc->layer(id)->tiles().tile({0, 0}));
    paint(*doc, *copy, {0, 0, 5, 5}, kHalfBlue);
    EXPECT_EQ(doc->layer(id)->tiles().pixel(1, 1), kRed);
    EXPECT_EQ(doc->layer(*copy)->tiles().pixel(1, 1), kHalfBlue);
    doc->undo();
    doc->undo();
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1"}));
}

TEST(Document, MoveReordersAndReparents)
{
    auto doc = newDoc();
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    const LayerId g = *doc->addGroup("G");
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1", "B", "G"}));

    ASSERT_TRUE(doc->moveLayer(a, kNoLayer, -1));  // to the top
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"B", "G", "Layer 1"}));
    ASSERT_TRUE(doc->moveLayer(b, g, 0));  // into the group
    EXPECT_EQ(doc->parentOf(b), g);
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"G", "B", "Layer 1"}));

    doc->undo();
    EXPECT_EQ(doc->parentOf(b), doc->root().id());
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"B", "G", "Layer 1"}));
    doc->undo();
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1", "B", "G"}));
    doc->redo();
    doc->redo();
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"G", "B", "Layer 1"}));

    auto intoItself = doc->moveLayer(g, g, 0);
    ASSERT_FALSE(intoItself);
    EXPECT_NE(intoItself.error().message.find("'G'"), std::string::npos);
    EXPECT_FALSE(doc->moveLayer(a, b, 0)) << "a paint layer is no parent";
}

TEST(Document, SetPropertiesIsUndoableOneByOne)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    ASSERT_TRUE(doc->renameLayer(id, "Sky"));
    ASSERT_TRUE(doc->setLayerOpacity(id, 0.25f));
    ASSERT_TRUE(doc->setLayerBlendMode(id, BlendMode::Multiply));
    ASSERT_TRUE(doc->setLayerVisible(id, false));
    LayerProperties p = doc->layer(id)->properties();
    p.alphaLock = true;
    p.editLock = true;
    p.offsetX = -30;
    p.offsetY = 12;
    ASSERT_TRUE(doc->setLayerProperties(id, p));
    EXPECT_EQ(doc->layer(id)->properties(), p);

    doc->undo();
    EXPECT_FALSE(doc->layer(id)->properties().editLock);
    EXPECT_EQ(doc->layer(id)->properties().offsetX, 0);
    doc->undo();
    EXPECT_TRUE(doc->layer(id)->properties().visible);
    doc->undo();
    EXPECT_EQ(doc->layer(id)->properties().blendMode, BlendMode::Normal);
    doc->undo();
    EXPECT_FLOAT_EQ(doc->layer(id)->properties().opacity, 1.0f);
    doc->undo();
    EXPECT_EQ(doc->layer(id)->properties().name, "Layer 1");
    EXPECT_EQ(doc->history().undoCount(), 0u);

    EXPECT_FALSE(doc->setLayerOpacity(id, 1.5f));
    EXPECT_FALSE(doc->renameLayer(9999, "x"));
}

TEST(Document, EditLockRefusesPaintingAndRemoval)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    LayerProperties p = doc->layer(id)->properties();
    p.editLock = true;
    ASSERT_TRUE(doc->setLayerProperties(id, p));
    Transaction tx(*doc, "paint");
    auto target = tx.target(id);
    ASSERT_FALSE(target);
    EXPECT_NE(target.error().message.find("locked"), std::string::npos);
    EXPECT_FALSE(doc->removeLayer(id));
}

TEST(Document, MergeDownCompositesWithOpacityAndModeThenRemoves)
{
    auto doc = newDoc();
    const LayerId lower = firstLayer(*doc);
    const LayerId upper = *doc->addPaintLayer("Upper");
    paint(*doc, lower, {0, 0, 64, 64}, {65535, 65535, 65535, 65535});    // white
    paint(*doc, upper, {0, 0, 32, 32}, {32768, 0, 0, 65535});             // sRGB 0.5 red
    ASSERT_TRUE(doc->setLayerBlendMode(upper, BlendMode::Multiply));
    ASSERT_TRUE(doc->setLayerOpacity(upper, 0.5f));
    const std::size_t before = doc->history().count();

    ASSERT_TRUE(doc->mergeDown(upper));
    EXPECT_EQ(doc->layer(upper), nullptr);
    EXPECT_EQ(doc->history().count(), before + 1) << "merge down is one history entry";
    // multiply(white, 0.5 red) = (0.5, 0, 0); half opacity over white -> (0.75, 0.5, 0.5).
    const Pixel16 merged = doc->layer(lower)->tiles().pixel(10, 10);
    EXPECT_NEAR(merged.r, 0.75 * 65535, 2);
    EXPECT_NEAR(merged.g, 0.5 * 65535, 2);
    EXPECT_NEAR(merged.b, 0.5 * 65535, 2);
    EXPECT_EQ(merged.a, 65535);
    EXPECT_EQ(doc->layer(lower)->tiles().pixel(40, 40), (Pixel16{65535, 65535, 65535, 65535}));

    doc->undo();
    ASSERT_NE(doc->layer(upper), nullptr);
    EXPECT_EQ(doc->layer(lower)->tiles().pixel(10, 10), (Pixel16{65535, 65535, 65535, 65535}));
    EXPECT_EQ(doc->indexOf(upper), 1);
    doc->redo();
    EXPECT_EQ(doc->layer(upper), nullptr);
    EXPECT_EQ(doc->layer(lower)->tiles().pixel(10, 10), merged);

    EXPECT_FALSE(doc->mergeDown(lower)) << "nothing below the bottom layer";
}

TEST(Document, MergeDownRespectsOffsets)
{
    auto doc = newDoc();
    const LayerId lower = firstLayer(*doc);
    const LayerId upper = *doc->addPaintLayer("Upper");
    paint(*doc, upper, {0, 0, 4, 4}, kRed);
    LayerProperties p = doc->layer(upper)->properties();
    p.offsetX = 100;
    p.offsetY = -3;  // partly above the canvas: pixels there are kept, not lost
    ASSERT_TRUE(doc->setLayerProperties(upper, p));
    ASSERT_TRUE(doc->mergeDown(upper));
    EXPECT_EQ(doc->layer(lower)->tiles().pixel(101, 0), kRed);
    EXPECT_EQ(doc->layer(lower)->tiles().pixel(101, -2), kRed);
    EXPECT_EQ(doc->layer(lower)->tiles().pixel(99, 0), Pixel16{});
}

TEST(Document, FlattenReplacesEverythingWithTheComposite)
{
    auto doc = newDoc();
    const LayerId bottom = firstLayer(*doc);
    const LayerId g = *doc->addGroup("Group");
    const LayerId inner = *doc->addPaintLayer("Inner", g);
    paint(*doc, bottom, {0, 0, 16, 16}, kRed);
    paint(*doc, inner, {8, 8, 16, 16}, kHalfBlue);
    ASSERT_TRUE(doc->setLayerOpacity(g, 0.5f));

    auto flat = doc->flatten();
    ASSERT_TRUE(flat);
    ASSERT_EQ(doc->root().children().size(), 1u);
    const Layer& f = *doc->layer(*flat);
    EXPECT_EQ(f.tiles().pixel(2, 2), kRed);
    // Half-transparent blue at half group opacity over red: as = 0.25.
    const Pixel16 mix = f.tiles().pixel(10, 10);
    EXPECT_NEAR(mix.r, 0.75 * 65535, 2);
    EXPECT_NEAR(mix.b, 0.25 * 65535, 2);
    EXPECT_EQ(mix.a, 65535);
    EXPECT_NEAR(f.tiles().pixel(20, 20).a, 0.25 * 65535, 2);

    doc->undo();
    EXPECT_EQ(names(*doc), (std::vector<std::string>{"Layer 1", "Group", "Inner"}));
    doc->redo();
    EXPECT_EQ(doc->root().children().size(), 1u);
}

TEST(Document, BackgroundAndResolutionAreUndoable)
{
    auto doc = newDoc();
    ASSERT_TRUE(doc->setBackground({1, 2, 3, 65535}));
    ASSERT_TRUE(doc->setDpi(72));
    EXPECT_EQ(doc->background(), (Color16{1, 2, 3, 65535}));
    doc->undo();
    EXPECT_DOUBLE_EQ(doc->dpi(), 300);
    doc->undo();
    EXPECT_EQ(doc->background(), (Color16{65535, 65535, 65535, 65535}));
    EXPECT_FALSE(doc->setDpi(0));
    EXPECT_FALSE(doc->setDpi(-1));
}

TEST(Document, RegionListenerHearsPaintingAndPropertyChanges)
{
    auto doc = newDoc();
    const LayerId id = firstLayer(*doc);
    Rect heard;
    doc->addRegionListener([&](const Rect& r) { heard = heard.united(r); });
    paint(*doc, id, {10, 10, 5, 5}, kRed);
    EXPECT_EQ(heard, (Rect{10, 10, 5, 5}));
    heard = {};
    ASSERT_TRUE(doc->setLayerOpacity(id, 0.5f));
    EXPECT_EQ(heard, (Rect{0, 0, 64, 64})) << "a property change repaints the layer's tiles";
    heard = {};
    ASSERT_TRUE(doc->setLayerBlendMode(id, BlendMode::DstIn));
    EXPECT_EQ(heard, doc->bounds()) << "dst-in acts everywhere";
}
