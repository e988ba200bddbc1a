// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace signe::brushes {

/// The geometry of one dab, after dynamics.
struct DabShape {
    float radius = 10.0f;       ///< canvas px along the major axis, 0.5 to 1000
    float hardness = 0.8f;      ///< 0 = falloff from the centre, 1 = hard (anti-aliased) edge
    float aspectRatio = 1.0f;   ///< minor / major axis, (0, 1]
    float angleDegrees = 0.0f;  ///< major axis along (cos a, sin a) in canvas coordinates (y down)
};

}  // namespace signe::brushes
