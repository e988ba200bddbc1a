// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/blend_mode.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>

#include "core/simd_clones.h"

namespace signe::core {

namespace {

// Indexed by the enum value; the order must follow the BlendMode declaration.
constexpr std::array<std::string_view, kBlendModeCount> kModeNames = {
    "svg:src-over",   "svg:multiply",    "svg:screen",     "svg:overlay",    "svg:darken",
    "svg:lighten",    "svg:color-dodge", "svg:color-burn", "svg:hard-light", "svg:soft-light",
    "svg:difference", "svg:exclusion",   "svg:hue",        "svg:saturation", "svg:color",
    "svg:luminosity", "svg:plus",        "svg:dst-in",     "svg:dst-out",    "svg:src-atop",
    "svg:dst-atop",
};
static_assert(static_cast<int>(BlendMode::DstAtop) + 1 == kBlendModeCount);

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        // ASCII folding only: the names are ASCII, and locale-dependent tolower() would let a
        // user's locale change which files load.
        auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
        if (fold(a[i]) != fold(b[i])) return false;
    }
    return true;
}

// NaN compares false both ways, so it lands on 0 rather than leaking into the canvas.
float clamp01(float v)
{
    return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
}

struct Rgb {
    float r, g, b;
};

// --- Separable blend functions B(Cb, Cs), W3C Compositing Level 1, section 5.8 ---------------

float multiply(float cb, float cs)
{
    return cb * cs;
}
float screen(float cb, float cs)
{
    return cb + cs - cb * cs;
}

float hardLight(float cb, float cs)
{
    return cs <= 0.5f ? multiply(cb, 2.0f * cs) : screen(cb, 2.0f * cs - 1.0f);
}

// Dodge, burn and soft light are written without branches so that the row loops below
// vectorise: each case is computed (the division on a safe operand where its own case would
// divide by zero) and a select keeps the one the spec's branch picks. Same values as the
// branches, to the bit.

float colorDodge(float cb, float cs)
{
    // Spec: 0 if cb == 0; 1 if cs >= 1; else min(1, cb / (1 - cs)).
    const float q = std::min(1.0f, cb / (cs >= 1.0f ? 1.0f : 1.0f - cs));
    return cb == 0.0f ? 0.0f : (cs >= 1.0f ? 1.0f : q);
}

float colorBurn(float cb, float cs)
{
    // Spec: 1 if cb >= 1; 0 if cs == 0; else 1 - min(1, (1 - cb) / cs).
    const float q = 1.0f - std::min(1.0f, (1.0f - cb) / (cs == 0.0f ? 1.0f : cs));
    return cb >= 1.0f ? 1.0f : (cs == 0.0f ? 0.0f : q);
}

float softLight(float cb, float cs)
{
    const float darken = cb - (1.0f - 2.0f * cs) * cb * (1.0f - cb);
    const float d = cb <= 0.25f ? ((16.0f * cb - 12.0f) * cb + 4.0f) * cb : std::sqrt(cb);
    const float lighten = cb + (2.0f * cs - 1.0f) * (d - cb);
    return cs <= 0.5f ? darken : lighten;
}

float separable(BlendMode mode, float cb, float cs)
{
    switch (mode) {
        case BlendMode::Multiply:
            return multiply(cb, cs);
        case BlendMode::Screen:
            return screen(cb, cs);
        case BlendMode::Overlay:
            return hardLight(cs, cb);
        case BlendMode::Darken:
            return std::min(cb, cs);
        case BlendMode::Lighten:
            return std::max(cb, cs);
        case BlendMode::ColorDodge:
            return colorDodge(cb, cs);
        case BlendMode::ColorBurn:
            return colorBurn(cb, cs);
        case BlendMode::HardLight:
            return hardLight(cb, cs);
        case BlendMode::SoftLight:
            return softLight(cb, cs);
        case BlendMode::Difference:
            return std::fabs(cb - cs);
        case BlendMode::Exclusion:
            return cb + cs - 2.0f * cb * cs;
        default:
            return cs;  // Normal
    }
}

// --- Non-separable helpers, W3C Compositing Level 1, section 5.9 ------------------------------

float lum(Rgb c)
{
    return 0.3f * c.r + 0.59f * c.g + 0.11f * c.b;
}

