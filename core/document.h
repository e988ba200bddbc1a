// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/color.h"
#include "core/commands/set_document_command.h"
#include "core/history.h"
#include "core/journal/document_operation.h"
#include "core/layer.h"
#include "core/light.h"
#include "core/rect.h"
#include "core/result.h"

namespace signe::core {

/// Largest canvas side we accept. Storage is sparse, so the limit guards what a full export or a
/// fully painted layer would need (65536^2 pixels at 8 bytes is 32 GiB), not what an empty
/// document costs.
inline constexpr std::int64_t kMaxCanvasSide = 65536;

/// A painting: canvas size, resolution, background and a tree of layers, with its history.
///
///     auto doc = Document::create(2048, 1536).value();
///     LayerId ink = doc->addPaintLayer("Ink").value();
///     doc->setLayerOpacity(ink, 0.5f);   // undoable
///     doc->undo();
///
/// Every operation here is undoable and returns an error naming the bad value instead of
/// changing anything. Pixels are painted through a Transaction (core/transaction.h).
/// Not thread-safe: one thread edits a document at a time.
class Document {
public:
    /// Checks a canvas size without allocating anything.
    static Result<void> validateSize(std::int64_t width, std::int64_t height);
    /// A new document with one empty paint layer named "Layer 1".
    static Result<std::unique_ptr<Document>> create(std::int64_t width, std::int64_t height,
                                                    Color16 background = {65535, 65535, 65535,
                                                                          65535},
                                                    double dpi = 300.0);
    /// A new document with no layers at all (loaders build the tree themselves).
    static Result<std::unique_ptr<Document>> createEmpty(std::int64_t width, std::int64_t height,
                                                         Color16 background, double dpi);

    /// A copy of the document for reading on another thread (saving, exporting, a journal
    /// snapshot) while this one goes on being edited: size, resolution, background, light,
    /// drying, the paint clock and the layer tree with every property, pixel, thickness and
    /// wetness tile. No history, no listeners; its layers have new ids. Cheap: the copy shares
    /// its tiles with this document copy-on-write, so a later write here copies the tiles it
    /// touches instead of changing the copy's (it costs a pointer a tile, not the pixels).
    ///
    /// Threading: make the copy on the thread that edits this document; one other thread may
    /// then read it (and it alone). Destroy it on the editing thread after that thread has
    /// finished with it (joined, or its end seen through a mutex or an acquire): while the copy
    /// lives, this document sees its tiles as shared and never writes them in place, and
    /// destroying it on the editing thread orders the reader's last reads before this
    /// document may again write a tile in place (a use_count() of 1 read on another thread
    /// would not).
    std::unique_ptr<Document> snapshot() const;

    int width() const { return m_width; }
    int height() const { return m_height; }
    Rect bounds() const { return {0, 0, m_width, m_height}; }
    double dpi() const { return m_dpi; }
    Color16 background() const { return m_background; }

    Result<void> setDpi(double dpi);          ///< undoable
    Result<void> setBackground(Color16 c);    ///< undoable

    /// How impasto thickness is lit for display and export (core/light.h).
    const Light& light() const { return m_light; }
    /// Undoable; an error naming the field for a value out of range (nothing changes then).
    /// The azimuth is stored modulo 360. Lit tiles are recomputed, nothing else.
    Result<void> setLight(const Light& light);
    /// Shows or hides the relief (undoable; shorthand for setLight with `enabled` changed).
    Result<void> setLightEnabled(bool enabled);

    /// How paint dries where a layer says Inherit (core/wetness.h); Never by default.
    const Drying& drying() const { return m_drying; }
    /// Undoable; an error for Inherit or an amount out of range.
    Result<void> setDrying(const Drying& drying);
    /// How `layer`'s paint dries: its own setting, or the document's for Inherit.
    Drying effectiveDrying(const Layer& layer) const;
    /// The clock wetness is measured on: strokes and seconds (not part of history).
    PaintClock& clock() { return m_clock; }
    const PaintClock& clock() const { return m_clock; }

    /// The root group; its children are the top-level layers (children()[0] at the bottom).
    const Layer& root() const { return *m_root; }
    const Layer* layer(LayerId id) const;
    /// The group holding `id` (the root for top-level layers), or kNoLayer.
    LayerId parentOf(LayerId id) const;
    /// Position of `id` among its siblings (0 = bottom), or -1.
    int indexOf(LayerId id) const;
    /// All layers, depth first, each group before its children, bottom to top.
    std::vector<LayerId> layerIds() const;

