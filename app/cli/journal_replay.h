// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/journal/journal.h"

namespace signe::cli {

/// Where signe-cli finds the bitmap tips shipped with Signe (resources/tips), unless told.
std::filesystem::path shippedTipsFolder();

/// Replays a journal's strokes for recoverJournal, loading bitmap tips from `tips`.
core::StrokeReplayer strokeReplayer(std::filesystem::path tips, int threads);

/// A journal record's stroke in words, for `info` (or why it cannot be read).
std::string strokeInWords(std::string_view stroke);

/// True for a .signe-journal path.
bool isJournalPath(const std::filesystem::path& path);

}  // namespace signe::cli
