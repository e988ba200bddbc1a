// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/preset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace signe;
using brushes::BrushSetting;
using brushes::DynamicInput;
using brushes::Preset;
using brushes::SmoothingSettings;
namespace fs = std::filesystem;

namespace {

// CMake passes the source folder; a hand-run build from the repository root finds it from here.
#ifdef SIGNE_SOURCE_DIR
const fs::path kRoot = SIGNE_SOURCE_DIR;
#else
const fs::path kRoot = fs::path(__FILE__).parent_path().parent_path().parent_path();
#endif
const fs::path kGood = kRoot / "tests/data/presets/good";
const fs::path kBad = kRoot / "tests/data/presets/bad";
const fs::path kWarn = kRoot / "tests/data/presets/warn";
const fs::path kShipped = kRoot / "resources/presets";

std::vector<fs::path> jsonFilesIn(const fs::path& folder)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

Preset mustLoad(const fs::path& path)
{
    auto preset = brushes::loadPreset(path);
    EXPECT_TRUE(preset.has_value()) << preset.error().message;
    return preset ? *preset : Preset{};
}

std::string errorOf(std::string_view json)
{
    auto preset = brushes::parsePreset(json, "test.json");
    EXPECT_FALSE(preset.has_value()) << json;
    return preset ? std::string() : preset.error().message;
}

/// A scratch folder removed at the end of the test.
struct TempDir {
    fs::path path =
        fs::temp_directory_path() /
        ("signe_preset_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

void expectRoundTrip(const Preset& preset)
{
    const std::string text = brushes::presetToJson(preset);
    auto again = brushes::parsePreset(text, "round-trip");
    ASSERT_TRUE(again.has_value()) << again.error().message << "\n" << text;
    EXPECT_EQ(*again, preset) << text;
    EXPECT_EQ(brushes::presetToJson(*again), text);  // and the text is stable
}

}  // namespace

TEST(Preset, MinimalFixtureGetsDefaults)
{
    const Preset p = mustLoad(kGood / "minimal.json");
    EXPECT_EQ(p.name, "Minimal");
    EXPECT_EQ(p.mode, Preset::Mode::Paint);
    EXPECT_EQ(p.tip, "");
    EXPECT_EQ(p.settings, brushes::BrushSettings{});
    EXPECT_EQ(p.smoothing.mode, SmoothingSettings::Mode::None);
    EXPECT_EQ(p.smoothing.distance, SmoothingSettings{}.distance);
    EXPECT_EQ(p.smoothing.lazyRadius, SmoothingSettings{}.lazyRadius);
}

TEST(Preset, FullFixtureReadsEveryField)
{
    const Preset p = mustLoad(kGood / "full.json");
    EXPECT_EQ(p.name, "Everything");
    EXPECT_EQ(p.mode, Preset::Mode::Erase);
    EXPECT_EQ(p.tip, "bristle_03.png");
    const auto& s = p.settings;
    EXPECT_EQ(s[BrushSetting::Radius], 24.5f);
    EXPECT_EQ(s[BrushSetting::Opacity], 0.9f);
    EXPECT_EQ(s[BrushSetting::Flow], 0.5f);
    EXPECT_EQ(s[BrushSetting::Hardness], 0.25f);
    EXPECT_EQ(s[BrushSetting::Angle], -30.0f);
    EXPECT_EQ(s[BrushSetting::AspectRatio], 0.4f);
    EXPECT_EQ(s[BrushSetting::Spacing], 0.15f);
    EXPECT_EQ(s[BrushSetting::Scatter], 0.5f);
    EXPECT_EQ(s[BrushSetting::HueJitter], 0.1f);
    EXPECT_EQ(s[BrushSetting::SaturationJitter], 0.2f);
    EXPECT_EQ(s[BrushSetting::ValueJitter], 0.3f);
    EXPECT_EQ(s[BrushSetting::Pickup], 0.4f);
    EXPECT_EQ(s[BrushSetting::SmudgeLength], 2.5f);
    EXPECT_EQ(s[BrushSetting::Charge], 0.75f);
    EXPECT_EQ(p.mixing, core::MixModel::GeometricMean);
    EXPECT_EQ(p.bristles.count, 33);
    EXPECT_EQ(p.bristles.shape, brushes::BristleSettings::Shape::Flat);
    EXPECT_EQ(p.bristles.thickness, 0.12f);
    EXPECT_EQ(p.bristles.lengthJitter, 0.25f);
    EXPECT_EQ(p.bristles.loadJitter, 0.6f);
    EXPECT_EQ(p.smoothing.mode, SmoothingSettings::Mode::Stabiliser);
    EXPECT_EQ(p.smoothing.distance, 12.0f);
    EXPECT_EQ(p.smoothing.lazyRadius, 35.0f);

    ASSERT_EQ(s.dynamics.size(), 8u);
    // One dynamic per input, in file order.
    for (std::size_t i = 0; i < s.dynamics.size(); ++i)
        EXPECT_EQ(s.dynamics[i].input, static_cast<DynamicInput>(i));
    const auto& first = s.dynamics[0];
    EXPECT_EQ(first.setting, BrushSetting::Radius);
    EXPECT_EQ(first.curve.interpolation(), brushes::Curve::Interpolation::Smooth);
    ASSERT_EQ(first.curve.points().size(), 3u);
    EXPECT_EQ(first.curve.points()[1], (brushes::CurvePoint{0.5f, 0.8f}));
    EXPECT_EQ(s.dynamics[1].curve.interpolation(), brushes::Curve::Interpolation::Linear);
    EXPECT_EQ(s.dynamics[3].setting, BrushSetting::Angle);
    EXPECT_EQ(s.dynamics[7].setting, BrushSetting::Scatter);
}

TEST(Preset, UnicodeNameFixture)
{
    const Preset p = mustLoad(kGood / "unicode-name.json");
    EXPECT_EQ(p.name, "Encre de Chine \u2014 \u58a8 \"wet\"");
    EXPECT_EQ(p.settings[BrushSetting::Radius], 5.0f);
}

TEST(Preset, NumberFormsFixture)
{
    const Preset p = mustLoad(kGood / "number-forms.json");
    EXPECT_EQ(p.settings[BrushSetting::Radius], 15.0f);
    EXPECT_EQ(p.settings[BrushSetting::Opacity], 0.5f);
    EXPECT_EQ(p.settings[BrushSetting::Spacing], 0.01f);
    EXPECT_EQ(p.settings[BrushSetting::Angle], 360.0f);
    EXPECT_TRUE(p.settings.dynamics.empty());
}

TEST(Preset, EveryGoodFixtureLoadsAndRoundTrips)
{
    const auto files = jsonFilesIn(kGood);
    ASSERT_GE(files.size(), 4u);
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.string());
        expectRoundTrip(mustLoad(file));
    }
}

