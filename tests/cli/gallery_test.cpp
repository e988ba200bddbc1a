// SPDX-License-Identifier: GPL-3.0-or-later
// docs/gallery.md shows each shipped preset's golden picture with the signe-cli command that
// paints it. This runs each command and checks that it paints that picture (within the golden
// test's two levels of slack).
#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kSource = SIGNE_SOURCE_DIR;

/// The gallery's command for a preset: the golden test's strokes, colours, seed and canvas; the
/// paint brushes over the bands image.
std::string command(const std::string& preset, bool overBands, const fs::path& out,
                    const std::string& extra = "")
{
    std::string c = std::string(SIGNE_CLI) + " render --preset " +
                    (kSource / "resources/presets" / (preset + ".json")).string() +
                    " --events " + (kSource / "tests/data/strokes/golden_scribble.csv").string() +
                    " --size 256x160 --background '#f4efe6' --color '#1d4e89' --seed 7";
    if (overBands) c += " --over " + (kSource / "tests/data/golden/bands.png").string();
    return c + extra + " --out " + out.string() + " > /dev/null";
}

std::vector<unsigned char> readPng(const fs::path& path, int& w, int& h)
{
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    auto in = OIIO::ImageInput::open(path.string(), &config);
    if (!in) return {};
    w = in->spec().width, h = in->spec().height;
    std::vector<unsigned char> px(std::size_t(w) * std::size_t(h) * 4);
    in->read_image(0, 0, 0, 4, OIIO::TypeDesc::UINT8, px.data());
    return px;
}

/// Runs `cmd` and compares what it wrote to `out` with the picture `golden`.
void expectPaints(const std::string& cmd, const fs::path& out, const fs::path& golden)
{
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    int w = 0, h = 0, rw = 0, rh = 0;
    const auto got = readPng(out, w, h);
    const auto want = readPng(golden, rw, rh);
    ASSERT_FALSE(got.empty());
    ASSERT_EQ(w, rw);
    ASSERT_EQ(h, rh);
    int over = 0;
    for (std::size_t i = 0; i < got.size(); ++i) over += std::abs(int(got[i]) - int(want[i])) > 2;
    EXPECT_EQ(over, 0) << golden << ": " << over << " channels differ by more than 2";
}

class Gallery : public ::testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(Gallery, TheCommandPaintsThePicture)
{
    const std::string preset = GetParam();
    const bool paintBrush = preset != "pen" && preset != "pencil" && preset != "soft-airbrush" &&
                            preset != "round-brush" && preset != "chalk" && preset != "charcoal";
    const fs::path out = fs::temp_directory_path() / ("signe-gallery-" + preset + ".png");
    expectPaints(command(preset, paintBrush, out), out,
                 kSource / "tests/data/golden/presets" / (preset + ".png"));
}

TEST(GalleryDrying, WetOnWetOverDryPaintPaintsThePicture)
{
    const fs::path out = fs::temp_directory_path() / "signe-gallery-wet-on-dry.png";
    expectPaints(command("wet-on-wet", true, out, " --drying strokes:1"), out,
                 kSource / "tests/data/golden/drying/wet-on-dry.png");
}

// The eraser's golden paints over a base of its own, which the gallery does not show.
INSTANTIATE_TEST_SUITE_P(Shipped, Gallery,
                         ::testing::Values("pen", "pencil", "soft-airbrush", "round-brush",
                                           "chalk", "charcoal", "oil-round", "oil-flat-bristle",
                                           "palette-knife", "blender", "wet-on-wet", "gouache",
                                           "dry-brush"),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });
