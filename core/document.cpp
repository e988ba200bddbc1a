// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/document.h"

#include <algorithm>
#include <cmath>

#include "core/commands/insert_layer_command.h"
#include "core/commands/macro_command.h"
#include "core/commands/move_layer_command.h"
#include "core/commands/remove_layer_command.h"
#include "core/commands/replace_children_command.h"
#include "core/commands/set_document_command.h"
#include "core/commands/set_layer_properties_command.h"
#include "core/commands/set_light_command.h"
#include "core/commands/tiles_command.h"
#include "core/height_field.h"
#include "core/stack_compositor.h"
#include "core/transaction.h"

namespace signe::core {

namespace {

std::string layerNotFound(LayerId id) { return "no layer with id " + std::to_string(id); }

Thickness16 clampThickness(float v)
{
    return Thickness16(std::clamp(v, 0.0f, float(kThicknessFull)) + 0.5f);  // NaN -> 0
}

/// The tiles of `lower`'s channel T after combining `upper`'s into them sample by sample
/// (combine(below, above)), as changes for a TilesCommand; the layers are left as they are.
template <class T, class Combine>
std::vector<TilesCommand::BasicChange<T>> mergeChannel(const Layer& upper, const Layer& lower,
                                                       Combine&& combine)
{
    std::vector<TilesCommand::BasicChange<T>> changes;
    const BasicTileStore<T>& above = layerStore<T>(const_cast<Layer&>(upper));
    const BasicTileStore<T>& below = layerStore<T>(const_cast<Layer&>(lower));
    if (above.isEmpty()) return changes;
    // Upper layer coordinates + (dx, dy) = lower layer coordinates.
    const int dx = upper.properties().offsetX - lower.properties().offsetX;
    const int dy = upper.properties().offsetY - lower.properties().offsetY;
    std::vector<TileCoord> targets;
    for (TileCoord uc : above.coords()) {
        const Rect r = uc.pixelRect().translated(dx, dy);
        for (int ty = floorDiv(r.y, kTileSize); ty <= floorDiv(r.bottom() - 1, kTileSize); ++ty)
            for (int tx = floorDiv(r.x, kTileSize); tx <= floorDiv(r.right() - 1, kTileSize);
                 ++tx)
                targets.push_back({tx, ty});
    }
    std::sort(targets.begin(), targets.end(),
              [](TileCoord a, TileCoord b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    BasicTileStore<T> merged = below;
    std::vector<T> lowerSamples(kTilePixels), upperSamples(kTilePixels);
    for (TileCoord lc : targets) {
        const Rect r = lc.pixelRect();
        below.readRect(r, lowerSamples.data(), kTileSize);
        above.readRect(r.translated(-dx, -dy), upperSamples.data(), kTileSize);
        for (std::size_t i = 0; i < kTilePixels; ++i)
            lowerSamples[i] = combine(lowerSamples[i], upperSamples[i]);
        merged.writeRect(r, lowerSamples.data(), kTileSize);
        auto before = below.tile(lc), after = merged.tile(lc);
        if (before != after) changes.push_back({lower.id(), lc, before, after});
    }
    return changes;
}

/// Thickness adds, the upper layer's times its opacity.
std::vector<TilesCommand::ThicknessChange> mergeThickness(const Layer& upper, const Layer& lower)
{
    const float opacity = upper.properties().opacity;
    if (!(opacity > 0.0f)) return {};
    return mergeChannel<Thickness16>(upper, lower, [&](Thickness16 below, Thickness16 above) {
        return clampThickness(float(below) + float(above) * opacity);
    });
}

/// Merged paint is as wet as the wetter of the two.
std::vector<TilesCommand::WetChange> mergeWetness(const Layer& upper, const Layer& lower)
{
    return mergeChannel<WetStamp>(
        upper, lower, [](WetStamp below, WetStamp above) { return std::max(below, above); });
}

/// Puts into `flat` (canvas coordinates) the wettest stamp of each pixel over the visible paint
/// layers under `node`.
void accumulateWetness(const Layer& node, WetStore& flat)
{
    if (!node.properties().visible) return;
    for (const auto& child : node.children()) accumulateWetness(*child, flat);
    if (node.isGroup() || node.wetness().isEmpty()) return;
    const int dx = node.properties().offsetX, dy = node.properties().offsetY;
    std::vector<WetStamp> mine(kTilePixels), have(kTilePixels);
    for (TileCoord c : node.wetness().coords()) {
        const Rect local = c.pixelRect();
        const Rect canvas = local.translated(dx, dy);
        node.wetness().readRect(local, mine.data(), kTileSize);
        flat.readRect(canvas, have.data(), kTileSize);
        for (std::size_t i = 0; i < kTilePixels; ++i) have[i] = std::max(have[i], mine[i]);
        flat.writeRect(canvas, have.data(), kTileSize);
    }
}

}  // namespace

Result<void> Document::validateSize(std::int64_t width, std::int64_t height)
{
    for (const auto& [what, value] : {std::pair{"width", width}, std::pair{"height", height}}) {
        if (value <= 0 || value > kMaxCanvasSide)
            return fail(ErrorCode::InvalidArgument,
                        std::string("canvas ") + what + " " + std::to_string(value) +
                            " is out of range: it must be between 1 and " +
                            std::to_string(kMaxCanvasSide) + " pixels");
    }
    return {};
}

Document::Document(int width, int height, Color16 background, double dpi)
    : m_width(width), m_height(height), m_dpi(dpi), m_background(background)
{
    m_root = std::make_shared<Layer>(allocateId(), LayerKind::Group, LayerProperties{"Root"});
}

Result<std::unique_ptr<Document>> Document::createEmpty(std::int64_t width, std::int64_t height,
                                                        Color16 background, double dpi)
{
    if (auto ok = validateSize(width, height); !ok) return tl::unexpected(ok.error());
    if (!(dpi > 0.0 && dpi <= 100000.0))
        return fail(ErrorCode::InvalidArgument, "resolution " + std::to_string(dpi) +
                                                    " dpi is out of range: it must be above 0 "
                                                    "and at most 100000");
    return std::unique_ptr<Document>(new Document(int(width), int(height), background, dpi));
}

std::unique_ptr<Document> Document::snapshot() const
{
    // Beside the constructor, so that a new document property is seen missing here: the copy
    // must save exactly as this document does (tests/core/document_snapshot_test.cpp).
    std::unique_ptr<Document> copy(new Document(m_width, m_height, m_background, m_dpi));
    copy->m_light = m_light;
    copy->m_drying = m_drying;
    // Wetness stamps refer to the clock's strokes: the copy needs the same clock.
    copy->m_clock = m_clock;
    copy->m_root->properties() = m_root->properties();
    // New ids are harmless: a save writes no ids, and nothing refers into the copy.
    for (const auto& child : m_root->children())
        copy->m_root->children().push_back(child->cloneWithNewIds(copy->m_nextId));
    return copy;
}

Result<std::unique_ptr<Document>> Document::create(std::int64_t width, std::int64_t height,
                                                   Color16 background, double dpi)
{
    auto doc = createEmpty(width, height, background, dpi);
    if (!doc) return doc;
    // The first layer is part of the new document, not an undoable step.
    auto layer = std::make_shared<Layer>((*doc)->allocateId(), LayerKind::Paint,
                                         LayerProperties{"Layer 1"});
    (*doc)->insertNode(kNoLayer, -1, std::move(layer));
    return doc;
}

Result<void> Document::setDpi(double dpi)
{
    if (!(dpi > 0.0 && dpi <= 100000.0))
        return fail(ErrorCode::InvalidArgument,
                    "resolution " + std::to_string(dpi) + " dpi is out of range (0, 100000]");
    DocumentOperation op{DocumentOperation::Kind::SetDpi};
    op.dpi = dpi;
    changeSettings("Set resolution", {m_background, dpi, m_drying}, op);
    return {};
}

Result<void> Document::setBackground(Color16 c)
{
    DocumentOperation op{DocumentOperation::Kind::SetBackground};
    op.background = c;
    changeSettings("Set background", {c, m_dpi, m_drying}, op);
    return {};
}

Result<void> Document::setDrying(const Drying& drying)
{
    if (drying.mode == DryingMode::Inherit)
        return fail(ErrorCode::InvalidArgument,
                    "the document's drying cannot be 'inherit': there is nothing to inherit from");
    if (auto ok = validateDrying(drying); !ok) return ok;
    if (drying == m_drying) return {};
    DocumentOperation op{DocumentOperation::Kind::SetDrying};
    op.drying = drying;
    changeSettings("Drying", {m_background, m_dpi, drying}, op);
    return {};
}

Drying Document::effectiveDrying(const Layer& layer) const
{
    return layer.properties().drying.mode == DryingMode::Inherit ? m_drying
                                                                  : layer.properties().drying;
}

Result<void> Document::setLight(const Light& light)
{
    if (auto ok = validateLight(light); !ok) return ok;
    Light next = light;
    next.azimuth = std::fmod(next.azimuth, 360.0f);
    if (next.azimuth < 0.0f) next.azimuth += 360.0f;
    if (next == m_light) return {};
    Light shown = next, was = m_light;
    shown.enabled = was.enabled = true;
    const char* name = shown == was ? (next.enabled ? "Show relief" : "Hide relief") : "Light";
    DocumentOperation op{DocumentOperation::Kind::SetLight};
    op.light = next;
    execute(std::make_unique<SetLightCommand>(name, m_light, next), op);
    return {};
}

Result<void> Document::setLightEnabled(bool enabled)
{
    Light light = m_light;
    light.enabled = enabled;
    return setLight(light);
}

void Document::setLightDirect(const Light& light)
{
    const Light before = m_light;
    m_light = light;
    if (before.enabled || light.enabled) notifyThicknessTiles(*m_root);
    notifyStructure();
}

void Document::setBackgroundDirect(Color16 c)
{
    m_background = c;
    notifyRegion(bounds());
}

const Layer* Document::layer(LayerId id) const { return m_root->find(id); }
Layer* Document::mutableLayer(LayerId id) { return m_root->find(id); }

LayerId Document::parentOf(LayerId id) const
{
    const Layer* parent = m_root->parentOf(id);
    return parent ? parent->id() : kNoLayer;
}

int Document::indexOf(LayerId id) const
{
    const Layer* parent = m_root->parentOf(id);
    if (!parent) return -1;
    const auto& kids = parent->children();
    for (std::size_t i = 0; i < kids.size(); ++i)
        if (kids[i]->id() == id) return int(i);
    return -1;
}

std::vector<LayerId> Document::layerIds() const
{
    std::vector<LayerId> out;
    auto walk = [&](const Layer& group, auto&& self) -> void {
        for (const auto& child : group.children()) {
            out.push_back(child->id());
            if (child->isGroup()) self(*child, self);
        }
    };
    walk(*m_root, walk);
    return out;
}

void Document::insertNode(LayerId parent, int index, std::shared_ptr<Layer> node)
{
    Layer* group = parent == kNoLayer ? m_root.get() : m_root->find(parent);
    auto& kids = group->children();
    const int at = index < 0 ? int(kids.size()) : std::min(index, int(kids.size()));
    kids.insert(kids.begin() + at, std::move(node));
}

std::shared_ptr<Layer> Document::detachNode(LayerId id)
{
    Layer* parent = m_root->parentOf(id);
    auto& kids = parent->children();
    auto it = std::find_if(kids.begin(), kids.end(), [&](const auto& l) { return l->id() == id; });
    std::shared_ptr<Layer> node = *it;
    kids.erase(it);
    return node;
}

Result<Layer*> Document::findGroupOrRoot(LayerId id)
{
    if (id == kNoLayer) return m_root.get();
    Layer* group = m_root->find(id);
    if (!group) return fail(ErrorCode::NotFound, layerNotFound(id));
    if (!group->isGroup())
        return fail(ErrorCode::InvalidArgument,
                    "layer '" + group->properties().name + "' is not a group");
    return group;
}

Result<Layer*> Document::findEditable(LayerId id, const char* what)
{
    Layer* layer = id == m_root->id() ? nullptr : m_root->find(id);
    if (!layer) return fail(ErrorCode::NotFound, layerNotFound(id));
    if (layer->properties().editLock)
        return fail(ErrorCode::InvalidArgument, std::string("cannot ") + what + " layer '" +
                                                    layer->properties().name +
                                                    "': it is locked for editing");
    return layer;
}

void Document::execute(std::unique_ptr<Command> command, const DocumentOperation& op)
{
    command->redo(*this);
    m_history.push(std::move(command));
    reportOperation(op);
}

void Document::changeSettings(const char* entryName, const SetDocumentCommand::State& after,
                              const DocumentOperation& op)
{
    execute(std::make_unique<SetDocumentCommand>(
                entryName, SetDocumentCommand::State{m_background, m_dpi, m_drying}, after),
            op);
}

void Document::reportOperation(const DocumentOperation& op)
{
    if (op.kind == DocumentOperation::Kind::Pixels && !m_reportTransactions) return;
    if (m_operationListener) m_operationListener(op);
}

DocumentOperation Document::operationOn(DocumentOperation::Kind kind, LayerId layer) const
{
    DocumentOperation op{kind};
    op.layer = pathOf(layer);
    return op;
}

bool Document::undo()
{
    if (!m_history.undo(*this)) return false;
    reportOperation(DocumentOperation{DocumentOperation::Kind::Undo});
    return true;
}

bool Document::redo()
{
    if (!m_history.redo(*this)) return false;
    reportOperation(DocumentOperation{DocumentOperation::Kind::Redo});
    return true;
}

LayerPath Document::pathOf(LayerId id) const
{
    LayerPath path;
    for (LayerId at = id; at != kNoLayer && at != m_root->id();) {
        const int index = indexOf(at);
        if (index < 0) return {};
        path.insert(path.begin(), index);
        at = parentOf(at);
    }
    return path;
}

LayerId Document::layerAtPath(const LayerPath& path) const
{
    const Layer* at = m_root.get();
    for (int index : path) {
        if (index < 0 || std::size_t(index) >= at->children().size()) return kNoLayer;
        at = at->children()[std::size_t(index)].get();
    }
    return at->id();
}

Result<LayerId> Document::addNode(LayerKind kind, const std::string& name, LayerId parent,
                                  int index)
{
    auto group = findGroupOrRoot(parent);
    if (!group) return tl::unexpected(group.error());
    const LayerId parentId = (*group)->id();
    auto node = std::make_shared<Layer>(allocateId(), kind, LayerProperties{name});
    const LayerId id = node->id();
    const char* label = kind == LayerKind::Group ? "Add group" : "Add layer";
    DocumentOperation op{kind == LayerKind::Group ? DocumentOperation::Kind::AddGroup
                                                  : DocumentOperation::Kind::AddPaintLayer};
    op.parent = pathOf(parentId);
    op.index = index;
    op.name = name;
    execute(std::make_unique<InsertLayerCommand>(label, parentId, index, std::move(node)), op);
    return id;
}

Result<LayerId> Document::addPaintLayer(const std::string& name, LayerId parent, int index)
{
    return addNode(LayerKind::Paint, name, parent, index);
}

Result<LayerId> Document::addGroup(const std::string& name, LayerId parent, int index)
{
    return addNode(LayerKind::Group, name, parent, index);
}

Result<void> Document::removeLayer(LayerId id)
{
    auto layer = findEditable(id, "remove");
    if (!layer) return tl::unexpected(layer.error());
    execute(std::make_unique<RemoveLayerCommand>("Remove layer", id, parentOf(id), indexOf(id)),
            operationOn(DocumentOperation::Kind::RemoveLayer, id));
    return {};
}

Result<LayerId> Document::duplicateLayer(LayerId id)
{
    const Layer* source = id == m_root->id() ? nullptr : layer(id);
    if (!source) return fail(ErrorCode::NotFound, layerNotFound(id));
    std::shared_ptr<Layer> copy = source->cloneWithNewIds(m_nextId);
    copy->properties().name = source->properties().name + " copy";
    const LayerId copyId = copy->id();
    execute(std::make_unique<InsertLayerCommand>("Duplicate layer", parentOf(id), indexOf(id) + 1,
                                                 std::move(copy)),
            operationOn(DocumentOperation::Kind::DuplicateLayer, id));
    return copyId;
}

Result<void> Document::moveLayer(LayerId id, LayerId newParent, int newIndex)
{
    const Layer* moving = id == m_root->id() ? nullptr : layer(id);
    if (!moving) return fail(ErrorCode::NotFound, layerNotFound(id));
    auto group = findGroupOrRoot(newParent);
    if (!group) return tl::unexpected(group.error());
    if (moving->find((*group)->id()))
        return fail(ErrorCode::InvalidArgument, "cannot move group '" +
                                                    moving->properties().name +
                                                    "' into itself or its own child");
    const MoveLayerCommand::Place from{parentOf(id), indexOf(id)};
    const int siblings = int((*group)->children().size()) - ((*group)->id() == from.parent);
    const MoveLayerCommand::Place to{(*group)->id(),
                                     newIndex < 0 ? siblings : std::min(newIndex, siblings)};
    if (from.parent == to.parent && from.index == to.index) return {};
    DocumentOperation op = operationOn(DocumentOperation::Kind::MoveLayer, id);
    op.parent = pathOf(newParent);
    op.index = newIndex;
    execute(std::make_unique<MoveLayerCommand>("Move layer", id, from, to), op);
    return {};
}

Result<void> Document::mergeDown(LayerId id)
{
    auto upper = findEditable(id, "merge");
    if (!upper) return tl::unexpected(upper.error());
    const int index = indexOf(id);
    const Layer* parent = m_root->parentOf(id);
    if (index <= 0)
        return fail(ErrorCode::InvalidArgument,
                    "cannot merge down layer '" + (*upper)->properties().name +
                        "': there is no layer below it");
    Layer& lower = *parent->children()[std::size_t(index) - 1];
    if ((*upper)->isGroup() || lower.isGroup())
        return fail(ErrorCode::InvalidArgument,
                    "merge down needs two paint layers; '" + (*upper)->properties().name +
                        "' and '" + lower.properties().name + "' are not both paint layers");
    if (lower.properties().editLock)
        return fail(ErrorCode::InvalidArgument, "cannot merge into layer '" +
                                                    lower.properties().name +
                                                    "': it is locked for editing");

    // Composite the upper layer into the lower one, tile by tile in the lower layer's space.
    const Layer& up = **upper;
    const LayerProperties& lp = lower.properties();
    Rect area = up.bounds();
    if (blendModeAffectsOutsideSource(up.properties().blendMode)) area = area.united(lower.bounds());
    std::vector<TilesCommand::Change> changes;
    if (up.properties().visible && !area.isEmpty()) {
        StackCompositor compositor;
        std::vector<float> acc(StackCompositor::kTileFloats);
        std::vector<Pixel16> pixels(kTilePixels);
        // Offsets shift layer tiles against the canvas grid; work on canvas tiles through a
        // copy of the lower layer moved to the origin, then store back in its own space.
        Layer lowerAtOrigin(0, LayerKind::Paint, {});
        lowerAtOrigin.tiles() = lower.tiles();
        lowerAtOrigin.properties().offsetX = lp.offsetX;
        lowerAtOrigin.properties().offsetY = lp.offsetY;
        TileStore merged = lower.tiles();
        const int tx0 = floorDiv(area.x, kTileSize), tx1 = floorDiv(area.right() - 1, kTileSize);
        const int ty0 = floorDiv(area.y, kTileSize), ty1 = floorDiv(area.bottom() - 1, kTileSize);
        std::vector<TileCoord> touched;
        for (int ty = ty0; ty <= ty1; ++ty)
            for (int tx = tx0; tx <= tx1; ++tx) {
                const TileCoord c{tx, ty};
                std::fill(acc.begin(), acc.end(), 0.0f);
                compositor.blendLayerTile(lowerAtOrigin, c, acc.data());
                compositor.blendLayerTile(up, c, acc.data());
                floatToPixel16(acc.data(), pixels.data(), kTilePixels);
                const Rect local = c.pixelRect().translated(-lp.offsetX, -lp.offsetY);
                merged.writeRect(local, pixels.data(), kTileSize, [&](TileCoord lc) {
                    touched.push_back(lc);
                });
            }
        std::sort(touched.begin(), touched.end(), [](TileCoord a, TileCoord b) {
            return a.y != b.y ? a.y < b.y : a.x < b.x;
        });
        touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
        for (TileCoord lc : touched) {
            TilePtr before = lower.tiles().tile(lc), after = merged.tile(lc);
            if (before != after) changes.push_back({lower.id(), lc, before, after});
        }
    }
    std::vector<TilesCommand::ThicknessChange> thicknessChanges;
    std::vector<TilesCommand::WetChange> wetChanges;
    if (up.properties().visible) {
        thicknessChanges = mergeThickness(up, lower);
        wetChanges = mergeWetness(up, lower);
    }
    std::vector<std::unique_ptr<Command>> parts;
    parts.push_back(std::make_unique<TilesCommand>("Merge pixels", std::move(changes),
                                                   std::move(thicknessChanges),
                                                   std::move(wetChanges)));
    parts.push_back(
        std::make_unique<RemoveLayerCommand>("Remove merged layer", id, parent->id(), index));
    execute(std::make_unique<MacroCommand>("Merge down", std::move(parts)),
            operationOn(DocumentOperation::Kind::MergeDown, id));
    return {};
}

Result<LayerId> Document::flatten()
{
    auto flat = std::make_shared<Layer>(allocateId(), LayerKind::Paint,
                                        LayerProperties{"Flattened"});
    StackCompositor compositor;
    std::vector<float> acc(StackCompositor::kTileFloats);
    std::vector<Pixel16> pixels(kTilePixels);
    // Pixels beyond the canvas are kept too: flattening should lose nothing but the layers.
    const Rect area = m_root->bounds();
    if (!area.isEmpty()) {
        const int tx0 = floorDiv(area.x, kTileSize), tx1 = floorDiv(area.right() - 1, kTileSize);
        const int ty0 = floorDiv(area.y, kTileSize), ty1 = floorDiv(area.bottom() - 1, kTileSize);
        for (int ty = ty0; ty <= ty1; ++ty)
            for (int tx = tx0; tx <= tx1; ++tx) {
                if (!compositor.compositeTile(*m_root, {tx, ty}, acc.data(), true)) continue;
                floatToPixel16(acc.data(), pixels.data(), kTilePixels);
                flat->tiles().writeRect(TileCoord{tx, ty}.pixelRect(), pixels.data(), kTileSize);
            }
    }
    // Thickness: the height the document shows, which flattening must not change.
    const Rect relief = m_root->thicknessBounds();
    if (!relief.isEmpty()) {
        std::vector<float> sum(kTilePixels);
        std::vector<Thickness16> samples(kTilePixels);
        const int tx0 = floorDiv(relief.x, kTileSize);
        const int tx1 = floorDiv(relief.right() - 1, kTileSize);
        const int ty0 = floorDiv(relief.y, kTileSize);
        const int ty1 = floorDiv(relief.bottom() - 1, kTileSize);
        for (int ty = ty0; ty <= ty1; ++ty)
            for (int tx = tx0; tx <= tx1; ++tx) {
                const Rect r = TileCoord{tx, ty}.pixelRect();
                std::fill(sum.begin(), sum.end(), 0.0f);
                if (!accumulateThickness(*m_root, r, 1.0f, sum.data(), kTileSize)) continue;
                for (int i = 0; i < kTilePixels; ++i)
                    samples[std::size_t(i)] = clampThickness(sum[std::size_t(i)]);
                flat->thickness().writeRect(r, samples.data(), kTileSize);
            }
    }
    accumulateWetness(*m_root, flat->wetness());
    const LayerId flatId = flat->id();
    execute(std::make_unique<ReplaceChildrenCommand>("Flatten", m_root->id(), m_root->children(),
                                                     ReplaceChildrenCommand::Children{flat}),
            DocumentOperation{DocumentOperation::Kind::Flatten});
    return flatId;
}

Result<void> Document::renameLayer(LayerId id, const std::string& name)
{
    return editLayer(id, "Rename layer", [&](LayerProperties& p) { p.name = name; });
}

Result<void> Document::setLayerProperties(LayerId id, const LayerProperties& props,
                                          const std::string& entryName)
{
    return editLayer(id, entryName, [&](LayerProperties& p) { p = props; });
}

Result<void> Document::setLayerVisible(LayerId id, bool visible)
{
    return editLayer(id, visible ? "Show layer" : "Hide layer",
                     [&](LayerProperties& p) { p.visible = visible; });
}

Result<void> Document::setLayerOpacity(LayerId id, float opacity)
{
    return editLayer(id, "Layer opacity", [&](LayerProperties& p) { p.opacity = opacity; });
}

Result<void> Document::setLayerBlendMode(LayerId id, BlendMode mode)
{
    return editLayer(id, "Blend mode", [&](LayerProperties& p) { p.blendMode = mode; });
}

Result<void> Document::setLayerDrying(LayerId id, const Drying& drying)
{
    return editLayer(id, "Layer drying", [&](LayerProperties& p) { p.drying = drying; });
}

Result<void> Document::dryLayer(LayerId id)
{
    const DocumentOperation op = operationOn(DocumentOperation::Kind::DryLayer, id);
    Transaction tx(*this, "Dry layer");
    auto target = tx.target(id);
    if (!target) return tl::unexpected(target.error());
    const Rect painted = mutableLayer(id)->wetness().bounds();
    if (!painted.isEmpty()) target->fillWetRect(painted, kDry);
    m_reportTransactions = false;  // reported as what it is, not as pixels
    const bool changed = tx.commit();
    m_reportTransactions = true;
    if (changed) reportOperation(op);
    return {};
}

Result<void> Document::wetLayer(LayerId id)
{
    Transaction tx(*this, "Wet layer");
    auto target = tx.target(id);
    if (!target) return tl::unexpected(target.error());
    const DocumentOperation op = operationOn(DocumentOperation::Kind::WetLayer, id);
    const WetStamp now = m_clock.beginStroke();
    // Whole tiles, stored as one stamp each: wetting bare canvas changes nothing.
    for (TileCoord c : mutableLayer(id)->tiles().coords()) target->fillWetRect(c.pixelRect(), now);
    m_reportTransactions = false;
    tx.commit();
    m_reportTransactions = true;
    // Reported even when nothing changed: it started a stroke on the clock all the same.
    reportOperation(op);
    return {};
}

Result<void> Document::editLayer(LayerId id, const std::string& entryName,
                                 const std::function<void(LayerProperties&)>& edit)
{
    const Layer* l = id == m_root->id() ? nullptr : layer(id);
    if (!l) return fail(ErrorCode::NotFound, layerNotFound(id));
    LayerProperties props = l->properties();
    edit(props);
    if (!(props.opacity >= 0.0f && props.opacity <= 1.0f))
        return fail(ErrorCode::InvalidArgument, "opacity " + std::to_string(props.opacity) +
                                                    " is out of range: it must be 0..1");
    if (std::abs(std::int64_t(props.offsetX)) > kMaxCanvasSide * 2 ||
        std::abs(std::int64_t(props.offsetY)) > kMaxCanvasSide * 2)
        return fail(ErrorCode::InvalidArgument,
                    "layer offset " + std::to_string(props.offsetX) + "," +
                        std::to_string(props.offsetY) + " is out of range: at most " +
                        std::to_string(kMaxCanvasSide * 2) + " pixels either way");
    if (auto ok = validateDrying(props.drying); !ok) return ok;
    if (props == l->properties()) return {};
    DocumentOperation op = operationOn(DocumentOperation::Kind::SetLayerProperties, id);
    op.properties = props;
    op.name = entryName;  // so that a replay's history reads the same
    execute(std::make_unique<SetLayerPropertiesCommand>(entryName, id, l->properties(),
                                                        std::move(props)),
            op);
    return {};
}

int Document::addRegionListener(RegionCallback cb)
{
    m_regionListeners.emplace(m_nextHandle, std::move(cb));
    return m_nextHandle++;
}

int Document::addStructureListener(StructureCallback cb)
{
    m_structureListeners.emplace(m_nextHandle, std::move(cb));
    return m_nextHandle++;
}

void Document::removeListener(int handle)
{
    m_regionListeners.erase(handle);
    m_structureListeners.erase(handle);
}

void Document::notifyRegion(const Rect& canvasRect)
{
    const Rect r = canvasRect.intersected(bounds());
    if (r.isEmpty()) return;
    for (auto& [h, cb] : m_regionListeners) cb(r);
}

void Document::notifyThickness(const Rect& canvasRect)
{
    if (m_light.enabled) notifyRegion(canvasRect.inflated(1));
}

void Document::notifyLayerChanged(const Layer& layer)
{
    bool everywhere = blendModeAffectsOutsideSource(layer.properties().blendMode);
    auto walk = [&](const Layer& l, auto&& self) -> void {
        for (const auto& c : l.children()) {
            everywhere = everywhere || blendModeAffectsOutsideSource(c->properties().blendMode);
            self(*c, self);
        }
    };
    walk(layer, walk);
    if (everywhere) {
        notifyRegion(bounds());
        return;
    }
    notifyRegion(layer.bounds());
    if (m_light.enabled) notifyThicknessTiles(layer);
}

void Document::notifyThicknessTiles(const Layer& layer)
{
    if (layer.isGroup()) {
        for (const auto& child : layer.children()) notifyThicknessTiles(*child);
        return;
    }
    if (layer.thickness().isEmpty()) return;
    std::vector<TileCoord> coords = layer.thickness().coords();
    std::sort(coords.begin(), coords.end(),
              [](TileCoord a, TileCoord b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
    const LayerProperties& p = layer.properties();
    for (std::size_t i = 0; i < coords.size();) {
        std::size_t j = i + 1;
        while (j < coords.size() && coords[j].y == coords[i].y &&
               coords[j].x == coords[j - 1].x + 1)
            ++j;
        const Rect run{coords[i].x * kTileSize, coords[i].y * kTileSize,
                       int(j - i) * kTileSize, kTileSize};
        notifyRegion(run.translated(p.offsetX, p.offsetY).inflated(1));
        i = j;
    }
}

void Document::notifyStructure()
{
    for (auto& [h, cb] : m_structureListeners) cb();
}

}  // namespace signe::core