TEST(Preset, EveryBadFixtureFailsNamingTheProblem)
{
    // File -> what its message must contain (after the file name).
    const std::map<std::string, std::string> expected = {
        {"malformed.json", "invalid JSON at line 4, column 12"},
        {"empty.json", "invalid JSON at line 1, column 1"},
        {"number-overflow.json", "invalid JSON: number overflow parsing '1e400'"},
        {"not-an-object.json", "expected a JSON object at the top level, got an array of 2 values"},
        {"wrong-type-radius.json", "settings.radius: expected a number, got \"big\""},
        {"wrong-type-name.json", "name: expected a string, got 42"},
        {"unknown-input.json", "dynamics[0].input: unknown dynamics input \"presure\""},
        {"unknown-dynamic-setting.json", "dynamics[0].setting: unknown brush setting \"size\""},
        {"curve-not-increasing.json",
         "dynamics[1].curve.points: curve point 2 (0.4, 1): x must be greater than the previous "
         "point's x (0.5)"},
        {"curve-one-point.json", "dynamics[0].curve.points: a curve needs 2 to 64 points, got 1"},
        {"curve-point-not-number.json",
         "dynamics[0].curve.points[1][1]: expected a number, got \"a\""},
        {"curve-point-not-pair.json",
         "dynamics[0].curve.points[1]: expected an [x, y] pair, got an array of 3 values"},
        {"curve-bad-interpolation.json",
         "dynamics[0].curve.interpolation: unknown value \"cubic\" (expected one of: linear, "
         "smooth)"},
        {"missing-curve.json", "dynamics[0].curve: missing"},
        {"duplicate-dynamic.json",
         "dynamics[1]: radius is already driven by pressure in dynamics[0]"},
        {"dynamics-not-array.json", "dynamics: expected an array, got an object"},
        {"missing-name.json", "name: missing"},
        {"empty-name.json", "name: must not be empty"},
        {"wrong-version.json", "signe-preset: version 2 is newer than this Signe reads (1)"},
        {"missing-version.json", "signe-preset: missing"},
        {"duplicate-key.json", "settings.radius: duplicate key"},
        {"tip-outside-folder.json", "tip: \"../../../etc/passwd\" is not a plain file name"},
        {"bad-mode.json", "mode: unknown value \"smudge\" (expected one of: paint, erase)"},
        {"bad-smoothing-mode.json", "smoothing.mode: unknown value \"stabilizer\""},
        {"bad-bristle-shape.json", "bristles.shape: unknown value \"square\""},
        {"bristle-count-not-whole.json", "bristles.count: expected a whole number, got 12.5"},
        {"bad-mixing.json", "mixing: unknown value \"mud\""},
        {"unknown-grain.json", "grain.texture: unknown grain \"sandpaper\" (expected one of: paper, canvas, laid-paper)"},
    };

    std::vector<std::string> seen;
    for (const fs::path& file : jsonFilesIn(kBad)) {
        const std::string name = file.filename().string();
        seen.push_back(name);
        SCOPED_TRACE(name);
        const auto it = expected.find(name);
        ASSERT_NE(it, expected.end()) << "a bad fixture without an expected message";
        auto preset = brushes::loadPreset(file);
        ASSERT_FALSE(preset.has_value());
        const std::string& message = preset.error().message;
        EXPECT_EQ(message.rfind(file.string() + ": ", 0), 0u) << message;  // names the file
        EXPECT_NE(message.find(it->second), std::string::npos) << message;
        const auto code =
            name == "wrong-version.json" ? core::ErrorCode::Unsupported : core::ErrorCode::Corrupt;
        EXPECT_EQ(preset.error().code, code) << message;
    }
    EXPECT_EQ(seen.size(), expected.size()) << "an expected message without its fixture";
}

