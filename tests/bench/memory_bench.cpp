// SPDX-License-Identifier: GPL-3.0-or-later
// Resident memory of a large empty document, of its display cache and of painting into it.
//
// Issue: "An empty 16384x16384 document stays under 100 MB resident." Storage is sparse, so
// that is a property we promise, and unlike a timing it is stable enough to assert: the program
// exits 1 when creating the document (and a Compositor on it) grows the resident set by 100 MB
// (10^8 bytes) or more. The other figures are printed for people, not checked.
//
//     signe_memory_bench            # Linux only: reads VmRSS from /proc/self/status

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/compositor.h"
#include "core/document.h"
#include "core/transaction.h"

namespace signe::core {
namespace {

constexpr int kSide = 16384;
constexpr double kLimitBytes = 100e6;  // "100 MB"
constexpr double kMB = 1e6;

/// Resident set size in bytes, or -1 when /proc is unavailable.
double residentBytes()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) * 1024.0;  // kB
    return -1;
}

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Paints the tile-aligned `area` with varied, partly transparent pixels as one transaction.
/// Written tile by tile from a 64x64 buffer so no large staging buffer shows up in the RSS.
void paintArea(Document& doc, LayerId id, const Rect& area, std::uint32_t seed)
{
    Transaction tx(doc, "Paint");
    auto target = tx.target(id);
    if (!target) {
        std::fprintf(stderr, "cannot paint: %s\n", target.error().message.c_str());
        std::exit(2);
    }
    std::vector<Pixel16> tile(kTilePixels);
    for (int y0 = area.y; y0 < area.bottom(); y0 += kTileSize)
        for (int x0 = area.x; x0 < area.right(); x0 += kTileSize) {
            for (int i = 0; i < kTilePixels; ++i) {
                // Varied content: a uniform tile would be stored as 8 bytes and hide the cost.
                const std::uint32_t h = (std::uint32_t(x0 + i % kTileSize) * 2654435761u) ^
                                        (std::uint32_t(y0 + i / kTileSize) * 40503u) ^ seed;
                const std::uint16_t a = std::uint16_t(16384 + (h & 0x7FFF));
                tile[std::size_t(i)] = {std::uint16_t((h >> 8) % a), std::uint16_t((h >> 4) % a),
                                        std::uint16_t(h % a), a};
            }
            target->writeRect({x0, y0, kTileSize, kTileSize}, tile.data(), kTileSize);
        }
    tx.commit();
}

/// One line of the report: a label, a figure and what it means.
void report(const char* what, double value, const char* unit, const std::string& note = {})
{
    std::printf("  %-44s %9.2f %-2s %s\n", what, value, unit, note.c_str());
}

std::string megabytes(const char* prefix, double bytes, const char* suffix = "")
{
    char text[96];
    std::snprintf(text, sizeof text, "(%s%.2f MB%s)", prefix, bytes / kMB, suffix);
    return text;
}

int run()
{
    std::printf("Resident memory (VmRSS), MB = 10^6 bytes\n");
    const double start = residentBytes();
    if (start < 0) {
        std::fprintf(stderr, "cannot read VmRSS from /proc/self/status\n");
        return 2;
    }
    report("at start", start / kMB, "MB");

    // 1. The promise: an empty document of the largest everyday size costs next to nothing.
    auto created = Document::create(kSide, kSide);
    if (!created) {
        std::fprintf(stderr, "%s\n", created.error().message.c_str());
        return 2;
    }
    Document& doc = **created;
    Compositor view(doc);
    const double empty = residentBytes();
    const double growth = empty - start;
    report("empty 16384x16384 document + compositor", empty / kMB, "MB", megabytes("+", growth));

    // 2. What a window's worth of display costs: 2048x2048 at 1:1 is 1024 display tiles.
    auto t0 = Clock::now();
    view.update(0, {0, 0, 2048, 2048}, 2);
    double seconds = secondsSince(t0);
    const double viewed = residentBytes();
    report("+ composited 2048x2048 view, level 0", viewed / kMB, "MB",
           megabytes("+", viewed - empty, (", " + std::to_string(view.cachedTileCount()) +
                                           " tiles cached, " + std::to_string(seconds) + " s")
                                              .c_str()));

    // 3. The whole canvas zoomed out to level 6 (16384 px shown as 256 px): every level below
    // is brought up to date on the way, so this is the whole pyramid.
    t0 = Clock::now();
    view.update(6, doc.bounds(), 2);
    seconds = secondsSince(t0);
    const double zoomed = residentBytes();
    report("+ composited whole canvas, mip level 6", zoomed / kMB, "MB",
           megabytes("+", zoomed - viewed, (", " + std::to_string(view.cachedTileCount()) +
                                            " tiles cached, " + std::to_string(seconds) + " s")
                                               .c_str()));

    // 4. Painting a 1024x1024 region as one transaction, where nothing was painted before.
    const LayerId layer = doc.root().children().front()->id();
    const Rect area{8192, 8192, 1024, 1024};
    const double px = double(area.w) * area.h;
    const std::size_t layerBefore = doc.layer(layer)->tiles().memoryBytes();
    const std::size_t historyBefore = doc.history().memoryBytes();
    const double beforePaint = residentBytes();
    paintArea(doc, layer, area, 1);
    const double painted = residentBytes();
    const std::size_t layerAfter = doc.layer(layer)->tiles().memoryBytes();
    const std::size_t historyAfter = doc.history().memoryBytes();
    report("+ painted 1024x1024 (one transaction)", painted / kMB, "MB",
           megabytes("+", painted - beforePaint));
    report("    resident bytes per painted pixel", (painted - beforePaint) / px, "B");
    report("    tile storage per painted pixel", double(layerAfter - layerBefore) / px, "B",
           "(TileStore::memoryBytes)");
    report("    history's extra memory", double(historyAfter - historyBefore) / 1e3, "kB",
           "(History::memoryBytes; the tiles before were empty)");

    // 5. Painting over it again: now history must keep the replaced tiles (copy-on-write).
    const double beforeRepaint = residentBytes();
    paintArea(doc, layer, area, 2);
    const double repainted = residentBytes();
    report("+ painted over the same 1024x1024 again", repainted / kMB, "MB",
           megabytes("+", repainted - beforeRepaint));
    report("    history's extra memory", double(doc.history().memoryBytes() - historyAfter) / kMB,
           "MB", "(History::memoryBytes; it keeps the replaced tiles)");

    if (growth >= kLimitBytes) {
        std::printf("FAIL: the empty %dx%d document grew the resident set by %.2f MB "
                    "(limit: under %.0f MB)\n",
                    kSide, kSide, growth / kMB, kLimitBytes / kMB);
        return 1;
    }
    std::printf("PASS: the empty %dx%d document grew the resident set by %.2f MB "
                "(limit: under %.0f MB)\n",
                kSide, kSide, growth / kMB, kLimitBytes / kMB);
    return 0;
}

}  // namespace
}  // namespace signe::core

int main() { return signe::core::run(); }
