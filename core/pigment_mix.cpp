// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pigment_mix.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/oklab.h"
#include "core/simd_clones.h"

namespace signe::core {

namespace {

constexpr int kN = kSpectralBands;

// Floor of reflectance in the mixes (black would otherwise have an infinite K/S and logarithm),
// and of a paint's luminance in Kubelka-Munk. Far below what an 8- or 16-bit colour can show.
// With the two floors equal, black's absorption K = S K/S comes out as 1/2 whatever the floor,
// so black mixes like the darkest greys do (docs/pigment-mixing.md, "Black").
constexpr float kMinReflectance = 1e-6f;

// Pixels mixed per block: deinterleaved into planes on the stack so that the kernels read and
// write restrict, unit-stride arrays (and `out` may be `a` or `b`).
constexpr int kBlock = 64;

struct Block {
    float a[3][kBlock];
    float b[3][kBlock];
    float t[kBlock];
    float out[3][kBlock];
};

// NaN compares false both ways, so it lands on 0.
float clamp01(float v)
{
    return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
}

// Weights of white (whose curve is the constant 1) and the six cube corners for one colour.
// For r >= g >= b they are w = b, yellow = g - b, red = r - g and 0 for the rest; written with
// min/max so every ordering (and every tie) takes the same branch-free path.
struct Corners {
    float w, r, g, b, c, m, y;
};

[[gnu::always_inline]] inline Corners cornersOf(float r, float g, float b)
{
    Corners k;
    k.w = std::min(r, std::min(g, b));
    k.r = std::max(0.0f, r - std::max(g, b));
    k.g = std::max(0.0f, g - std::max(r, b));
    k.b = std::max(0.0f, b - std::max(r, g));
    k.c = std::max(0.0f, std::min(g, b) - r);
    k.m = std::max(0.0f, std::min(r, b) - g);
    k.y = std::max(0.0f, std::min(r, g) - b);
    return k;
}

[[gnu::always_inline]] inline float reflectanceAt(const SpectralBasis& s, const Corners& k,
                                                  int band)
{
    const auto& c = s.curves;
    const auto i = std::size_t(band);
    return k.w + k.r * c[SpectralBasis::Red][i] + k.g * c[SpectralBasis::Green][i] +
           k.b * c[SpectralBasis::Blue][i] + k.c * c[SpectralBasis::Cyan][i] +
           k.m * c[SpectralBasis::Magenta][i] + k.y * c[SpectralBasis::Yellow][i];
}

// log2(x) for a normal x > 0: the exponent from the bits, and ln of the mantissa m, brought into
// [sqrt(1/2), sqrt(2)), from ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1).
// |s| <= 0.172, so five terms leave a truncation error under 1e-9, below float rounding. Plain
// arithmetic rather than std::log: it vectorises, and gives the same bits in every clone.
[[gnu::always_inline]] inline float log2Positive(float x)
{
    constexpr float kTwoLog2e = 2.8853900817779268f;  // 2 / ln 2
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
    std::int32_t e = std::int32_t(bits >> 23) - 127;
    float m = std::bit_cast<float>((bits & 0x007fffffu) | 0x3f800000u);
    const bool high = m > 1.41421356f;
    m = high ? m * 0.5f : m;
    e = high ? e + 1 : e;
    const float s = (m - 1.0f) / (m + 1.0f);
    const float s2 = s * s;
    const float series =
        1.0f + s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7 + s2 * (1.0f / 9))));
    return float(e) + kTwoLog2e * s * series;
}

// 2^y for -126 < y <= 0 (a tiny positive y from rounding is fine): y = n + f with n the nearest
// integer (truncating y - 0.5 toward zero rounds a non-positive y), f in [-0.5, 0.5], and
// e^(f ln 2) from its Taylor series to the 7th power (error under 6e-9); n goes into the exponent.
[[gnu::always_inline]] inline float exp2NonPositive(float y)
{
    constexpr float kLn2 = 0.69314718055994531f;
    const std::int32_t n = std::int32_t(y - 0.5f);
    const float x = (y - float(n)) * kLn2;
    const float p =
        1.0f +
        x * (1.0f +
             x * (1.0f / 2 +
                  x * (1.0f / 6 +
                       x * (1.0f / 24 + x * (1.0f / 120 + x * (1.0f / 720 + x * (1.0f / 5040)))))));
    return std::bit_cast<float>(std::bit_cast<std::uint32_t>(p) + (std::uint32_t(n) << 23));
}

