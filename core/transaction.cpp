// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/transaction.h"

#include <memory>

namespace signe::core {

TileData& PaintTarget::writableTile(TileCoord c)
{
    m_tx->record(*m_layer, c);
    return m_layer->tiles().writableTile(c);
}

void PaintTarget::writeRect(const Rect& rect, const Pixel16* src, std::ptrdiff_t stride)
{
    m_layer->tiles().writeRect(rect, src, stride,
                               [&](TileCoord c) { m_tx->record(*m_layer, c); });
    markDirty(rect);
}

void PaintTarget::fillRect(const Rect& rect, Pixel16 value)
{
    m_layer->tiles().fillRect(rect, value, [&](TileCoord c) { m_tx->record(*m_layer, c); });
    markDirty(rect);
}

void PaintTarget::markDirty(const Rect& rect)
{
    const LayerProperties& p = m_layer->properties();
    m_tx->m_doc.notifyRegion(rect.translated(p.offsetX, p.offsetY));
}

ThicknessTile& PaintTarget::writableThicknessTile(TileCoord c)
{
    m_tx->recordThickness(*m_layer, c);
    return m_layer->thickness().writableTile(c);
}

void PaintTarget::writeThicknessRect(const Rect& rect, const Thickness16* src,
                                     std::ptrdiff_t stride)
{
    m_layer->thickness().writeRect(rect, src, stride,
                                   [&](TileCoord c) { m_tx->recordThickness(*m_layer, c); });
    markThicknessDirty(rect);
}

void PaintTarget::fillThicknessRect(const Rect& rect, Thickness16 value)
{
    m_layer->thickness().fillRect(rect, value,
                                  [&](TileCoord c) { m_tx->recordThickness(*m_layer, c); });
    markThicknessDirty(rect);
}

void PaintTarget::markThicknessDirty(const Rect& rect)
{
    const LayerProperties& p = m_layer->properties();
    m_tx->m_doc.notifyThickness(rect.translated(p.offsetX, p.offsetY));
}

Transaction::Transaction(Document& doc, std::string name) : m_doc(doc), m_name(std::move(name)) {}

Transaction::~Transaction()
{
    if (!m_done) rollback();
}

Result<PaintTarget> Transaction::target(LayerId id)
{
    Layer* layer = id == m_doc.root().id() ? nullptr : m_doc.mutableLayer(id);
    if (!layer) return fail(ErrorCode::NotFound, "no layer with id " + std::to_string(id));
    if (layer->isGroup())
        return fail(ErrorCode::InvalidArgument,
                    "cannot paint on '" + layer->properties().name + "': it is a group");
    if (layer->properties().editLock)
        return fail(ErrorCode::InvalidArgument, "cannot paint on '" + layer->properties().name +
                                                    "': it is locked for editing");
    return PaintTarget(*this, *layer);
}

void Transaction::record(Layer& layer, TileCoord c)
{
    const Key key{layer.id(), c};
    if (m_recorded.contains(key)) return;
    m_recorded.emplace(key, m_changes.size());
    m_changes.push_back({layer.id(), c, layer.tiles().tile(c), nullptr});
}

void Transaction::recordThickness(Layer& layer, TileCoord c)
{
    const Key key{layer.id(), c};
    if (m_recordedThickness.contains(key)) return;
    m_recordedThickness.emplace(key, m_thicknessChanges.size());
    m_thicknessChanges.push_back({layer.id(), c, layer.thickness().tile(c), nullptr});
}

bool Transaction::commit()
{
    if (m_done) return false;
    m_done = true;
    std::vector<TilesCommand::Change> kept;
    for (TilesCommand::Change& change : m_changes) {
        Layer* layer = m_doc.mutableLayer(change.layer);
        if (!layer) continue;
        layer->tiles().compactTile(change.coord);  // a stroke may leave a tile uniform
        change.after = layer->tiles().tile(change.coord);
        if (change.after != change.before) kept.push_back(std::move(change));
    }
    std::vector<TilesCommand::ThicknessChange> keptThickness;
    for (TilesCommand::ThicknessChange& change : m_thicknessChanges) {
        Layer* layer = m_doc.mutableLayer(change.layer);
        if (!layer) continue;
        layer->thickness().compactTile(change.coord);
        change.after = layer->thickness().tile(change.coord);
        if (change.after != change.before) keptThickness.push_back(std::move(change));
    }
    m_changes.clear();
    m_recorded.clear();
    m_thicknessChanges.clear();
    m_recordedThickness.clear();
    if (kept.empty() && keptThickness.empty()) return false;
    m_doc.history().push(
        std::make_unique<TilesCommand>(m_name, std::move(kept), std::move(keptThickness)));
    return true;
}

void Transaction::rollback()
{
    m_done = true;
    for (const TilesCommand::Change& change : m_changes) {
        Layer* layer = m_doc.mutableLayer(change.layer);
        if (!layer) continue;
        layer->tiles().setTile(change.coord, change.before);
        const LayerProperties& p = layer->properties();
        m_doc.notifyRegion(change.coord.pixelRect().translated(p.offsetX, p.offsetY));
    }
    for (const TilesCommand::ThicknessChange& change : m_thicknessChanges) {
        Layer* layer = m_doc.mutableLayer(change.layer);
        if (!layer) continue;
        layer->thickness().setTile(change.coord, change.before);
        const LayerProperties& p = layer->properties();
        m_doc.notifyThickness(change.coord.pixelRect().translated(p.offsetX, p.offsetY));
    }
    m_changes.clear();
    m_recorded.clear();
    m_thicknessChanges.clear();
    m_recordedThickness.clear();
}

}  // namespace signe::core
