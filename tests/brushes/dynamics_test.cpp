// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/dynamics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "brushes/stroke_random.h"

using namespace signe;
using brushes::BrushSetting;
using brushes::BrushSettings;
using brushes::Curve;
using brushes::DynamicInput;
using brushes::DynamicsInputs;
using brushes::StrokeRandom;
using Interp = brushes::Curve::Interpolation;

namespace {

Curve line(float x0, float y0, float x1, float y1)
{
    return *Curve::make({{x0, y0}, {x1, y1}}, Interp::Linear);
}

brushes::DabSettings evaluate(const BrushSettings& settings, const DynamicsInputs& inputs,
                              std::uint64_t seed = 1)
{
    StrokeRandom random(seed);
    return brushes::evaluate(settings, inputs, random);
}

}  // namespace

TEST(StrokeRandom, MatchesSplitMix64ReferenceValues)
{
    // Published SplitMix64 outputs for seed 0: if these change, every recorded stroke replays
    // differently.
    StrokeRandom r(0);
    EXPECT_EQ(r.nextU64(), 0xE220A8397B1DCDAFull);
    EXPECT_EQ(r.nextU64(), 0x6E789E6AA1B965F4ull);
    EXPECT_EQ(r.nextU64(), 0x06C45D188009454Full);
}

TEST(StrokeRandom, SameSeedSameSequenceAndStateResumes)
{
    StrokeRandom a(1234), b(1234), c(1235);
    int differences = 0;
    for (int i = 0; i < 100; ++i) {
        const float x = a.nextFloat();
        EXPECT_EQ(x, b.nextFloat());
        differences += x != c.nextFloat();
    }
    EXPECT_GT(differences, 95);
    StrokeRandom resumed(a.state());
    EXPECT_EQ(resumed.nextU64(), a.nextU64());
}

TEST(StrokeRandom, FloatsAreUniformInZeroToOne)
{
    StrokeRandom r(42);
    double sum = 0;
    int low = 0;
    constexpr int kDraws = 100000;
    for (int i = 0; i < kDraws; ++i) {
        const float x = r.nextFloat();
        ASSERT_GE(x, 0.0f);
        ASSERT_LT(x, 1.0f);
        sum += x;
        low += x < 0.25f;
    }
    EXPECT_NEAR(sum / kDraws, 0.5, 0.01);
    EXPECT_NEAR(double(low) / kDraws, 0.25, 0.01);
}

TEST(Dynamics, InputNamesRoundTrip)
{
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < brushes::kInputCount; ++i) {
        const auto input = static_cast<DynamicInput>(i);
        const std::string_view name = brushes::inputName(input);
        names.insert(name);
        auto parsed = brushes::parseInput(name);
        ASSERT_TRUE(parsed.has_value()) << name;
        EXPECT_EQ(*parsed, input);
    }
    EXPECT_EQ(names,
              (std::set<std::string_view>{"pressure", "speed", "tilt_elevation", "tilt_direction",
                                          "direction", "distance", "time", "random"}));
}

TEST(Dynamics, SettingNamesRoundTrip)
{
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < brushes::kSettingCount; ++i) {
        const auto setting = static_cast<BrushSetting>(i);
        const std::string_view name = brushes::settingName(setting);
        names.insert(name);
        auto parsed = brushes::parseSetting(name);
        ASSERT_TRUE(parsed.has_value()) << name;
        EXPECT_EQ(*parsed, setting);
    }
    EXPECT_EQ(names, (std::set<std::string_view>{"radius", "opacity", "flow", "hardness", "angle",
                                                 "aspect_ratio", "spacing", "scatter", "hue_jitter",
                                                 "saturation_jitter", "value_jitter", "pickup",
                                                 "smudge_length", "charge", "impasto"}));
}

TEST(Dynamics, UnknownNamesAreErrorsNamingTheValue)
{
    auto input = brushes::parseInput("presure");
    ASSERT_FALSE(input.has_value());
    EXPECT_NE(input.error().message.find("\"presure\""), std::string::npos);
    EXPECT_NE(input.error().message.find("pressure"), std::string::npos);  // the known list

    auto setting = brushes::parseSetting("Radius");  // names are case-sensitive
    ASSERT_FALSE(setting.has_value());
    EXPECT_NE(setting.error().message.find("\"Radius\""), std::string::npos);
}

