// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/color.h"
#include "core/layer.h"
#include "core/light.h"
#include "core/result.h"
#include "core/wetness.h"

namespace signe::core {

class Document;

/// A layer named by where it sits: the child index at each level from the root down (0 is the
/// bottom child). Unlike ids, paths are the same after a document is saved and loaded again,
/// which is what a journal replayed onto a loaded snapshot needs. Empty: the root.
using LayerPath = std::vector<int>;

/// One undoable change a Document made, as the stroke journal records it (docs/journal.md):
/// enough to make the same change again on a document in the same state. Layers are named by
/// their paths before the change.
struct DocumentOperation {
    enum class Kind {
        AddPaintLayer,       ///< name, parent, index
        AddGroup,            ///< name, parent, index
        RemoveLayer,         ///< layer
        DuplicateLayer,      ///< layer
        MoveLayer,           ///< layer, parent, index (counted after removal)
        MergeDown,           ///< layer (the upper one)
        Flatten,             ///<
        SetLayerProperties,  ///< layer, properties (all of them, as they became)
        SetDpi,              ///< dpi
        SetBackground,       ///< background
        SetLight,            ///< light
        SetDrying,           ///< drying
        DryLayer,            ///< layer
        WetLayer,            ///< layer
        Undo,                ///<
        Redo,                ///<
        /// Pixels changed through a Transaction (a brush stroke, a fill...): name is the
        /// transaction's. The document cannot say how; whoever journals it knows, or snapshots.
        Pixels,
    };
    Kind kind = Kind::Pixels;
    LayerPath layer;
    LayerPath parent;
    int index = -1;
    std::string name;
    LayerProperties properties;
    double dpi = 0;
    Color16 background;
    Light light;
    Drying drying;
};

/// The operation as one line of JSON text, and back; decoding names what is wrong.
std::string encodeOperation(const DocumentOperation& op);
Result<DocumentOperation> decodeOperation(std::string_view json);

/// Makes the change again on `doc` (an error if a layer path or a value does not fit it).
/// Pixels cannot be applied: the error says so.
Result<void> applyOperation(Document& doc, const DocumentOperation& op);

}  // namespace signe::core
