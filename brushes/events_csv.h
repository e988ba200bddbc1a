// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <vector>

#include "brushes/input_event.h"
#include "core/result.h"

namespace signe::brushes {

/// Strokes as read from a stroke events file: one vector of events per stroke, never empty.
using EventStrokes = std::vector<std::vector<InputEvent>>;

/// The most events one file may hold, so a hostile file cannot make us allocate without bound.
inline constexpr std::size_t kMaxCsvEvents = 10'000'000;
/// The longest line accepted, in bytes (room for many extra columns).
inline constexpr std::size_t kMaxCsvLineLength = 65'536;
/// Canvas coordinates beyond this magnitude are rejected as nonsense.
inline constexpr double kMaxCsvCoordinate = 1e7;

/// Reads a stroke events file (design.md, "Stroke events file"):
///
///     t,x,y,pressure,xtilt,ytilt
///     0.000,100.0,100.0,0.50,0.0,0.0
///
///     0.500,300.0,300.0,0.30,0.0,0.0
///
/// The header names the columns, in any order; t, x and y are required, pressure defaults to 1,
/// xtilt, ytilt and rotation (degrees) to 0, and unknown columns are ignored. A blank line ends a
/// stroke. CRLF line ends and a UTF-8 byte order mark are accepted. Pressure outside 0..1 and
/// tilt outside -1..1 are clamped into range (devices overshoot). Any malformed line is an
/// ErrorCode::Corrupt error whose message starts "line N: " and quotes the bad value.
/// `maxEvents` caps the total number of events (tests lower it).
core::Result<EventStrokes> readEventsCsv(std::istream& in, std::size_t maxEvents = kMaxCsvEvents);

/// readEventsCsv() on a file; messages name the file ("strokes.csv line 12: ...").
core::Result<EventStrokes> readEventsCsvFile(const std::filesystem::path& path);

/// Writes strokes in the format readEventsCsv() reads, with the columns
/// t,x,y,pressure,xtilt,ytilt,rotation and the shortest text that reads back to the same
/// values. Empty strokes are skipped (the format cannot express them). The caller checks the
/// stream's state for write errors.
void writeEventsCsv(std::ostream& out, const EventStrokes& strokes);

}  // namespace signe::brushes