Rgb clipColor(Rgb c)
{
    const float l = lum(c);
    const float n = std::min({c.r, c.g, c.b});
    const float x = std::max({c.r, c.g, c.b});
    if (n < 0.0f) {
        const float k = l / (l - n);
        c = {l + (c.r - l) * k, l + (c.g - l) * k, l + (c.b - l) * k};
    }
    if (x > 1.0f) {
        const float k = (1.0f - l) / (x - l);
        c = {l + (c.r - l) * k, l + (c.g - l) * k, l + (c.b - l) * k};
    }
    return c;
}

Rgb setLum(Rgb c, float l)
{
    const float d = l - lum(c);
    return clipColor({c.r + d, c.g + d, c.b + d});
}

float sat(Rgb c)
{
    return std::max({c.r, c.g, c.b}) - std::min({c.r, c.g, c.b});
}

Rgb setSat(Rgb c, float s)
{
    // The spec names the components Cmax, Cmid and Cmin; sorting pointers to them lets one
    // formula serve all six orderings. Ties need no care: equal components get equal results.
    float* p[3] = {&c.r, &c.g, &c.b};
    if (*p[0] > *p[1]) std::swap(p[0], p[1]);
    if (*p[1] > *p[2]) std::swap(p[1], p[2]);
    if (*p[0] > *p[1]) std::swap(p[0], p[1]);
    float& cmin = *p[0];
    float& cmid = *p[1];
    float& cmax = *p[2];
    if (cmax > cmin) {
        cmid = (cmid - cmin) * s / (cmax - cmin);
        cmax = s;
    } else {
        cmid = 0.0f;
        cmax = 0.0f;
    }
    cmin = 0.0f;
    return c;
}

Rgb nonSeparable(BlendMode mode, Rgb cb, Rgb cs)
{
    switch (mode) {
        case BlendMode::Hue:
            return setLum(setSat(cs, sat(cb)), lum(cb));
        case BlendMode::Saturation:
            return setLum(setSat(cb, sat(cs)), lum(cb));
        case BlendMode::Color:
            return setLum(cs, lum(cb));
        default:
            return setLum(cb, lum(cs));  // Luminosity
    }
}

bool isNonSeparable(BlendMode mode)
{
    return mode == BlendMode::Hue || mode == BlendMode::Saturation || mode == BlendMode::Color ||
           mode == BlendMode::Luminosity;
}

// Straight colour from a premultiplied channel. Clamped so a pixel whose colour exceeds its
// alpha (bad input) cannot push B outside the domain the spec's functions are defined on.
// Divides by 1 where the alpha is 0, so that it has no branch (see colorDodge).
float unpremultiply(float c, float a)
{
    const float q = c / (a > 0.0f ? a : 1.0f);
    return a > 0.0f ? clamp01(q) : 0.0f;
}

PixelF finish(PixelF p)
{
    p.a = clamp01(p.a);
    p.r = std::min(clamp01(p.r), p.a);
    p.g = std::min(clamp01(p.g), p.a);
    p.b = std::min(clamp01(p.b), p.a);
    return p;
}