TEST(Preset, UnknownKeysAndOutOfRangeValuesLoadWithWarnings)
{
    // File -> the warning it must give, and a check of what was loaded.
    struct Case {
        const char* warning;
        std::function<void(const Preset&)> check;
    };
    const std::map<std::string, Case> expected = {
        {"unknown-key.json", {"smothing: unknown key, ignored", [](const Preset&) {}}},
        {"unknown-setting.json",
         {"settings.raduis: unknown brush setting, ignored",
          [](const Preset& p) { EXPECT_EQ(p.settings[BrushSetting::Radius], brushes::BrushSettings()[BrushSetting::Radius]); }}},
        {"radius-out-of-range.json",
         {"settings.radius: 5000 is out of range 0.5..1000, clamped to 1000",
          [](const Preset& p) { EXPECT_EQ(p.settings[BrushSetting::Radius], 1000.0f); }}},
        {"opacity-negative.json",
         {"settings.opacity: -0.5 is out of range 0..1, clamped to 0",
          [](const Preset& p) { EXPECT_EQ(p.settings[BrushSetting::Opacity], 0.0f); }}},
        {"smoothing-out-of-range.json",
         {"smoothing.distance: 1000000.0 is out of range 0..1000, clamped to 1000",
          [](const Preset& p) { EXPECT_EQ(p.smoothing.distance, 1000.0f); }}},
    };
    std::size_t seen = 0;
    for (const fs::path& file : jsonFilesIn(kWarn)) {
        const std::string name = file.filename().string();
        SCOPED_TRACE(name);
        const auto it = expected.find(name);
        ASSERT_NE(it, expected.end()) << "a warning fixture without an expected warning";
        ++seen;
        const Preset p = mustLoad(file);
        ASSERT_EQ(p.warnings.size(), 1u);
        EXPECT_EQ(p.warnings[0].rfind(file.string() + ": ", 0), 0u) << p.warnings[0];
        EXPECT_NE(p.warnings[0].find(it->second.warning), std::string::npos) << p.warnings[0];
        it->second.check(p);
    }
    EXPECT_EQ(seen, expected.size()) << "an expected warning without its fixture";
    // Clean files give no warnings; warnings are not part of the preset's identity.
    EXPECT_TRUE(mustLoad(kShipped / "pen.json").warnings.empty());
}

TEST(Preset, MissingFileNamesThePath)
{
    const fs::path path = kBad / "no-such-preset.json";
    auto preset = brushes::loadPreset(path);
    ASSERT_FALSE(preset.has_value());
    EXPECT_EQ(preset.error().code, core::ErrorCode::NotFound);
    EXPECT_NE(preset.error().message.find(path.string()), std::string::npos);
}

TEST(Preset, FolderIsNotAPreset)
{
    auto preset = brushes::loadPreset(kGood);
    ASSERT_FALSE(preset.has_value());
    EXPECT_EQ(preset.error().code, core::ErrorCode::IoError);
    EXPECT_NE(preset.error().message.find("is a folder"), std::string::npos);
}

