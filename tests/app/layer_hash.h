// SPDX-License-Identifier: GPL-3.0-or-later
// A fingerprint of a document's painted content, to compare a recovered document with the one
// a killed process had.
#pragma once

#include <cstdint>
#include <vector>

#include "core/document.h"

namespace signe::test {

/// 64-bit FNV-1a over every paint layer's colour, thickness and wetness, in tree order.
inline std::uint64_t layerHash(const core::Document& doc)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&h](const void* data, std::size_t bytes) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
    };
    const std::size_t n = std::size_t(doc.width()) * std::size_t(doc.height());
    for (core::LayerId id : doc.layerIds()) {
        const core::Layer* l = doc.layer(id);
        if (l->isGroup()) continue;
        std::vector<core::Pixel16> colour(n);
        std::vector<core::Thickness16> thickness(n);
        std::vector<core::WetStamp> wetness(n);
        l->tiles().readRect(doc.bounds(), colour.data(), doc.width());
        l->thickness().readRect(doc.bounds(), thickness.data(), doc.width());
        l->wetness().readRect(doc.bounds(), wetness.data(), doc.width());
        mix(colour.data(), colour.size() * sizeof(colour[0]));
        mix(thickness.data(), thickness.size() * sizeof(thickness[0]));
        mix(wetness.data(), wetness.size() * sizeof(wetness[0]));
    }
    return h;
}

}  // namespace signe::test