PixelF blendScaled(BlendMode mode, PixelF s, PixelF d)
{
    switch (mode) {
        case BlendMode::Normal: {
            const float k = 1.0f - s.a;
            return finish({s.r + d.r * k, s.g + d.g * k, s.b + d.b * k, s.a + d.a * k});
        }
        case BlendMode::Plus:
            return finish({std::min(1.0f, s.r + d.r), std::min(1.0f, s.g + d.g),
                           std::min(1.0f, s.b + d.b), std::min(1.0f, s.a + d.a)});
        case BlendMode::DstIn:
            return finish({d.r * s.a, d.g * s.a, d.b * s.a, d.a * s.a});
        case BlendMode::DstOut: {
            const float k = 1.0f - s.a;
            return finish({d.r * k, d.g * k, d.b * k, d.a * k});
        }
        case BlendMode::SrcAtop: {
            const float k = 1.0f - s.a;
            return finish({s.r * d.a + d.r * k, s.g * d.a + d.g * k, s.b * d.a + d.b * k, d.a});
        }
        case BlendMode::DstAtop: {
            const float k = 1.0f - d.a;
            return finish({s.r * k + d.r * s.a, s.g * k + d.g * s.a, s.b * k + d.b * s.a, s.a});
        }
        default:
            break;
    }

    // W3C general formula: co = cs(1-ab) + cb(1-as) + as*ab*B(Cb, Cs).
    const Rgb cs = {unpremultiply(s.r, s.a), unpremultiply(s.g, s.a), unpremultiply(s.b, s.a)};
    const Rgb cb = {unpremultiply(d.r, d.a), unpremultiply(d.g, d.a), unpremultiply(d.b, d.a)};
    Rgb b;
    if (isNonSeparable(mode)) {
        b = nonSeparable(mode, cb, cs);
    } else {
        b = {separable(mode, cb.r, cs.r), separable(mode, cb.g, cs.g), separable(mode, cb.b, cs.b)};
    }
    const float ks = 1.0f - d.a;
    const float kd = 1.0f - s.a;
    const float both = s.a * d.a;
    return finish({s.r * ks + d.r * kd + both * b.r, s.g * ks + d.g * kd + both * b.g,
                   s.b * ks + d.b * kd + both * b.b, s.a + d.a * kd});
}

// Hot path of the compositor: one call per layer row. Kept branch-free with no aliasing so GCC
// vectorises it, in several builds picked at load time (core/simd_clones.h). Inputs are trusted
// to be premultiplied and in range; then the result is too (rounding is monotonic, so colour <=
// alpha survives), so no clamp is paid.
SIGNE_HOT_CLONES
void normalRow16(const std::uint16_t* __restrict src, float* __restrict dst, int count, float scale)
{
    for (int i = 0; i < count; ++i) {
        const std::uint16_t* s = src + 4 * i;
        float* d = dst + 4 * i;
        const float sr = float(s[0]) * scale;
        const float sg = float(s[1]) * scale;
        const float sb = float(s[2]) * scale;
        const float sa = float(s[3]) * scale;
        const float k = 1.0f - sa;
        d[0] = sr + d[0] * k;
        d[1] = sg + d[1] * k;
        d[2] = sb + d[2] * k;
        d[3] = sa + d[3] * k;
    }
}

SIGNE_HOT_CLONES
void normalRowF(const float* __restrict src, float* __restrict dst, int count, float opacity)
{
    for (int i = 0; i < count; ++i) {
        const float* s = src + 4 * i;
        float* d = dst + 4 * i;
        const float sr = s[0] * opacity;
        const float sg = s[1] * opacity;
        const float sb = s[2] * opacity;
        const float sa = s[3] * opacity;
        const float k = 1.0f - sa;
        d[0] = sr + d[0] * k;
        d[1] = sg + d[1] * k;
        d[2] = sb + d[2] * k;
        d[3] = sa + d[3] * k;
    }
}

// --- Separable modes a row at a time -----------------------------------------------------------
// The same arithmetic as blendPixel + blendScaled, operation for operation, with the same
// branch-free blend functions, so GCC vectorises it: a separable layer (multiply, screen,
// overlay...) composites several times faster, and the result is bit-identical to the
// per-pixel path (no FMA in this file, and IEEE division and sqrt are exact in vectors too).

struct MultiplyOp {
    float operator()(float cb, float cs) const { return multiply(cb, cs); }
};
struct ScreenOp {
    float operator()(float cb, float cs) const { return screen(cb, cs); }
};
struct OverlayOp {
    float operator()(float cb, float cs) const { return hardLight(cs, cb); }
};
struct DarkenOp {
    float operator()(float cb, float cs) const { return std::min(cb, cs); }
};
struct LightenOp {
    float operator()(float cb, float cs) const { return std::max(cb, cs); }
};
struct ColorDodgeOp {
    float operator()(float cb, float cs) const { return colorDodge(cb, cs); }
};
struct ColorBurnOp {
    float operator()(float cb, float cs) const { return colorBurn(cb, cs); }
};
struct HardLightOp {
    float operator()(float cb, float cs) const { return hardLight(cb, cs); }
};
struct SoftLightOp {
    float operator()(float cb, float cs) const { return softLight(cb, cs); }
};
struct DifferenceOp {
    float operator()(float cb, float cs) const { return std::fabs(cb - cs); }
};
struct ExclusionOp {
    float operator()(float cb, float cs) const { return cb + cs - 2.0f * cb * cs; }
};

