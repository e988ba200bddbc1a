// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstdint>

namespace signe::core {

/// An axis-aligned rectangle of pixels: [x, x + w) x [y, y + h). Empty when w or h <= 0.
struct Rect {
    int x = 0, y = 0, w = 0, h = 0;

    bool isEmpty() const { return w <= 0 || h <= 0; }
    int right() const { return x + w; }   ///< one past the last column
    int bottom() const { return y + h; }  ///< one past the last row

    Rect intersected(const Rect& o) const
    {
        const int l = std::max(x, o.x), t = std::max(y, o.y);
        const int r = std::min(right(), o.right()), b = std::min(bottom(), o.bottom());
        return r > l && b > t ? Rect{l, t, r - l, b - t} : Rect{};
    }
    Rect united(const Rect& o) const
    {
        if (isEmpty()) return o;
        if (o.isEmpty()) return *this;
        const int l = std::min(x, o.x), t = std::min(y, o.y);
        return {l, t, std::max(right(), o.right()) - l, std::max(bottom(), o.bottom()) - t};
    }
    Rect translated(int dx, int dy) const { return {x + dx, y + dy, w, h}; }
    /// Grown by `d` pixels on every side; an empty rectangle stays empty.
    Rect inflated(int d) const
    {
        return isEmpty() ? Rect{} : Rect{x - d, y - d, w + 2 * d, h + 2 * d};
    }
    bool contains(int px, int py) const { return px >= x && px < right() && py >= y && py < bottom(); }
    friend bool operator==(const Rect&, const Rect&) = default;
};

/// Floor division, so that pixel -1 lies in tile -1 rather than tile 0.
inline int floorDiv(int a, int b)
{
    const int q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace signe::core
