// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/document_snapshot.h"

#include "core/document.h"

namespace signe::app {

std::unique_ptr<core::Document> snapshotDocument(const core::Document& doc)
{
    // The source is a valid document, so its size and resolution are valid too.
    auto copy =
        core::Document::createEmpty(doc.width(), doc.height(), doc.background(), doc.dpi()).value();
    copy->setLightDirect(doc.light());
    copy->setDryingDirect(doc.drying());
    // Wetness stamps refer to the clock's strokes: the copy needs the same clock.
    (void)copy->clock().restore(doc.clock().seconds(), doc.clock().strokeTimes());
    copy->mutableRoot().properties() = doc.root().properties();
    // New ids are harmless: a save writes no ids, and nothing refers into the copy.
    for (const auto& child : doc.root().children())
        copy->insertNode(core::kNoLayer, -1, child->cloneWithNewIds(copy->nextIdRef()));
    return copy;
}

}  // namespace signe::app
