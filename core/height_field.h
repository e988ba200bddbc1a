// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

#include "core/layer.h"
#include "core/rect.h"

namespace signe::core {

/// Adds the impasto height of the layer tree under `group` over the canvas rectangle `rect` to
/// `out` (rect.h rows of rect.w floats, `stride` floats apart; clear it first):
///
///     out(x, y) += scale * sum over visible paint layers L of thickness_L(x, y) * opacity(L)
///
/// where opacity(L) is the layer's opacity times that of every group above it, a hidden layer
/// or group counts nothing, blend modes are ignored (relief is physical, not a colour
/// operation) and thickness_L is in Thickness16 units, read through the layer's offset.
/// The sum for a pixel is formed in the same order whatever `rect` is, so two windows that
/// overlap agree bit for bit (tiles lit side by side show no seam).
/// Returns false when no layer has any thickness in `rect`; `out` is then untouched.
bool accumulateThickness(const Layer& group, const Rect& rect, float scale, float* out,
                         std::ptrdiff_t stride);

/// Whether accumulateThickness() over `rect` would add anything: a visible paint layer with
/// non-zero opacity has a thickness tile there. Touches no pixels, so it costs a few hash
/// lookups a layer (nothing at all for layers without thickness).
bool hasThickness(const Layer& group, const Rect& rect);
/// The same anywhere: one check a layer, no tiles looked at.
bool hasThickness(const Layer& group);

}  // namespace signe::core