// x^(1/3), odd in x, to a relative error of 2.2e-5 (|x| is floored at 1e-30). The first guess
// divides the exponent by 3 through the bits (bits / 3 plus 2/3 of the exponent bias, lowered by
// 0.04 % to centre the guess's error at +-3.2 %); one Halley step on y^3 = x,
// y (y^3 + 2x) / (2y^3 + x), cubes the error. Plain arithmetic, like log2Positive(). (Two Newton
// steps on y^-3 = x, which need no division, measured 5 % slower in the kernel.)
[[gnu::always_inline]] inline float cubeRoot(float x)
{
    constexpr std::int32_t kBias = 709952977;  // about 2/3 * 127 * 2^23
    const float ax = std::max(std::fabs(x), 1e-30f);
    const std::int32_t bits = std::bit_cast<std::int32_t>(ax);
    const float y = std::bit_cast<float>(std::int32_t(float(bits) * (1.0f / 3.0f)) + kBias);
    const float y3 = y * y * y;
    const float root = y * (y3 + 2.0f * ax) / (2.0f * y3 + ax);
    return x < 0.0f ? -root : root;
}

// OKLab in float for the kernel: oklab.h's matrices, and the parts of their inverses the hue
// correction needs (Lab's a and b columns back to cube-rooted LMS, and LMS to linear sRGB).
struct OklabFloat {
    float lmsOfRgb[3][3];
    float labOfRoot[3][3];
    float rootOfAb[3][2];
    float rgbOfLms[3][3];
};

constexpr OklabFloat makeOklabFloat()
{
    OklabFloat m{};
    for (std::size_t r = 0; r < 3; ++r) {
        for (std::size_t c = 0; c < 3; ++c) {
            m.lmsOfRgb[r][c] = float(kOklabLmsOfLinearSrgb[r][c]);
            m.labOfRoot[r][c] = float(kOklabOfLmsRoot[r][c]);
            m.rgbOfLms[r][c] = float(kOklabLinearSrgbOfLms[r][c]);
        }
        m.rootOfAb[r][0] = float(kOklabLmsRootOfLab[r][1]);
        m.rootOfAb[r][1] = float(kOklabLmsRootOfLab[r][2]);
    }
    return m;
}

constexpr OklabFloat kOklab = makeOklabFloat();

// A side whose OKLab chroma is below this fraction of its lightness counts, in part, as a neutral
// (docs/pigment-mixing.md, "Neutrals keep the hue"). C / L depends on the chromaticity alone (a
// colour scaled in linear light scales L, a and b alike), so a dark navy is as coloured as a light
// blue: greys are 0, off-whites 0.02 to 0.03, pale tints 0.05 to 0.08, dark earths about 0.2 and
// sRGB's corners 0.17 (cyan) to 0.69 (blue).
constexpr float kNeutralSaturation = 0.06f;

// How far (as a share of its spread, max - min in linear light) a hue-corrected colour may lie
// outside 0..1 and be clamped rather than lose chroma (keepHueAgainstNeutral()).
constexpr float kClipMargin = 0.02f;

// The cube roots of a linear sRGB colour's LMS, and the OKLab they give.
struct LmsRoot {
    float l, m, s;
};

[[gnu::always_inline]] inline LmsRoot lmsRootOf(float r, float g, float b)
{
    const auto& k = kOklab.lmsOfRgb;
    return {cubeRoot(k[0][0] * r + k[0][1] * g + k[0][2] * b),
            cubeRoot(k[1][0] * r + k[1][1] * g + k[1][2] * b),
            cubeRoot(k[2][0] * r + k[2][1] * g + k[2][2] * b)};
}

[[gnu::always_inline]] inline float labRow(int row, const LmsRoot& p)
{
    const auto& k = kOklab.labOfRoot[row];
    return k[0] * p.l + k[1] * p.m + k[2] * p.s;
}