TEST(Dynamics, DefaultsAreTheDocumentedOnes)
{
    const BrushSettings s;
    EXPECT_EQ(s[BrushSetting::Radius], 10.0f);
    EXPECT_EQ(s[BrushSetting::Opacity], 1.0f);
    EXPECT_EQ(s[BrushSetting::Flow], 1.0f);
    EXPECT_EQ(s[BrushSetting::Hardness], 0.8f);
    EXPECT_EQ(s[BrushSetting::Angle], 0.0f);
    EXPECT_EQ(s[BrushSetting::AspectRatio], 1.0f);
    EXPECT_EQ(s[BrushSetting::Spacing], 0.1f);
    EXPECT_EQ(s[BrushSetting::Scatter], 0.0f);
    EXPECT_EQ(s[BrushSetting::HueJitter], 0.0f);
    EXPECT_EQ(s[BrushSetting::SaturationJitter], 0.0f);
    EXPECT_EQ(s[BrushSetting::ValueJitter], 0.0f);
    EXPECT_TRUE(s.dynamics.empty());
}

TEST(Dynamics, WithoutDynamicsADabGetsTheBaseValues)
{
    BrushSettings s;
    s[BrushSetting::Radius] = 7;
    s[BrushSetting::Angle] = 30;
    s[BrushSetting::AspectRatio] = 0.5f;
    const auto dab = evaluate(s, DynamicsInputs{});
    EXPECT_EQ(dab.radius, 7.0f);
    EXPECT_EQ(dab.opacity, 1.0f);
    EXPECT_EQ(dab.flow, 1.0f);
    EXPECT_EQ(dab.hardness, 0.8f);
    EXPECT_EQ(dab.angleDegrees, 30.0f);
    EXPECT_EQ(dab.aspectRatio, 0.5f);
    EXPECT_EQ(dab.spacing, 0.1f);
    EXPECT_EQ(dab.scatterOffset, 0.0f);
    EXPECT_EQ(dab.hueShift, 0.0f);
    EXPECT_EQ(dab.saturationShift, 0.0f);
    EXPECT_EQ(dab.valueShift, 0.0f);

    const brushes::DabShape shape = dab.shape();
    EXPECT_EQ(shape.radius, 7.0f);
    EXPECT_EQ(shape.hardness, 0.8f);
    EXPECT_EQ(shape.aspectRatio, 0.5f);
    EXPECT_EQ(shape.angleDegrees, 30.0f);
}

TEST(Dynamics, SettingIsBaseTimesCurveOfInput)
{
    BrushSettings s;
    s[BrushSetting::Radius] = 20;
    s.dynamics.push_back({BrushSetting::Radius, DynamicInput::Pressure, line(0, 0.2f, 1, 1)});
    DynamicsInputs in;
    in[DynamicInput::Pressure] = 0.5f;
    EXPECT_FLOAT_EQ(evaluate(s, in).radius, 20 * 0.6f);
    in[DynamicInput::Pressure] = 0.0f;
    EXPECT_FLOAT_EQ(evaluate(s, in).radius, 20 * 0.2f);
    in[DynamicInput::Pressure] = 1.0f;
    EXPECT_FLOAT_EQ(evaluate(s, in).radius, 20.0f);
    // Other settings are untouched.
    EXPECT_EQ(evaluate(s, in).opacity, 1.0f);
}

TEST(Dynamics, SeveralDynamicsOnOneSettingMultiply)
{
    BrushSettings s;
    s[BrushSetting::Opacity] = 0.8f;
    s.dynamics.push_back({BrushSetting::Opacity, DynamicInput::Pressure, line(0, 0, 1, 1)});
    s.dynamics.push_back({BrushSetting::Opacity, DynamicInput::Speed, line(0, 1, 2, 0.5f)});
    s.dynamics.push_back({BrushSetting::Opacity, DynamicInput::TiltElevation, line(0, 0.5f, 1, 1)});
    DynamicsInputs in;
    in[DynamicInput::Pressure] = 0.5f;
    in[DynamicInput::Speed] = 1.0f;  // px/ms
    in[DynamicInput::TiltElevation] = 1.0f;
    EXPECT_FLOAT_EQ(evaluate(s, in).opacity, 0.8f * 0.5f * 0.75f * 1.0f);
}

TEST(Dynamics, EveryInputReachesItsCurve)
{
    // A curve that returns its input shows each input arriving unchanged in its own units.
    for (std::size_t i = 0; i < brushes::kInputCount; ++i) {
        const auto input = static_cast<DynamicInput>(i);
        if (input == DynamicInput::Random) continue;
        BrushSettings s;
        s[BrushSetting::Radius] = 1;
        s.dynamics.push_back({BrushSetting::Radius, input, line(0, 0, 1000, 1000)});
        DynamicsInputs in;
        in[input] = 123.5f;
        EXPECT_FLOAT_EQ(evaluate(s, in).radius, 123.5f) << brushes::inputName(input);
    }
}