TEST(Preset, HugeFileIsRefusedBeforeParsing)
{
    TempDir dir;
    const fs::path path = dir.path / "huge.json";
    {
        // Valid JSON, so only the size can be the reason for refusing it.
        std::ofstream out(path, std::ios::binary);
        out << R"({"signe-preset": 1, "name": ")" << std::string(brushes::kMaxPresetBytes, 'a')
            << "\"}";
    }
    auto preset = brushes::loadPreset(path);
    ASSERT_FALSE(preset.has_value());
    EXPECT_EQ(preset.error().code, core::ErrorCode::Unsupported);
    EXPECT_NE(preset.error().message.find(path.string() + ": "), std::string::npos);
    EXPECT_NE(preset.error().message.find("more than a preset may be (1 MiB)"), std::string::npos)
        << preset.error().message;

    const std::string text(brushes::kMaxPresetBytes + 1, ' ');
    EXPECT_NE(errorOf(text).find("1048577 bytes"), std::string::npos);
}

TEST(Preset, DeepNestingIsAnErrorNotACrash)
{
    const int depth = 100000;
    const std::string json = R"({"signe-preset": 1, "name": "Deep", "x": )" +
                             std::string(depth, '[') + std::string(depth, ']') + "}";
    const std::string message = errorOf(json);
    EXPECT_NE(message.find("nested deeper than 32 levels"), std::string::npos) << message;
}

TEST(Preset, HostileValuesAreErrors)
{
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": "x", "settings": {"radius": null}})")
                  .find("settings.radius: expected a number, got null"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": "x", "settings": {"radius": true}})")
                  .find("settings.radius: expected a number, got true"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": "x", "settings": [1]})")
                  .find("settings: expected an object, got an array of 1 value"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 1.5, "name": "x"})")
                  .find("signe-preset: expected a whole number, got 1.5"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": "1", "name": "x"})")
                  .find("signe-preset: expected a whole number, got \"1\""),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 0, "name": "x"})").find("version 0 does not exist"),
              std::string::npos);
    EXPECT_NE(errorOf("{\"signe-preset\": 1, \"name\": \"a\\nb\"}")
                  .find("name: contains a control character"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": "x", "tip": "tips/round.png"})")
                  .find("tip: \"tips/round.png\" is not a plain file name"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": "x", "tip": ".hidden"})").find("tip: "),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": ")" + std::string(201, 'n') + "\"}")
                  .find("name: is 201 bytes long; the limit is 200"),
              std::string::npos);
    // Invalid UTF-8 inside a string is the parser's to refuse.
    EXPECT_NE(errorOf("{\"signe-preset\": 1, \"name\": \"\xff\"}").find("invalid JSON"),
              std::string::npos);
    // A long wrong value is shortened in the message.
    const std::string longValue = errorOf(R"({"signe-preset": 1, "name": "x", "settings": )"
                                          R"({"radius": ")" +
                                          std::string(5000, 'z') + "\"}}");
    EXPECT_LT(longValue.size(), 200u) << longValue;
    EXPECT_NE(longValue.find("zzz..."), std::string::npos);
    // Curve coordinates too large for float arithmetic are refused with their path.
    EXPECT_NE(errorOf(R"({"signe-preset": 1, "name": "x", "dynamics": [{"setting": "radius",)"
                      R"( "input": "speed", "curve": {"points": [[0, 0], [1e39, 1]]}}]})")
                  .find("dynamics[0].curve.points[1][0]: 1e+39 is out of range -1e+06..1e+06"),
              std::string::npos);
}

TEST(Preset, DuplicateKeyPathsInsideArrays)
{
    const std::string message = errorOf(
        R"({"signe-preset": 1, "name": "x", "dynamics": [{"setting": "radius", "input": "speed",)"
        R"( "curve": {"points": [[0, 0], [1, 1]]}}, {"setting": "flow", "setting": "radius"}]})");
    EXPECT_NE(message.find("dynamics[1].setting: duplicate key"), std::string::npos) << message;
}

