// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

namespace signe::core {

/// How the document lights its impasto (paint thickness) for display and export: one distant
/// light, Lambert diffuse plus a Blinn-Phong highlight, normalised so that flat paint looks
/// exactly as it does unlit. A document property, set through Document::setLight (undoable).
/// The formulas are in docs/architecture.md, "Impasto".
struct Light {
    bool enabled = true;  ///< show the relief; off, thickness is kept but not shown
    /// Where the light comes from, in degrees clockwise from the top of the canvas:
    /// 0 top, 90 right, 180 bottom, 270 left. Any finite value (taken modulo 360).
    float azimuth = 315.0f;
    /// Degrees above the canvas plane, kMinElevation..90 (90: straight over the canvas).
    float elevation = 45.0f;
    /// 0..1: the directional share of the light; the rest is ambient. 0 shows no relief shading.
    float strength = 0.75f;
    /// 0..1: strength of the wet highlight (Blinn-Phong, white, added in linear light).
    float shine = 0.2f;
    /// Blinn-Phong exponent, 1..1000: higher gives a smaller, sharper highlight.
    float shininess = 40.0f;
    /// Height, in canvas pixels, of one full-scale layer of thickness (kThicknessFull), 0..256:
    /// how steep the relief looks. 0 shows none.
    float relief = 16.0f;

    static constexpr float kMinElevation = 5.0f;
    static constexpr float kMaxRelief = 256.0f;
    static constexpr float kMaxShininess = 1000.0f;

    friend bool operator==(const Light&, const Light&) = default;
};

/// Checks every field's range; the error names the field, the value and the range.
Result<void> validateLight(const Light& light);

}  // namespace signe::core
