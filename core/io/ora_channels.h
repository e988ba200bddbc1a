// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/layer.h"

namespace signe::core::ora {

/// The per-layer sample channels Signe keeps beside colour. Each one a layer holds is written
/// as a 16-bit PNG under signe/ (untagged: the values are data, not colour), cropped to its
/// stored tiles, and named on the <layer> by three attributes in Signe's namespace:
/// signe:<key> (the PNG's path), signe:<key>-x and signe:<key>-y (where its pixel (0, 0) sits
/// on the canvas). Readers that do not know Signe's namespace ignore all of it.
///
/// A channel is seen here as `samples` 16-bit PNG samples a pixel, whatever its own type:
///   thickness  Thickness16, 1 sample: a grey PNG
///   wetness    WetStamp (32 bits), 2 samples: a grey + alpha PNG holding the stamp's high
///              16 bits as grey and its low 16 bits as "alpha" (lossless; not an image)
/// A zero sample set is the channel's empty value (no thickness, kDry), never stored as a tile.
///
/// To add a channel, add a row here (and its pair of functions in ora_channels.cpp): the
/// writer, the reader and OpenRaster.ExtraChannelsRoundTrip go through this table.
struct ExtraChannel {
    std::string_view key;  ///< attribute name and file prefix: "thickness"
    int samples;           ///< 16-bit PNG samples a pixel: 1 (grey) or 2 (grey + alpha)
    bool (*isEmpty)(const Layer&);
    Rect (*bounds)(const Layer&);  ///< layer coordinates, tile-aligned
    /// Copies `rect` of the layer's channel into `out`, rect.w * samples values a row.
    void (*read)(const Layer&, const Rect& rect, std::uint16_t* out);
    /// Writes `rect` from `in` (a row every `stride` values, `samples` a pixel).
    void (*write)(Layer&, const Rect& rect, const std::uint16_t* in, std::ptrdiff_t stride);
};

extern const std::array<ExtraChannel, 2> kExtraChannels;

/// The path of Signe's document-level data inside the archive (core/io/ora_document_data.h).
inline constexpr std::string_view kDocumentDataPath = "signe/document.json";

}  // namespace signe::core::ora
