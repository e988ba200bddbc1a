// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "core/document.h"

namespace signe::cli {

/// Prints what `signe-cli info` says about any document, after the file's own lines (file,
/// format, size...): its settings and its layer tree, top to bottom, one line a layer, each
/// level of nesting indented by two more spaces:
///
///     dpi: 300
///     background: #ffffff
///     light: on azimuth=315 elevation=45 strength=0.75 shine=0.2 shininess=40 relief=16
///     drying: never
///     layers: 2 (top to bottom)
///       "Sky" group visible=yes opacity=1 blend=svg:src-over offset=0,0 alpha-lock=no
///           edit-lock=no isolated=yes bounds=64x32@0,0        (one line in the output)
///         "Cloud" paint visible=yes ... bounds=64x32@0,0
///
/// The format is documented in docs/cli.md and the --help text; scripts parse it, so change
/// it only by adding fields at the end of a line.
void printDocumentSummary(const core::Document& doc, std::ostream& out);

/// One layer's line without indentation: quoted name, kind, then key=value fields.
std::string layerLine(const core::Layer& layer);

/// The canvas rectangle holding every pixel of the layer (a group: of its descendants) that
/// is not fully transparent; empty when there is none. Exact to the pixel, unlike
/// Layer::bounds(), which covers whole stored tiles and so depends on how a file was cropped.
core::Rect paintedBounds(const core::Layer& layer);

/// `text` in double quotes, with '"', '\' and control characters escaped (\n, \t, \xNN), so a
/// layer name always stays on its line and can be read back.
std::string quoted(std::string_view text);

/// The shortest text that reads back as the same value ("0.8", "300", "1e-05").
std::string shortest(double value);
std::string shortest(float value);

}  // namespace signe::cli
