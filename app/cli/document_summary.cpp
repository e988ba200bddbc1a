// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/document_summary.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/blend_mode.h"
#include "core/color.h"
#include "core/wetness.h"

namespace signe::cli {

namespace {

const char* yesNo(bool b)
{
    return b ? "yes" : "no";
}

std::string formatBounds(const core::Rect& r)
{
    if (r.isEmpty()) return "none";
    return std::to_string(r.w) + "x" + std::to_string(r.h) + "@" + std::to_string(r.x) + "," +
           std::to_string(r.y);
}

// Rows and columns of one tile holding any alpha, widened into `bounds` (canvas coordinates).
core::Rect tileBounds(const core::TileData& tile, const core::Rect& where)
{
    if (tile.isUniform()) return tile.uniformValue().a != 0 ? where : core::Rect{};
    int left = core::kTileSize, right = -1, top = core::kTileSize, bottom = -1;
    const core::Pixel16* px = tile.pixels();
    for (int y = 0; y < core::kTileSize; ++y) {
        for (int x = 0; x < core::kTileSize; ++x) {
            if (px[y * core::kTileSize + x].a == 0) continue;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    }
    if (right < 0) return {};
    return {where.x + left, where.y + top, right - left + 1, bottom - top + 1};
}

int countLayers(const core::Layer& group)
{
    int n = 0;
    for (const auto& child : group.children()) n += 1 + countLayers(*child);
    return n;
}

void printTree(const core::Layer& group, int depth, std::ostream& out)
{
    // Children are stored bottom to top; a layer panel (and stack.xml) shows the top first.
    const auto& children = group.children();
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
        out << std::string(std::size_t(depth) * 2, ' ') << layerLine(**it) << "\n";
        if ((*it)->isGroup()) printTree(**it, depth + 1, out);
    }
}

}  // namespace

std::string shortest(double value)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string shortest(float value)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string quoted(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", u);
            out += hex;
        } else {
            out += c;  // UTF-8 passes through: names are shown as the painter typed them
        }
    }
    return out + "\"";
}

core::Rect paintedBounds(const core::Layer& layer)
{
    core::Rect r;
    if (layer.isGroup()) {
        for (const auto& child : layer.children()) r = r.united(paintedBounds(*child));
        return r;
    }
    const auto& p = layer.properties();
    for (const core::TileCoord c : layer.tiles().coords()) {
        const core::TileData* tile = layer.tiles().peek(c);
        if (tile) r = r.united(tileBounds(*tile, c.pixelRect().translated(p.offsetX, p.offsetY)));
    }
    return r;
}

std::string layerLine(const core::Layer& layer)
{
    const core::LayerProperties& p = layer.properties();
    std::string line = quoted(p.name);
    line += layer.isGroup() ? " group" : " paint";
    line += std::string(" visible=") + yesNo(p.visible);
    line += " opacity=" + shortest(p.opacity);
    line += " blend=" + std::string(core::blendModeName(p.blendMode));
    line += " offset=" + std::to_string(p.offsetX) + "," + std::to_string(p.offsetY);
    line += std::string(" alpha-lock=") + yesNo(p.alphaLock);
    line += std::string(" edit-lock=") + yesNo(p.editLock);
    if (layer.isGroup()) line += std::string(" isolated=") + yesNo(p.isolated);
    line += " bounds=" + formatBounds(paintedBounds(layer));
    return line;
}

void printDocumentSummary(const core::Document& doc, std::ostream& out)
{
    const core::Light& light = doc.light();
    out << "dpi: " << shortest(doc.dpi()) << "\n"
        << "background: " << core::formatColor(doc.background()) << "\n"
        << "light: " << (light.enabled ? "on" : "off") << " azimuth=" << shortest(light.azimuth)
        << " elevation=" << shortest(light.elevation) << " strength=" << shortest(light.strength)
        << " shine=" << shortest(light.shine) << " shininess=" << shortest(light.shininess)
        << " relief=" << shortest(light.relief) << "\n"
        << "drying: " << core::dryingName(doc.drying()) << "\n"
        << "layers: " << countLayers(doc.root()) << " (top to bottom)\n";
    printTree(doc.root(), 1, out);
}

}  // namespace signe::cli
