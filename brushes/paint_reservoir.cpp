// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/paint_reservoir.h"

#include <algorithm>
#include <cmath>

namespace signe::brushes {

namespace {

/// One reservoir's share of a batched mix: its paint takes `other`'s colour at `ratio` (a share
/// of paint, weighted by the two alphas) and its alpha at `alphaRatio`.
struct PendingMix {
    Paint* paint;
    Paint other;
    float ratio, alphaRatio;
};

/// Every pending mix at once, the colour mixes in one row call so that they vectorise; each
/// pixel's arithmetic is the same as alone, so results do not depend on the batch.
void mixAll(std::span<const PendingMix> mixes, core::MixModel model)
{
    thread_local std::vector<float> a, b, ratio, out;
    thread_local std::vector<Paint*> mixed;
    a.clear(), b.clear(), ratio.clear(), mixed.clear();
    for (const PendingMix& m : mixes) {
        if (!(m.ratio > 0.0f)) continue;
        const float share = core::paintShare(m.ratio, m.paint->alpha, m.other.alpha);
        if (share >= 1.0f) {
            m.paint->rgb = m.other.rgb;  // exactly, not through the spectra
        } else if (share > 0.0f) {
            a.insert(a.end(), m.paint->rgb.begin(), m.paint->rgb.end());
            b.insert(b.end(), m.other.rgb.begin(), m.other.rgb.end());
            ratio.push_back(share);
            mixed.push_back(m.paint);
        }
    }
    if (!mixed.empty()) {
        out.resize(a.size());
        core::mixLinearRgbRow(model, a, b, ratio, out);
        for (std::size_t i = 0; i < mixed.size(); ++i)
            std::copy_n(out.begin() + std::ptrdiff_t(3 * i), 3, mixed[i]->rgb.begin());
    }
    for (const PendingMix& m : mixes) {
        if (!(m.ratio > 0.0f)) continue;
        m.paint->alpha += (m.other.alpha - m.paint->alpha) * std::min(m.alphaRatio, 1.0f);
        // Thickness is an amount of paint: it mixes by the plain ratio.
        m.paint->thickness += (m.other.thickness - m.paint->thickness) * std::min(m.ratio, 1.0f);
    }
}

}  // namespace

Paint PaintReservoir::dab(const Paint& under, const std::array<float, 3>& fresh,
                          const PickupStep& step)
{
    PaintReservoir* self = this;
    Paint laid;
    dabAll({&self, 1}, {&under, 1}, fresh, {&step, 1}, {&laid, 1});
    return laid;
}

void PaintReservoir::dabAll(std::span<PaintReservoir* const> reservoirs,
                            std::span<const Paint> under, const std::array<float, 3>& fresh,
                            std::span<const PickupStep> steps, std::span<Paint> laid)
{
    const std::size_t n = reservoirs.size();
    if (n == 0) return;
    const core::MixModel model = reservoirs[0]->m_model;
    thread_local std::vector<PendingMix> mixes;
    // Pick-up, per diameter of travel, so that spacing does not change how far a colour drags.
    // A brush still loaded with fresh paint stays full of paint whatever it crosses; as it runs
    // dry it takes on the canvas's thinness too, so a blender's smear fades over bare canvas.
    mixes.clear();
    for (std::size_t i = 0; i < n; ++i) {
        PaintReservoir& r = *reservoirs[i];
        const PickupStep& step = steps[i];
        const float charge = std::clamp(step.charge, 0.0f, 1.0f);
        if (!r.m_started) {
            r.m_paint = {fresh, charge, step.freshThickness};  // loaded with what fresh paint it has
            r.m_started = true;
        }
        const float pickup = std::clamp(step.pickup, 0.0f, 1.0f);
        const float taken = 1.0f - std::pow(1.0f - pickup, std::max(step.travel, 0.0f));
        mixes.push_back({&r.m_paint, under[i], taken, taken * (1.0f - charge)});
    }
    mixAll(mixes, model);
    // Fresh paint replaces picked-up paint over the smudge length (at once when it is 0), as
    // far as the brush still has some.
    mixes.clear();
    for (std::size_t i = 0; i < n; ++i) {
        const PickupStep& step = steps[i];
        const float charge = std::clamp(step.charge, 0.0f, 1.0f);
        const float travel = std::max(step.travel, 0.0f);
        const float refill =
            step.smudgeLength > 0.0f ? -std::expm1(-travel / step.smudgeLength) : 1.0f;
        mixes.push_back({&reservoirs[i]->m_paint, Paint{fresh, 1.0f, step.freshThickness},
                         charge * refill, charge * refill});
    }
    mixAll(mixes, model);
    for (std::size_t i = 0; i < n; ++i) laid[i] = reservoirs[i]->m_paint;
}

}  // namespace signe::brushes
