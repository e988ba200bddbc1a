// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace signe::brushes {

/// The per-stroke random generator. Seeded once per stroke (the journal records the seed), it
/// gives the same sequence on every platform and compiler, so replaying a stroke repaints it
/// exactly. Integer arithmetic only: no std:: distributions, whose output is not specified.
///
/// The algorithm is SplitMix64 (a Weyl sequence through a 64-bit mixing function): tiny state,
/// good enough statistics for brush jitter, and any seed, including 0, is a good seed.
///
/// Stroke state, not preset data: one generator per stroke, used from one thread.
class StrokeRandom {
public:
    explicit constexpr StrokeRandom(std::uint64_t seed = 0) : m_state(seed) {}

    /// The next 64 random bits.
    constexpr std::uint64_t nextU64()
    {
        m_state += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = m_state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, 1): the top 24 bits, so every value is exact in float and 1 never appears.
    constexpr float nextFloat() { return float(nextU64() >> 40) * (1.0f / 16777216.0f); }

    /// The whole state: a generator made from it continues the same sequence.
    constexpr std::uint64_t state() const { return m_state; }

private:
    std::uint64_t m_state;
};

}  // namespace signe::brushes
