// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/layer.h"

namespace signe::core {

Rect Layer::bounds() const
{
    if (!isGroup()) return m_tiles.bounds().translated(m_props.offsetX, m_props.offsetY);
    Rect r;
    for (const auto& child : m_children) r = r.united(child->bounds());
    return r;
}

Rect Layer::thicknessBounds() const
{
    if (!isGroup())
        return m_thickness.bounds().translated(m_props.offsetX, m_props.offsetY);
    Rect r;
    for (const auto& child : m_children) r = r.united(child->thicknessBounds());
    return r;
}

std::shared_ptr<Layer> Layer::cloneWithNewIds(LayerId& nextId) const
{
    auto copy = std::make_shared<Layer>(nextId++, m_kind, m_props);
    copy->m_tiles = m_tiles;  // shares TileData; writes copy it first
    copy->m_thickness = m_thickness;
    copy->m_wetness = m_wetness;  // a duplicate of wet paint is just as wet
    for (const auto& child : m_children) copy->m_children.push_back(child->cloneWithNewIds(nextId));
    return copy;
}

Layer* Layer::find(LayerId id)
{
    return const_cast<Layer*>(std::as_const(*this).find(id));
}

const Layer* Layer::find(LayerId id) const
{
    if (m_id == id) return this;
    for (const auto& child : m_children)
        if (const Layer* hit = child->find(id)) return hit;
    return nullptr;
}

Layer* Layer::parentOf(LayerId id)
{
    return const_cast<Layer*>(std::as_const(*this).parentOf(id));
}

const Layer* Layer::parentOf(LayerId id) const
{
    for (const auto& child : m_children) {
        if (child->id() == id) return this;
        if (const Layer* hit = child->parentOf(id)) return hit;
    }
    return nullptr;
}

}  // namespace signe::core
