// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/tile.h"
#include "core/wetness.h"

namespace signe::brushes {

// The per-pixel arithmetic of drying paint (docs/brush-engine.md, "Wetness and drying"), for
// StrokePainter. While a stroke paints, a pixel is two layers of one colour: dry paint at the
// bottom (alpha D) and wet paint over it (alpha wa). Brushes that carry paint move and take up
// only the wet layer; dry paint shows through it by 1 - wa, and the composite is what the layer
// stores. A pixel's stamp gives its wetness w = wa / a, a being the composite alpha, so a
// pixel of alpha a splits into wa = a w and D = a (1 - w) / (1 - a w).

/// Columns [x, x + n) of row y of a stamp tile: a pointer into it, or for a missing (all kDry)
/// or uniform tile `scratch` (at least n long) filled with its value.
const core::WetStamp* stampsOf(const core::WetTile* tile, int y, int x, int n,
                               core::WetStamp* scratch);

/// w[i] = wet.wetness(stamps[i]).
void wetnessRow(const core::WetStamp* stamps, const core::WetnessScale& wet, float* w, int n);

/// Alpha of the dry layer of a pixel of alpha `a` and wetness `w`.
inline float dryAlpha(float a, float w)
{
    const float dry = a * (1.0f - w);
    return dry > 0.0f ? dry / (1.0f - a * w) : 0.0f;
}

/// The composite of a row: the wet layer (premultiplied linear pr, pg, pb, pa) over the dry
/// layer (straight linear colour dr, dg, db, alpha `dry`), into the same wet planes.
void composeOverDryRow(float* pr, float* pg, float* pb, float* pa, const float* dr, const float* dg,
                       const float* db, const float* dry, int n);

/// The stamps a row of pixels gets after the stroke: a pixel holding paint (composite alpha
/// `alpha` > 0) with a wet layer of alpha `wetAlpha` is wetAlpha / alpha wet, which
/// WetnessScale::stampFor turns into a stamp; a pixel keeps its old stamp (`before`) when that
/// is at least as wet.
void stampRow(const float* alpha, const float* wetAlpha, const core::WetStamp* before,
              const core::WetnessScale& wet, core::WetStamp* out, int n);

}  // namespace signe::brushes
