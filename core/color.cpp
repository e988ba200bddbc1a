// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/color.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <vector>

namespace signe::core {

namespace {

// NaN compares false both ways and lands on 0.
double clamp01(double v)
{
    return v > 0.0 ? (v < 1.0 ? v : 1.0) : 0.0;
}

// The contract of linearToSrgb8/16: the exact curve, scaled and rounded, on the clamped input.
template <int kMax>
int referenceCode(float linear)
{
    return int(std::lround(linearToSrgbExact(clamp01(linear)) * kMax));
}

// Linear -> code conversion without pow(): a piecewise-linear guess of the curve, then a
// correction against the exact decision thresholds. The guess only needs to land within a
// code or two; the thresholds make the answer exact, whatever the guess.
//
// Segments split each power-of-two interval [2^-e, 2^-e+1) of the input into 2^kSegBits equal
// parts (the top mantissa bits of the float), so segments are short where the curve is steep.
// With 7 bits the guess stays within about 0.15 of a 16-bit code; inputs below 2^-22 all round
// to code 0 or 1 and start from segment 0.
constexpr int kSegBits = 7;
constexpr int kMinExponent = 127 - 22;  // biased exponent of 2^-22
constexpr int kSegments = 22 << kSegBits;

template <int kMax>
struct Thresholds {
    // first[c] is the smallest float whose reference code is c (c >= 1); first[0] is 0 and
    // first[kMax + 1] is +infinity so the correction loops need no bounds checks.
    std::vector<float> first;

    Thresholds() : first(std::size_t(kMax) + 2)
    {
        first[0] = 0.0f;
        first[std::size_t(kMax) + 1] = INFINITY;
        for (int c = 1; c <= kMax; ++c) {
            // Start from the real-number boundary and walk float by float to the first value
            // that rounds to c in double; usually zero or one step. This assumes the reference
            // is monotonic, which color_test.cpp checks at every threshold.
            float t = float(srgbToLinearExact((c - 0.5) / kMax));
            while (referenceCode<kMax>(t) < c) t = std::nextafter(t, 2.0f);
            while (t > 0.0f && referenceCode<kMax>(std::nextafter(t, -1.0f)) >= c) {
                t = std::nextafter(t, -1.0f);
            }
            first[std::size_t(c)] = t;
        }
    }
};

struct Tables {
    std::array<float, 256> from8;
    std::vector<float> from16 = std::vector<float>(65536);
    // Segment i approximates linearToSrgb(x) as offset[i] + slope[i] * x.
    std::array<float, kSegments> offset;
    std::array<float, kSegments> slope;
    Thresholds<255> to8;
    Thresholds<65535> to16;

    Tables()
    {
        for (int c = 0; c < 256; ++c) from8[std::size_t(c)] = float(srgbToLinearExact(c / 255.0));
        for (int c = 0; c < 65536; ++c) {
            from16[std::size_t(c)] = float(srgbToLinearExact(c / 65535.0));
        }
        for (int i = 0; i < kSegments; ++i) {
            const std::uint32_t bits =
                (std::uint32_t(kMinExponent) << 23) + (std::uint32_t(i) << (23 - kSegBits));
            const double x0 = i == 0 ? 0.0 : std::bit_cast<float>(bits);
            const double x1 = std::bit_cast<float>(bits + (1u << (23 - kSegBits)));
            const double y0 = linearToSrgbExact(x0);
            const double y1 = linearToSrgbExact(x1);
            const double k = (y1 - y0) / (x1 - x0);
            slope[std::size_t(i)] = float(k);
            offset[std::size_t(i)] = float(y0 - k * x0);
        }
    }
};

const Tables& tables()
{
    // Built on first use; C++ guarantees one thread builds it while others wait.
    static const Tables t;
    return t;
}

// Approximate linearToSrgb for x in (0, 1).
float approximateSrgb(const Tables& t, float x)
{
    const auto bits = std::bit_cast<std::uint32_t>(x);
    const std::uint32_t base = std::uint32_t(kMinExponent) << kSegBits;
    const std::uint32_t top = bits >> (23 - kSegBits);
    const std::size_t i = top > base ? std::size_t(top - base) : 0;
    return t.offset[i] + t.slope[i] * x;
}

template <int kMax>
int correctedCode(const Thresholds<kMax>& thr, float x, float guess)
{
    int c = int(guess * kMax + 0.5f);
    c = c < 0 ? 0 : (c > kMax ? kMax : c);
    while (x < thr.first[std::size_t(c)]) --c;
    while (x >= thr.first[std::size_t(c) + 1]) ++c;
    return c;
}

std::string malformed(std::string_view text)
{
    return "malformed colour '" + std::string(text) + "': expected #rgb, #rrggbb or #rrggbbaa";
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

// The transfer functions are evaluated in double so the float results (and the tables built
// from them) are the exact value rounded once, not a float pow() error on top.
double srgbToLinearExact(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double linearToSrgbExact(double l)
{
    return l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
}

float srgbToLinear(float encoded)
{
    return float(srgbToLinearExact(clamp01(encoded)));
}

float linearToSrgb(float linear)
{
    return float(linearToSrgbExact(clamp01(linear)));
}

float srgb8ToLinear(std::uint8_t encoded)
{
    return tables().from8[encoded];
}

float srgb16ToLinear(std::uint16_t encoded)
{
    return tables().from16[encoded];
}

std::uint8_t linearToSrgb8(float linear)
{
    if (!(linear > 0.0f)) return 0;  // also NaN
    if (linear >= 1.0f) return 255;
    const Tables& t = tables();
    return std::uint8_t(correctedCode(t.to8, linear, approximateSrgb(t, linear)));
}

std::uint16_t linearToSrgb16(float linear)
{
    if (!(linear > 0.0f)) return 0;  // also NaN
    if (linear >= 1.0f) return 65535;
    const Tables& t = tables();
    return std::uint16_t(correctedCode(t.to16, linear, approximateSrgb(t, linear)));
}

Result<Color16> parseColor(std::string_view text)
{
    const std::size_t n = text.size();
    if (n < 1 || text[0] != '#' || (n != 4 && n != 7 && n != 9)) {
        return fail(ErrorCode::InvalidArgument, malformed(text));
    }
    std::array<int, 8> digits{};
    for (std::size_t i = 1; i < n; ++i) {
        digits[i - 1] = hexDigit(text[i]);
        if (digits[i - 1] < 0) return fail(ErrorCode::InvalidArgument, malformed(text));
    }
    // 8-bit v becomes v * 257 so 0xff maps to 65535 and formatColor round-trips.
    auto channel = [&](int i) -> std::uint16_t {
        const int v8 = n == 4 ? digits[std::size_t(i)] * 17
                              : digits[std::size_t(2 * i)] * 16 + digits[std::size_t(2 * i + 1)];
        return std::uint16_t(v8 * 257);
    };
    Color16 c;
    c.r = channel(0);
    c.g = channel(1);
    c.b = channel(2);
    c.a = n == 9 ? channel(3) : 65535;
    return c;
}

std::string formatColor(const Color16& color)
{
    // Nearest 8-bit value: 257 is odd, so v / 257 is never exactly halfway.
    auto to8 = [](std::uint16_t v) { return (unsigned(v) + 128) / 257; };
    constexpr char kHex[] = "0123456789abcdef";
    std::string out = "#";
    auto put = [&](unsigned v8) {
        out += kHex[v8 >> 4];
        out += kHex[v8 & 15];
    };
    put(to8(color.r));
    put(to8(color.g));
    put(to8(color.b));
    if (to8(color.a) != 255) put(to8(color.a));
    return out;
}

}  // namespace signe::core