// Neutrals keep the hue (docs/pigment-mixing.md derives it): where one side of pixel i is (nearly)
// neutral, the Kubelka-Munk mix in blk->out keeps its OKLab lightness and chroma but takes the hue
// of v = (1 - t) ab_a + t ab_b, which for an exact neutral is the other side's own hue; if that
// leaves sRGB, the chroma shrinks at the same lightness and hue until it fits. Weighted by
// g = 1 at chroma 0, easing to 0 at kNeutralSaturation, taken on the less coloured side: a mix of
// two colours stays exactly as Kubelka-Munk makes it (g = 0 changes no bit). The change goes in as
// a difference of cubes, m + M ((p + d)^3 - p^3), which is exactly m when d = 0 whatever the
// rounding of p.
[[gnu::always_inline]] inline void keepHueAgainstNeutral(Block* __restrict blk, int i)
{
    const float t = blk->t[i];
    const LmsRoot pa = lmsRootOf(blk->a[0][i], blk->a[1][i], blk->a[2][i]);
    const LmsRoot pb = lmsRootOf(blk->b[0][i], blk->b[1][i], blk->b[2][i]);
    const float mr = blk->out[0][i], mg = blk->out[1][i], mb = blk->out[2][i];
    const LmsRoot pm = lmsRootOf(mr, mg, mb);
    const float aA = labRow(1, pa), bA = labRow(2, pa);
    const float aB = labRow(1, pb), bB = labRow(2, pb);
    const float lM = labRow(0, pm), aM = labRow(1, pm), bM = labRow(2, pm);
    const float chromaA = std::sqrt(aA * aA + bA * bA);
    const float chromaB = std::sqrt(aB * aB + bB * bB);
    const float chromaM = std::sqrt(aM * aM + bM * bM);

    // s = min(C_a / L_a, C_b / L_b) / kNeutralSaturation, over one division.
    const float lA = std::max(1e-6f, labRow(0, pa)), lB = std::max(1e-6f, labRow(0, pb));
    const float s =
        std::min(1.0f, std::min(chromaA * lB, chromaB * lA) / (kNeutralSaturation * lA * lB));
    const float g = 1.0f - s * s * (3.0f - 2.0f * s);

    // The target: the mix's chroma along v. Dividing by (1 - t) C_a + t C_b rather than by |v|
    // gives the unit hue for an exact neutral, fades the target where two near-neutrals' hues
    // cancel, and never divides by zero.
    const float va = (1.0f - t) * aA + t * aB;
    const float vb = (1.0f - t) * bA + t * bB;
    const float k = chromaM / std::max(1e-20f, (1.0f - t) * chromaA + t * chromaB);
    const float a1 = aM + g * (k * va - aM);
    const float b1 = bM + g * (k * vb - bM);

    const auto& back = kOklab.rootOfAb;
    const auto& toRgb = kOklab.rgbOfLms;
    auto colourAt = [&](float a, float b, float(&x)[3]) {
        const float da = a - aM, db = b - bM;
        const float ql = pm.l + back[0][0] * da + back[0][1] * db;
        const float qm = pm.m + back[1][0] * da + back[1][1] * db;
        const float qs = pm.s + back[2][0] * da + back[2][1] * db;
        const float dl = ql * ql * ql - pm.l * pm.l * pm.l;
        const float dm = qm * qm * qm - pm.m * pm.m * pm.m;
        const float ds = qs * qs * qs - pm.s * pm.s * pm.s;
        x[0] = mr + (toRgb[0][0] * dl + toRgb[0][1] * dm + toRgb[0][2] * ds);
        x[1] = mg + (toRgb[1][0] * dl + toRgb[1][1] * dm + toRgb[1][2] * ds);
        x[2] = mb + (toRgb[2][0] * dl + toRgb[2][1] * dm + toRgb[2][2] * ds);
    };
    float x[3];
    colourAt(a1, b1, x);
    // The share beta of the chroma that fits, taken in linear light along the line to the grey
    // G = L^3 of the same OKLab lightness: the least over the channels of (1 + e - G) / (x - G)
    // above the grey and (G + e) / (G - x) below it, over the common denominator so as to divide
    // once. Applied as an OKLab chroma scale it keeps the hue. The margin e, a small share of the
    // colour's spread in linear light, is left to the final clamp: clipping that little turns
    // the hue by 1.5 degrees at most, and spares the lightest tints of colours at the top of the
    // gamut (yellow, green) a loss of chroma that holding the lightness exactly would cost.
    const float lightness = std::clamp(lM, 0.0f, 1.0f);
    const float grey = lightness * lightness * lightness;
    const float margin =
        kClipMargin * (std::max(x[0], std::max(x[1], x[2])) - std::min(x[0], std::min(x[1], x[2])));
    const float below = grey + margin, above = 1.0f + margin - grey;
    const float room = std::max(1e-12f, below * above);
    float need = room;
    for (float v : x) need = std::max(need, std::max((v - grey) * below, (grey - v) * above));
    const float beta = room / need;
    const float shrink = 1.0f - g * (1.0f - beta);
    float y[3];
    colourAt(shrink * a1, shrink * b1, y);
    for (int c = 0; c < 3; ++c) blk->out[c][i] = y[c];
}

