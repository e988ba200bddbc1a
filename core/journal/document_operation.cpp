// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/document_operation.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/document.h"

namespace signe::core {

namespace {

using Json = nlohmann::json;
using Kind = DocumentOperation::Kind;

constexpr std::array<std::pair<std::string_view, Kind>, 17> kKinds{{
    {"addPaintLayer", Kind::AddPaintLayer},
    {"addGroup", Kind::AddGroup},
    {"removeLayer", Kind::RemoveLayer},
    {"duplicateLayer", Kind::DuplicateLayer},
    {"moveLayer", Kind::MoveLayer},
    {"mergeDown", Kind::MergeDown},
    {"flatten", Kind::Flatten},
    {"setLayerProperties", Kind::SetLayerProperties},
    {"setDpi", Kind::SetDpi},
    {"setBackground", Kind::SetBackground},
    {"setLight", Kind::SetLight},
    {"setDrying", Kind::SetDrying},
    {"dryLayer", Kind::DryLayer},
    {"wetLayer", Kind::WetLayer},
    {"undo", Kind::Undo},
    {"redo", Kind::Redo},
    {"pixels", Kind::Pixels},
}};

std::string_view kindName(Kind kind)
{
    for (const auto& [name, k] : kKinds)
        if (k == kind) return name;
    return "pixels";
}

Json colourJson(Color16 c)
{
    return Json::array({c.r, c.g, c.b, c.a});
}

Json propertiesJson(const LayerProperties& p)
{
    return {{"name", p.name},
            {"visible", p.visible},
            {"opacity", p.opacity},
            {"blend", std::string(blendModeName(p.blendMode))},
            {"alphaLock", p.alphaLock},
            {"editLock", p.editLock},
            {"offset", {p.offsetX, p.offsetY}},
            {"isolated", p.isolated},
            {"drying", dryingName(p.drying)}};
}

Json lightJson(const Light& l)
{
    return {{"enabled", l.enabled},   {"azimuth", l.azimuth}, {"elevation", l.elevation},
            {"strength", l.strength}, {"shine", l.shine},     {"shininess", l.shininess},
            {"relief", l.relief}};
}

/// Thrown inside decoding only, caught in decodeOperation: the path and what is wrong.
struct BadField {
    std::string what;
};

const Json& field(const Json& object, const char* key)
{
    const auto it = object.find(key);
    if (it == object.end()) throw BadField{std::string("'") + key + "' is missing"};
    return *it;
}

template <class T>
T value(const Json& object, const char* key)
{
    const Json& v = field(object, key);
    try {
        return v.get<T>();
    } catch (const Json::exception&) {
        throw BadField{std::string("'") + key + "' has the wrong type"};
    }
}

LayerPath pathValue(const Json& object, const char* key)
{
    LayerPath path = value<LayerPath>(object, key);
    for (int i : path)
        if (i < 0) throw BadField{std::string("'") + key + "' holds a negative index"};
    return path;
}

Drying dryingValue(const Json& object, const char* key)
{
    auto d = parseDrying(value<std::string>(object, key));
    if (!d) throw BadField{d.error().message};
    return *d;
}

LayerProperties propertiesValue(const Json& j)
{
    LayerProperties p;
    p.name = value<std::string>(j, "name");
    p.visible = value<bool>(j, "visible");
    p.opacity = value<float>(j, "opacity");
    auto mode = parseBlendMode(value<std::string>(j, "blend"));
    if (!mode) throw BadField{mode.error().message};
    p.blendMode = *mode;
    p.alphaLock = value<bool>(j, "alphaLock");
    p.editLock = value<bool>(j, "editLock");
    const auto offset = value<std::array<int, 2>>(j, "offset");
    p.offsetX = offset[0];
    p.offsetY = offset[1];
    p.isolated = value<bool>(j, "isolated");
    p.drying = dryingValue(j, "drying");
    return p;
}

Light lightValue(const Json& j)
{
    Light l;
    l.enabled = value<bool>(j, "enabled");
    l.azimuth = value<float>(j, "azimuth");
    l.elevation = value<float>(j, "elevation");
    l.strength = value<float>(j, "strength");
    l.shine = value<float>(j, "shine");
    l.shininess = value<float>(j, "shininess");
    l.relief = value<float>(j, "relief");
    return l;
}

}  // namespace

std::string encodeOperation(const DocumentOperation& op)
{
    Json j{{"op", std::string(kindName(op.kind))}};
    switch (op.kind) {
        case Kind::AddPaintLayer:
        case Kind::AddGroup:
            j["name"] = op.name, j["parent"] = op.parent, j["index"] = op.index;
            break;
        case Kind::MoveLayer:
            j["layer"] = op.layer, j["parent"] = op.parent, j["index"] = op.index;
            break;
        case Kind::RemoveLayer:
        case Kind::DuplicateLayer:
        case Kind::MergeDown:
        case Kind::DryLayer:
        case Kind::WetLayer:
            j["layer"] = op.layer;
            break;
        case Kind::SetLayerProperties:
            j["layer"] = op.layer, j["properties"] = propertiesJson(op.properties);
            j["name"] = op.name;
            break;
        case Kind::SetDpi:
            j["dpi"] = op.dpi;
            break;
        case Kind::SetBackground:
            j["background"] = colourJson(op.background);
            break;
        case Kind::SetLight:
            j["light"] = lightJson(op.light);
            break;
        case Kind::SetDrying:
            j["drying"] = dryingName(op.drying);
            break;
        case Kind::Pixels:
            j["name"] = op.name;
            break;
        case Kind::Flatten:
        case Kind::Undo:
        case Kind::Redo:
            break;
    }
    return j.dump();
}

Result<DocumentOperation> decodeOperation(std::string_view text)
{
    const Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fail(ErrorCode::Corrupt, "operation is not a JSON object");
    try {
        const auto name = value<std::string>(j, "op");
        DocumentOperation op;
        const auto known = std::find_if(kKinds.begin(), kKinds.end(),
                                        [&](const auto& k) { return k.first == name; });
        if (known == kKinds.end()) throw BadField{"unknown operation '" + name + "'"};
        op.kind = known->second;
        switch (op.kind) {
            case Kind::AddPaintLayer:
            case Kind::AddGroup:
                op.name = value<std::string>(j, "name");
                op.parent = pathValue(j, "parent");
                op.index = value<int>(j, "index");
                break;
            case Kind::MoveLayer:
                op.layer = pathValue(j, "layer");
                op.parent = pathValue(j, "parent");
                op.index = value<int>(j, "index");
                break;
            case Kind::RemoveLayer:
            case Kind::DuplicateLayer:
            case Kind::MergeDown:
            case Kind::DryLayer:
            case Kind::WetLayer:
                op.layer = pathValue(j, "layer");
                break;
            case Kind::SetLayerProperties:
                op.layer = pathValue(j, "layer");
                op.properties = propertiesValue(field(j, "properties"));
                op.name = value<std::string>(j, "name");
                break;
            case Kind::SetDpi:
                op.dpi = value<double>(j, "dpi");
                break;
            case Kind::SetBackground: {
                const auto c = value<std::array<int, 4>>(j, "background");
                for (int v : c)
                    if (v < 0 || v > 65535)
                        throw BadField{"'background' holds a value out of 0..65535"};
                op.background = {std::uint16_t(c[0]), std::uint16_t(c[1]), std::uint16_t(c[2]),
                                 std::uint16_t(c[3])};
                break;
            }
            case Kind::SetLight:
                op.light = lightValue(field(j, "light"));
                break;
            case Kind::SetDrying:
                op.drying = dryingValue(j, "drying");
                break;
            case Kind::Pixels:
                op.name = value<std::string>(j, "name");
                break;
            case Kind::Flatten:
            case Kind::Undo:
            case Kind::Redo:
                break;
        }
        return op;
    } catch (const BadField& bad) {
        return fail(ErrorCode::Corrupt, "operation: " + bad.what);
    }
}

Result<void> applyOperation(Document& doc, const DocumentOperation& op)
{
    const LayerId layer = doc.layerAtPath(op.layer);
    const bool needsLayer = op.kind == Kind::MoveLayer || op.kind == Kind::RemoveLayer ||
                            op.kind == Kind::DuplicateLayer || op.kind == Kind::MergeDown ||
                            op.kind == Kind::DryLayer || op.kind == Kind::WetLayer ||
                            op.kind == Kind::SetLayerProperties;
    if (needsLayer && (layer == kNoLayer || op.layer.empty()))
        return fail(ErrorCode::NotFound, "no layer at the operation's place in the tree");
    const LayerId parent = doc.layerAtPath(op.parent);
    if ((op.kind == Kind::AddPaintLayer || op.kind == Kind::AddGroup ||
         op.kind == Kind::MoveLayer) &&
        parent == kNoLayer)
        return fail(ErrorCode::NotFound, "no group at the operation's place in the tree");
    const LayerId parentArg = op.parent.empty() ? kNoLayer : parent;
    auto done = [](auto&& result) -> Result<void> {
        if (!result) return tl::unexpected(result.error());
        return {};
    };
    switch (op.kind) {
        case Kind::AddPaintLayer:
            return done(doc.addPaintLayer(op.name, parentArg, op.index));
        case Kind::AddGroup:
            return done(doc.addGroup(op.name, parentArg, op.index));
        case Kind::RemoveLayer:
            return doc.removeLayer(layer);
        case Kind::DuplicateLayer:
            return done(doc.duplicateLayer(layer));
        case Kind::MoveLayer:
            return doc.moveLayer(layer, parentArg, op.index);
        case Kind::MergeDown:
            return doc.mergeDown(layer);
        case Kind::Flatten:
            return done(doc.flatten());
        case Kind::SetLayerProperties:
            return doc.setLayerProperties(layer, op.properties,
                                          op.name.empty() ? "Layer properties" : op.name);
        case Kind::SetDpi:
            return doc.setDpi(op.dpi);
        case Kind::SetBackground:
            return doc.setBackground(op.background);
        case Kind::SetLight:
            return doc.setLight(op.light);
        case Kind::SetDrying:
            return doc.setDrying(op.drying);
        case Kind::DryLayer:
            return doc.dryLayer(layer);
        case Kind::WetLayer:
            return doc.wetLayer(layer);
        case Kind::Undo:
            if (!doc.undo()) return fail(ErrorCode::InvalidArgument, "nothing to undo");
            return {};
        case Kind::Redo:
            if (!doc.redo()) return fail(ErrorCode::InvalidArgument, "nothing to redo");
            return {};
        case Kind::Pixels:
            break;
    }
    return fail(ErrorCode::Unsupported,
                "pixels changed by '" + op.name + "' cannot be replayed from the operation alone");
}

}  // namespace signe::core