// Source channel i of pixel p, scaled the way blendPixel scales it (to unit, then opacity).
struct Source16 {
    const std::uint16_t* __restrict data;
    float operator()(int p, int i, float opacity) const
    {
        return float(data[4 * p + i]) * (1.0f / 65535.0f) * opacity;
    }
};
struct SourceF {
    const float* __restrict data;
    float operator()(int p, int i, float opacity) const { return data[4 * p + i] * opacity; }
};

template <class Source, class Blend>
[[gnu::always_inline]] inline void separableRow(Source src, float* __restrict dst, int count,
                                                float opacity, Blend blend)
{
    for (int p = 0; p < count; ++p) {
        float* d = dst + 4 * p;
        const float sa = src(p, 3, opacity);
        const float da = d[3];
        const float ks = 1.0f - da;
        const float kd = 1.0f - sa;
        const float both = sa * da;
        const float outA = clamp01(sa + da * kd);
        float out[3];
        for (int c = 0; c < 3; ++c) {
            const float sc = src(p, c, opacity);
            const float b = blend(unpremultiply(d[c], da), unpremultiply(sc, sa));
            out[c] = std::min(clamp01(sc * ks + d[c] * kd + both * b), outA);
        }
        d[0] = out[0];
        d[1] = out[1];
        d[2] = out[2];
        d[3] = outA;
    }
}

// One vectorised clone set per mode and source type; a template cannot carry target_clones.
#define SIGNE_SEPARABLE_ROWS(Op)                                                                  \
    SIGNE_HOT_CLONES void Op##Row16(const std::uint16_t* __restrict src, float* __restrict dst,   \
                                    int count, float opacity)                                    \
    {                                                                                             \
        separableRow(Source16{src}, dst, count, opacity, Op{});                                   \
    }                                                                                             \
    SIGNE_HOT_CLONES void Op##RowF(const float* __restrict src, float* __restrict dst, int count, \
                                   float opacity)                                                 \
    {                                                                                             \
        separableRow(SourceF{src}, dst, count, opacity, Op{});                                    \
    }
SIGNE_SEPARABLE_ROWS(MultiplyOp)
SIGNE_SEPARABLE_ROWS(ScreenOp)
SIGNE_SEPARABLE_ROWS(OverlayOp)
SIGNE_SEPARABLE_ROWS(DarkenOp)
SIGNE_SEPARABLE_ROWS(LightenOp)
SIGNE_SEPARABLE_ROWS(ColorDodgeOp)
SIGNE_SEPARABLE_ROWS(ColorBurnOp)
SIGNE_SEPARABLE_ROWS(HardLightOp)
SIGNE_SEPARABLE_ROWS(SoftLightOp)
SIGNE_SEPARABLE_ROWS(DifferenceOp)
SIGNE_SEPARABLE_ROWS(ExclusionOp)
#undef SIGNE_SEPARABLE_ROWS

template <class T>
using RowFunction = void (*)(const T*, float*, int, float);

struct SeparableRows {
    RowFunction<std::uint16_t> from16;
    RowFunction<float> fromF;
};

// The vectorised rows of a separable mode; null for the others.
SeparableRows separableRows(BlendMode mode)
{
    switch (mode) {
        case BlendMode::Multiply: return {MultiplyOpRow16, MultiplyOpRowF};
        case BlendMode::Screen: return {ScreenOpRow16, ScreenOpRowF};
        case BlendMode::Overlay: return {OverlayOpRow16, OverlayOpRowF};
        case BlendMode::Darken: return {DarkenOpRow16, DarkenOpRowF};
        case BlendMode::Lighten: return {LightenOpRow16, LightenOpRowF};
        case BlendMode::ColorDodge: return {ColorDodgeOpRow16, ColorDodgeOpRowF};
        case BlendMode::ColorBurn: return {ColorBurnOpRow16, ColorBurnOpRowF};
        case BlendMode::HardLight: return {HardLightOpRow16, HardLightOpRowF};
        case BlendMode::SoftLight: return {SoftLightOpRow16, SoftLightOpRowF};
        case BlendMode::Difference: return {DifferenceOpRow16, DifferenceOpRowF};
        case BlendMode::Exclusion: return {ExclusionOpRow16, ExclusionOpRowF};
        default: return {nullptr, nullptr};
    }
}