// The corner weights of a block of colours, one plane per corner (SpectralBasis::Corner order).
struct CornerPlanes {
    float k[SpectralBasis::kCornerCount][kBlock];
};

[[gnu::always_inline]] inline void fillCorners(const float (&rgb)[3][kBlock], CornerPlanes& out,
                                               int n)
{
    for (int i = 0; i < n; ++i) {
        const Corners c = cornersOf(rgb[0][i], rgb[1][i], rgb[2][i]);
        out.k[SpectralBasis::White][i] = c.w;
        out.k[SpectralBasis::Red][i] = c.r;
        out.k[SpectralBasis::Green][i] = c.g;
        out.k[SpectralBasis::Blue][i] = c.b;
        out.k[SpectralBasis::Cyan][i] = c.c;
        out.k[SpectralBasis::Magenta][i] = c.m;
        out.k[SpectralBasis::Yellow][i] = c.y;
    }
}

// The reflectance of pixel i in the band whose six corner-curve values are `curve`.
[[gnu::always_inline]] inline float bandReflectance(const CornerPlanes& p, const float (&curve)[7],
                                                    int i)
{
    float r = p.k[SpectralBasis::White][i];  // the white curve is 1 in every band
    for (int c = SpectralBasis::Red; c < SpectralBasis::kCornerCount; ++c)
        r += p.k[c][i] * curve[c];
    return std::clamp(r, kMinReflectance, 1.0f);
}

// The six curves and the projection at band k, as scalars the pixel loop broadcasts.
struct BandConstants {
    float curve[7];
    float toRgb[3];
};

[[gnu::always_inline]] inline BandConstants bandConstants(const SpectralBasis& s, int k)
{
    BandConstants b{};
    for (int c = SpectralBasis::Red; c < SpectralBasis::kCornerCount; ++c)
        b.curve[c] = s.curves[std::size_t(c)][std::size_t(k)];
    for (int c = 0; c < 3; ++c) b.toRgb[c] = s.toLinearRgb[std::size_t(c)][std::size_t(k)];
    return b;
}

// The kernels below run band by band over a whole block, the pixel loop innermost: every
// operation is then a plain vector operation across pixels, with nothing held in registers
// across bands but the loop's own values (a pixel-major loop over 16 unrolled bands spilled).

