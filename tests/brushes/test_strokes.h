// SPDX-License-Identifier: GPL-3.0-or-later
// Strokes the brush tests paint.
#pragma once

#include <vector>

#include "brushes/input_event.h"

namespace signe::test {

/// A straight stroke of n + 1 evenly spaced events at full pressure, taking `seconds`.
inline std::vector<brushes::InputEvent> line(double x0, double y0, double x1, double y1,
                                             int n = 20, double seconds = 0.2)
{
    std::vector<brushes::InputEvent> ev;
    for (int i = 0; i <= n; ++i) {
        const double u = double(i) / n;
        ev.push_back({u * seconds, x0 + (x1 - x0) * u, y0 + (y1 - y0) * u, 1.0f});
    }
    return ev;
}

}  // namespace signe::test
