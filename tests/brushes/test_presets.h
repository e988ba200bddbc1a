// SPDX-License-Identifier: GPL-3.0-or-later
// Presets the brush tests paint with, built in code so that each test says what it depends on.
#pragma once

#include "brushes/preset.h"

namespace signe::test {

/// A plain round brush: hard-edged, closely spaced, nothing carried.
inline brushes::Preset roundPreset(float radius)
{
    brushes::Preset p;
    p.name = "test";
    p.settings[brushes::BrushSetting::Radius] = radius;
    p.settings[brushes::BrushSetting::Hardness] = 0.9f;
    p.settings[brushes::BrushSetting::Spacing] = 0.1f;
    return p;
}

/// A blender: no paint of its own, it takes up half of what it crosses.
inline brushes::Preset blender(float radius)
{
    brushes::Preset p = roundPreset(radius);
    p.settings[brushes::BrushSetting::Charge] = 0.0f;
    p.settings[brushes::BrushSetting::Pickup] = 0.5f;
    p.settings[brushes::BrushSetting::Flow] = 0.3f;  // drags paint along rather than replacing it
    return p;
}

}  // namespace signe::test
