// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/impasto_lighting.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "core/color.h"
#include "core/simd_clones.h"

namespace signe::core {

namespace {

// --- Transfer functions for the lit pixels --------------------------------------------------
//
// Lit pixels go to linear light and back. core/color.h has exact table-driven conversions,
// but each is a call with a correction loop; here every lit pixel takes three of each, so the
// loops below use flat tables they can vectorise: decoding interpolates 4096 segments of the
// curve (error below 3e-8), encoding uses color.cpp's piecewise-linear segments on the float's
// exponent and top mantissa bits, without the exact correction (within 0.15 of a 16-bit
// code). Flat pixels never come here, so they stay bit-exact. (Tried and measured slower:
// one loop over whole pixels, scalar; and log2/exp2 polynomials instead of the tables.)

constexpr int kDecodeSegments = 4096;
constexpr int kSegBits = 7;
constexpr std::uint32_t kMinExponent = 127 - 22;  // inputs below 2^-22 share segment 0
constexpr int kEncodeSegments = 22 << kSegBits;

struct TransferTables {
    // Plain arrays: indexed as t.decode[k], GCC turns the reads into gathers, which it does not
    // for the same reads through a float pointer.
    float decode[kDecodeSegments + 1];
    float decodeStep[kDecodeSegments + 1];
    float encodeOffset[kEncodeSegments];
    float encodeSlope[kEncodeSegments];

