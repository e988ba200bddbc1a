// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/document.h"

namespace signe::core::ora {

/// signe/document.json: what a Signe document holds beyond its layers (docs/openraster.md,
/// "Signe's namespace"): background, light, drying, paint clock and the preset used last.
///
///     {"format": "signe-document", "version": 1,
///      "background": [r, g, b, a], "light": {...}, "drying": "strokes:12",
///      "clock": {"seconds": 81.5, "strokes": 240, "strokeTimes": "<base64>"},
///      "lastPreset": "Oil round"}
///
/// strokeTimes packs the clock's stroke start times compactly and exactly: the float64
/// values, little-endian, byte-shuffled (every value's byte 0, then every byte 1, ...: the
/// high bytes of a rising series of times repeat and deflate to almost nothing), zlib
/// compressed, base64. "strokes" is their count, checked against the unpacked size.
std::vector<std::uint8_t> writeDocumentData(const Document& doc, const std::string& lastPreset);

/// What readDocumentData found besides what it applied to the document.
struct DocumentDataRead {
    std::string lastPreset;      ///< "" when absent
    bool hasBackground = false;  ///< a valid background was read and applied
};

/// Applies the file's document data to `doc` (a fresh document). Each bad or missing value
/// costs a line in `warnings` and keeps the default, never the painting: a clock
/// PaintClock::restore refuses leaves the clock at 0.
DocumentDataRead readDocumentData(std::span<const std::uint8_t> bytes, Document& doc,
                                  std::vector<std::string>& warnings);

/// The most strokes a file's clock may list (128 MiB of times): a guard against a small
/// packed string that claims to unpack to gigabytes.
inline constexpr std::uint64_t kMaxClockStrokes = std::uint64_t(1) << 24;

/// Largest signe/document.json accepted. The clock's times are about 6 bytes a stroke once
/// packed, so this holds millions of strokes.
inline constexpr std::uint64_t kMaxDocumentDataBytes = std::uint64_t(64) << 20;

}  // namespace signe::core::ora
