// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "brushes/dab_shape.h"
#include "brushes/paint_reservoir.h"
#include "core/pigment_mix.h"

namespace signe::brushes {

/// How a preset's bristles are made (docs/brush-engine.md, "Bristles"). count 0: no bristles,
/// the brush paints whole dabs.
struct BristleSettings {
    enum class Shape : std::uint8_t { Round, Flat };

    int count = 0;            ///< 0, or 1..kMaxBristles
    Shape shape = Shape::Round;
    float thickness = 0.2f;   ///< a bristle's radius as a fraction of the brush's, 0.02..1
    float lengthJitter = 0.3f;  ///< spread of lengths: how pressure brings bristles down, 0..1
    float loadJitter = 0.3f;    ///< spread of the paint each bristle holds, 0..1

    static constexpr int kMaxBristles = 200;

    friend bool operator==(const BristleSettings&, const BristleSettings&) = default;
};

/// One bristle's footprint for one dab: where it touches, how big, and the paint it lays.
struct BristleTouch {
    double x = 0, y = 0;  ///< centre, in the same coordinates as the brush centre
    DabShape shape;
    int bristle = 0;      ///< which bristle, to reach its reservoir
};

/// The bristles of one stroke: positions in the brush's own frame (across and along the stroke),
/// lengths and paint loads, all drawn from the stroke's seed, and a paint reservoir per bristle
/// so that each picks up and lays down colour of its own, leaving streaks.
///
///     Bristles bristles(settings, seed, model);
///     for each dab: for (const BristleTouch& t : bristles.touches(cx, cy, dab, direction, p))
///                       paint t.shape at (t.x, t.y) with bristles.reservoir(t.bristle)
class Bristles {
public:
    Bristles(const BristleSettings& settings, std::uint64_t seed, core::MixModel model);

    /// The bristles that touch the canvas for a dab of `shape` centred at (cx, cy), the brush
    /// moving along `direction` (radians), at `pressure` (0..1). Valid until the next call.
    const std::vector<BristleTouch>& touches(double cx, double cy, const DabShape& shape,
                                             float direction, float pressure);

    PaintReservoir& reservoir(int bristle) { return m_bristles[std::size_t(bristle)].reservoir; }
    /// The share of the brush's charge bristle `bristle` holds (1 - loadJitter .. 1).
    float load(int bristle) const { return m_bristles[std::size_t(bristle)].load; }
    int count() const { return int(m_bristles.size()); }

private:
    struct Bristle {
        float across = 0, along = 0;  // footprint position, in brush radii
        float reach = 1;              // pressure at which it touches: 0 for the longest
        float load = 1;
        PaintReservoir reservoir;
    };

    BristleSettings m_settings;
    std::vector<Bristle> m_bristles;
    std::vector<BristleTouch> m_touches;
};

}  // namespace signe::brushes