// Kubelka-Munk, one constant per paint: K/S = (1 - R)^2 / (2R) per band, mixed linearly by the
// weights, R = 1 + K/S - sqrt((K/S)^2 + 2 K/S). The weights are the paints' shares times their
// scattering, taken proportional to their luminance Y (docs/pigment-mixing.md). Written over
// num / den = the weighted K/S so that each band pays one sqrt and one division, and in the
// stable form R = 1 / (1 + K/S + sqrt(...)), which does not cancel when R is small.
SIGNE_HOT_CLONES
void kubelkaMunkBlock(const SpectralBasis* __restrict s, Block* __restrict blk, int n)
{
    CornerPlanes pa, pb;
    fillCorners(blk->a, pa, n);
    fillCorners(blk->b, pb, n);
    float ca[kBlock], cb[kBlock];
    for (int i = 0; i < n; ++i) {
        const float ya = s->luminance[0] * blk->a[0][i] + s->luminance[1] * blk->a[1][i] +
                         s->luminance[2] * blk->a[2][i];
        const float yb = s->luminance[0] * blk->b[0][i] + s->luminance[1] * blk->b[1][i] +
                         s->luminance[2] * blk->b[2][i];
        const float wa = (1.0f - blk->t[i]) * std::max(kMinReflectance, ya);
        const float wb = blk->t[i] * std::max(kMinReflectance, yb);
        ca[i] = wa / (wa + wb);
        cb[i] = wb / (wa + wb);
        blk->out[0][i] = blk->out[1][i] = blk->out[2][i] = 0.0f;
    }
    for (int k = 0; k < kN; ++k) {
        const BandConstants bc = bandConstants(*s, k);
        for (int i = 0; i < n; ++i) {
            const float ra = bandReflectance(pa, bc.curve, i);
            const float rb = bandReflectance(pb, bc.curve, i);
            const float qa = (1.0f - ra) * (1.0f - ra);
            const float qb = (1.0f - rb) * (1.0f - rb);
            const float num = ca[i] * qa * rb + cb[i] * qb * ra;
            const float den = 2.0f * ra * rb;
            const float r = den / (den + num + std::sqrt(num * num + 2.0f * num * den));
            blk->out[0][i] += bc.toRgb[0] * r;
            blk->out[1][i] += bc.toRgb[1] * r;
            blk->out[2][i] += bc.toRgb[2] * r;
        }
    }
    for (int i = 0; i < n; ++i) keepHueAgainstNeutral(blk, i);
}

// Weighted geometric mean, R = Ra^(1-t) Rb^t = 2^((1-t) log2 Ra + t log2 Rb), weighted by the
// shares alone, as Burns defines it.
SIGNE_HOT_CLONES
void geometricMeanBlock(const SpectralBasis* __restrict s, Block* __restrict blk, int n)
{
    CornerPlanes pa, pb;
    fillCorners(blk->a, pa, n);
    fillCorners(blk->b, pb, n);
    for (int i = 0; i < n; ++i) blk->out[0][i] = blk->out[1][i] = blk->out[2][i] = 0.0f;
    for (int k = 0; k < kN; ++k) {
        const BandConstants bc = bandConstants(*s, k);
        for (int i = 0; i < n; ++i) {
            const float t = blk->t[i];
            const float la = log2Positive(bandReflectance(pa, bc.curve, i));
            const float lb = log2Positive(bandReflectance(pb, bc.curve, i));
            const float r = exp2NonPositive((1.0f - t) * la + t * lb);
            blk->out[0][i] += bc.toRgb[0] * r;
            blk->out[1][i] += bc.toRgb[1] * r;
            blk->out[2][i] += bc.toRgb[2] * r;
        }
    }
}

SIGNE_HOT_CLONES
void linearRgbBlock(Block* __restrict blk, int n)
{
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < n; ++i)
            blk->out[c][i] = blk->a[c][i] * (1.0f - blk->t[i]) + blk->b[c][i] * blk->t[i];
}

// Interleaved rows in, clamped planes out: the kernels then trust their inputs.
SIGNE_HOT_CLONES
void loadBlock(const float* __restrict a, const float* __restrict b, const float* __restrict t,
               Block* __restrict blk, int n)
{
    for (int i = 0; i < n; ++i) {
        for (int c = 0; c < 3; ++c) {
            blk->a[c][i] = clamp01(a[3 * i + c]);
            blk->b[c][i] = clamp01(b[3 * i + c]);
        }
        blk->t[i] = clamp01(t[i]);
    }
}

// The ends are the inputs themselves, not a spectrum's float-rounded projection. Selected on
// the planes, then interleaved: two plain loops the compiler vectorises.
SIGNE_HOT_CLONES
void storeBlock(Block* __restrict blk, float* __restrict out, int n)
{
    for (int c = 0; c < 3; ++c) {
        for (int i = 0; i < n; ++i) {
            const float t = blk->t[i];
            const float mixed = std::min(1.0f, std::max(0.0f, blk->out[c][i]));
            blk->out[c][i] = t <= 0.0f ? blk->a[c][i] : (t >= 1.0f ? blk->b[c][i] : mixed);
        }
    }
    for (int i = 0; i < n; ++i) {
        out[3 * i] = blk->out[0][i];
        out[3 * i + 1] = blk->out[1][i];
        out[3 * i + 2] = blk->out[2][i];
    }
}

}  // namespace

