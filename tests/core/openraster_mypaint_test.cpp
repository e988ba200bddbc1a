// SPDX-License-Identifier: GPL-3.0-or-later
// OpenRaster against MyPaint 2: a file Signe writes, read by MyPaint's own document library
// (tests/tools/mypaint_flatten.py, no window), has the same layers and flattens to Signe's
// merged image. MyPaint is a yardstick, never a dependency: without Debian's mypaint package
// the test is skipped.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/io/openraster.h"
#include "ora_test_documents.h"
#include "test_files.h"

using namespace signe::core;
using signe::test::addNode;
using signe::test::paintRamp;
namespace fs = std::filesystem;

namespace {

const fs::path kFlatten = fs::path(SIGNE_SOURCE_DIR) / "tests/tools/mypaint_flatten.py";

bool myPaintInstalled()
{
    return fs::exists("/usr/lib/mypaint/lib/document.py") && fs::exists("/usr/bin/python3");
}

/// Every W3C mode MyPaint 2 implements, over an opaque ground and over partial alpha, with
/// opacities, a hidden layer, an isolated group and offsets.
std::unique_ptr<Document> myPaintDocument()
{
    // Toned paper, left bare below the ground: other programs must show it too.
    auto doc = Document::createEmpty(300, 200, {60000, 56000, 47000, 65535}, 300.0).value();
    const float ground[3] = {0.8f, 0.7f, 0.5f}, red[3] = {0.9f, 0.2f, 0.1f},
                blue[3] = {0.15f, 0.3f, 0.9f}, green[3] = {0.2f, 0.75f, 0.3f};
    paintRamp(*addNode(*doc, nullptr, LayerKind::Paint, {"Ground"}), {0, 0, 300, 120}, ground, 1, 1,
              0.5f);
    const BlendMode modes[] = {
        BlendMode::Multiply,   BlendMode::Screen,     BlendMode::Overlay,    BlendMode::Darken,
        BlendMode::Lighten,    BlendMode::ColorDodge, BlendMode::ColorBurn,  BlendMode::HardLight,
        BlendMode::SoftLight,  BlendMode::Difference, BlendMode::Exclusion,  BlendMode::Hue,
        BlendMode::Saturation, BlendMode::Color,      BlendMode::Luminosity, BlendMode::Normal};
    int i = 0;
    for (BlendMode mode : modes) {
        LayerProperties p{std::string(blendModeName(mode)), true, 0.6f + 0.025f * float(i), mode};
        p.offsetX = (i % 8) * 36;
        p.offsetY = (i / 8) * 90 + 10;
        const float* colour = i % 3 == 0 ? red : i % 3 == 1 ? blue : green;
        paintRamp(*addNode(*doc, nullptr, LayerKind::Paint, p), {0, 0, 40, 80}, colour, 0.3f, 1,
                  0.5f);
        ++i;
    }
    LayerProperties hidden{"Hidden", false, 1.0f, BlendMode::Normal};
    paintRamp(*addNode(*doc, nullptr, LayerKind::Paint, hidden), {0, 0, 300, 200}, green, 1, 1);
    LayerProperties group{"Group", true, 0.8f, BlendMode::Normal};
    group.isolated = true;
    auto g = addNode(*doc, nullptr, LayerKind::Group, group);
    LayerProperties inner{"In group", true, 0.9f, BlendMode::Multiply};
    inner.offsetX = 200;
    inner.offsetY = 120;
    paintRamp(*addNode(*doc, g.get(), LayerKind::Paint, inner), {0, 0, 90, 70}, blue, 1, 0.4f,
              0.5f);
    return doc;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST(OpenRasterMyPaint, SigneFileOpensInMyPaintWithItsLayersAndFlattensAlike)
{
    if (!myPaintInstalled()) GTEST_SKIP() << "MyPaint's library (Debian's mypaint) is absent";
    const fs::path dir = signe::test::tempDir("signe-ora-mypaint-");
    auto doc = myPaintDocument();
    const fs::path ora = dir / "signe.ora";
    ASSERT_TRUE(saveOpenRaster(*doc, ora));
    const fs::path png = dir / "mypaint-flat.png";
    const fs::path log = dir / "mypaint.log";
    const std::string cmd = "timeout 300 /usr/bin/python3 '" + kFlatten.string() + "' '" +
                            ora.string() + "' '" + png.string() + "' >'" + log.string() + "' 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << readText(log);

    // The layers MyPaint sees, top first: the stack that keeps Signe's blend modes off the
    // paper (docs/openraster.md, "The background as a layer"), every Signe layer and group
    // by name with its opacity and visibility, the paper; and the 1.x transfer function that
    // stack.xml asks for.
    const std::string listing = readText(log);
    const LayerProperties painting{"Painting"}, paper{"Background"};
    std::vector<const LayerProperties*> expected = {&painting};
    std::function<void(const Layer&)> walk = [&](const Layer& node) {
        for (auto it = node.children().rbegin(); it != node.children().rend(); ++it) {
            expected.push_back(&(*it)->properties());
            walk(**it);
        }
    };
    walk(doc->root());
    expected.push_back(&paper);
    std::istringstream lines(listing);
    std::string line;
    std::size_t seen = 0;
    while (std::getline(lines, line)) {
        if (line == "eotf\t1.0") continue;
        ASSERT_TRUE(line.starts_with("layer\t")) << line;
        ASSERT_LT(seen, expected.size()) << line;
        std::istringstream fields(line.substr(6));
        std::string name, mode, opacity, visible;
        std::getline(fields, name, '\t');
        std::getline(fields, mode, '\t');
        std::getline(fields, opacity, '\t');
        std::getline(fields, visible, '\t');
        const LayerProperties& p = *expected[seen];
        EXPECT_EQ(name, p.name);
        EXPECT_NEAR(std::stod(opacity), p.opacity, 1e-3) << name;
        EXPECT_EQ(visible, p.visible ? "True" : "False") << name;
        ++seen;
    }
    EXPECT_EQ(seen, expected.size());
    EXPECT_NE(listing.find("eotf\t1.0"), std::string::npos) << listing;

    // The picture: within 3 steps of 8 bits anywhere (Signe's merged image is 8-bit: 0.5;
    // MyPaint's 15-bit fixed-point formulas and its 8-bit export: 1.5), under half a step
    // on average. Measured: 2 at the worst pixel, 0.35 on average.
    const signe::test::FlattenComparison flat = signe::test::compareWithMergedImage(ora, png);
    ASSERT_EQ(flat.theirs.width, flat.width);
    ASSERT_EQ(flat.theirs.height, flat.height);
    ASSERT_EQ(flat.theirs.nchannels, 4);
    const signe::test::ImageDifference& d = flat.difference;
    EXPECT_LE(d.worst, 3.0 + 1e-3) << "worst at " << d.x << "," << d.y << " channel " << d.channel;
    EXPECT_LT(d.mean, 0.5);
    RecordProperty("worst_8bit_steps", std::to_string(d.worst));
    RecordProperty("mean_8bit_steps", std::to_string(d.mean));
    fs::remove_all(dir);
}
