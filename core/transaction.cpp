// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/transaction.h"

#include <memory>
#include <type_traits>

namespace signe::core {

TileData& PaintTarget::writableTile(TileCoord c)
{
    m_tx->record<Pixel16>(*m_layer, c);
    return m_layer->tiles().writableTile(c);
}

void PaintTarget::writeRect(const Rect& rect, const Pixel16* src, std::ptrdiff_t stride)
{
    m_layer->tiles().writeRect(rect, src, stride,
                               [&](TileCoord c) { m_tx->record<Pixel16>(*m_layer, c); });
    markDirty(rect);
}

void PaintTarget::fillRect(const Rect& rect, Pixel16 value)
{
    m_layer->tiles().fillRect(rect, value,
                              [&](TileCoord c) { m_tx->record<Pixel16>(*m_layer, c); });
    markDirty(rect);
}

void PaintTarget::markDirty(const Rect& rect)
{
    const LayerProperties& p = m_layer->properties();
    m_tx->m_doc.notifyRegion(rect.translated(p.offsetX, p.offsetY));
}

ThicknessTile& PaintTarget::writableThicknessTile(TileCoord c)
{
    m_tx->record<Thickness16>(*m_layer, c);
    return m_layer->thickness().writableTile(c);
}

void PaintTarget::writeThicknessRect(const Rect& rect, const Thickness16* src,
                                     std::ptrdiff_t stride)
{
    m_layer->thickness().writeRect(rect, src, stride,
                                   [&](TileCoord c) { m_tx->record<Thickness16>(*m_layer, c); });
    markThicknessDirty(rect);
}

void PaintTarget::fillThicknessRect(const Rect& rect, Thickness16 value)
{
    m_layer->thickness().fillRect(rect, value,
                                  [&](TileCoord c) { m_tx->record<Thickness16>(*m_layer, c); });
    markThicknessDirty(rect);
}

void PaintTarget::markThicknessDirty(const Rect& rect)
{
    const LayerProperties& p = m_layer->properties();
    m_tx->m_doc.notifyThickness(rect.translated(p.offsetX, p.offsetY));
}

WetTile& PaintTarget::writableWetTile(TileCoord c)
{
    m_tx->record<WetStamp>(*m_layer, c);
    return m_layer->wetness().writableTile(c);
}

void PaintTarget::fillWetRect(const Rect& rect, WetStamp value)
{
    m_layer->wetness().fillRect(rect, value,
                                [&](TileCoord c) { m_tx->record<WetStamp>(*m_layer, c); });
}

Drying PaintTarget::drying() const { return m_tx->m_doc.effectiveDrying(*m_layer); }

PaintClock& PaintTarget::clock() { return m_tx->m_doc.clock(); }

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

template <class T>
Transaction::Recorded<T>& Transaction::recorded()
{
    if constexpr (std::is_same_v<T, Pixel16>)
        return m_colour;
    else if constexpr (std::is_same_v<T, Thickness16>)
        return m_thickness;
    else
        return m_wetness;
}

template <class T>
void Transaction::record(Layer& layer, TileCoord c)
{
    Recorded<T>& r = recorded<T>();
    const Key key{layer.id(), c};
    if (r.index.contains(key)) return;
    r.index.emplace(key, r.changes.size());
    r.changes.push_back({layer.id(), c, layerStore<T>(layer).tile(c), nullptr});
}

template <class T>
std::vector<TilesCommand::BasicChange<T>> Transaction::keptChanges(Recorded<T>& recorded)
{
    std::vector<TilesCommand::BasicChange<T>> kept;
    for (auto& change : recorded.changes) {
        Layer* layer = m_doc.mutableLayer(change.layer);
        if (!layer) continue;
        BasicTileStore<T>& store = layerStore<T>(*layer);
        store.compactTile(change.coord);  // a stroke may leave a tile uniform
        change.after = store.tile(change.coord);
        if (change.after != change.before) kept.push_back(std::move(change));
    }
    recorded = {};
    return kept;
}

template <class T, class Notify>
void Transaction::restore(Recorded<T>& recorded, Notify&& notify)
{
    for (const auto& change : recorded.changes) {
        Layer* layer = m_doc.mutableLayer(change.layer);
        if (!layer) continue;
        layerStore<T>(*layer).setTile(change.coord, change.before);
        const LayerProperties& p = layer->properties();
        notify(change.coord.pixelRect().translated(p.offsetX, p.offsetY));
    }
    recorded = {};
}

bool Transaction::commit()
{
    if (m_done) return false;
    m_done = true;
    auto colour = keptChanges(m_colour);
    auto thickness = keptChanges(m_thickness);
    auto wetness = keptChanges(m_wetness);
    if (colour.empty() && thickness.empty() && wetness.empty()) return false;
    m_doc.history().push(std::make_unique<TilesCommand>(
        m_name, std::move(colour), std::move(thickness), std::move(wetness)));
    DocumentOperation op{DocumentOperation::Kind::Pixels};
    op.name = m_name;
    m_doc.reportOperation(op);
    return true;
}

void Transaction::rollback()
{
    m_done = true;
    restore(m_colour, [&](const Rect& r) { m_doc.notifyRegion(r); });
    restore(m_thickness, [&](const Rect& r) { m_doc.notifyThickness(r); });
    restore(m_wetness, [](const Rect&) {});
}

}  // namespace signe::core
