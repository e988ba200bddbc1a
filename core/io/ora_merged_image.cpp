// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ora_merged_image.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/compositor.h"
#include "core/document.h"

namespace signe::core::ora {

namespace {
/// The spec's largest thumbnail side.
constexpr int kThumbnailSide = 256;
}  // namespace

Result<MergedImagePngs> encodeMergedImage(const Document& doc, const Compositor& compositor,
                                          const PngEncoding& encoding, ThreadedProgress& progress)
{
    const int w = doc.width(), h = doc.height();
    const double scale = double(kThumbnailSide) / double(std::max(w, h));
    const int tw = scale < 1.0 ? std::max(1, int(std::lround(w * scale))) : w;
    const int th = scale < 1.0 ? std::max(1, int(std::lround(h * scale))) : h;
    // Box filter into the thumbnail: premultiplied sums and counts per thumbnail pixel.
    std::vector<double> sums(std::size_t(tw) * std::size_t(th) * 4, 0.0);
    std::vector<std::uint32_t> counts(std::size_t(tw) * std::size_t(th), 0);
    std::vector<float> strip(std::size_t(w) * kTileSize * 4);
    auto png = encodePng(
        w, h, encoding, kTileSize,
        [&](int y, int rows, void* out) {
            compositor.compositeFloat({0, y, w, rows}, strip.data(), true, 1, doc.light().enabled);
            auto* bytes = static_cast<std::uint8_t*>(out);
            for (int row = 0; row < rows; ++row) {
                const int ty = int(std::int64_t(y + row) * th / h);
                for (int x = 0; x < w; ++x) {
                    const float* px =
                        &strip[(std::size_t(row) * std::size_t(w) + std::size_t(x)) * 4];
                    const float a = std::clamp(px[3], 0.0f, 1.0f);
                    const float inv = a > 0.0f ? 1.0f / a : 0.0f;
                    std::uint8_t* o =
                        &bytes[(std::size_t(row) * std::size_t(w) + std::size_t(x)) * 4];
                    for (int c = 0; c < 3; ++c)
                        o[c] = std::uint8_t(std::clamp(px[c] * inv, 0.0f, 1.0f) * 255.0f + 0.5f);
                    o[3] = std::uint8_t(a * 255.0f + 0.5f);
                    const std::size_t t =
                        std::size_t(ty) * std::size_t(tw) + std::size_t(std::int64_t(x) * tw / w);
                    for (int c = 0; c < 4; ++c) sums[t * 4 + std::size_t(c)] += px[c];
                    ++counts[t];
                }
            }
            progress.add(std::uint64_t(w) * std::uint64_t(rows));
        },
        "mergedimage.png");
    if (!png) return tl::unexpected(png.error());

    auto thumb = encodePng(
        tw, th, encoding, th,
        [&](int, int, void* out) {
            auto* bytes = static_cast<std::uint8_t*>(out);
            for (std::size_t i = 0; i < counts.size(); ++i) {
                const double n = std::max<std::uint32_t>(counts[i], 1);
                const double a = std::clamp(sums[i * 4 + 3] / n, 0.0, 1.0);
                for (int c = 0; c < 3; ++c)
                    bytes[i * 4 + std::size_t(c)] = std::uint8_t(
                        std::clamp(a > 0 ? sums[i * 4 + std::size_t(c)] / n / a : 0.0, 0.0, 1.0) *
                            255.0 +
                        0.5);
                bytes[i * 4 + 3] = std::uint8_t(a * 255.0 + 0.5);
            }
        },
        "Thumbnails/thumbnail.png");
    if (!thumb) return tl::unexpected(thumb.error());
    return MergedImagePngs{std::move(*png), std::move(*thumb)};
}


}  // namespace signe::core::ora
