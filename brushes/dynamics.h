// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "brushes/curve.h"
#include "brushes/dab_shape.h"
#include "brushes/stroke_random.h"
#include "core/result.h"

// The dynamics model: how a brush's saved settings and the pointer's state at one dab give that
// dab's settings. docs/brush-engine.md ("Dynamics") states the exact formulas; keep them in step.

namespace signe::brushes {

/// What the pointer tells us at a dab. Units are those of DynamicsInputs.
enum class DynamicInput {
    Pressure,       ///< 0..1
    Speed,          ///< canvas px per millisecond, smoothed by the stroke path; >= 0
    TiltElevation,  ///< 0..1, 1 = pen upright; see tiltElevation()
    TiltDirection,  ///< degrees [0, 360) the pen leans toward; see tiltDirectionDegrees()
    Direction,      ///< degrees [0, 360) of travel; see directionDegrees()
    Distance,       ///< canvas px along the stroke path since its start
    Time,           ///< seconds since the stroke's first event
    Random,         ///< uniform [0, 1), drawn fresh per dab per dynamic by evaluate()
};
inline constexpr std::size_t kInputCount = 8;

/// What dynamics can drive. Ranges and combining rules: see evaluate() and the docs.
enum class BrushSetting {
    Radius,            ///< canvas px, 0.5..1000
    Opacity,           ///< 0..1
    Flow,              ///< 0..1
    Hardness,          ///< 0..1
    Angle,             ///< degrees; dynamics add to it (the others multiply)
    AspectRatio,       ///< minor / major axis, 0.05..1
    Spacing,           ///< distance to the next dab as a fraction of the diameter, 0.01..10
    Scatter,           ///< largest offset across the path, in radii, 0..10
    HueJitter,         ///< 0..1; 1 = up to +-180 degrees of hue
    SaturationJitter,  ///< 0..1; 1 = up to +-1 of HSV saturation
    ValueJitter,       ///< 0..1; 1 = up to +-1 of HSV value
    // Paint the brush carries (docs/brush-engine.md, "Pick-up and smudge").
    Pickup,        ///< 0..1: how much of the canvas under a dab the brush takes up
    SmudgeLength,  ///< diameters of travel over which fresh paint replaces picked-up paint, 0..100
    Charge,        ///< 0..1: fresh paint in the brush; 0 = a blender, which only smudges
    Impasto,       ///< 0..1: thickness the paint has, in full-scale layers (docs: "Impasto")
};
inline constexpr std::size_t kSettingCount = 15;

constexpr std::size_t index(DynamicInput input)
{
    return static_cast<std::size_t>(input);
}
constexpr std::size_t index(BrushSetting setting)
{
    return static_cast<std::size_t>(setting);
}

/// Stable snake_case names, used in preset files and scripts: "pressure", "tilt_elevation".
std::string_view inputName(DynamicInput input);
std::string_view settingName(BrushSetting setting);
/// The inverse of inputName / settingName; the error names the unknown value and lists the
/// known ones.
core::Result<DynamicInput> parseInput(std::string_view name);
core::Result<BrushSetting> parseSetting(std::string_view name);

/// The range a setting's base value may take in a preset, and the range evaluate() clamps the
/// final value to (Angle is not clamped but wrapped to [0, 360)).
struct SettingRange {
    float min;
    float max;
};
SettingRange baseRange(BrushSetting setting);

/// True for settings that dynamics shift by adding (Angle); false for those they scale.
constexpr bool isAdditive(BrushSetting setting)
{
    return setting == BrushSetting::Angle;
}

/// The inputs at one dab, indexed by DynamicInput. Filled by the stroke path; the Random slot
/// is ignored, since evaluate() draws random values itself.
struct DynamicsInputs {
    std::array<float, kInputCount> values{};

    float& operator[](DynamicInput input) { return values[index(input)]; }
    float operator[](DynamicInput input) const { return values[index(input)]; }
};

/// Helpers so every producer of DynamicsInputs (stroke path, CLI, scripts) agrees on the forms.
/// Tilt components are -1..1 as in InputEvent; directions use canvas coordinates (y down), so
/// 0 degrees is +x and 90 degrees is +y (down the screen).
float tiltElevation(float xtilt, float ytilt);         ///< 1 - min(1, hypot(xtilt, ytilt))
float tiltDirectionDegrees(float xtilt, float ytilt);  ///< atan2(ytilt, xtilt); 0 when upright
float directionDegrees(double dx, double dy);          ///< atan2(dy, dx); 0 when not moving

/// One input driving one setting through a curve.
struct Dynamic {
    BrushSetting setting = BrushSetting::Radius;
    DynamicInput input = DynamicInput::Pressure;
    Curve curve;  ///< identity by default
    friend bool operator==(const Dynamic&, const Dynamic&) = default;
};

/// A brush's saved settings: base values plus dynamics. Preset data, never changed during a
/// stroke.
struct BrushSettings {
    BrushSettings();

    std::array<float, kSettingCount> base;
    /// Applied in order; the order matters only for which random draw each Random dynamic gets.
    std::vector<Dynamic> dynamics;

    float& operator[](BrushSetting setting) { return base[index(setting)]; }
    float operator[](BrushSetting setting) const { return base[index(setting)]; }

    friend bool operator==(const BrushSettings&, const BrushSettings&) = default;
};

/// The settings of one dab, after dynamics, clamped to their ranges.
struct DabSettings {
    float radius;            ///< canvas px, 0.5..1000
    float opacity;           ///< 0..1
    float flow;              ///< 0..1
    float hardness;          ///< 0..1
    float angleDegrees;      ///< [0, 360)
    float aspectRatio;       ///< 0.05..1
    float spacing;           ///< fraction of the diameter, 0.01..10: distance to the next dab
    float scatter;           ///< radii, 0..10
    float hueJitter;         ///< 0..1
    float saturationJitter;  ///< 0..1
    float valueJitter;       ///< 0..1
    float pickup;            ///< 0..1
    float smudgeLength;      ///< diameters, 0..100
    float charge;            ///< 0..1
    float impasto;           ///< 0..1

    // The jitters resolved with this dab's random draws, ready to apply.
    float scatterOffset;    ///< canvas px, signed, along (-sin d, cos d), d = direction of travel
    float hueShift;         ///< degrees, -180..180, added to the colour's hue
    float saturationShift;  ///< -1..1, added to HSV saturation (then clamped to 0..1)
    float valueShift;       ///< -1..1, added to HSV value (then clamped to 0..1)

    DabShape shape() const { return {radius, hardness, aspectRatio, angleDegrees}; }
};

/// The settings for one dab. Random draws happen in a fixed order: first one per Random dynamic,
/// in the order of settings.dynamics; then always four more, for scatter, hue, saturation and
/// value, even when their amounts are 0 (so changing an amount does not shift later draws).
/// A NaN (from a NaN input) falls back to the low end of the range. Allocation-free.
DabSettings evaluate(const BrushSettings& settings, const DynamicsInputs& inputs,
                     StrokeRandom& random);

}  // namespace signe::brushes
