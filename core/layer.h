// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/blend_mode.h"
#include "core/rect.h"
#include "core/tile_store.h"
#include "core/wetness.h"

namespace signe::core {

/// Layers are named by id everywhere outside the document (commands, app, journal): ids stay
/// valid across undo and redo, pointers do not.
using LayerId = std::uint64_t;
inline constexpr LayerId kNoLayer = 0;

enum class LayerKind : std::uint8_t { Paint, Group };

/// Everything about a layer a painter can set, apart from its pixels and children.
struct LayerProperties {
    std::string name;
    bool visible = true;
    float opacity = 1.0f;  ///< 0..1
    BlendMode blendMode = BlendMode::Normal;
    bool alphaLock = false;  ///< painting keeps the existing alpha (paint layers)
    bool editLock = false;   ///< no painting or pixel operation may change the layer
    int offsetX = 0;         ///< where the layer's pixel (0,0) sits on the canvas
    int offsetY = 0;
    /// Groups: composite the children on their own before blending the result (OpenRaster
    /// isolation="isolate"). A non-isolated group still isolates when its opacity is below 1 or
    /// its mode is not normal, as OpenRaster's isolation="auto" requires.
    bool isolated = true;
    /// How the layer's paint dries (paint layers); Inherit follows the document's drying.
    Drying drying{DryingMode::Inherit, 0};
    friend bool operator==(const LayerProperties&, const LayerProperties&) = default;
};

/// A node of the layer tree: a paint layer with tiles, or a group with children.
/// children()[0] is the bottom-most child; the last one is on top.
class Layer {
public:
    Layer(LayerId id, LayerKind kind, LayerProperties props)
        : m_id(id), m_kind(kind), m_props(std::move(props))
    {
    }

    LayerId id() const { return m_id; }
    LayerKind kind() const { return m_kind; }
    bool isGroup() const { return m_kind == LayerKind::Group; }

    const LayerProperties& properties() const { return m_props; }
    LayerProperties& properties() { return m_props; }

    /// Pixels in layer coordinates (add the offset for canvas coordinates). Empty for groups.
    const TileStore& tiles() const { return m_tiles; }
    TileStore& tiles() { return m_tiles; }

    /// Impasto: paint thickness in layer coordinates, like tiles(). Empty (and free) for a
    /// layer with no relief and for groups. Thickness16 units: kThicknessFull is one full-scale
    /// layer of paint (docs/architecture.md, "Impasto").
    const ThicknessStore& thickness() const { return m_thickness; }
    ThicknessStore& thickness() { return m_thickness; }

    /// When each pixel's paint was laid wet (core/wetness.h), in layer coordinates. Empty (and
    /// free) where nothing was painted while the layer dries; kDry pixels count as dry.
    const WetStore& wetness() const { return m_wetness; }
    WetStore& wetness() { return m_wetness; }

    const std::vector<std::shared_ptr<Layer>>& children() const { return m_children; }
    std::vector<std::shared_ptr<Layer>>& children() { return m_children; }

    /// Canvas-space bounds of the layer's stored pixels (groups: of all descendants).
    Rect bounds() const;
    /// Canvas-space bounds of the stored thickness (groups: of all descendants).
    Rect thicknessBounds() const;

    /// A deep copy that shares tile data (copy-on-write) and takes new ids from `nextId`.
    std::shared_ptr<Layer> cloneWithNewIds(LayerId& nextId) const;

    /// Finds `id` in this subtree; nullptr if absent.
    Layer* find(LayerId id);
    const Layer* find(LayerId id) const;
    /// The group in this subtree holding `id` as a direct child, or nullptr.
    Layer* parentOf(LayerId id);
    const Layer* parentOf(LayerId id) const;

private:
    LayerId m_id;
    LayerKind m_kind;
    LayerProperties m_props;
    TileStore m_tiles;
    ThicknessStore m_thickness;
    WetStore m_wetness;
    std::vector<std::shared_ptr<Layer>> m_children;
};

}  // namespace signe::core
