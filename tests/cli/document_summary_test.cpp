// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/document_summary.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/transaction.h"

using namespace signe;
using cli::layerLine;
using cli::paintedBounds;
using cli::quoted;

namespace {

void paint(core::Document& doc, core::LayerId layer, const core::Rect& rect, core::Pixel16 px)
{
    core::Transaction tx(doc, "Paint");
    auto target = tx.target(layer);
    ASSERT_TRUE(target);
    target->fillRect(rect, px);
    tx.commit();
}

}  // namespace

TEST(DocumentSummary, NamesAreQuotedAndEscapedOntoOneLine)
{
    EXPECT_EQ(quoted("Ink"), "\"Ink\"");
    EXPECT_EQ(quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
    EXPECT_EQ(quoted("two\nlines\tand\x01"), "\"two\\nlines\\tand\\x01\"");
    EXPECT_EQ(quoted("Ébauche"), "\"Ébauche\"");
}

TEST(DocumentSummary, ShortestNumbersReadBackExactly)
{
    EXPECT_EQ(cli::shortest(0.8f), "0.8");
    EXPECT_EQ(cli::shortest(300.0), "300");
    EXPECT_EQ(cli::shortest(1.0f), "1");
}

TEST(DocumentSummary, BoundsAreExactToThePixelNotToTheTile)
{
    auto doc = core::Document::create(200, 100).value();
    const core::LayerId layer = doc->root().children().front()->id();
    EXPECT_TRUE(paintedBounds(*doc->layer(layer)).isEmpty());
    paint(*doc, layer, {70, 10, 3, 2}, {100, 0, 0, 65535});
    paint(*doc, layer, {5, 60, 1, 1}, {0, 0, 0, 1});
    // Fully transparent pixels in a stored tile do not count.
    paint(*doc, layer, {150, 80, 4, 4}, {0, 0, 0, 0});
    EXPECT_EQ(paintedBounds(*doc->layer(layer)), (core::Rect{5, 10, 68, 51}));
}

TEST(DocumentSummary, OneLinePerLayerTopFirstGroupsIndented)
{
    auto doc = core::Document::create(128, 64).value();
    const core::LayerId group = doc->addGroup("Sky").value();
    const core::LayerId cloud = doc->addPaintLayer("Cloud", group).value();
    paint(*doc, cloud, {0, 0, 64, 64}, {65535, 65535, 65535, 65535});  // a uniform tile
    auto props = doc->layer(cloud)->properties();
    props.offsetX = 10;
    props.offsetY = -3;
    props.opacity = 0.25f;
    props.visible = false;
    props.alphaLock = true;
    props.blendMode = core::BlendMode::Screen;
    ASSERT_TRUE(doc->setLayerProperties(cloud, props));
    props = doc->layer(group)->properties();
    props.isolated = false;
    props.editLock = true;
    ASSERT_TRUE(doc->setLayerProperties(group, props));

    EXPECT_EQ(layerLine(*doc->layer(cloud)),
              "\"Cloud\" paint visible=no opacity=0.25 blend=svg:screen offset=10,-3 "
              "alpha-lock=yes edit-lock=no bounds=64x64@10,-3");

    std::ostringstream out;
    cli::printDocumentSummary(*doc, out);
    EXPECT_EQ(out.str(),
              "dpi: 300\n"
              "background: #ffffff\n"
              "light: on azimuth=315 elevation=45 strength=0.75 shine=0.2 shininess=40 "
              "relief=16\n"
              "drying: never\n"
              "layers: 3 (top to bottom)\n"
              "  \"Sky\" group visible=yes opacity=1 blend=svg:src-over offset=0,0 "
              "alpha-lock=no edit-lock=yes isolated=no bounds=64x64@10,-3\n"
              "    \"Cloud\" paint visible=no opacity=0.25 blend=svg:screen offset=10,-3 "
              "alpha-lock=yes edit-lock=no bounds=64x64@10,-3\n"
              "  \"Layer 1\" paint visible=yes opacity=1 blend=svg:src-over offset=0,0 "
              "alpha-lock=no edit-lock=no bounds=none\n");
}
