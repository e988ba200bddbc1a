// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <span>

#include "core/pigment_mix.h"

namespace signe::brushes {

/// Paint as the brush meets it or lays it down: straight linear-light colour and how much paint
/// there is (alpha, 0..1).
struct Paint {
    std::array<float, 3> rgb{0, 0, 0};
    float alpha = 0;
    float thickness = 0;  ///< impasto, in full-scale layers of paint (0..1)
};

/// What one dab of a paint-carrying brush does to the reservoir, from the dab's settings.
struct PickupStep {
    float pickup = 0;        ///< share of the canvas taken up per diameter of travel, 0..1
    float smudgeLength = 0;  ///< diameters over which fresh paint replaces picked-up paint
    float charge = 1;        ///< fresh paint the brush still gives, 0..1
    float travel = 0.1f;     ///< diameters from this dab to the next (the dab's spacing)
    float freshThickness = 0;  ///< the fresh paint's impasto thickness, full-scale layers
};

/// The paint a brush carries along one stroke (docs/brush-engine.md, "Pick-up and smudge").
/// It starts as the brush's colour with `charge` of it; at each dab it takes up some of the
/// canvas under the dab, fresh paint flows back in from the brush, and the dab lays down what
/// the reservoir then holds. Deterministic: the same samples give the same paint.
///
///     PaintReservoir reservoir(core::MixModel::Pigment);
///     Paint laid = reservoir.dab(canvasUnderDab, brushColour, step);  // per dab, in order
class PaintReservoir {
public:
    explicit PaintReservoir(core::MixModel model) : m_model(model) {}

    /// Mixes `under` (the canvas under the dab, mask-weighted) into the reservoir and refills
    /// it with fresh paint of colour `fresh` (straight linear light); returns the paint the dab
    /// lays down. The first dab starts the reservoir with `step.charge` of fresh paint.
    Paint dab(const Paint& under, const std::array<float, 3>& fresh, const PickupStep& step);

    /// dab() for several reservoirs at once (the bristles touching at one dab), all of one
    /// mixing model: reservoir i meets under[i] with steps[i]; laid[i] is what it lays down.
    /// The same results as one dab() each, with the colour mixes in row calls that vectorise.
    static void dabAll(std::span<PaintReservoir* const> reservoirs, std::span<const Paint> under,
                       const std::array<float, 3>& fresh, std::span<const PickupStep> steps,
                       std::span<Paint> laid);

    const Paint& contents() const { return m_paint; }

private:
    Paint m_paint;
    core::MixModel m_model;
    bool m_started = false;
};

}  // namespace signe::brushes