TEST(Dynamics, AngleAddsDegreesAndWraps)
{
    BrushSettings s;
    s[BrushSetting::Angle] = 30;
    // Follow the direction of travel: add the direction itself.
    s.dynamics.push_back({BrushSetting::Angle, DynamicInput::Direction, line(0, 0, 360, 360)});
    DynamicsInputs in;
    in[DynamicInput::Direction] = 90;
    EXPECT_FLOAT_EQ(evaluate(s, in).angleDegrees, 120.0f);
    in[DynamicInput::Direction] = 350;
    EXPECT_FLOAT_EQ(evaluate(s, in).angleDegrees, 20.0f);

    s[BrushSetting::Angle] = -45;
    in[DynamicInput::Direction] = 0;
    EXPECT_FLOAT_EQ(evaluate(s, in).angleDegrees, 315.0f);

    // A second additive dynamic sums rather than multiplies.
    s.dynamics.push_back({BrushSetting::Angle, DynamicInput::Pressure, line(0, 0, 1, 10)});
    in[DynamicInput::Pressure] = 0.5f;
    in[DynamicInput::Direction] = 100;
    EXPECT_FLOAT_EQ(evaluate(s, in).angleDegrees, -45.0f + 100.0f + 5.0f);
}

TEST(Dynamics, ResultsAreClampedToTheirRanges)
{
    BrushSettings s;
    s.dynamics.push_back({BrushSetting::Radius, DynamicInput::Pressure, line(0, 0, 1, 500)});
    s.dynamics.push_back({BrushSetting::Opacity, DynamicInput::Pressure, line(0, -1, 1, 3)});
    s.dynamics.push_back({BrushSetting::Flow, DynamicInput::Pressure, line(0, -1, 1, 3)});
    s.dynamics.push_back({BrushSetting::Hardness, DynamicInput::Pressure, line(0, -1, 1, 3)});
    s.dynamics.push_back({BrushSetting::AspectRatio, DynamicInput::Pressure, line(0, 0, 1, 3)});
    s.dynamics.push_back({BrushSetting::Spacing, DynamicInput::Pressure, line(0, 0, 1, 1000)});
    DynamicsInputs in;
    in[DynamicInput::Pressure] = 1.0f;
    auto high = evaluate(s, in);
    EXPECT_EQ(high.radius, 1000.0f);
    EXPECT_EQ(high.opacity, 1.0f);
    EXPECT_EQ(high.flow, 1.0f);
    EXPECT_EQ(high.hardness, 1.0f);
    EXPECT_EQ(high.aspectRatio, 1.0f);
    EXPECT_EQ(high.spacing, 10.0f);

    in[DynamicInput::Pressure] = 0.0f;
    auto low = evaluate(s, in);
    EXPECT_EQ(low.radius, 0.5f);
    EXPECT_EQ(low.opacity, 0.0f);
    EXPECT_EQ(low.flow, 0.0f);
    EXPECT_EQ(low.hardness, 0.0f);
    EXPECT_EQ(low.aspectRatio, 0.05f);
    EXPECT_EQ(low.spacing, 0.01f);
}

TEST(Dynamics, NonFiniteValuesFallToTheLowEnd)
{
    BrushSettings s;
    s[BrushSetting::Radius] = std::numeric_limits<float>::quiet_NaN();
    s[BrushSetting::Angle] = std::numeric_limits<float>::infinity();
    s[BrushSetting::Opacity] = std::numeric_limits<float>::infinity();
    DynamicsInputs in;
    in[DynamicInput::Pressure] = std::numeric_limits<float>::quiet_NaN();
    s.dynamics.push_back({BrushSetting::Flow, DynamicInput::Pressure, line(0, 0.25f, 1, 1)});
    const auto dab = evaluate(s, in);
    EXPECT_EQ(dab.radius, 0.5f);
    EXPECT_EQ(dab.angleDegrees, 0.0f);
    EXPECT_EQ(dab.opacity, 1.0f);  // +inf clamps to the top
    EXPECT_EQ(dab.flow, 0.25f);    // a NaN input reads as the curve's first point
}

TEST(Dynamics, RandomInputIsDrawnPerDabPerDynamicInListOrder)
{
    BrushSettings s;
    s[BrushSetting::Opacity] = 1;
    s[BrushSetting::Hardness] = 1;
    s.dynamics.push_back({BrushSetting::Opacity, DynamicInput::Random, Curve::identity()});
    s.dynamics.push_back({BrushSetting::Hardness, DynamicInput::Random, Curve::identity()});
    DynamicsInputs in;
    in[DynamicInput::Random] = 0.5f;  // ignored: evaluate draws its own

    StrokeRandom random(99), expected(99);
    for (int dab = 0; dab < 5; ++dab) {
        const auto d = brushes::evaluate(s, in, random);
        EXPECT_EQ(d.opacity, expected.nextFloat()) << "dab " << dab;
        EXPECT_EQ(d.hardness, expected.nextFloat()) << "dab " << dab;
        for (int i = 0; i < 4; ++i) expected.nextFloat();  // scatter, hue, saturation, value
    }
    EXPECT_EQ(random.state(), expected.state());
}

