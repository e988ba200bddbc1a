// SPDX-License-Identifier: GPL-3.0-or-later
// Whatever text a user, a file or a script hands the parsers, they answer with a value or an
// error that names the input: never a crash, never an exception.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/blend_mode.h"
#include "core/color.h"
#include "core/document.h"

using namespace signe::core;

namespace {

/// Random strings biased towards the characters the parsers care about.
std::string randomText(std::mt19937& rng)
{
    static const std::string alphabet = "#0123456789abcdefABCDEFxX-:svg+ \t\n\x01\xff";
    std::string s(rng() % 12, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
}

}  // namespace

TEST(HostileInput, ColourParserNamesEveryBadValue)
{
    std::mt19937 rng(7);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string text = randomText(rng);
        auto c = parseColor(text);
        if (c) {
            ++accepted;
            continue;
        }
        EXPECT_NE(c.error().message.find("'" + text + "'"), std::string::npos) << text;
    }
    EXPECT_GT(accepted, 0) << "the generator should also hit valid colours";
}

TEST(HostileInput, BlendModeParserNamesEveryBadValue)
{
    std::mt19937 rng(11);
    for (int i = 0; i < 20000; ++i) {
        const std::string text = randomText(rng);
        auto mode = parseBlendMode(text);
        if (!mode) {
            EXPECT_NE(mode.error().message.find("'" + text + "'"), std::string::npos);
        }
    }
    auto unknown = parseBlendMode("svg:foo");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("svg:foo"), std::string::npos);
}

TEST(HostileInput, AbsurdCanvasSizesAllocateNothing)
{
    for (std::int64_t side : {std::int64_t(-1), std::int64_t(0), kMaxCanvasSide + 1,
                              std::int64_t(1) << 31, std::int64_t(1) << 62}) {
        auto doc = Document::create(side, 100);
        ASSERT_FALSE(doc);
        EXPECT_NE(doc.error().message.find(std::to_string(side)), std::string::npos);
    }
}

TEST(HostileInput, DocumentOperationsOnWrongIdsAreErrors)
{
    auto doc = std::move(*Document::create(64, 64));
    const LayerId root = doc->root().id();
    EXPECT_FALSE(doc->removeLayer(root)) << "the root is not a layer to remove";
    EXPECT_FALSE(doc->duplicateLayer(root));
    EXPECT_FALSE(doc->moveLayer(root, kNoLayer, 0));
    EXPECT_FALSE(doc->mergeDown(12345));
    EXPECT_FALSE(doc->addPaintLayer("x", 12345));
    EXPECT_FALSE(doc->setLayerOpacity(doc->root().children()[0]->id(), -0.1f));
    EXPECT_FALSE(doc->setLayerOpacity(doc->root().children()[0]->id(), std::nanf("")));
    EXPECT_EQ(doc->history().count(), 0u) << "a refused operation leaves no history";
}