TEST(Preset, WrittenPresetRoundTripsExactly)
{
    Preset p;
    p.name = "Round \"trip\" \u00e9";
    p.mode = Preset::Mode::Erase;
    p.tip = "grain-2.png";
    p.settings[BrushSetting::Radius] = 10.0f / 3.0f;  // not a short decimal
    p.settings[BrushSetting::Opacity] = 1e-7f;
    p.settings[BrushSetting::Angle] = -123.456f;
    p.settings[BrushSetting::Spacing] = 3.0f;
    p.smoothing.mode = SmoothingSettings::Mode::Weighted;
    p.smoothing.distance = 7.25f;
    p.smoothing.lazyRadius = 0.0f;
    p.settings.dynamics.push_back({BrushSetting::Radius, DynamicInput::Pressure,
                                   *brushes::Curve::make({{0, 0.3f}, {0.33333334f, 0.7f}, {1, 1}},
                                                         brushes::Curve::Interpolation::Smooth)});
    p.settings.dynamics.push_back(
        {BrushSetting::HueJitter, DynamicInput::Random, brushes::Curve::identity()});
    expectRoundTrip(p);

    // Whole numbers are written without a fraction, others in their shortest form.
    const std::string text = brushes::presetToJson(p);
    EXPECT_NE(text.find("\"spacing\": 3,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"smoothing\": {\"mode\": \"weighted\", \"distance\": 7.25, "
                        "\"lazy_radius\": 0}"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("[0.33333334, 0.7]"), std::string::npos) << text;

    Preset defaults;
    defaults.name = "Defaults";
    expectRoundTrip(defaults);
}

TEST(Preset, ShippedPresetsLoadAndFitTheirRoles)
{
    const std::map<std::string, std::string> names = {
        {"pen.json", "Pen"},
        {"pencil.json", "Pencil"},
        {"soft-airbrush.json", "Soft Airbrush"},
        {"round-brush.json", "Round Brush"},
        {"eraser.json", "Eraser"},
        {"chalk.json", "Chalk"},
        {"oil-round.json", "Oil Round"},
        {"blender.json", "Blender"},
        {"wet-on-wet.json", "Wet on Wet"},
        {"gouache.json", "Gouache"},
        {"oil-flat-bristle.json", "Oil Flat Bristle"},
        {"dry-brush.json", "Dry Brush"},
        {"charcoal.json", "Charcoal"},
        {"palette-knife.json", "Palette Knife"},
    };
    std::map<std::string, Preset> presets;
    for (const fs::path& file : jsonFilesIn(kShipped)) {
        SCOPED_TRACE(file.string());
        presets[file.filename().string()] = mustLoad(file);
        // Shipped files are kept in the form presetToJson writes, so a save from the GUI
        // leaves them unchanged.
        std::ifstream in(file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        EXPECT_EQ(brushes::presetToJson(presets[file.filename().string()]), text);
    }
    ASSERT_EQ(presets.size(), names.size());
    for (const auto& [file, name] : names) {
        ASSERT_TRUE(presets.count(file)) << file;
        const Preset& p = presets[file];
        EXPECT_EQ(p.name, name);
        EXPECT_EQ(p.mode, file == "eraser.json" ? Preset::Mode::Erase : Preset::Mode::Paint);
        // Every shipped brush answers to pressure.
        EXPECT_TRUE(std::any_of(p.settings.dynamics.begin(), p.settings.dynamics.end(),
                                [](const auto& d) { return d.input == DynamicInput::Pressure; }))
            << file;
    }
    // The paint brushes carry paint; a blender has none of its own.
    for (const char* file : {"oil-round.json", "blender.json", "wet-on-wet.json", "gouache.json"})
        EXPECT_GT(presets[file].settings[BrushSetting::Pickup], 0.0f) << file;
    EXPECT_EQ(presets["blender.json"].settings[BrushSetting::Charge], 0.0f);
    // The bristle brushes have bristles; a flat one is flat.
    EXPECT_EQ(presets["oil-flat-bristle.json"].bristles.shape, brushes::BristleSettings::Shape::Flat);
    EXPECT_GT(presets["oil-flat-bristle.json"].bristles.count, 10);
    EXPECT_GT(presets["dry-brush.json"].bristles.count, 10);
    EXPECT_GT(presets["charcoal.json"].grain.strength, 0.0f) << "charcoal is on grain";
    for (const char* file : {"oil-round.json", "oil-flat-bristle.json", "palette-knife.json"})
        EXPECT_GT(presets[file].settings[BrushSetting::Impasto], 0.0f) << file << " lays thick paint";
    EXPECT_LT(presets["pen.json"].settings[BrushSetting::Radius], 5.0f);
    EXPECT_EQ(presets["soft-airbrush.json"].settings[BrushSetting::Hardness], 0.0f);
    EXPECT_LT(presets["soft-airbrush.json"].settings[BrushSetting::Flow], 0.2f);
    EXPECT_EQ(presets["round-brush.json"].settings[BrushSetting::Hardness], 0.7f);
    EXPECT_EQ(presets["eraser.json"].settings[BrushSetting::Hardness], 0.8f);
    EXPECT_EQ(presets["chalk.json"].tip, "chalk.png") << "one shipped brush shows a bitmap tip";
    EXPECT_TRUE(fs::exists(kRoot / "resources/tips" / presets["chalk.json"].tip));
}
