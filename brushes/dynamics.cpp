// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/dynamics.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace signe::brushes {

namespace {

// Indexed by the enums; the static_asserts catch an enumerator added without a name.
constexpr std::array<std::string_view, kInputCount> kInputNames = {
    "pressure",  "speed",    "tilt_elevation", "tilt_direction",
    "direction", "distance", "time",           "random",
};
static_assert(index(DynamicInput::Random) + 1 == kInputCount);

constexpr std::array<std::string_view, kSettingCount> kSettingNames = {
    "radius",  "opacity", "flow",       "hardness",          "angle",        "aspect_ratio",
    "spacing", "scatter", "hue_jitter", "saturation_jitter", "value_jitter", "pickup",
    "smudge_length", "charge", "impasto",
};
static_assert(index(BrushSetting::Impasto) + 1 == kSettingCount);

constexpr std::array<SettingRange, kSettingCount> kRanges = {{
    {0.5f, 1000.0f},    // radius
    {0.0f, 1.0f},       // opacity
    {0.0f, 1.0f},       // flow
    {0.0f, 1.0f},       // hardness
    {-360.0f, 360.0f},  // angle (base only; the result wraps)
    {0.05f, 1.0f},      // aspect ratio
    {0.01f, 10.0f},     // spacing
    {0.0f, 10.0f},      // scatter
    {0.0f, 1.0f},       // hue jitter
    {0.0f, 1.0f},       // saturation jitter
    {0.0f, 1.0f},       // value jitter
    {0.0f, 1.0f},       // pickup
    {0.0f, 100.0f},     // smudge length
    {0.0f, 1.0f},       // charge
    {0.0f, 1.0f},       // impasto
}};

template <std::size_t N>
std::string knownNames(const std::array<std::string_view, N>& names)
{
    std::string out;
    for (std::string_view n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

/// Clamp that also maps NaN, which std::clamp would pass through, to the low end.
float clampValue(float v, SettingRange r)
{
    if (std::isnan(v)) return r.min;
    return std::clamp(v, r.min, r.max);
}

float wrapDegrees(float degrees)
{
    if (!std::isfinite(degrees)) return 0.0f;
    float a = std::fmod(degrees, 360.0f);
    if (a < 0.0f) a += 360.0f;
    // fmod of a tiny negative number plus 360 can round up to exactly 360.
    return a >= 360.0f ? 0.0f : a;
}

float degreesOf(double y, double x)
{
    return wrapDegrees(float(std::atan2(y, x) * (180.0 / std::numbers::pi)));
}

/// A signed amount in [-1, 1) from one draw.
float signedDraw(StrokeRandom& random)
{
    return random.nextFloat() * 2.0f - 1.0f;
}

}  // namespace

std::string_view inputName(DynamicInput input)
{
    return kInputNames[index(input)];
}
std::string_view settingName(BrushSetting setting)
{
    return kSettingNames[index(setting)];
}

core::Result<DynamicInput> parseInput(std::string_view name)
{
    for (std::size_t i = 0; i < kInputCount; ++i)
        if (kInputNames[i] == name) return static_cast<DynamicInput>(i);
    return core::fail(core::ErrorCode::InvalidArgument,
                      "unknown dynamics input \"" + std::string(name) +
                          "\" (known: " + knownNames(kInputNames) + ")");
}

core::Result<BrushSetting> parseSetting(std::string_view name)
{
    for (std::size_t i = 0; i < kSettingCount; ++i)
        if (kSettingNames[i] == name) return static_cast<BrushSetting>(i);
    return core::fail(core::ErrorCode::InvalidArgument,
                      "unknown brush setting \"" + std::string(name) +
                          "\" (known: " + knownNames(kSettingNames) + ")");
}

SettingRange baseRange(BrushSetting setting)
{
    return kRanges[index(setting)];
}

float tiltElevation(float xtilt, float ytilt)
{
    const float lean = std::hypot(xtilt, ytilt);
    if (std::isnan(lean)) return 1.0f;
    return 1.0f - std::min(lean, 1.0f);
}

float tiltDirectionDegrees(float xtilt, float ytilt)
{
    if (!(xtilt != 0.0f || ytilt != 0.0f)) return 0.0f;
    return degreesOf(ytilt, xtilt);
}

float directionDegrees(double dx, double dy)
{
    if (!(dx != 0.0 || dy != 0.0)) return 0.0f;
    return degreesOf(dy, dx);
}

BrushSettings::BrushSettings()
{
    base[index(BrushSetting::Radius)] = 10.0f;
    base[index(BrushSetting::Opacity)] = 1.0f;
    base[index(BrushSetting::Flow)] = 1.0f;
    base[index(BrushSetting::Hardness)] = 0.8f;
    base[index(BrushSetting::Angle)] = 0.0f;
    base[index(BrushSetting::AspectRatio)] = 1.0f;
    base[index(BrushSetting::Spacing)] = 0.1f;
    base[index(BrushSetting::Scatter)] = 0.0f;
    base[index(BrushSetting::HueJitter)] = 0.0f;
    base[index(BrushSetting::SaturationJitter)] = 0.0f;
    base[index(BrushSetting::ValueJitter)] = 0.0f;
    base[index(BrushSetting::Pickup)] = 0.0f;
    base[index(BrushSetting::SmudgeLength)] = 0.0f;
    base[index(BrushSetting::Charge)] = 1.0f;
    base[index(BrushSetting::Impasto)] = 0.0f;
}

DabSettings evaluate(const BrushSettings& settings, const DynamicsInputs& inputs,
                     StrokeRandom& random)
{
    std::array<float, kSettingCount> v = settings.base;
    for (const Dynamic& d : settings.dynamics) {
        const float x = d.input == DynamicInput::Random ? random.nextFloat() : inputs[d.input];
        const float y = d.curve.eval(x);
        float& target = v[index(d.setting)];
        target = isAdditive(d.setting) ? target + y : target * y;
    }

    auto get = [&](BrushSetting s) { return clampValue(v[index(s)], kRanges[index(s)]); };

    DabSettings dab;
    dab.radius = get(BrushSetting::Radius);
    dab.opacity = get(BrushSetting::Opacity);
    dab.flow = get(BrushSetting::Flow);
    dab.hardness = get(BrushSetting::Hardness);
    dab.angleDegrees = wrapDegrees(v[index(BrushSetting::Angle)]);
    dab.aspectRatio = get(BrushSetting::AspectRatio);
    dab.spacing = get(BrushSetting::Spacing);
    dab.scatter = get(BrushSetting::Scatter);
    dab.hueJitter = get(BrushSetting::HueJitter);
    dab.saturationJitter = get(BrushSetting::SaturationJitter);
    dab.valueJitter = get(BrushSetting::ValueJitter);
    dab.pickup = get(BrushSetting::Pickup);
    dab.smudgeLength = get(BrushSetting::SmudgeLength);
    dab.charge = get(BrushSetting::Charge);
    dab.impasto = get(BrushSetting::Impasto);

    // Always four draws, in this order (see the header).
    dab.scatterOffset = signedDraw(random) * dab.scatter * dab.radius;
    dab.hueShift = signedDraw(random) * dab.hueJitter * 180.0f;
    dab.saturationShift = signedDraw(random) * dab.saturationJitter;
    dab.valueShift = signedDraw(random) * dab.valueJitter;
    return dab;
}

}  // namespace signe::brushes
