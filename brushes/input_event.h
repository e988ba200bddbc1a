// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace signe::brushes {

/// One sample of the pointer, in canvas coordinates, from a tablet, a mouse or a CSV file.
struct InputEvent {
    double t = 0;          ///< seconds since an arbitrary start
    double x = 0;          ///< canvas pixels
    double y = 0;
    float pressure = 1.0f;  ///< 0..1 (a mouse gives a constant)
    float xtilt = 0.0f;     ///< -1..1
    float ytilt = 0.0f;     ///< -1..1
    float rotation = 0.0f;  ///< barrel rotation, degrees
};

}  // namespace signe::brushes