TEST(Dynamics, JitterAndScatterUseFourDrawsAfterTheDynamics)
{
    BrushSettings s;
    s[BrushSetting::Radius] = 10;
    s[BrushSetting::Scatter] = 2;
    s[BrushSetting::HueJitter] = 0.5f;
    s[BrushSetting::SaturationJitter] = 0.25f;
    s[BrushSetting::ValueJitter] = 1;
    StrokeRandom random(7), expected(7);
    const auto dab = brushes::evaluate(s, DynamicsInputs{}, random);
    EXPECT_FLOAT_EQ(dab.scatterOffset, (expected.nextFloat() * 2 - 1) * 2 * 10);
    EXPECT_FLOAT_EQ(dab.hueShift, (expected.nextFloat() * 2 - 1) * 0.5f * 180);
    EXPECT_FLOAT_EQ(dab.saturationShift, (expected.nextFloat() * 2 - 1) * 0.25f);
    EXPECT_FLOAT_EQ(dab.valueShift, expected.nextFloat() * 2 - 1);
    EXPECT_EQ(random.state(), expected.state());

    // Zero amounts still consume their draws, so later dabs do not shift.
    BrushSettings plain;
    StrokeRandom r2(7);
    brushes::evaluate(plain, DynamicsInputs{}, r2);
    EXPECT_EQ(r2.state(), expected.state());
}

TEST(Dynamics, StrokesReproduceWithTheSeedAndDifferAcrossSeeds)
{
    BrushSettings s;
    s[BrushSetting::Scatter] = 1;
    s[BrushSetting::HueJitter] = 0.2f;
    s.dynamics.push_back({BrushSetting::Radius, DynamicInput::Random, line(0, 0.5f, 1, 1.5f)});
    auto strokeOf = [&](std::uint64_t seed) {
        StrokeRandom random(seed);
        std::vector<float> values;
        DynamicsInputs in;
        for (int i = 0; i < 50; ++i) {
            in[DynamicInput::Distance] = float(i);
            const auto d = brushes::evaluate(s, in, random);
            values.insert(values.end(), {d.radius, d.scatterOffset, d.hueShift});
        }
        return values;
    };
    EXPECT_EQ(strokeOf(2024), strokeOf(2024));
    EXPECT_NE(strokeOf(2024), strokeOf(2025));
}

TEST(Dynamics, TiltAndDirectionHelpers)
{
    EXPECT_FLOAT_EQ(brushes::tiltElevation(0, 0), 1.0f);
    EXPECT_FLOAT_EQ(brushes::tiltElevation(0.6f, 0.0f), 0.4f);
    EXPECT_FLOAT_EQ(brushes::tiltElevation(0.3f, 0.4f), 0.5f);
    EXPECT_FLOAT_EQ(brushes::tiltElevation(1, 1), 0.0f);  // clamped, never negative

    EXPECT_FLOAT_EQ(brushes::tiltDirectionDegrees(0, 0), 0.0f);
    EXPECT_FLOAT_EQ(brushes::tiltDirectionDegrees(0.5f, 0), 0.0f);
    EXPECT_FLOAT_EQ(brushes::tiltDirectionDegrees(0, 0.5f), 90.0f);
    EXPECT_FLOAT_EQ(brushes::tiltDirectionDegrees(-0.5f, 0), 180.0f);
    EXPECT_FLOAT_EQ(brushes::tiltDirectionDegrees(0, -0.5f), 270.0f);

    EXPECT_FLOAT_EQ(brushes::directionDegrees(0, 0), 0.0f);
    EXPECT_FLOAT_EQ(brushes::directionDegrees(3, 3), 45.0f);
    EXPECT_FLOAT_EQ(brushes::directionDegrees(0, -2), 270.0f);
    const float almostFull = brushes::directionDegrees(1, -1e-9);
    EXPECT_GE(almostFull, 0.0f);
    EXPECT_LT(almostFull, 360.0f);
}

TEST(Dynamics, BaseRangesMatchTheClamps)
{
    EXPECT_EQ(brushes::baseRange(BrushSetting::Radius).min, 0.5f);
    EXPECT_EQ(brushes::baseRange(BrushSetting::Radius).max, 1000.0f);
    EXPECT_EQ(brushes::baseRange(BrushSetting::AspectRatio).min, 0.05f);
    EXPECT_EQ(brushes::baseRange(BrushSetting::Spacing).min, 0.01f);
    EXPECT_EQ(brushes::baseRange(BrushSetting::Spacing).max, 10.0f);
    EXPECT_EQ(brushes::baseRange(BrushSetting::Scatter).max, 10.0f);
    EXPECT_TRUE(brushes::isAdditive(BrushSetting::Angle));
    EXPECT_FALSE(brushes::isAdditive(BrushSetting::Radius));
}