    TransferTables()
    {
        for (int i = 0; i <= kDecodeSegments; ++i)
            decode[i] = float(srgbToLinearExact(double(i) / kDecodeSegments));
        for (int i = 0; i < kDecodeSegments; ++i) decodeStep[i] = decode[i + 1] - decode[i];
        decodeStep[kDecodeSegments] = 0.0f;
        for (int i = 0; i < kEncodeSegments; ++i) {
            const std::uint32_t bits = (kMinExponent << 23) + (std::uint32_t(i) << (23 - kSegBits));
            const double x0 = i == 0 ? 0.0 : double(std::bit_cast<float>(bits));
            const double x1 = std::bit_cast<float>(bits + (1u << (23 - kSegBits)));
            const double y0 = linearToSrgbExact(x0), y1 = linearToSrgbExact(x1);
            const double k = (y1 - y0) / (x1 - x0);
            encodeSlope[i] = float(k);
            encodeOffset[i] = float(y0 - k * x0);
        }
    }
};

const TransferTables& transferTables()
{
    static const TransferTables tables;  // built once, thread-safe
    return tables;
}

/// 0..1; NaN becomes 0.
inline float clamp01(float v)
{
    return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
}

// --- pow for the highlight --------------------------------------------------------------------

/// log2 of a positive normal float: exponent plus an odd series in (m-1)/(m+1) for the mantissa
/// m taken into [0.707, 1.414); error below 1e-6.
inline float log2Positive(float x)
{
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
    int e = int((bits >> 23) & 255u) - 127;
    float m = std::bit_cast<float>((bits & 0x7fffffu) | 0x3f800000u);
    const bool high = m > 1.41421356f;
    m = high ? m * 0.5f : m;
    e = high ? e + 1 : e;
    const float t = (m - 1.0f) / (m + 1.0f), t2 = t * t;
    const float series = t * (2.0f + t2 * (2.0f / 3.0f + t2 * (2.0f / 5.0f + t2 * (2.0f / 7.0f))));
    return float(e) + series * 1.44269504f;  // ln -> log2
}

/// 2^y for y in [-126, 0]: an integer power of two times a Taylor polynomial on [-0.5, 0.5]
/// (relative error below 2e-7).
inline float exp2NonPositive(float y)
{
    const int k = -int(-y + 0.5f);  // round to nearest, y <= 0
    const float f = (y - float(k)) * 0.693147181f;
    const float p =
        1.0f +
        f * (1.0f +
             f * (0.5f + f * (1.0f / 6 + f * (1.0f / 24 + f * (1.0f / 120 + f * (1.0f / 720))))));
    return p * std::bit_cast<float>(std::uint32_t(k + 127) << 23);
}

/// x^n for x in [0, 1], n >= 1.
inline float powUnit(float x, float n)
{
    const float y = std::max(n * log2Positive(std::max(x, 1e-30f)), -126.0f);
    return x < 1e-30f ? 0.0f : exp2NonPositive(y);
}

struct Params {
    float lx, ly, lz, hx, hy, hz;
    float ambient, strength, invFlatDiffuse;
    float shine, shininess, flatSpecular;
};

/// The diffuse factor and highlight for one gradient; flat is exactly (1, 0).
inline void respond(const Params& p, float gx, float gy, float& diffuse, float& specular)
{
    const float g2 = gx * gx + gy * gy;
    const float inv = 1.0f / std::sqrt(g2 + 1.0f);
    const float ndl = (p.lz - gx * p.lx - gy * p.ly) * inv;
    const float ndh = (p.hz - gx * p.hx - gy * p.hy) * inv;
    // One comparison (not gx == 0 && gy == 0), so the loops stay vectorisable. A slope so
    // small that its square underflows counts as flat too.
    const bool flat = !(g2 > 0.0f);
    const float d = (p.ambient + p.strength * std::max(0.0f, ndl)) * p.invFlatDiffuse;
    const float s =
        p.shine * std::max(0.0f, powUnit(std::max(0.0f, ndh), p.shininess) - p.flatSpecular);
    diffuse = flat ? 1.0f : d;
    specular = flat ? 0.0f : s;
}

constexpr int kChunk = 64;

/// The factors for `n` pixels of a row from the heights round them; `alphaIn` is the row's
/// fourth channel (stride 4). Marks the pixels to change: not flat, not transparent.
SIGNE_HOT_CLONES
void respondRow(const Params p, const float* __restrict h, std::ptrdiff_t hs,
                const float* __restrict alphaIn, float* __restrict diffuse,
                float* __restrict specular, float* __restrict alpha, float* __restrict invAlpha,
                std::int32_t* __restrict change, int n)
{
    for (int i = 0; i < n; ++i) {
        const float gx = (h[i + 1] - h[i - 1]) * 0.5f;
        const float gy = (h[i + hs] - h[i - hs]) * 0.5f;
        respond(p, gx, gy, diffuse[i], specular[i]);
        const float a = std::min(alphaIn[i * 4], 1.0f);
        alpha[i] = a;
        invAlpha[i] = 1.0f / std::max(a, 1e-30f);
        change[i] = std::min(gx * gx + gy * gy, a) > 0.0f;  // not flat, not transparent
    }
}

/// One colour channel of `n` pixels (stride 4), lit in linear light where `change` says.
SIGNE_HOT_CLONES
void shadeChannel(const TransferTables& t, float* __restrict channel,
                  const float* __restrict diffuse, const float* __restrict specular,
                  const float* __restrict alpha, const float* __restrict invAlpha,
                  const std::int32_t* __restrict change, int n)
{
    for (int i = 0; i < n; ++i) {
        const float v = channel[i * 4];
        const float c = clamp01(v * invAlpha[i]);
        const float f = c * float(kDecodeSegments);
        const int k = std::min(int(f), kDecodeSegments - 1);
        const float lin = t.decode[k] + t.decodeStep[k] * (f - float(k));
        const float x = clamp01(lin * diffuse[i] + specular[i]);
        // Segment: the exponent and top mantissa bits, counted from 2^-22.
        const int top = int(std::bit_cast<std::uint32_t>(x) >> (23 - kSegBits));
        const int j = std::clamp(top - int(kMinExponent << kSegBits), 0, kEncodeSegments - 1);
        const float out = clamp01(t.encodeOffset[j] + t.encodeSlope[j] * x) * alpha[i];
        channel[i * 4] = change[i] ? out : v;
    }
}

/// One row, 64 pixels at a time: the factors first, then each colour channel, every loop
/// branch-free so that it vectorises, table reads included. Pixels that are
/// flat, or transparent, are written back unchanged.
void shadeRow(const Params& p, const TransferTables& t, const float* hr, std::ptrdiff_t hs,
              float* row, int w)
{
    alignas(64) float diffuse[kChunk], specular[kChunk], alpha[kChunk], invAlpha[kChunk];
    alignas(64) std::int32_t change[kChunk];
    for (int x0 = 0; x0 < w; x0 += kChunk) {
        const int n = std::min(kChunk, w - x0);
        float* px = row + std::ptrdiff_t(x0) * 4;
        respondRow(p, hr + x0, hs, px + 3, diffuse, specular, alpha, invAlpha, change, n);
        if (std::none_of(change, change + n, [](std::int32_t c) { return c != 0; })) continue;
        for (int ch = 0; ch < 3; ++ch)
            shadeChannel(t, px + ch, diffuse, specular, alpha, invAlpha, change, n);
    }
}

}  // namespace

ImpastoLighting::ImpastoLighting(const Light& light)
{
    const double deg = std::numbers::pi / 180.0;
    const double az = double(light.azimuth) * deg;
    const double el = std::clamp(double(light.elevation), double(Light::kMinElevation), 90.0) * deg;
    // Canvas y grows downwards, so a light from the top (azimuth 0) lies toward -y.
    const double lx = std::sin(az) * std::cos(el), ly = -std::cos(az) * std::cos(el);
    const double lz = std::sin(el);
    const double hl = std::sqrt(lx * lx + ly * ly + (lz + 1.0) * (lz + 1.0));
    m_lx = float(lx);
    m_ly = float(ly);
    m_lz = float(lz);
    m_hx = float(lx / hl);
    m_hy = float(ly / hl);
    m_hz = float((lz + 1.0) / hl);
    m_strength = std::clamp(light.strength, 0.0f, 1.0f);
    m_ambient = 1.0f - m_strength;
    m_invFlatDiffuse = 1.0f / (m_ambient + m_strength * m_lz);
    m_shine = std::clamp(light.shine, 0.0f, 1.0f);
    m_shininess = std::clamp(light.shininess, 1.0f, Light::kMaxShininess);
    // The same pow as the pixels use, so that a flat normal gives exactly zero.
    m_flatSpecular = powUnit(m_hz, m_shininess);
}

ImpastoLighting::Response ImpastoLighting::response(float gx, float gy) const
{
    const Params p{m_lx,      m_ly,        m_lz,
                   m_hx,      m_hy,        m_hz,
                   m_ambient, m_strength,  m_invFlatDiffuse,
                   m_shine,   m_shininess, m_flatSpecular};
    Response r;
    respond(p, gx, gy, r.diffuse, r.specular);
    return r;
}

void ImpastoLighting::shade(const float* height, std::ptrdiff_t heightStride, float* rgba,
                            std::ptrdiff_t rgbaStride, int w, int h) const
{
    const Params p{m_lx,      m_ly,        m_lz,
                   m_hx,      m_hy,        m_hz,
                   m_ambient, m_strength,  m_invFlatDiffuse,
                   m_shine,   m_shininess, m_flatSpecular};
    const TransferTables& t = transferTables();
    for (int y = 0; y < h; ++y)
        shadeRow(p, t, height + std::ptrdiff_t(y) * heightStride, heightStride,
                 rgba + std::ptrdiff_t(y) * rgbaStride * 4, w);
}

}  // namespace signe::core
