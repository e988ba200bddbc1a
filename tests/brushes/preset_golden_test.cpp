// SPDX-License-Identifier: GPL-3.0-or-later
// Each shipped preset paints a fixed set of strokes; the picture must match a reference PNG
// that a person looked at before committing it. Run with SIGNE_UPDATE_GOLDEN=1 to rewrite the
// references (then look at them again).
#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "brushes/brush_tip.h"
#include "brushes/events_csv.h"
#include "brushes/paint_strokes.h"
#include "brushes/preset.h"
#include "core/io/image_io.h"

using namespace signe;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SIGNE_SOURCE_DIR;

/// 8-bit RGBA pixels of a PNG, straight alpha as stored.
std::vector<std::uint8_t> readPng(const fs::path& path, int& w, int& h)
{
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    auto in = OIIO::ImageInput::open(path.string(), &config);
    if (!in) return {};
    w = in->spec().width;
    h = in->spec().height;
    std::vector<std::uint8_t> px(std::size_t(w) * std::size_t(h) * 4);
    in->read_image(0, 0, 0, 4, OIIO::TypeDesc::UINT8, px.data());
    return px;
}

class PresetGolden : public ::testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(PresetGolden, PaintsTheReferencePicture)
{
    const std::string name = GetParam();
    auto preset = brushes::loadPreset(kSource / "resources/presets" / (name + ".json"));
    ASSERT_TRUE(preset) << preset.error().message;
    auto strokes = brushes::readEventsCsvFile(kSource / "tests/data/strokes/golden_scribble.csv");
    ASSERT_TRUE(strokes) << strokes.error().message;

    auto doc = std::move(*core::Document::create(256, 160, *core::parseColor("#f4efe6")));
    const core::LayerId layer = doc->root().children()[0]->id();
    const bool carriesPaint = preset->settings[brushes::BrushSetting::Pickup] > 0.0f ||
                              preset->settings[brushes::BrushSetting::Charge] < 1.0f ||
                              preset->bristles.count > 0;
    if (preset->mode == brushes::Preset::Mode::Erase) {
        // An eraser needs paint to take away: a band of colour under the strokes.
        core::Transaction tx(*doc, "base");
        tx.target(layer)->fillRect({0, 20, 256, 110}, {10000, 20000, 40000, 65535});
        tx.commit();
    } else if (carriesPaint) {
        // A brush that picks up paint needs some to pick up: bands of cadmium yellow, white
        // and vermilion across the strokes, with bare canvas between. The same image that
        // `signe-cli render --over` paints on in docs/gallery.md.
        auto bands = core::readPixelImage(kSource / "tests/data/golden/bands.png");
        ASSERT_TRUE(bands) << bands.error().message;
        core::Transaction tx(*doc, "base");
        tx.target(layer)->writeRect({0, 0, bands->width, bands->height}, bands->pixels.data(),
                                    bands->width);
        tx.commit();
    }
    brushes::StrokeOptions options;
    std::optional<brushes::BrushTip> tip;
    if (!preset->tip.empty()) {
        auto loaded = brushes::loadBrushTip(
            brushes::tipPathFor(kSource / "resources/presets" / (name + ".json"), preset->tip));
        ASSERT_TRUE(loaded) << loaded.error().message;
        tip = std::move(*loaded);
        options.tip = &*tip;
    }
    options.color = *core::parseColor("#1d4e89");
    options.seed = 7;
    ASSERT_TRUE(brushes::paintStrokes(*doc, layer, *preset, *strokes, options));

    const fs::path reference = kSource / "tests/data/golden/presets" / (name + ".png");
    const fs::path actual = fs::temp_directory_path() / ("signe-golden-" + name + ".png");
    ASSERT_TRUE(core::exportFlattened(*doc, actual));
    if (std::getenv("SIGNE_UPDATE_GOLDEN")) fs::copy_file(actual, reference, fs::copy_options::overwrite_existing);

    int w = 0, h = 0, rw = 0, rh = 0;
    const auto got = readPng(actual, w, h);
    const auto want = readPng(reference, rw, rh);
    ASSERT_FALSE(want.empty()) << "missing reference " << reference;
    ASSERT_EQ(w, rw);
    ASSERT_EQ(h, rh);
    int worst = 0, over = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const int d = std::abs(int(got[i]) - int(want[i]));
        worst = std::max(worst, d);
        over += d > 2;
    }
    // Two levels of slack for libm differences between machines; nothing else may change.
    EXPECT_EQ(over, 0) << name << ": " << over << " channels differ by more than 2 (worst "
                       << worst << "); the picture is at " << actual;
}

INSTANTIATE_TEST_SUITE_P(Shipped, PresetGolden,
                         ::testing::Values("pen", "pencil", "soft-airbrush", "round-brush",
                                           "eraser", "chalk", "oil-round", "blender",
                                           "wet-on-wet", "gouache", "oil-flat-bristle",
                                           "dry-brush", "charcoal", "palette-knife"),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });
