// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <vector>

#include "brushes/input_event.h"

namespace signe::brushes {

/// The state of the stroke at one dab: everything the dynamics read from the input.
struct PathSample {
    double x = 0, y = 0;  ///< canvas px, sub-pixel
    float pressure = 1;   ///< 0..1
    float xtilt = 0;      ///< -1..1, passed on for the dynamics to turn into elevation/direction
    float ytilt = 0;      ///< -1..1
    float rotation = 0;   ///< barrel rotation, degrees in -180..180
    double t = 0;         ///< seconds, as the events' times, interpolated along the path
    double distance = 0;  ///< px along the path from the stroke start
    float direction = 0;  ///< radians, atan2(dy, dx) of travel (y down); see StrokePath
    float speed = 0;      ///< px/s, smoothed (kSpeedTimeConstant); 0 at the start
};

/// Canvas px from the dab at this sample to the next one (clamped to kMinSpacing..kMaxSpacing).
using SpacingFn = std::function<double(const PathSample&)>;
/// Receives one dab.
using DabFn = std::function<void(const PathSample&)>;

/// Places dabs along a smooth curve through the (smoothed) input events of one stroke.
///
///     StrokePath path;
///     path.begin(events[0], dab);                          // the first dab, at once
///     for (i = 1..) path.add(events[i], spacing, dab);     // dabs up to event i - 1
///     path.end(spacing, dab);                              // the last stretch
///
/// The curve is a centripetal Catmull-Rom spline (knot intervals sqrt(chord length)), which
/// passes through every event, has no cusps or loops within a segment and does not overshoot
/// on sharp turns or uneven event spacing. The segment between events i and i+1 needs event
/// i+2 for its end tangent, so it is drawn when that event arrives; end() draws the last one.
/// At the stroke's two ends the missing neighbour is the mirror image of the existing one
/// across the perpendicular bisector of the end segment, so an end segment bends like its
/// neighbour (a circle stays a circle up to its ends; two events give a straight line).
///
/// Dabs are placed by arc length, measured by adaptive Gauss-Legendre quadrature and inverted
/// by safeguarded Newton iteration (error far below a micro-pixel), and the distance still to
/// go is carried from segment to segment. So dab positions depend only on the path and the
/// spacing function, not on how many events describe the path or when they came. Pressure,
/// tilt, rotation, time and speed vary linearly with arc length within a segment.
///
/// Events closer than kDuplicateDistance to the previous one add no segment; they update that
/// event's pressure, tilt, rotation and time. Events with a non-finite field are ignored, and
/// a time earlier than the previous event's is raised to it.
class StrokePath {
public:
    /// The least spacing honoured, px: spacing functions returning less (or NaN) get this.
    static constexpr double kMinSpacing = 0.05;
    /// The largest spacing honoured, px (an infinite spacing means no more dabs in practice).
    static constexpr double kMaxSpacing = 1e9;
    /// A segment that would need more dabs than this gets only this many; the rest of it is
    /// skipped and the next dab comes one spacing after the segment's end. Only a glitch (a
    /// jump across 5000 px at the minimum spacing) reaches it; it bounds the work such a jump
    /// costs.
    static constexpr int kMaxDabsPerSegment = 100'000;
    /// Events nearer than this (px) to the previous one are the same point.
    static constexpr double kDuplicateDistance = 1e-6;
    /// Speed is the pointer's speed between events smoothed by an exponential with this time
    /// constant (seconds): rate-independent, and steady enough for dynamics.
    static constexpr double kSpeedTimeConstant = 0.05;

    /// Starts a stroke at `e` and emits its first dab there (distance 0, speed 0). When dabs
    /// need their direction, that dab waits for the path's first segment, to take the direction
    /// the path sets off in (it comes first all the same; a stroke of one event gets 0).
    void begin(const InputEvent& e, const DabFn& dab);
    /// Adds the next event, emitting the dabs of the segment that is now fully known.
    /// Without a begin(), begins the stroke at `e`.
    void add(const InputEvent& e, const SpacingFn& spacing, const DabFn& dab);
    /// Draws the rest of the stroke; the path is then ready for the next begin().
    void end(const SpacingFn& spacing, const DabFn& dab);

    /// One piece of a segment's arc-length table: parameter range and arc length at its ends.
    struct ArcPiece {
        double u0, u1, s0, s1;
    };

    /// Whether dabs get their direction of travel (PathSample::direction; on by default). It
    /// costs an arc tangent per dab, so a brush that reads no direction turns it off and gets 0.
    void setDirectionNeeded(bool needed) { m_directionNeeded = needed; }

    /// Dabs emitted since the last begin().
    int dabCount() const { return m_dabs; }
    /// Path length drawn so far, px.
    double distance() const { return m_distance; }

private:
    /// An event as the curve sees it, with rotation unwrapped so it interpolates the short way.
    struct Knot {
        double x = 0, y = 0, t = 0;
        double pressure = 1, xtilt = 0, ytilt = 0, rotation = 0;
        double speed = 0;
    };

    Knot knotFor(const InputEvent& e) const;
    void placeDab(const PathSample& sample, const DabFn& dab);
    void drawSegment(const Knot* before, const Knot& a, const Knot& b, const Knot* after,
                     const SpacingFn& spacing, const DabFn& dab);

    bool m_active = false;
    std::vector<Knot> m_knots;  // the last up to four distinct events
    double m_lastX = 0, m_lastY = 0, m_lastT = 0, m_lastRotation = 0;  // the previous event
    double m_speed = 0;
    double m_speedSince = 0;     // time of the last speed update
    double m_speedDistance = 0;  // distance moved since then
    double m_distance = 0;       // arc length up to the end of the last drawn segment
    PathSample m_lastDab;
    bool m_toNextKnown = false;  // m_toNext is computed from the first dab lazily (needs spacing)
    double m_toNext = 0;         // px from the end of the drawn path to the next dab
    int m_dabs = 0;
    bool m_directionNeeded = true;
    bool m_firstWaiting = false;  // the first dab waits for the first segment's direction
    PathSample m_first;
    std::vector<ArcPiece> m_arcTable;  // the segment being drawn's, kept for its storage
};

}  // namespace signe::brushes
