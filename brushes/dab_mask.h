// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

#include "brushes/dab_shape.h"
#include "core/rect.h"

namespace signe::brushes {

/// The coverage of one dab: how much of each canvas pixel the dab paints, before colour,
/// opacity and flow (the paint model multiplies those in).
///
///     DabMask mask;                         // keep one per thread and reuse it
///     rasterizeDab(shape, x, y, mask);      // mask.box is where to paint
///     float c = mask.at(px, py);            // 0 outside mask.box
struct DabMask {
    core::Rect box;               ///< canvas pixels the dab may touch
    std::vector<float> coverage;  ///< box.w * box.h values, row-major, each 0..1

    /// Coverage of canvas pixel (x, y); 0 outside the box.
    float at(int x, int y) const
    {
        if (!box.contains(x, y)) return 0.0f;
        return coverage[std::size_t(y - box.y) * std::size_t(box.w) + std::size_t(x - box.x)];
    }

    /// The mask's integral in pixels: what a dab of full opacity deposits.
    double sum() const;
};

/// Rasterises one dab centred at canvas (cx, cy) into `out`, reusing its storage (no allocation
/// once it has held a dab as large). Pixel (x, y) covers [x, x + 1) x [y, y + 1), so its centre
/// is (x + 0.5, y + 0.5).
///
/// The dab is an ellipse: radius along the major axis, radius * aspectRatio across it, the major
/// axis along (cos angle, sin angle). With d the normalised elliptical distance (1 on the rim),
/// coverage is 1 for d <= hardness and falls to 0 at d = 1 along a smoothstep (see dab_mask.cpp).
/// Each value is the mean of that profile over the pixel's square: for hard and narrow edges
/// exactly, the falloff drawn as one or more hard ellipses (each exact, or within a 0.01 px
/// polygon for an ellipse at an angle other than 0 or 90 degrees); where the falloff spans 3
/// pixels or more, to second order, from one sample at the pixel centre. So the mask's integral
/// is the profile's:
/// pi * radius^2 * aspectRatio * dabFalloffMass(hardness), at any size and sub-pixel position.
/// Being a one-pixel box filter, it keeps hard edges crisp; the price is that a dab under about
/// a pixel across can only move its mass between whole pixels, so its centroid may sit off its
/// centre by up to 0.06 px (hard, radius 0.5; 0.15 px soft), 0.025 px from radius 1, 0.01 px from
/// radius 2 (0.0125 px for nearly hard ones, hardness 0.8 to 0.9).
///
/// Out-of-range shapes are clamped: radius to 0.5..1000, hardness to 0..1, aspectRatio to
/// 0.001..1 (NaN radius becomes 0.5, NaN hardness and aspect 1, a non-finite angle 0).
///
/// Deterministic: the same input gives the same floats, and built with -ffp-contract=off (see
/// brushes/CMakeLists.txt) the same on every x86-64, whichever SIMD clone runs. Thread-safe for
/// distinct `out` (it keeps per-thread scratch space).
void rasterizeDab(const DabShape& shape, double cx, double cy, DabMask& out);

/// The integral of a dab's falloff over its ellipse, as a fraction of the ellipse's area
/// (pi * radius^2 * aspectRatio): 1 for a hard dab, 0.3 for hardness 0.
double dabFalloffMass(float hardness);

}  // namespace signe::brushes
