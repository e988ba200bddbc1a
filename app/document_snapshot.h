// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

namespace signe::core {
class Document;
}

namespace signe::app {

/// A copy of `doc` for saving or exporting on another thread while the painter goes on
/// painting: size, resolution, background, light, drying, the paint clock and the layer tree
/// with its properties (wetness included). No history. Cheap: the layers share their tiles
/// with `doc` copy-on-write, so a later stroke on `doc` copies the tiles it touches instead of
/// changing the snapshot's.
///
/// Threading: make the snapshot on the thread that edits `doc`, let one worker read it, and
/// destroy it on the editing thread after the worker has finished (joined). While it lives,
/// `doc` sees its tiles as shared and never writes them in place; destroying it on the
/// editing thread, after the join, orders the worker's last reads before `doc` may again
/// write a tile in place (a use_count() of 1 read on another thread would not).
/// TODO(#5): this belongs in core (Document::snapshot()), next to what the OpenRaster writer
/// reads, so a new document property cannot be forgotten here.
std::unique_ptr<core::Document> snapshotDocument(const core::Document& doc);

}  // namespace signe::app