std::string_view mixModelName(MixModel model)
{
    switch (model) {
        case MixModel::Pigment:
            return "pigment";
        case MixModel::GeometricMean:
            return "geometric";
        case MixModel::LinearRgb:
            return "rgb";
    }
    return "pigment";
}

Result<MixModel> parseMixModel(std::string_view name)
{
    for (MixModel m : {MixModel::Pigment, MixModel::GeometricMean, MixModel::LinearRgb})
        if (name == mixModelName(m)) return m;
    return fail(ErrorCode::InvalidArgument, "unknown mix model '" + std::string(name) +
                                                "': expected pigment, geometric or rgb");
}

Spectrum spectrumOfLinearRgb(const std::array<float, 3>& rgb)
{
    const SpectralBasis& s = spectralBasis();
    const Corners k = cornersOf(clamp01(rgb[0]), clamp01(rgb[1]), clamp01(rgb[2]));
    Spectrum out;
    for (int band = 0; band < kN; ++band) out[std::size_t(band)] = reflectanceAt(s, k, band);
    return out;
}

std::array<float, 3> linearRgbOfSpectrum(const Spectrum& reflectance)
{
    const SpectralBasis& s = spectralBasis();
    std::array<float, 3> rgb{};
    for (std::size_t c = 0; c < 3; ++c)
        for (std::size_t k = 0; k < std::size_t(kN); ++k)
            rgb[c] += s.toLinearRgb[c][k] * reflectance[k];
    return rgb;
}

float paintShare(float ratio, float alphaA, float alphaB)
{
    const float t = clamp01(ratio);
    if (t <= 0.0f || t >= 1.0f || alphaA == alphaB) return t;
    const float wa = (1.0f - t) * clamp01(alphaA);
    const float wb = t * clamp01(alphaB);
    return wa + wb > 0.0f ? wb / (wa + wb) : t;
}

void mixLinearRgbRow(MixModel model, std::span<const float> a, std::span<const float> b,
                     std::span<const float> ratio, std::span<float> out)
{
    const std::size_t count = ratio.size();
    assert(a.size() == 3 * count && b.size() == 3 * count && out.size() == 3 * count);
    const SpectralBasis* basis = model == MixModel::LinearRgb ? nullptr : &spectralBasis();
    Block blk;
    for (std::size_t first = 0; first < count; first += kBlock) {
        const int n = int(std::min<std::size_t>(kBlock, count - first));
        loadBlock(a.data() + 3 * first, b.data() + 3 * first, ratio.data() + first, &blk, n);
        switch (model) {
            case MixModel::Pigment:
                kubelkaMunkBlock(basis, &blk, n);
                break;
            case MixModel::GeometricMean:
                geometricMeanBlock(basis, &blk, n);
                break;
            case MixModel::LinearRgb:
                linearRgbBlock(&blk, n);
                break;
        }
        // Written only after the block is read: `out` may be `a` or `b`.
        storeBlock(&blk, out.data() + 3 * first, n);
    }
}

Color16 mixColors(const Color16& a, const Color16& b, float ratio, MixModel model)
{
    const float t = clamp01(ratio);
    if (t <= 0.0f) return a;
    if (t >= 1.0f) return b;
    const std::array<float, 3> la = {srgb16ToLinear(a.r), srgb16ToLinear(a.g), srgb16ToLinear(a.b)};
    const std::array<float, 3> lb = {srgb16ToLinear(b.r), srgb16ToLinear(b.g), srgb16ToLinear(b.b)};
    const float share = paintShare(t, a.a / 65535.0f, b.a / 65535.0f);
    std::array<float, 3> mixed{};
    mixLinearRgbRow(model, la, lb, std::span<const float>(&share, 1), mixed);
    Color16 out;
    out.r = linearToSrgb16(mixed[0]);
    out.g = linearToSrgb16(mixed[1]);
    out.b = linearToSrgb16(mixed[2]);
    out.a = std::uint16_t(std::lround((1.0f - t) * float(a.a) + t * float(b.a)));
    return out;
}

}  // namespace signe::core
