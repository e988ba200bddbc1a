// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compositor.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/height_field.h"
#include "core/impasto_lighting.h"
#include "core/parallel_for.h"
#include "core/simd_clones.h"
#include "core/stack_compositor.h"

namespace signe::core {

struct BaseTileState {
    StackCompositor stack;
    std::vector<float> acc = std::vector<float>(StackCompositor::kTileFloats);
    std::vector<float> height;  // kWindow^2, allocated by the first tile with relief
};

namespace {

constexpr int kWindow = kTileSize + 2;  // a tile's height field and its one-pixel border

std::uint8_t to8(float v)
{
    // Rounded in int, then clamped in int: a float clamp followed by the cast keeps GCC from
    // vectorising the loop in overBackgroundTo8. NaN ends up 0 either way.
    return std::uint8_t(std::clamp(int(v * 255.0f + 0.5f), 0, 255));
}

/// One tile of premultiplied floats source-over the background, rounded to 8 bits.
SIGNE_HOT_CLONES
void overBackgroundTo8(const float* __restrict acc, const float* __restrict bg,
                       std::uint8_t* __restrict out)
{
    const float b0 = bg[0], b1 = bg[1], b2 = bg[2], b3 = bg[3];
    for (int i = 0; i < kTilePixels; ++i) {
        const float* p = acc + i * 4;
        const float k = 1.0f - p[3];
        out[i * 4 + 0] = to8(p[0] + b0 * k);
        out[i * 4 + 1] = to8(p[1] + b1 * k);
        out[i * 4 + 2] = to8(p[2] + b2 * k);
        out[i * 4 + 3] = to8(p[3] + b3 * k);
    }
}

/// Premultiplied floats source-over the background, in place.
void overBackgroundInPlace(float* acc, const float* bg)
{
    for (int i = 0; i < kTilePixels; ++i) {
        float* p = acc + i * 4;
        const float k = 1.0f - p[3];
        for (int ch = 0; ch < 4; ++ch) p[ch] += bg[ch] * k;
    }
}

std::array<float, 4> premultipliedBackground(Color16 c)
{
    const float a = c.a / 65535.0f;
    return {c.r / 65535.0f * a, c.g / 65535.0f * a, c.b / 65535.0f * a, a};
}

}  // namespace

Compositor::Compositor(Document& doc) : m_doc(doc)
{
    m_listener = m_doc.addRegionListener([this](const Rect& r) { invalidate(r); });
}

Compositor::~Compositor() { m_doc.removeListener(m_listener); }

void Compositor::invalidate(const Rect& canvasRect)
{
    for (int level = 0; level <= kMaxLevel; ++level) {
        Level& tiles = m_levels[std::size_t(level)];
        if (tiles.empty()) continue;
        for (TileCoord c : tilesOver(level, canvasRect)) {
            auto it = tiles.find(c);
            if (it != tiles.end()) it->second.dirty = true;
        }
    }
}

void Compositor::invalidateAll()
{
    for (Level& level : m_levels) level.clear();
}

std::vector<TileCoord> Compositor::tilesOver(int level, const Rect& canvasRect) const
{
    const Rect r = canvasRect.intersected(m_doc.bounds());
    std::vector<TileCoord> out;
    if (r.isEmpty()) return out;
    const int span = kTileSize << level;
    for (int ty = r.y / span; ty <= (r.bottom() - 1) / span; ++ty)
        for (int tx = r.x / span; tx <= (r.right() - 1) / span; ++tx) out.push_back({tx, ty});
    return out;
}

int Compositor::update(int level, const Rect& canvasRect, int threads)
{
    level = std::clamp(level, 0, kMaxLevel);
    if (level > 0) {
        // A mip tile is built from the four below it: bring the whole of each one up to date.
        const int span = kTileSize << level;
        const Rect r = canvasRect.intersected(m_doc.bounds());
        if (r.isEmpty()) return 0;
        const int x0 = r.x / span * span, y0 = r.y / span * span;
        update(level - 1,
               {x0, y0, (r.right() - x0 + span - 1) / span * span,
                (r.bottom() - y0 + span - 1) / span * span},
               threads);
    }

    Level& tiles = m_levels[std::size_t(level)];
    std::vector<Entry*> todo;
    std::vector<TileCoord> coords;
    for (TileCoord c : tilesOver(level, canvasRect)) {
        Entry& e = tiles[c];  // created here, single-threaded, before the workers start
        if (e.computed && !e.dirty) continue;
        todo.push_back(&e);
        coords.push_back(c);
    }
    if (level == 0) {
        const bool mayLight =
            !todo.empty() && m_doc.light().enabled && hasThickness(m_doc.root());
        parallelFor<BaseTileState>(int(todo.size()), threads, [&](int i, BaseTileState& s) {
            computeBaseTile(coords[std::size_t(i)], s, *todo[std::size_t(i)], mayLight);
        });
    } else {
        struct NoState {};
        parallelFor<NoState>(int(todo.size()), threads, [&](int i, NoState&) {
            computeMipTile(level, coords[std::size_t(i)], *todo[std::size_t(i)]);
        });
    }
    for (Entry* e : todo) {
        e->dirty = false;
        e->computed = true;
    }
    return int(todo.size());
}

const std::uint8_t* Compositor::displayTile(int level, TileCoord c)
{
    level = std::clamp(level, 0, kMaxLevel);
    const int span = kTileSize << level;
    update(level, {c.x * span, c.y * span, span, span});
    auto it = m_levels[std::size_t(level)].find(c);
    if (it == m_levels[std::size_t(level)].end()) return nullptr;
    const Entry& e = it->second;
    return e.pixels.empty() ? uniformPixels(e.uniform) : e.pixels.data();
}

const std::uint8_t* Compositor::uniformPixels(Rgba8 value)
{
    const std::uint32_t key = std::uint32_t(value[0]) | std::uint32_t(value[1]) << 8 |
                              std::uint32_t(value[2]) << 16 | std::uint32_t(value[3]) << 24;
    std::vector<std::uint8_t>& buffer = m_uniformPixels[key];
    if (buffer.empty()) {
        buffer.resize(kTileBytes);
        for (int i = 0; i < kTilePixels; ++i) std::memcpy(&buffer[std::size_t(i) * 4], value.data(), 4);
    }
    return buffer.data();
}

namespace {

/// Stores `pixels` compactly when every pixel is the same.
void storeTile(std::vector<std::uint8_t>& pixels, std::array<std::uint8_t, 4>& uniform)
{
    const std::uint8_t* p = pixels.data();
    for (int i = 1; i < kTilePixels; ++i)
        if (std::memcmp(p, p + i * 4, 4) != 0) return;
    std::memcpy(uniform.data(), p, 4);
    std::vector<std::uint8_t>().swap(pixels);
}

}  // namespace

bool Compositor::reliefWindow(TileCoord c, const Light& light, BaseTileState& state) const
{
    const Rect window = c.pixelRect().inflated(1);
    // Most tiles of most documents have no relief: find that out before touching 17 KiB.
    if (!(light.relief > 0.0f) || !hasThickness(m_doc.root(), window)) return false;
    state.height.assign(std::size_t(kWindow) * kWindow, 0.0f);
    if (!accumulateThickness(m_doc.root(), window, light.relief / float(kThicknessFull),
                             state.height.data(), kWindow))
        return false;
    const float first = state.height[0];
    return std::any_of(state.height.begin(), state.height.end(),
                       [&](float h) { return h != first; });
}

void Compositor::computeBaseTile(TileCoord c, BaseTileState& state, Entry& e,
                                 bool mayLight) const
{
    std::vector<float>& acc = state.acc;
    const bool drawn = state.stack.compositeTile(m_doc.root(), c, acc.data(), true);
    const auto bg = premultipliedBackground(m_doc.background());
    const Rect inside = c.pixelRect().intersected(m_doc.bounds());
    const Light& light = m_doc.light();
    const bool relief = mayLight && reliefWindow(c, light, state);
    if (!drawn && !relief && inside == c.pixelRect()) {
        // No layer has anything here: the tile is the background, whatever its size.
        e.uniform = {to8(bg[0]), to8(bg[1]), to8(bg[2]), to8(bg[3])};
        std::vector<std::uint8_t>().swap(e.pixels);
        return;
    }
    if (!drawn) std::fill(acc.begin(), acc.end(), 0.0f);
    e.pixels.resize(kTileBytes);
    std::uint8_t* out = e.pixels.data();
    if (relief) {
        // Light the surface as shown (paint over the background), then round as usual.
        overBackgroundInPlace(acc.data(), bg.data());
        ImpastoLighting(light).shade(state.height.data() + kWindow + 1, kWindow, acc.data(),
                                     kTileSize, kTileSize, kTileSize);
        const std::array<float, 4> none{};
        overBackgroundTo8(acc.data(), none.data(), out);
        m_litTiles.fetch_add(1, std::memory_order_relaxed);
    } else {
        overBackgroundTo8(acc.data(), bg.data(), out);
    }
    // Pixels past the canvas edge show nothing.
    if (inside != c.pixelRect()) {
        const Rect tr = c.pixelRect();
        for (int y = 0; y < kTileSize; ++y)
            for (int x = 0; x < kTileSize; ++x)
                if (!inside.contains(tr.x + x, tr.y + y))
                    std::memset(out + (y * kTileSize + x) * 4, 0, 4);
    }
    storeTile(e.pixels, e.uniform);
}

void Compositor::computeMipTile(int level, TileCoord c, Entry& e) const
{
    // Reads the four tiles below, which update() has just brought up to date; a missing one
    // lies beyond the canvas and is transparent.
    const Level& below = m_levels[std::size_t(level - 1)];
    std::array<const Entry*, 4> src{};
    for (int q = 0; q < 4; ++q) {
        const auto it = below.find({c.x * 2 + (q & 1), c.y * 2 + (q >> 1)});
        src[std::size_t(q)] = it == below.end() ? nullptr : &it->second;
    }
    auto uniformOf = [](const Entry* s) { return s ? s->uniform : Rgba8{}; };
    auto isUniform = [](const Entry* s) { return !s || s->pixels.empty(); };
    if (std::all_of(src.begin(), src.end(), isUniform) &&
        std::all_of(src.begin(), src.end(),
                    [&](const Entry* s) { return uniformOf(s) == uniformOf(src[0]); })) {
        e.uniform = uniformOf(src[0]);
        std::vector<std::uint8_t>().swap(e.pixels);
        return;
    }
    e.pixels.resize(kTileBytes);
    std::uint8_t* out = e.pixels.data();
    constexpr int half = kTileSize / 2;
    for (int q = 0; q < 4; ++q) {
        const Entry* s = src[std::size_t(q)];
        const int ox = (q & 1) * half, oy = (q >> 1) * half;
        for (int y = 0; y < half; ++y) {
            std::uint8_t* row = out + ((oy + y) * kTileSize + ox) * 4;
            if (isUniform(s)) {  // the average of equal pixels is that pixel
                const Rgba8 v = uniformOf(s);
                for (int x = 0; x < half; ++x) std::memcpy(row + x * 4, v.data(), 4);
                continue;
            }
            const std::uint8_t* s0 = s->pixels.data() + (2 * y) * kTileSize * 4;
            const std::uint8_t* s1 = s0 + kTileSize * 4;
            for (int x = 0; x < half; ++x)
                for (int ch = 0; ch < 4; ++ch) {
                    const int sum = s0[(2 * x) * 4 + ch] + s0[(2 * x + 1) * 4 + ch] +
                                    s1[(2 * x) * 4 + ch] + s1[(2 * x + 1) * 4 + ch];
                    row[x * 4 + ch] = std::uint8_t((sum + 2) / 4);
                }
        }
    }
    storeTile(e.pixels, e.uniform);
}

void Compositor::compositeFloat(const Rect& rect, float* out, bool withBackground, int threads,
                                bool lit) const
{
    if (rect.isEmpty()) return;
    const int tx0 = floorDiv(rect.x, kTileSize), tx1 = floorDiv(rect.right() - 1, kTileSize);
    const int ty0 = floorDiv(rect.y, kTileSize), ty1 = floorDiv(rect.bottom() - 1, kTileSize);
    const int cols = tx1 - tx0 + 1;
    const auto bg = withBackground ? premultipliedBackground(m_doc.background())
                                   : std::array<float, 4>{0, 0, 0, 0};
    lit = lit && hasThickness(m_doc.root());
    parallelFor<BaseTileState>(cols * (ty1 - ty0 + 1), threads, [&](int i, BaseTileState& s) {
        const TileCoord c{tx0 + i % cols, ty0 + i / cols};
        if (!s.stack.compositeTile(m_doc.root(), c, s.acc.data(), true))
            std::fill(s.acc.begin(), s.acc.end(), 0.0f);
        const bool relief = lit && reliefWindow(c, m_doc.light(), s);
        if (relief) {
            // As for display: the surface over the background is lit, and is then final.
            overBackgroundInPlace(s.acc.data(), bg.data());
            ImpastoLighting(m_doc.light())
                .shade(s.height.data() + kWindow + 1, kWindow, s.acc.data(), kTileSize,
                       kTileSize, kTileSize);
            m_litTiles.fetch_add(1, std::memory_order_relaxed);
        }
        const auto tileBg = relief ? std::array<float, 4>{} : bg;
        const Rect part = c.pixelRect().intersected(rect);
        for (int y = part.y; y < part.bottom(); ++y)
            for (int x = part.x; x < part.right(); ++x) {
                const float* p =
                    &s.acc[std::size_t(((y - c.y * kTileSize) * kTileSize + x - c.x * kTileSize) * 4)];
                float* o = out + (std::size_t(y - rect.y) * std::size_t(rect.w) + std::size_t(x - rect.x)) * 4;
                const float k = 1.0f - p[3];
                for (int ch = 0; ch < 4; ++ch) o[ch] = p[ch] + tileBg[std::size_t(ch)] * k;
            }
    });
}

std::size_t Compositor::cachedTileCount() const
{
    std::size_t n = 0;
    for (const Level& level : m_levels) n += level.size();
    return n;
}

std::size_t Compositor::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const Level& level : m_levels)
        for (const auto& [c, e] : level) bytes += sizeof(e) + 32 + e.pixels.capacity();
    for (const auto& [key, buffer] : m_uniformPixels) bytes += buffer.capacity();
    return bytes;
}

}  // namespace signe::core
