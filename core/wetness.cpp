// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wetness.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace signe::core {

namespace {

/// Strokes the table of a WetnessScale reaches back at most: paint older than this many
/// strokes counts as dry whatever the drying time (65536 strokes is days of painting).
constexpr std::size_t kMaxAges = 65536;

std::string number(float v)
{
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc{} ? std::string(buffer, end) : std::to_string(v);
}

}  // namespace

Result<void> validateDrying(const Drying& drying)
{
    const float v = drying.amount;
    if (drying.mode == DryingMode::Strokes && !(v >= 1.0f && v <= Drying::kMaxDryingStrokes))
        return fail(ErrorCode::InvalidArgument, "drying after " + number(v) +
                                                    " strokes is out of range: it must be 1.." +
                                                    number(Drying::kMaxDryingStrokes));
    if (drying.mode == DryingMode::Seconds &&
        !(v >= Drying::kMinDryingSeconds && v <= Drying::kMaxDryingSeconds))
        return fail(ErrorCode::InvalidArgument, "drying after " + number(v) +
                                                    " seconds is out of range: it must be " +
                                                    number(Drying::kMinDryingSeconds) + ".." +
                                                    number(Drying::kMaxDryingSeconds));
    return {};
}

Result<Drying> parseDrying(std::string_view text)
{
    if (text == "never") return Drying{DryingMode::Never, 0};
    if (text == "inherit") return Drying{DryingMode::Inherit, 0};
    const auto colon = text.find(':');
    const std::string_view kind = text.substr(0, colon);
    if (colon != std::string_view::npos && (kind == "strokes" || kind == "seconds")) {
        const std::string_view value = text.substr(colon + 1);
        float amount = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), amount);
        if (ec != std::errc{} || end != value.data() + value.size() || value.empty())
            return fail(ErrorCode::InvalidArgument, "drying '" + std::string(text) + "': '" +
                                                        std::string(value) + "' is not a number");
        const Drying d{kind == "strokes" ? DryingMode::Strokes : DryingMode::Seconds, amount};
        if (auto ok = validateDrying(d); !ok) return tl::unexpected(ok.error());
        return d;
    }
    return fail(
        ErrorCode::InvalidArgument,
        "drying '" + std::string(text) + "' is not one of never, inherit, strokes:N or seconds:S");
}

std::string dryingName(const Drying& drying)
{
    switch (drying.mode) {
        case DryingMode::Inherit:
            return "inherit";
        case DryingMode::Never:
            return "never";
        case DryingMode::Strokes:
            return "strokes:" + number(drying.amount);
        case DryingMode::Seconds:
            return "seconds:" + number(drying.amount);
    }
    return "never";
}

void PaintClock::setSeconds(double seconds)
{
    if (std::isfinite(seconds) && seconds > m_seconds) m_seconds = seconds;
}

WetStamp PaintClock::beginStroke()
{
    // A stamp is 32 bits; 4 billion strokes will not be painted, but a corrupt clock restored
    // from a file must not wrap round to "dry" either.
    if (m_strokeSeconds.size() < std::size_t(UINT32_MAX)) m_strokeSeconds.push_back(m_seconds);
    return strokes();
}

Result<void> PaintClock::restore(double seconds, std::vector<double> strokeTimes)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return fail(ErrorCode::InvalidArgument,
                    "paint clock time " + std::to_string(seconds) + " is not a time in seconds");
    double last = 0;
    for (std::size_t i = 0; i < strokeTimes.size(); ++i) {
        const double t = strokeTimes[i];
        if (!std::isfinite(t) || t < last || t > seconds)
            return fail(ErrorCode::InvalidArgument, "paint clock: stroke " + std::to_string(i + 1) +
                                                        " began at " + std::to_string(t) +
                                                        " s, out of order");
        last = t;
    }
    m_seconds = seconds;
    m_strokeSeconds = std::move(strokeTimes);
    return {};
}

WetnessScale::WetnessScale(const PaintClock& clock, const Drying& drying, WetStamp now)
    : m_dries(drying.dries()), m_now(now)
{
    if (!m_dries) return;
    // Wetness by age falls linearly to 0 at the drying amount; the table stops at the first
    // dry age (or at the first stroke, or kMaxAges back).
    const std::size_t reach = std::min<std::size_t>(now, kMaxAges);
    for (std::size_t age = 0; age < reach; ++age) {
        const WetStamp stamp = now - WetStamp(age);
        const double elapsed = drying.mode == DryingMode::Strokes
                                   ? double(age)
                                   : clock.strokeSeconds(now) - clock.strokeSeconds(stamp);
        const double w = 1.0 - elapsed / double(drying.amount);
        if (!(w > 0.0)) break;
        m_byAge.push_back(float(w));
    }
}

WetStamp WetnessScale::stampFor(float w) const
{
    if (!m_dries || w >= 1.0f) return m_now;
    if (!(w > 0.0f)) return kDry;
    // The table falls with age: the last age still at least w.
    const auto firstBelow =
        std::partition_point(m_byAge.begin(), m_byAge.end(), [&](float v) { return v >= w; });
    const auto ages = std::size_t(firstBelow - m_byAge.begin());
    return ages == 0 ? kDry : m_now - WetStamp(ages - 1);
}

}  // namespace signe::core