    // Layer operations. `parent` kNoLayer means the root; `index` -1 means on top.
    Result<LayerId> addPaintLayer(const std::string& name, LayerId parent = kNoLayer,
                                  int index = -1);
    Result<LayerId> addGroup(const std::string& name, LayerId parent = kNoLayer, int index = -1);
    Result<void> removeLayer(LayerId id);
    /// Copies the layer (and children) just above itself; pixels are shared copy-on-write.
    Result<LayerId> duplicateLayer(LayerId id);
    /// Moves `id` under `newParent` at `newIndex` (counted after removal from its old place).
    Result<void> moveLayer(LayerId id, LayerId newParent, int newIndex);
    /// Composites a paint layer into the paint layer just below it (with its opacity and mode)
    /// and removes it. The lower layer keeps its properties. Thickness adds: the lower layer
    /// gets its own plus the upper's times the upper's opacity, clamped at kThicknessFull (a
    /// hidden upper layer adds nothing, as for colour). Wetness: each pixel keeps the wetter
    /// of the two stamps.
    Result<void> mergeDown(LayerId id);
    /// Replaces all layers with one paint layer holding their composite (no background), and
    /// as thickness the document's height (accumulateThickness: visible layers, each times its
    /// opacity), clamped at kThicknessFull; as wetness the wettest visible stamp of each pixel.
    Result<LayerId> flatten();
    Result<void> renameLayer(LayerId id, const std::string& name);
    /// Sets every property at once, as one history entry named `entryName`.
    Result<void> setLayerProperties(LayerId id, const LayerProperties& props,
                                    const std::string& entryName = "Layer properties");
    Result<void> setLayerVisible(LayerId id, bool visible);
    Result<void> setLayerOpacity(LayerId id, float opacity);
    Result<void> setLayerBlendMode(LayerId id, BlendMode mode);
    /// Undoable; Inherit follows the document.
    Result<void> setLayerDrying(LayerId id, const Drying& drying);
    /// Makes all of a paint layer's paint dry at once (undoable): it no longer mixes.
    Result<void> dryLayer(LayerId id);
    /// Makes all of a paint layer's paint wet, as if laid now (undoable; starts a stroke on the
    /// clock): paint laid while the layer never dried, or imported, becomes workable again.
    Result<void> wetLayer(LayerId id);

    History& history() { return m_history; }
    const History& history() const { return m_history; }
    bool undo();
    bool redo();

    /// Where `id` sits in the tree (empty for the root, or for an id not in the document).
    LayerPath pathOf(LayerId id) const;
    /// The layer at `path` (the root's id for an empty path), or kNoLayer.
    LayerId layerAtPath(const LayerPath& path) const;

    /// Called after every change the document records in its history, with what it did
    /// (core/journal/document_operation.h); the stroke journal listens. One listener at a time;
    /// an empty function removes it.
    using OperationListener = std::function<void(const DocumentOperation&)>;
    void setOperationListener(OperationListener listener)
    {
        m_operationListener = std::move(listener);
    }
    /// Tells the listener about `op` (transactions call it when they commit).
    void reportOperation(const DocumentOperation& op);

    /// Change notification. Region callbacks get canvas-space rectangles whose composite may
    /// have changed; structure callbacks fire when layers or their properties change.
    using RegionCallback = std::function<void(const Rect&)>;
    using StructureCallback = std::function<void()>;
    int addRegionListener(RegionCallback cb);
    int addStructureListener(StructureCallback cb);
    void removeListener(int handle);

    // --- Low-level access for commands and transactions: no history, no validation. ---
    Layer* mutableLayer(LayerId id);
    Layer& mutableRoot() { return *m_root; }
    /// Inserts `node` under `parent` at `index` (clamped), -1 for the top.
    void insertNode(LayerId parent, int index, std::shared_ptr<Layer> node);
    /// Takes `id` out of the tree and returns it.
    std::shared_ptr<Layer> detachNode(LayerId id);
    LayerId allocateId() { return m_nextId++; }
    LayerId& nextIdRef() { return m_nextId; }
    void setBackgroundDirect(Color16 c);
    void setDpiDirect(double dpi) { m_dpi = dpi; }
    void setDryingDirect(const Drying& drying) { m_drying = drying; }
    /// Sets the light and marks what it lights dirty: every thickness tile grown by one pixel,
    /// when the light was or is on.
    void setLightDirect(const Light& light);
    /// Announces that the composite of `canvasRect` may have changed.
    void notifyRegion(const Rect& canvasRect);
    /// Announces that the thickness of `canvasRect` changed: with the light on, the lit
    /// composite of `canvasRect` grown by one pixel (normals read their neighbours) may have
    /// changed; with it off, nothing shown has.
    void notifyThickness(const Rect& canvasRect);
    /// Announces a change to what layer `id` shows: its bounds (and, with the light on, each of
    /// its thickness tiles grown by one pixel), or the whole canvas for modes that act outside
    /// the source.
    void notifyLayerChanged(const Layer& layer);
    void notifyStructure();

private:
    Document(int width, int height, Color16 background, double dpi);
    Result<Layer*> findEditable(LayerId id, const char* what);
    Result<Layer*> findGroupOrRoot(LayerId id);
    Result<LayerId> addNode(LayerKind kind, const std::string& name, LayerId parent, int index);
    /// Validates the edited properties and makes one history entry named `entryName`.
    Result<void> editLayer(LayerId id, const std::string& entryName,
                           const std::function<void(LayerProperties&)>& edit);
    /// Applies and records `command`, then reports `op`.
    void execute(std::unique_ptr<Command> command, const DocumentOperation& op);
    /// Records a change of background, resolution or drying (`after`) as one history entry.
    void changeSettings(const char* entryName, const SetDocumentCommand::State& after,
                        const DocumentOperation& op);
    /// A DocumentOperation of `kind` on `layer` (its path, taken now).
    DocumentOperation operationOn(DocumentOperation::Kind kind, LayerId layer) const;
    /// Notifies each run of horizontally adjacent thickness tiles of `layer`'s subtree, grown
    /// by one pixel (what lighting them reads).
    void notifyThicknessTiles(const Layer& layer);

    int m_width;
    int m_height;
    double m_dpi;
    Color16 m_background;
    Light m_light;
    Drying m_drying{DryingMode::Never, 0};
    PaintClock m_clock;
    std::shared_ptr<Layer> m_root;
    LayerId m_nextId = 1;
    History m_history;
    int m_nextHandle = 1;
    std::map<int, RegionCallback> m_regionListeners;
    std::map<int, StructureCallback> m_structureListeners;
    OperationListener m_operationListener;
    bool m_reportTransactions = true;  // off while an operation paints through a transaction
};

}  // namespace signe::core
