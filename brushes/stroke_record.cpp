// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_record.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "brushes/stroke_engine.h"
#include "core/transaction.h"

namespace signe::brushes {

namespace {

using Json = nlohmann::json;

/// Event fields in the order they are written: t, x, y, pressure, xtilt, ytilt, rotation.
constexpr std::size_t kEventFields = 7;

std::string pathText(const core::LayerPath& path)
{
    std::string text;
    for (std::size_t i = 0; i < path.size(); ++i) text += (i ? "/" : "") + std::to_string(path[i]);
    return text.empty() ? "(root)" : text;
}

}  // namespace

std::string encodeStrokeRecord(const StrokeRecord& r)
{
    Json events = Json::array();
    for (const InputEvent& e : r.events)
        events.push_back({e.t, e.x, e.y, e.pressure, e.xtilt, e.ytilt, e.rotation});
    // The preset goes in as its own JSON object, so that it reads back through parsePreset.
    const Json preset = Json::parse(presetToJson(r.preset));
    return Json{{"layer", r.layer},
                {"preset", preset},
                {"colour", {r.colour.r, r.colour.g, r.colour.b, r.colour.a}},
                {"seed", r.seed},
                {"clock", r.clockSeconds},
                {"events", events}}
        .dump();
}

core::Result<StrokeRecord> decodeStrokeRecord(std::string_view json)
{
    const Json j = Json::parse(json, nullptr, false);
    const auto bad = [](const std::string& what) {
        return core::fail(core::ErrorCode::Corrupt, "stroke record: " + what);
    };
    if (!j.is_object()) return bad("not a JSON object");
    for (const char* key : {"layer", "preset", "colour", "seed", "clock", "events"})
        if (!j.contains(key)) return bad(std::string("'") + key + "' is missing");
    StrokeRecord r;
    try {
        r.layer = j["layer"].get<core::LayerPath>();
        const auto c = j["colour"].get<std::array<int, 4>>();
        for (int v : c)
            if (v < 0 || v > 65535) return bad("'colour' holds a value out of 0..65535");
        r.colour = {std::uint16_t(c[0]), std::uint16_t(c[1]), std::uint16_t(c[2]),
                    std::uint16_t(c[3])};
        r.seed = j["seed"].get<std::uint64_t>();
        r.clockSeconds = j["clock"].get<double>();
        for (const Json& e : j["events"]) {
            if (!e.is_array() || e.size() != kEventFields) return bad("an event is not 7 numbers");
            r.events.push_back({e[0].get<double>(), e[1].get<double>(), e[2].get<double>(),
                                e[3].get<float>(), e[4].get<float>(), e[5].get<float>(),
                                e[6].get<float>()});
        }
    } catch (const Json::exception&) {
        return bad("a field has the wrong type");
    }
    auto preset = parsePreset(j["preset"].dump(), "stroke record preset");
    if (!preset) return tl::unexpected(preset.error());
    r.preset = std::move(*preset);
    return r;
}

core::Result<void> replayStroke(core::Document& doc, const StrokeRecord& record,
                                const TipResolver& tipFor, int threads)
{
    const core::LayerId layer = doc.layerAtPath(record.layer);
    if (layer == core::kNoLayer || record.layer.empty())
        return core::fail(core::ErrorCode::NotFound,
                          "stroke on layer " + pathText(record.layer) + ": no such layer");
    std::shared_ptr<const BrushTip> tip;
    if (!record.preset.tip.empty()) {
        auto found = tipFor(record.preset);
        if (!found) return tl::unexpected(found.error());
        tip = *found;
    }
    doc.clock().setSeconds(record.clockSeconds);
    core::Transaction tx(doc, "Brush stroke");
    auto target = tx.target(layer);
    if (!target) return tl::unexpected(target.error());
    StrokeOptions options;
    options.color = record.colour;
    options.seed = record.seed;
    options.threads = threads;
    options.tip = tip.get();
    {
        StrokeEngine stroke(record.preset, *target, options);
        for (const InputEvent& e : record.events) stroke.add(e);
        stroke.end();
    }
    tx.commit();
    return {};
}

std::string describeStroke(const StrokeRecord& r)
{
    char colour[16];
    std::snprintf(colour, sizeof colour, "#%02x%02x%02x%02x", r.colour.r >> 8, r.colour.g >> 8,
                  r.colour.b >> 8, r.colour.a >> 8);
    return "'" + r.preset.name + "' on layer " + pathText(r.layer) + ", " +
           std::to_string(r.events.size()) + " events, " + colour + ", seed " +
           std::to_string(r.seed);
}

}  // namespace signe::brushes
