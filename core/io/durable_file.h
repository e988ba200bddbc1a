// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

#include "core/result.h"

namespace signe::core {

/// Flushes a finished file's bytes to the disk: done before it is renamed over the file it
/// replaces, so that a crash just after the rename cannot leave an empty file there.
Result<void> flushToDisk(const std::filesystem::path& path);

/// Flushes the folder holding `path`, so that a file created or renamed in it survives a crash.
/// Best effort: some file systems refuse to flush a folder, and nothing depends on it but that.
void flushFolderOf(const std::filesystem::path& path);

}  // namespace signe::core
