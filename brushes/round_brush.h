// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "brushes/input_event.h"
#include "core/color.h"
#include "core/transaction.h"

namespace signe::brushes {

/// Settings of the plain round brush (saved with a preset; never changed during a stroke).
struct RoundBrushSettings {
    float radius = 8.0f;        ///< canvas pixels at full pressure
    float hardness = 0.8f;      ///< 0 = soft falloff from the centre, 1 = hard edge
    float opacity = 1.0f;       ///< per dab
    float spacing = 0.1f;       ///< distance between dabs, as a fraction of the diameter
    bool pressureSize = true;   ///< pressure scales the radius
    core::Color16 color{0, 0, 0, 65535};
};

/// The foundation's brush: round anti-aliased dabs placed along straight segments between
/// events, blended in linear light. The full engine (curves, dynamics, smoothing) replaces it
/// in the brush-engine issue (#3).
///
///     RoundBrush brush(settings);
///     brush.stroke(target, events);   // or begin() then moveTo() per event, as input arrives
class RoundBrush {
public:
    explicit RoundBrush(RoundBrushSettings settings) : m_settings(settings) {}

    void begin(core::PaintTarget& target, const InputEvent& event);
    void moveTo(core::PaintTarget& target, const InputEvent& event);
    void stroke(core::PaintTarget& target, const InputEvent* events, int count);

    int dabCount() const { return m_dabs; }
    const RoundBrushSettings& settings() const { return m_settings; }

    /// Paints one dab centred at canvas (x, y).
    void dab(core::PaintTarget& target, double x, double y, float radius);

private:
    float radiusAt(float pressure) const;

    RoundBrushSettings m_settings;
    InputEvent m_last;
    double m_carry = 0;  // distance already walked towards the next dab
    int m_dabs = 0;
};

}  // namespace signe::brushes
