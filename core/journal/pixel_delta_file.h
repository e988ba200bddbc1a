// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/journal/pixel_delta.h"
#include "core/result.h"

namespace signe::core {

/// What writing a delta file made of it.
struct PixelDeltaWritten {
    std::string checksum;  ///< 8 hex digits: the CRC-32 of the compressed payload
    std::uintmax_t fileBytes = 0;
};

/// Writes `delta` to `file` (replacing it) and flushes it and its folder to the disk: once
/// this returns, a journal record may point to it. The format (docs/journal.md, "Pixel
/// deltas"): the 8 bytes "SGNDELT1"; a zlib stream (level 1: the file lives until the next
/// snapshot, and it is written on the editing thread) of one entry a tile: channel (u8: 0
/// colour, 1 thickness, 2 wetness), form (u8: 0 none, 1 uniform, 2 full), path length (u16),
/// path (i32 each), tile x and y (i32), then no sample, one, or 64 x 64 samples; then a
/// trailer: tile count, payload bytes before and after compression (u64 each) and the CRC-32
/// of the compressed bytes (u32). Little-endian, as the machine that reads it back writes.
Result<PixelDeltaWritten> writePixelDelta(const PixelDelta& delta,
                                          const std::filesystem::path& file);

/// Reads a delta file, checking it whole against `checksum` (what the journal's record says)
/// before anything is decoded; an error naming the file for one that is missing, cut off,
/// damaged or not the one the record meant.
Result<PixelDelta> readPixelDelta(const std::filesystem::path& file, const std::string& checksum);

}  // namespace signe::core
