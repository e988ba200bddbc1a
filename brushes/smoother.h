// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <vector>

#include "brushes/input_event.h"
#include "brushes/smoothing_settings.h"

namespace signe::brushes {

/// Turns the raw pointer events of one stroke into the events the brush follows, by the
/// preset's or the user's SmoothingSettings. Deterministic: the same events give the same output.
///
///     Smoother smoother(settings);
///     std::vector<InputEvent> out;
///     for (const InputEvent& raw : events) smoother.push(raw, out);  // 0..1 events each
///     smoother.finish(out);  // the catch-up to where the pointer was lifted
///
/// - None passes events through.
/// - Weighted: an exponential follower whose lag is a distance, not a per-event weight. Over
///   each pointer movement of length d (the pointer taken as moving straight between events)
///   the offset e = brush - pointer follows de/ds = -e/D - v, with s the pointer's path length,
///   v its unit direction and D = `distance`; the step is solved exactly:
///   e_new = a * e_old - v * D * (1 - a),  a = exp(-d/D).
///   On a straight line the brush settles exactly D behind the pointer, and sampling the same
///   path more densely gives the same brush path. Pressure, tilt and rotation trail the same way,
///   so they stay with the position they were recorded at.
/// - Stabiliser: a pulled string of length `lazyRadius`: the brush moves only when the pointer
///   is further away, and then along the string so it stays exactly that far behind. The
///   pointer's movement is applied in steps of at most 1/16 of the string, so the result barely
///   depends on the event rate. Pressure, tilt and rotation are those the pointer had one string
///   length earlier along its own path, so a pen lift's taper lands at the end of the stroke.
///
/// Output events keep the raw event's time (so time never goes backwards); events emitted by
/// finish() carry the time of the last raw event; a raw time earlier than the previous one is
/// raised to it. Rotation comes out in degrees in -180..180. Events with a non-finite field are
/// dropped. After finish() the next push() starts a new stroke.
class Smoother {
public:
    explicit Smoother(SmoothingSettings settings);

    /// Feeds one raw event; appends the events the brush should follow now (possibly none).
    void push(const InputEvent& raw, std::vector<InputEvent>& out);
    /// Ends the stroke: appends events that carry the brush to the last raw event in a straight
    /// pull, kCatchUpStep apart (or in kMaxCatchUpEvents even steps when further), then resets.
    void finish(std::vector<InputEvent>& out);

    /// Forgets the current stroke without emitting anything.
    void reset();

    const SmoothingSettings& settings() const { return m_settings; }

    /// Spacing of catch-up events, canvas px.
    static constexpr double kCatchUpStep = 4.0;
    static constexpr int kMaxCatchUpEvents = 64;

private:
    /// The non-positional channels, with rotation unwrapped so it can be averaged.
    struct Channels {
        double pressure = 1, xtilt = 0, ytilt = 0, rotation = 0;
    };
    /// What the pointer had at some length along its path (Stabiliser).
    struct Trail {
        double length;
        Channels channels;
    };

    Channels rawChannels(const InputEvent& raw) const;
    InputEvent output(double t, double x, double y, const Channels& c) const;
    void pushWeighted(const InputEvent& raw, const Channels& rawC, std::vector<InputEvent>& out);
    void pushStabiliser(const InputEvent& raw, const Channels& rawC, std::vector<InputEvent>& out);
    Channels trailAt(double length) const;

    static constexpr int kMaxSubsteps = 4096;  // bounds the work a huge pointer jump costs

    SmoothingSettings m_settings;
    bool m_started = false;
    double m_lastT = 0;    // time of the last event emitted
    InputEvent m_lastRaw;  // the pointer's previous event
    Channels m_lastRawChannels;
    double m_brushX = 0, m_brushY = 0;  // where the brush is
    Channels m_brush;                   // the brush's channels (Weighted)
    double m_pointerLength = 0;         // the pointer's path length so far (Stabiliser)
    std::deque<Trail> m_trail;          // channels over the last string length of pointer path
};

}  // namespace signe::brushes
