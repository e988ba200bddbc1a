// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

#include "core/layer.h"

namespace signe::core {

/// Pixel bytes held by a layer subtree, for history's memory budget.
inline std::size_t layerMemoryBytes(const Layer& layer)
{
    std::size_t bytes =
        sizeof(Layer) + layer.tiles().memoryBytes() + layer.thickness().memoryBytes();
    for (const auto& child : layer.children()) bytes += layerMemoryBytes(*child);
    return bytes;
}

}  // namespace signe::core
