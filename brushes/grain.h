// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace signe::brushes {

/// Paper or canvas grain: a seamlessly tiling height field (0 = the bottom of a valley, 1 = the
/// top of the tooth) that thins a dab's coverage the way textured paper breaks up dry media.
///
///     auto grain = Grain::load(grainPathFor(presetFile, "paper.png"));   // once
///     if (!grain) return tl::unexpected(grain.error());
///     for (int y = 0; y < mask.h; ++y)                                    // per dab mask row
///         grain->modulateRow(row(y), mask.w, mask.x, mask.y + y, scale, strength, pressure);
///
/// Immutable after creation, so one grain may serve several threads. Texels are floats, with the
/// first column and row repeated after the last so that sampling needs no wrap test: 4 bytes a
/// texel, 64 MB for the largest (4096 x 4096).
///
/// Coordinates: canvas pixel (X, Y) covers [X, X + 1) x [Y, Y + 1); texel (i, j) is centred at
/// texture position (i + 0.5, j + 0.5). At `scale` s, canvas position (x, y) reads texture
/// position (x / s, y / s), wrapping: s = 1 puts one texel on each canvas pixel (pixel centres on
/// texel centres, so pixel (X, Y) reads texel (X mod W, Y mod H) exactly), s = 2 draws the
/// texture twice as large. Scales are clamped to [kMinScale, kMaxScale]; below 1 texels are
/// skipped, not averaged, so a grain finer than its texels is better made as a finer texture.
///
/// The response (modulateRow, response()): with h the grain height under the pixel centre, p the
/// pressure clamped to 0..1 and strength clamped to 0..1,
///
///     lo     = 1 - 1.25 p                          (the valley floor that pigment reaches)
///     x      = clamp((h - lo) / 0.25, 0, 1)
///     factor = x^2 (3 - 2 x)                       (smoothstep from lo to lo + 0.25)
///     coverage *= 1 - strength (1 - factor)
///
/// At light pressure only the peaks (h above about 1 - 1.25 p) take pigment; the band where
/// pigment rises rolls down into the valleys as pressure grows; at p = 1 every h >= 0 has factor
/// exactly 1 (coverage unchanged), at p = 0 every h <= 1 has factor 0. For a texture with a flat
/// histogram (all shipped ones) the fraction of paper that takes pigment is then close to
/// 1.25 p - 0.125, rounded off smoothly into 0 and 1: coverage follows pressure almost linearly.
/// Strength 0 (or NaN) returns at once, leaving coverage bit-identical.
class Grain {
public:
    static constexpr int kMaxSide = 4096;
    static constexpr float kMinScale = 0.25f;
    static constexpr float kMaxScale = 64.0f;

    /// A grain from `width` x `height` heights, row-major, each 0..1. Fails (naming the problem)
    /// on a side below 1 or above kMaxSide, a value count that does not match, or a value that is
    /// NaN, infinite or outside 0..1.
    static core::Result<Grain> fromHeights(int width, int height, std::vector<float> heights);

    /// Reads a grain from an image file (PNG, TIFF, ... 8 or 16 bits, grey or RGB: Rec. 709
    /// luminance of the stored values). Heights are used as stored; a texture with a flat
    /// histogram (ImageMagick `-equalize`) maps pressure to coverage like the shipped ones.
    /// Fails with a message naming the file when it is missing, unreadable, larger than
    /// kMaxSide a side, or has an alpha channel (a grain is read from grey levels, and an image
    /// with alpha would be read as its alpha).
    static core::Result<Grain> load(const std::filesystem::path& file);

    /// Cold-pressed watercolour paper: rounded lumps of irregular size, about 6 texels across,
    /// over fine multi-octave noise, equalised to a flat histogram. `size` x `size` texels,
    /// 16..4096; the same (size, seed) gives the same texels on every run.
    static core::Result<Grain> paper(int size, std::uint32_t seed);

    /// Plain-weave linen canvas: warp and weft threads about 8 texels apart (an even number of
    /// each across the tile, so it wraps), alternately over and under, each wandering and
    /// thickening a little along its length, with fibre noise; equalised. Sizes as paper().
    static core::Result<Grain> canvas(int size, std::uint32_t seed);

    /// Laid paper for charcoal and pastel (Ingres-like): fine horizontal laid lines about 5
    /// texels apart, faint vertical chain lines about 128 texels apart, and a fine tooth;
    /// equalised. Sizes as paper().
    static core::Result<Grain> laid(int size, std::uint32_t seed);

    int width() const { return m_width; }
    int height() const { return m_height; }

    /// The height of texel (i, j), wrapping: any integers are valid.
    float texel(int i, int j) const;

    /// The height at canvas position (x, y) for `scale` (see the class comment), bilinear
    /// between texel centres, wrapping.
    float at(double x, double y, float scale) const;

    /// The factor that modulateRow() multiplies coverage by at strength 1, for height `h` and
    /// `pressure` (see the class comment). Bit-identical to what modulateRow() uses.
    static float response(float h, float pressure);

    /// Multiplies coverage[0 .. count) in place by the grain response, where coverage[i] is
    /// canvas pixel (canvasX + i, canvasY), sampled at its centre; canvas coordinates within
    /// +-2^24. Each pixel's result depends only on its own position and the arguments, not on
    /// where the row starts, and is the same on every run and processor. strength <= 0 or NaN:
    /// returns at once. `pressure` is how hard the medium presses into the tooth: a mouse's
    /// constant 1 fills it completely, so feed it from a dab setting rather than the raw input
    /// when a preset should show grain under a mouse. Costs about 13 ns a call plus 0.2 ns a
    /// pixel at scale 1, 1 ns at other scales (docs/grain.md).
    void modulateRow(float* coverage, int count, int canvasX, int canvasY, float scale,
                     float strength, float pressure) const;

private:
    Grain() = default;

    int m_width = 0, m_height = 0;
    float m_invWidth = 0, m_invHeight = 0;
    std::vector<float> m_texels;  ///< (m_width + 1) x (m_height + 1): last row and column wrap
};

/// Paper or canvas grain a preset paints on (docs/brush-engine.md, "Grain"). strength 0: none.
struct GrainSettings {
    std::string texture = "paper";  ///< a shipped grain: "paper", "canvas" or "laid-paper"
    float scale = 1.0f;             ///< texture px per canvas px, 0.25..64
    float strength = 0.0f;          ///< 0..1
    float depth = 0.8f;  ///< how hard the medium presses into the tooth at full pressure, 0..1

    friend bool operator==(const GrainSettings&, const GrainSettings&) = default;
};

/// How a shipped texture in resources/grains/ was made: `make(size, seed)` written as an
/// 8-bit grey PNG. The tests regenerate each one and compare.
struct ShippedGrain {
    const char* file;
    core::Result<Grain> (*make)(int size, std::uint32_t seed);
    int size;
    std::uint32_t seed;
};
std::span<const ShippedGrain> shippedGrains();

/// The shipped grain named `name` (its file name without ".png": "paper", "canvas",
/// "laid-paper"), made by its generator on first use and kept for the process; nullptr for
/// another name. Thread-safe. Brushes use these, so painting needs no file.
const Grain* shippedGrain(std::string_view name);

/// Where a preset's grain file lives: resources/grains beside the preset's own folder
/// (resources/presets/x.json -> resources/grains/NAME), else the preset's folder itself.
std::filesystem::path grainPathFor(const std::filesystem::path& presetFile,
                                   const std::string& grain);

}  // namespace signe::brushes