// Passing overlapping rows to the restrict loop would be undefined behaviour, so a caller that
// blends a row onto itself (or a shifted copy) gets the per-pixel path instead.
bool overlaps(const float* a, const float* b, int count)
{
    const auto pa = reinterpret_cast<std::uintptr_t>(a);
    const auto pb = reinterpret_cast<std::uintptr_t>(b);
    const auto bytes = std::uintptr_t(count) * 4 * sizeof(float);
    return pa < pb + bytes && pb < pa + bytes;
}

}  // namespace

std::string_view blendModeName(BlendMode mode)
{
    const auto i = static_cast<std::size_t>(mode);
    return i < kModeNames.size() ? kModeNames[i] : std::string_view("svg:src-over");
}

Result<BlendMode> parseBlendMode(std::string_view name)
{
    for (int i = 0; i < kBlendModeCount; ++i) {
        const std::string_view full = kModeNames[std::size_t(i)];
        const std::string_view bare = full.substr(4);  // without "svg:"
        if (equalsIgnoreCase(name, full) || equalsIgnoreCase(name, bare)) {
            return static_cast<BlendMode>(i);
        }
    }
    // Names painters and other apps use for the same operators.
    if (equalsIgnoreCase(name, "normal") || equalsIgnoreCase(name, "svg:normal")) {
        return BlendMode::Normal;
    }
    if (equalsIgnoreCase(name, "addition") || equalsIgnoreCase(name, "svg:addition")) {
        return BlendMode::Plus;
    }
    return fail(ErrorCode::InvalidArgument, "unknown blend mode '" + std::string(name) + "'");
}

bool blendModeAffectsOutsideSource(BlendMode mode)
{
    return mode == BlendMode::DstIn || mode == BlendMode::DstAtop;
}

PixelF blendPixel(BlendMode mode, PixelF src, PixelF dst, float opacity)
{
    const float o = clamp01(opacity);
    const PixelF s = {src.r * o, src.g * o, src.b * o, src.a * o};
    return blendScaled(mode, s, dst);
}

void blendRow16(BlendMode mode, const std::uint16_t* src, float* dst, int count, float opacity)
{
    if (count <= 0) return;
    const float o = clamp01(opacity);
    if (mode == BlendMode::Normal) {
        normalRow16(src, dst, count, o / 65535.0f);
        return;
    }
    if (const auto rows = separableRows(mode); rows.from16) {
        rows.from16(src, dst, count, o);
        return;
    }
    constexpr float kToUnit = 1.0f / 65535.0f;
    for (int i = 0; i < count; ++i) {
        const std::uint16_t* s = src + 4 * i;
        float* d = dst + 4 * i;
        const PixelF sp = {float(s[0]) * kToUnit, float(s[1]) * kToUnit, float(s[2]) * kToUnit,
                           float(s[3]) * kToUnit};
        const PixelF out = blendPixel(mode, sp, {d[0], d[1], d[2], d[3]}, o);
        d[0] = out.r;
        d[1] = out.g;
        d[2] = out.b;
        d[3] = out.a;
    }
}

void blendRowF(BlendMode mode, const float* src, float* dst, int count, float opacity)
{
    if (count <= 0) return;
    const float o = clamp01(opacity);
    if (mode == BlendMode::Normal && !overlaps(src, dst, count)) {
        normalRowF(src, dst, count, o);
        return;
    }
    if (const auto rows = separableRows(mode); rows.fromF && !overlaps(src, dst, count)) {
        rows.fromF(src, dst, count, o);
        return;
    }
    for (int i = 0; i < count; ++i) {
        const float* s = src + 4 * i;
        float* d = dst + 4 * i;
        const PixelF out = blendPixel(mode, {s[0], s[1], s[2], s[3]}, {d[0], d[1], d[2], d[3]}, o);
        d[0] = out.r;
        d[1] = out.g;
        d[2] = out.b;
        d[3] = out.a;
    }
}

}  // namespace signe::core
