// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/tile.h"

namespace signe::core {

/// How paint dries, on a layer or as the document's default (docs/brush-engine.md, "Wetness
/// and drying"). Wet paint mixes with the strokes that cross it; dry paint is only painted
/// over. Wetness falls linearly from 1, as the paint is laid, to 0 after `amount` strokes (of
/// the whole document) or seconds of painting.
enum class DryingMode : std::uint8_t {
    Inherit,  ///< layers only: follow the document
    Never,    ///< stays wet for ever (every digital paint's default)
    Strokes,  ///< dry after `amount` more strokes
    Seconds,  ///< dry after `amount` seconds of the document's clock
};

struct Drying {
    DryingMode mode = DryingMode::Inherit;
    float amount =
        0;  ///< strokes (1..kMaxDryingStrokes) or seconds (kMinDryingSeconds..kMaxDryingSeconds)

    static constexpr float kMaxDryingStrokes = 65535;
    static constexpr float kMinDryingSeconds = 0.1f;
    static constexpr float kMaxDryingSeconds = 7 * 24 * 3600;

    bool dries() const { return mode == DryingMode::Strokes || mode == DryingMode::Seconds; }
    friend bool operator==(const Drying&, const Drying&) = default;
};

/// Checks the amount against the mode's range; the error names the value and the range.
Result<void> validateDrying(const Drying& drying);
/// "never", "inherit", "strokes:N" or "seconds:S", as the CLI and files spell it.
Result<Drying> parseDrying(std::string_view text);
std::string dryingName(const Drying& drying);

/// The document's paint clock: it counts strokes and keeps the time each began, which is what
/// wetness stamps refer to. It only moves forward (undo does not turn it back). The app sets
/// the time from a wall clock while the document is open; the CLI from the events' times.
class PaintClock {
public:
    /// Strokes begun so far: the stamp of the latest (0 before the first).
    WetStamp strokes() const { return WetStamp(m_strokeSeconds.size()); }
    /// The clock's time, in seconds.
    double seconds() const { return m_seconds; }
    /// Moves the time to `seconds` (ignored when it would go back or is not finite).
    void setSeconds(double seconds);
    /// Starts a stroke at the current time and returns its stamp (1, 2, ...).
    WetStamp beginStroke();
    /// When stroke `stamp` (1..strokes()) began.
    double strokeSeconds(WetStamp stamp) const { return m_strokeSeconds[stamp - 1]; }
    /// The clock as saved with a document, and restored from one (times must not decrease).
    const std::vector<double>& strokeTimes() const { return m_strokeSeconds; }
    Result<void> restore(double seconds, std::vector<double> strokeTimes);

private:
    double m_seconds = 0;
    std::vector<double> m_strokeSeconds;  // by stamp - 1
};

/// How wet the paint of every earlier stroke is, as one stroke (`now`) sees it: a table by age
/// in strokes, fixed for the stroke so that it paints the same pixels however long it takes.
///
///     WetnessScale wet(clock, drying, stamp);   // stamp = clock.beginStroke()
///     float w = wet.wetness(stamps.pixel(x, y)); // 1 wet .. 0 dry
///     WetStamp s = wet.stampFor(0.5f);           // the newest stamp that is at most that wet
class WetnessScale {
public:
    /// Everything wet: what a layer that never dries sees.
    WetnessScale() = default;
    WetnessScale(const PaintClock& clock, const Drying& drying, WetStamp now);

    /// False when paint never dries: wetness() is then 1 for everything and nothing needs
    /// stamping.
    bool dries() const { return m_dries; }
    WetStamp now() const { return m_now; }
    float wetness(WetStamp stamp) const
    {
        if (!m_dries) return 1.0f;
        if (stamp == kDry || stamp > m_now) return stamp == kDry ? 0.0f : 1.0f;
        const WetStamp age = m_now - stamp;
        return age < m_byAge.size() ? m_byAge[age] : 0.0f;
    }
    /// The stamp that gives a pixel at least wetness `w` now and dries with it: the oldest
    /// stamp whose wetness is >= w (kDry for w <= 0, `now` for w >= 1).
    WetStamp stampFor(float w) const;

private:
    bool m_dries = false;
    WetStamp m_now = 0;
    std::vector<float> m_byAge;  // wetness of the paint of stroke now - i; past the end, 0
};

}  // namespace signe::core
