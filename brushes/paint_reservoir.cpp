// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/paint_reservoir.h"

#include <algorithm>
#include <cmath>

namespace signe::brushes {

void PaintReservoir::mixIn(const Paint& other, float ratio, float alphaRatio)
{
    if (!(ratio > 0.0f)) return;
    const float share = core::paintShare(ratio, m_paint.alpha, other.alpha);
    if (share >= 1.0f) {
        m_paint.rgb = other.rgb;  // exactly, not through the spectra
    } else if (share > 0.0f) {
        std::array<float, 3> mixed;
        core::mixLinearRgbRow(m_model, m_paint.rgb, other.rgb, {&share, 1}, mixed);
        m_paint.rgb = mixed;
    }
    m_paint.alpha += (other.alpha - m_paint.alpha) * std::min(alphaRatio, 1.0f);
}

Paint PaintReservoir::dab(const Paint& under, const std::array<float, 3>& fresh,
                          const PickupStep& step)
{
    const float charge = std::clamp(step.charge, 0.0f, 1.0f);
    const float travel = std::max(step.travel, 0.0f);
    if (!m_started) {
        m_paint = {fresh, charge};  // loaded with fresh paint, as much as there is
        m_started = true;
    }
    // Pick-up, per diameter of travel, so that spacing does not change how far a colour drags.
    // A brush still loaded with fresh paint stays full of paint whatever it crosses; as it runs
    // dry it takes on the canvas's thinness too, so a blender's smear fades over bare canvas.
    const float pickup = std::clamp(step.pickup, 0.0f, 1.0f);
    const float taken = 1.0f - std::pow(1.0f - pickup, travel);
    mixIn(under, taken, taken * (1.0f - charge));
    // Fresh paint replaces picked-up paint over the smudge length (at once when it is 0), as
    // far as the brush still has some.
    const float refill =
        step.smudgeLength > 0.0f ? -std::expm1(-travel / step.smudgeLength) : 1.0f;
    mixIn(Paint{fresh, 1.0f}, charge * refill, charge * refill);
    return m_paint;
}

}  // namespace signe::brushes
