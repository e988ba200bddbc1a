// SPDX-License-Identifier: GPL-3.0-or-later
// Opening and atomically writing image files through OpenImageIO: private to core/io/.
#pragma once

#include <OpenImageIO/imageio.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "core/result.h"

namespace signe::core::io {

/// "out.png" -> "out.png.signe-partial.png": same folder (so rename is atomic), same extension
/// (so OpenImageIO picks the same format).
std::filesystem::path partialPath(const std::filesystem::path& target);

/// Opens an image for reading, with errors that tell a missing file from an unreadable one,
/// and refuses one larger than `maxSide` a side (or with no pixels) before anything is decoded.
/// `config` asks OpenImageIO for a particular view of the file (may be null).
Result<std::unique_ptr<OIIO::ImageInput>> openImage(const std::filesystem::path& path, int maxSide,
                                                    const OIIO::ImageSpec* config = nullptr);

/// Writes one or more parts (subimages) beside `path` and renames the finished file over it;
/// on any failure the target is left as it was and the partial file removed. `body` is called
/// once per part, after that part is opened, and returns false on a write error.
Result<void> writeAtomically(const std::filesystem::path& path,
                             const std::vector<OIIO::ImageSpec>& parts,
                             const std::function<bool(OIIO::ImageOutput&, int part)>& body);

/// Single-part shorthand.
Result<void> writeAtomically(const std::filesystem::path& path, const OIIO::ImageSpec& spec,
                             const std::function<bool(OIIO::ImageOutput&)>& body);

}  // namespace signe::core::io
