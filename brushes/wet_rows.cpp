// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/wet_rows.h"

#include <algorithm>

#include "core/simd_clones.h"

namespace signe::brushes {

const core::WetStamp* stampsOf(const core::WetTile* tile, int y, int x, int n,
                               core::WetStamp* scratch)
{
    if (tile && !tile->isUniform()) return tile->pixels() + y * core::kTileSize + x;
    std::fill_n(scratch, n, tile ? tile->uniformValue() : core::kDry);
    return scratch;
}

void wetnessRow(const core::WetStamp* stamps, const core::WetnessScale& wet, float* w, int n)
{
    for (int i = 0; i < n; ++i) w[i] = wet.wetness(stamps[i]);
}

SIGNE_HOT_CLONES
void composeOverDryRow(float* __restrict pr, float* __restrict pg, float* __restrict pb,
                       float* __restrict pa, const float* __restrict dr, const float* __restrict dg,
                       const float* __restrict db, const float* __restrict dry, int n)
{
    for (int i = 0; i < n; ++i) {
        const float shows = dry[i] * (1.0f - std::clamp(pa[i], 0.0f, 1.0f));
        pr[i] += dr[i] * shows;
        pg[i] += dg[i] * shows;
        pb[i] += db[i] * shows;
        pa[i] += shows;
    }
}

void stampRow(const float* alpha, const float* wetAlpha, const core::WetStamp* before,
              const core::WetnessScale& wet, core::WetStamp* out, int n)
{
    for (int i = 0; i < n; ++i) {
        const float a = alpha[i];
        core::WetStamp s = before[i];
        if (a > 0.0f) s = std::max(s, wet.stampFor(std::clamp(wetAlpha[i] / a, 0.0f, 1.0f)));
        out[i] = s;
    }
}

}  // namespace signe::brushes
