// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "brushes/brush_tip.h"
#include "brushes/preset.h"
#include "core/color.h"

namespace signe::app {

/// What the canvas paints the next stroke with: a preset, the size the painter chose (which
/// replaces the preset's base radius) and the colour.
struct CanvasBrush {
    brushes::Preset preset;
    std::shared_ptr<const brushes::BrushTip> tip;  ///< the preset's bitmap tip, or round dabs
    float radius = 12.0f;
    core::Color16 color{0, 0, 0, 65535};

    /// The preset as the stroke engine should see it: the radius put in.
    brushes::Preset effectivePreset() const
    {
        brushes::Preset p = preset;
        p.settings[brushes::BrushSetting::Radius] = radius;
        return p;
    }
};

}  // namespace signe::app
