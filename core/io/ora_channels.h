// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <string_view>

#include "core/layer.h"

namespace signe::core::ora {

/// The per-layer sample channels Signe keeps beside colour. Each one a layer holds is written
/// as a 16-bit grey PNG under signe/ (no colour space: the values are data), cropped to its
/// stored tiles, and named on the <layer> by three attributes in Signe's namespace:
/// signe:<key> (the PNG's path), signe:<key>-x and signe:<key>-y (where its pixel (0, 0) sits
/// on the canvas). Readers that do not know Signe's namespace ignore all of it.
///
/// To add a channel (wetness, TODO(#5): it is being added to Layer now), give Layer a
/// `BasicTileStore<std::uint16_t>` accessor pair and add a row here: the writer, the reader
/// and the round-trip test (OpenRaster.ExtraChannelsRoundTrip) go through this table.
struct ExtraChannel {
    std::string_view key;  ///< attribute name and file prefix: "thickness"
    ThicknessStore& (*store)(Layer&);
    const ThicknessStore& (*storeOf)(const Layer&);
};

inline constexpr std::array<ExtraChannel, 1> kExtraChannels = {{
    {"thickness", [](Layer& l) -> ThicknessStore& { return l.thickness(); },
     [](const Layer& l) -> const ThicknessStore& { return l.thickness(); }},
}};

/// The path of Signe's document-level data (light, background) inside the archive: JSON,
/// {"light": {...}, "background": "#rrrrggggbbbbaaaa"}. TODO(#5): the preset used last goes
/// here too.
inline constexpr std::string_view kDocumentDataPath = "signe/document.json";

}  // namespace signe::core::ora
