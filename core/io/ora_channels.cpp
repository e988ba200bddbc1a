// SPDX-License-Identifier: GPL-3.0-or-later
// The table of per-layer extra channels in .ora files: how each is seen as 16-bit samples.
#include "core/io/ora_channels.h"

#include <vector>

namespace signe::core::ora {

namespace {

// Thickness is already 16-bit grey: rows go straight through.
void readThickness(const Layer& layer, const Rect& rect, std::uint16_t* out)
{
    layer.thickness().readRect(rect, out, rect.w);
}

void writeThickness(Layer& layer, const Rect& rect, const std::uint16_t* in, std::ptrdiff_t stride)
{
    layer.thickness().writeRect(rect, in, stride);
}

// A 32-bit stamp is two 16-bit samples, high word first, as PNG's grey + alpha: stamps are
// stroke numbers, so the high word is almost always 0 and deflates to nothing.
void readWetness(const Layer& layer, const Rect& rect, std::uint16_t* out)
{
    std::vector<WetStamp> stamps(std::size_t(rect.w) * std::size_t(rect.h));
    layer.wetness().readRect(rect, stamps.data(), rect.w);
    for (std::size_t i = 0; i < stamps.size(); ++i) {
        out[2 * i] = std::uint16_t(stamps[i] >> 16);
        out[2 * i + 1] = std::uint16_t(stamps[i] & 0xffffu);
    }
}

void writeWetness(Layer& layer, const Rect& rect, const std::uint16_t* in, std::ptrdiff_t stride)
{
    std::vector<WetStamp> stamps(std::size_t(rect.w) * std::size_t(rect.h));
    for (int y = 0; y < rect.h; ++y) {
        const std::uint16_t* row = in + std::ptrdiff_t(y) * stride;
        for (int x = 0; x < rect.w; ++x)
            stamps[std::size_t(y) * std::size_t(rect.w) + std::size_t(x)] =
                (WetStamp(row[2 * x]) << 16) | row[2 * x + 1];
    }
    layer.wetness().writeRect(rect, stamps.data(), rect.w);
}

}  // namespace

const std::array<ExtraChannel, 2> kExtraChannels = {{
    {"thickness", 1, [](const Layer& l) { return l.thickness().isEmpty(); },
     [](const Layer& l) { return l.thickness().bounds(); }, readThickness, writeThickness},
    {"wetness", 2, [](const Layer& l) { return l.wetness().isEmpty(); },
     [](const Layer& l) { return l.wetness().bounds(); }, readWetness, writeWetness},
}};

}  // namespace signe::core::ora
