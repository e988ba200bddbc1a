// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/brush_tip.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/io/image_io.h"
#include "core/simd_clones.h"

// Compiled with -ffp-contract=off, like every file using SIGNE_HOT_CLONES, so that every clone
// of the sampling loop rounds alike.

namespace signe::brushes {

namespace {

constexpr int kMaxSide = 4096;

/// Exact max(x, 0) without a comparison, so GCC keeps the sampling loop branch-free
/// (see dab_mask.cpp).
inline float relu(float x)
{
    return 0.5f * (x + std::fabs(x));
}

/// The ripmap level for a footprint of `texels` base texels per canvas pixel. Rounding log2 to
/// the nearest keeps the sampled level's texel between 0.7 and 1.4 canvas pixels: close to the
/// pixel grid, so bilinear sampling neither aliases (texels much smaller than pixels) nor blurs
/// (much larger). A tip drawn up to about 1.4 times smaller than its texels is used as it is.
int levelFor(double texels, int levels)
{
    if (!(texels > 1.0)) return 0;
    return std::clamp(int(std::floor(std::log2(texels) + 0.5)), 0, levels - 1);
}

int levelsFor(int side)
{
    int n = 1;
    while ((1 << (n - 1)) < side) ++n;  // down to one texel
    return n;
}

// Hot loop: bilinear samples along one canvas row. (su, sv) is the sample position in the
// level's bordered texel grid (texel centres at integers); clamping into the grid lands every
// sample outside the tip on the zero border, so there is no bounds test.
SIGNE_HOT_CLONES
void bilinearRow(float* __restrict out, int n, const float* __restrict texels, int stride,
                 float maxU, float maxV, float su0, float dsu, float sv0, float dsv)
{
    for (int i = 0; i < n; ++i) {
        const float u = maxU - relu(maxU - relu(su0 + float(i) * dsu));
        const float v = maxV - relu(maxV - relu(sv0 + float(i) * dsv));
        const int iu = int(u), iv = int(v);  // u, v >= 0: truncation is floor
        const float fu = u - float(iu), fv = v - float(iv);
        const int k = iv * stride + iu;  // an index rather than a pointer: GCC then gathers
        const float t0 = texels[k], t1 = texels[k + 1];
        const float b0 = texels[k + stride], b1 = texels[k + stride + 1];
        const float top = t0 + (t1 - t0) * fu;
        const float bottom = b0 + (b1 - b0) * fu;
        out[i] = top + (bottom - top) * fv;
    }
}

}  // namespace

core::Result<BrushTip> BrushTip::fromCoverage(int width, int height, std::vector<float> coverage)
{
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width < 1 || height < 1)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "brush tip size " + size + " is empty: each side needs at least 1 pixel");
    if (width > kMaxSide || height > kMaxSide)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "brush tip size " + size + " is too large: at most " +
                              std::to_string(kMaxSide) + " pixels a side");
    const std::size_t expected = std::size_t(width) * std::size_t(height);
    if (coverage.size() != expected)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "brush tip of " + size + " needs " + std::to_string(expected) +
                              " coverage values, got " + std::to_string(coverage.size()));
    double total = 0;
    for (std::size_t i = 0; i < expected; ++i) {
        const float c = coverage[i];
        if (!(c >= 0.0f && c <= 1.0f)) {  // also NaN
            const std::string at = "brush tip pixel (" + std::to_string(i % std::size_t(width)) +
                                   ", " + std::to_string(i / std::size_t(width)) + ")";
            return core::fail(core::ErrorCode::InvalidArgument,
                              std::isnan(c)
                                  ? at + " is not a number"
                                  : at + " has coverage " + std::to_string(c) + ", outside 0..1");
        }
        total += c;
    }

    BrushTip tip;
    tip.m_width = width;
    tip.m_height = height;
    tip.m_mean = total / double(expected);
    // Levels go on past one texel: a tip stamped smaller than a pixel is still drawn from
    // texels about a pixel wide (a wider, fainter blur of the whole tip), so it never falls
    // between pixel centres. The radius is at least 0.5 and the aspect ratio at least 1e-3.
    tip.m_levelsX = levelsFor(std::max(width, height)) + 2;
    tip.m_levelsY = levelsFor(std::max(width, height)) + 12;
    tip.m_levels.resize(std::size_t(tip.m_levelsX) * std::size_t(tip.m_levelsY));
    tip.m_centreU.resize(std::size_t(tip.m_levelsX));
    tip.m_centreV.resize(std::size_t(tip.m_levelsY));
    tip.m_centreU[0] = tip.m_centreV[0] = 0.5;

    Level& base = tip.m_levels[0];
    base.width = width;
    base.height = height;
    base.texels.assign(std::size_t(width + 2) * std::size_t(height + 2), 0.0f);
    for (int y = 0; y < height; ++y)
        std::copy_n(coverage.data() + std::size_t(y) * std::size_t(width), width,
                    base.texels.data() + std::size_t(y + 1) * std::size_t(width + 2) + 1);

    // Each level halves a neighbour in one direction, staying centred on the tip so that a
    // small stamp does not drift: an even count pairs texels (a box filter); an odd count
    // centres the new texels on every other old one and weights (1, 2, 1) / 4, the ends
    // reading the zero border. Both keep the total (texel values times texel area).
    for (int ky = 0; ky < tip.m_levelsY; ++ky)
        for (int kx = 0; kx < tip.m_levelsX; ++kx) {
            if (kx == 0 && ky == 0) continue;
            const bool alongX = kx > 0;
            const Level& src = alongX ? tip.level(kx - 1, ky) : tip.level(kx, ky - 1);
            Level& dst = tip.m_levels[std::size_t(ky * tip.m_levelsX + kx)];
            const int srcCount = alongX ? src.width : src.height;
            const bool odd = srcCount % 2 != 0;
            const int count = (srcCount + 1) / 2;
            if (alongX && ky == 0)
                tip.m_centreU[std::size_t(kx)] =
                    tip.m_centreU[std::size_t(kx - 1)] + (odd ? 0.0 : double(1 << (kx - 1)) / 2);
            if (!alongX)
                tip.m_centreV[std::size_t(ky)] =
                    tip.m_centreV[std::size_t(ky - 1)] + (odd ? 0.0 : double(1 << (ky - 1)) / 2);
            dst.width = alongX ? count : src.width;
            dst.height = alongX ? src.height : count;
            dst.texels.assign(std::size_t(dst.stride()) * std::size_t(dst.height + 2), 0.0f);
            // Along x the neighbours of source texel t are t -/+ 1; along y, -/+ one row.
            const std::ptrdiff_t step = alongX ? 1 : src.stride();
            for (int y = 0; y < dst.height; ++y) {
                float* d = dst.texels.data() + std::size_t(y + 1) * std::size_t(dst.stride()) + 1;
                for (int x = 0; x < dst.width; ++x) {
                    const int sx = alongX ? 2 * x : x, sy = alongX ? y : 2 * y;
                    const float* t = src.texels.data() +
                                     std::size_t(sy + 1) * std::size_t(src.stride()) + 1 + sx;
                    d[x] =
                        odd ? 0.25f * (t[-step] + 2.0f * t[0] + t[step]) : 0.5f * (t[0] + t[step]);
                }
            }
        }
    return tip;
}

