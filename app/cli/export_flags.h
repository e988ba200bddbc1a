// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "core/io/image_io.h"
#include "core/result.h"

namespace signe::cli {

/// The options `convert` and `flatten` take for the file they write: --bits, --quality, --exr,
/// --scale, --width, --height and --threads take a value; --exr-layers and --no-background
/// are switches. The usage text describing them is kExportFlagsUsage.
std::vector<std::string> exportValueNames();
std::vector<std::string> exportSwitchNames();
extern const char* const kExportFlagsUsage;

/// What the export flags ask for.
struct ExportFlags {
    core::ExportOptions options;  ///< threads filled in; progress left for the caller
    /// The flags given that only a flattened (raster) file can honour, as typed ("--bits"), so
    /// that writing OpenRaster can refuse them instead of quietly ignoring them.
    std::vector<std::string> rasterOnly;
};

/// Reads the flags' values. Each must be well formed and within its own range (an error
/// names the flag and the value); whether the output format accepts it (16-bit JPEG, quality
/// for PNG) is exportFlattened's to judge. --threads defaults to one per core.
core::Result<ExportFlags> readExportFlags(const CliOptions& options);

/// Checks that the format of `out` (by its extension) takes every flag given, so that a wrong
/// combination is refused in the flags' own words ("--bits 16: JPEG holds 8 bits a channel")
/// before the input is read. For OpenRaster output every raster-only flag is refused.
/// exportFlattened checks the same rules again; this is the command line's early warning.
core::Result<void> checkExportFlagsFit(const ExportFlags& flags, const std::filesystem::path& out);

}  // namespace signe::cli
