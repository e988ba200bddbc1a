// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "brushes/dab_mask.h"
#include "brushes/dab_shape.h"
#include "core/result.h"

namespace signe::brushes {

/// A bitmap brush tip: a greyscale stamp (coverage 0..1, e.g. read from a PNG in resources/)
/// that rasterize() scales, squashes and rotates into a DabMask, like rasterizeDab() does with
/// an ellipse.
///
///     auto tip = BrushTip::fromCoverage(w, h, std::move(values));   // once, when loading
///     if (!tip) return tl::unexpected(tip.error());
///     tip->rasterize(shape, x, y, mask);                             // per dab
///
/// Immutable after creation, so one tip may serve several threads. It keeps box-filtered copies
/// at every power-of-two reduction in x and in y (a ripmap): in all about 14 MB for a 1024x1024
/// tip, 200 MB (and 0.15 s to build) for the largest, 4096x4096.
class BrushTip {
public:
    /// A tip from `width` x `height` coverage values, row-major, each 0..1. Fails (naming the
    /// problem) on a side below 1 or above 4096, a value count that does not match, or a value
    /// that is NaN, infinite or outside 0..1.
    static core::Result<BrushTip> fromCoverage(int width, int height, std::vector<float> coverage);

    int width() const { return m_width; }
    int height() const { return m_height; }
    /// The tip's own value at texel (x, y); 0 outside.
    float coverageAt(int x, int y) const;
    /// The mean of all texels: a mask's integral is about this times the stamped area.
    double meanCoverage() const { return m_mean; }

    /// Stamps the tip centred at canvas (cx, cy) into `out`, reusing its storage. The larger
    /// side of the tip spans 2 * radius canvas pixels; the tip's y axis is then multiplied by
    /// aspectRatio and the tip's x axis laid along (cos angle, sin angle), so the tip is
    /// squashed across the dab's major axis the way an elliptical dab is. Sampling is bilinear,
    /// from the prefiltered copy that matches the reduction once the tip is drawn more than
    /// about 1.4 times smaller than its texels, so a large tip stamped small does not alias.
    /// `shape.hardness` is ignored: a bitmap tip carries its own edge, and softening it would
    /// second-guess the image. The mask is the tip's coverage only; opacity and flow are the
    /// paint model's.
    void rasterize(const DabShape& shape, double cx, double cy, DabMask& out) const;

private:
    /// One reduced copy, with a one-texel border of zeros so sampling needs no bounds checks.
    /// Level (kx, ky) has texels 2^kx by 2^ky base texels large.
    struct Level {
        int width = 0, height = 0;  ///< texels, without the border
        std::vector<float> texels;  ///< (width + 2) x (height + 2), row-major
        int stride() const { return width + 2; }
    };

    BrushTip() = default;
    const Level& level(int kx, int ky) const { return m_levels[std::size_t(ky * m_levelsX + kx)]; }

    int m_width = 0, m_height = 0;
    int m_levelsX = 0, m_levelsY = 0;  ///< reductions 2^0 .. 2^(levels - 1) in each direction
    std::vector<Level> m_levels;       ///< level (kx, ky) at ky * m_levelsX + kx
    std::vector<double> m_centreU;     ///< base-texel x of texel 0's centre in levels kx
    std::vector<double> m_centreV;     ///< base-texel y of texel 0's centre in levels ky
    double m_mean = 0;
};

/// Loads a tip from an image file (its alpha, or its luminance; see core::readCoverageImage).
core::Result<BrushTip> loadBrushTip(const std::filesystem::path& path);

/// Where a preset's tip file lives: resources/tips beside the preset's own folder
/// (resources/presets/x.json -> resources/tips/NAME), else the preset's folder itself.
std::filesystem::path tipPathFor(const std::filesystem::path& presetFile, const std::string& tip);

}  // namespace signe::brushes