float BrushTip::coverageAt(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_height) return 0.0f;
    return m_levels[0].texels[std::size_t(y + 1) * std::size_t(m_width + 2) + std::size_t(x + 1)];
}

void BrushTip::rasterize(const DabShape& shape, double cx, double cy, DabMask& out) const
{
    // The same ranges rasterizeDab() clamps to.
    double radius = shape.radius;
    if (!(radius >= 0.5)) radius = 0.5;
    radius = std::min(radius, 1000.0);
    double aspect = std::isnan(shape.aspectRatio) ? 1.0 : double(shape.aspectRatio);
    aspect = std::clamp(aspect, 1e-3, 1.0);
    double angle =
        std::isfinite(shape.angleDegrees) ? std::fmod(double(shape.angleDegrees), 360.0) : 0.0;
    if (angle < 0) angle += 360.0;
    // Right angles get exact cosines, so a quarter turn moves texels exactly.
    double c = std::cos(angle * std::numbers::pi / 180.0);
    double s = std::sin(angle * std::numbers::pi / 180.0);
    if (angle == 0.0 || angle == 180.0) s = 0, c = angle == 0.0 ? 1 : -1;
    if (angle == 90.0 || angle == 270.0) c = 0, s = angle == 90.0 ? 1 : -1;

    // Canvas pixels per base texel, along the tip's x (the major axis) and y.
    const double scaleU = 2.0 * radius / std::max(m_width, m_height);
    const double scaleV = scaleU * aspect;
    const int kx = levelFor(1.0 / scaleU, m_levelsX);
    const int ky = levelFor(1.0 / scaleV, m_levelsY);
    const Level& lv = level(kx, ky);
    const double texU = double(1 << kx), texV = double(1 << ky);  // base texels per level texel

    // Where samples can be non-zero, in base texels: from the zero border's centre before the
    // first texel to the one after the last (texel i of the level is centred at centre + i tex).
    const double cU = m_centreU[std::size_t(kx)], cV = m_centreV[std::size_t(ky)];
    const double uLo = cU - texU, uHi = cU + lv.width * texU;
    const double vLo = cV - texV, vHi = cV + lv.height * texV;
    const double halfW = 0.5 * m_width, halfH = 0.5 * m_height;
    double minX = INFINITY, maxX = -INFINITY, minY = INFINITY, maxY = -INFINITY;
    for (double u : {uLo, uHi})
        for (double v : {vLo, vHi}) {
            const double a = (u - halfW) * scaleU, b = (v - halfH) * scaleV;
            const double x = cx + a * c - b * s, y = cy + a * s + b * c;
            minX = std::min(minX, x), maxX = std::max(maxX, x);
            minY = std::min(minY, y), maxY = std::max(maxY, y);
        }
    // Pixels whose centre lies strictly inside the support.
    core::Rect box;
    box.x = int(std::floor(minX - 0.5)) + 1;
    box.y = int(std::floor(minY - 0.5)) + 1;
    box.w = std::max(1, int(std::ceil(maxX - 0.5)) - box.x);
    box.h = std::max(1, int(std::ceil(maxY - 0.5)) - box.y);
    out.box = box;
    out.coverage.assign(std::size_t(box.w) * std::size_t(box.h), 0.0f);

    // Canvas offset (X, Y) from the centre -> base texel position u = (X c + Y s) / scaleU +
    // halfW, v = (-X s + Y c) / scaleV + halfH -> position in the level's bordered grid, where
    // texel centres are integers: su = (u - cU) / texU + 1, likewise sv.
    const double dsu = c / scaleU / texU, dsv = -s / scaleV / texV;
    const double suY = s / scaleU / texU, svY = c / scaleV / texV;
    const double su00 = (halfW - m_centreU[std::size_t(kx)]) / texU + 1;
    const double sv00 = (halfH - m_centreV[std::size_t(ky)]) / texV + 1;
    const double suMax = lv.width + 1.0, svMax = lv.height + 1.0;  // the far border's centre
    const float maxU = float(suMax) - 1.0f / 1024, maxV = float(svMax) - 1.0f / 1024;
    const double X0 = box.x + 0.5 - cx;
    for (int j = 0; j < box.h; ++j) {
        const double Y = box.y + j + 0.5 - cy;
        const double su0 = su00 + X0 * dsu + Y * suY;
        const double sv0 = sv00 + X0 * dsv + Y * svY;
        // Columns where both coordinates are strictly inside (0, max): the rest stays 0.
        double lo = 0, hi = box.w - 1;
        auto limit = [&](double start, double step, double top) {
            if (step == 0) {
                if (!(start > 0 && start < top)) lo = 1, hi = 0;
                return;
            }
            double a = (0 - start) / step, b = (top - start) / step;
            if (a > b) std::swap(a, b);
            lo = std::max(lo, std::floor(a) + 1), hi = std::min(hi, std::ceil(b) - 1);
        };
        limit(su0, dsu, suMax);
        limit(sv0, dsv, svMax);
        if (lo > hi) continue;
        const int i0 = int(lo), n = int(hi) - i0 + 1;
        float* row = out.coverage.data() + std::size_t(j) * std::size_t(box.w);
        bilinearRow(row + i0, n, lv.texels.data(), lv.stride(), maxU, maxV, float(su0 + i0 * dsu),
                    float(dsu), float(sv0 + i0 * dsv), float(dsv));
    }
}

core::Result<BrushTip> loadBrushTip(const std::filesystem::path& path)
{
    auto image = core::readCoverageImage(path, 4096);
    if (!image) return tl::unexpected(image.error());
    auto tip = BrushTip::fromCoverage(image->width, image->height, std::move(image->values));
    if (!tip) return core::fail(tip.error().code, path.string() + ": " + tip.error().message);
    return tip;
}

std::filesystem::path tipPathFor(const std::filesystem::path& presetFile, const std::string& tip)
{
    const std::filesystem::path folder = presetFile.parent_path();
    const std::filesystem::path beside = folder.parent_path() / "tips" / tip;
    std::error_code ec;
    return std::filesystem::exists(beside, ec) ? beside : folder / tip;
}

}  // namespace signe::brushes
