// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/preset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace signe::brushes {

namespace {

// Ordered, so the first error reported is the first in the file and output keeps our key order.
using Json = nlohmann::ordered_json;
using core::ErrorCode;

constexpr int kMaxDepth = 32;           // a valid preset nests 6 deep
constexpr double kMaxSmoothing = 1000;  // canvas px; far beyond any useful smoothing
constexpr std::size_t kMaxTipBytes = 100;

// Validation stops at the first problem. Inside this file it travels as an exception, because
// nearly every line of the reader can find one; parsePreset turns it into a Result, so nothing
// escapes.
struct Failure {
    ErrorCode code;
    std::string message;  // "settings.radius: expected a number, got \"big\"", without the source
};

// Warnings collect here while parsePreset runs (one parse per thread at a time).
thread_local std::vector<std::string>* t_warnings = nullptr;

void warnAt(const std::string& path, std::string what)
{
    if (t_warnings) t_warnings->push_back(path.empty() ? std::move(what) : path + ": " + what);
}

[[noreturn]] void failAt(const std::string& path, std::string what,
                         ErrorCode code = ErrorCode::Corrupt)
{
    throw Failure{code, path.empty() ? std::move(what) : path + ": " + what};
}

std::string join(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element(const std::string& path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

/// The value as it would appear in JSON, shortened so a huge value cannot flood a message.
std::string shown(const Json& value)
{
    constexpr std::size_t kMax = 60;
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() <= kMax) return text;
    std::size_t cut = kMax;
    // Back off to a character boundary so the message stays valid UTF-8.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "...";
}

std::string typeWord(const Json& value)
{
    if (value.is_object()) return "an object";
    if (value.is_array())
        return "an array of " + std::to_string(value.size()) +
               (value.size() == 1 ? " value" : " values");
    return shown(value);
}

std::string format(double v)
{
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

std::string rangeText(double lo, double hi)
{
    return format(lo) + ".." + format(hi);
}

[[noreturn]] void wrongType(const std::string& path, std::string_view expected, const Json& got)
{
    failAt(path, "expected " + std::string(expected) + ", got " + typeWord(got));
}

const Json& requireObject(const Json& value, const std::string& path)
{
    if (!value.is_object()) wrongType(path, "an object", value);
    return value;
}

/// Unknown keys are ignored with a warning: a preset from a newer Signe, or with a typo, still
/// loads, and the painter is told what was skipped.
void warnUnknownKeys(const Json& object, const std::string& path,
                     std::initializer_list<std::string_view> known)
{
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        warnAt(join(path, key), "unknown key, ignored (known here: " + list + ")");
    }
}

const Json* find(const Json& object, std::string_view key)
{
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const Json& require(const Json& object, const std::string& path, std::string_view key)
{
    if (const Json* v = find(object, key)) return *v;
    failAt(join(path, key), "missing (required)");
}

double number(const Json& value, const std::string& path, double lo, double hi)
{
    if (!value.is_number()) wrongType(path, "a number", value);
    const double v = value.get<double>();
    if (!(v >= lo && v <= hi)) failAt(path, shown(value) + " is out of range " + rangeText(lo, hi));
    return v;
}

/// A number clamped into lo..hi, with a warning when it had to be.
double clampedNumber(const Json& value, const std::string& path, double lo, double hi)
{
    if (!value.is_number()) wrongType(path, "a number", value);
    const double v = value.get<double>();
    if (v >= lo && v <= hi) return v;
    const double c = std::clamp(v, lo, hi);
    warnAt(path, shown(value) + " is out of range " + rangeText(lo, hi) + ", clamped to " +
                     format(c));
    return c;
}

const std::string& text(const Json& value, const std::string& path)
{
    if (!value.is_string()) wrongType(path, "a string", value);
    return value.get_ref<const std::string&>();
}

/// One of a fixed set of names; the error lists them.
template <class Enum, std::size_t N>
Enum choice(const Json& value, const std::string& path,
            const std::array<std::pair<std::string_view, Enum>, N>& options)
{
    const std::string& s = text(value, path);
    for (const auto& [name, e] : options)
        if (name == s) return e;
    std::string list;
    for (const auto& [name, e] : options) list += (list.empty() ? "" : ", ") + std::string(name);
    failAt(path, "unknown value " + shown(value) + " (expected one of: " + list + ")");
}

constexpr std::array<std::pair<std::string_view, core::MixModel>, 3> kMixModels = {{
    {"pigment", core::MixModel::Pigment},
    {"geometric", core::MixModel::GeometricMean},
    {"rgb", core::MixModel::LinearRgb},
}};

constexpr std::array<std::pair<std::string_view, Preset::Mode>, 2> kModes = {{
    {"paint", Preset::Mode::Paint},
    {"erase", Preset::Mode::Erase},
}};

constexpr std::array<std::pair<std::string_view, SmoothingSettings::Mode>, 3> kSmoothingModes = {{
    {"none", SmoothingSettings::Mode::None},
    {"weighted", SmoothingSettings::Mode::Weighted},
    {"stabiliser", SmoothingSettings::Mode::Stabiliser},
}};

constexpr std::array<std::pair<std::string_view, Curve::Interpolation>, 2> kInterpolations = {{
    {"linear", Curve::Interpolation::Linear},
    {"smooth", Curve::Interpolation::Smooth},
}};

template <class Enum, std::size_t N>
std::string_view nameOf(Enum e, const std::array<std::pair<std::string_view, Enum>, N>& options)
{
    for (const auto& [name, value] : options)
        if (value == e) return name;
    return options[0].first;  // unreachable for a valid enumerator
}

int readVersion(const Json& root)
{
    const Json* v = find(root, "signe-preset");
    if (!v)
        failAt("signe-preset", "missing; a Signe preset starts with \"signe-preset\": " +
                                   std::to_string(kPresetVersion));
    // 1.0 is as good as 1: JSON writers differ in how they print whole numbers.
    const double number = v->is_number() ? v->get<double>() : 0.5;
    if (number != std::trunc(number) || std::fabs(number) > 1e9)
        wrongType("signe-preset", "a whole number", *v);
    const auto version = static_cast<std::int64_t>(number);
    if (version > kPresetVersion)
        failAt("signe-preset",
               "version " + std::to_string(version) + " is newer than this Signe reads (" +
                   std::to_string(kPresetVersion) + ")",
               ErrorCode::Unsupported);
    if (version < 1)
        failAt("signe-preset", "version " + std::to_string(version) + " does not exist");
    return int(version);
}

std::string readName(const Json& root)
{
    const std::string& name = text(require(root, "", "name"), "name");
    if (name.empty()) failAt("name", "must not be empty");
    if (name.size() > kMaxPresetNameBytes)
        failAt("name", "is " + std::to_string(name.size()) + " bytes long; the limit is " +
                           std::to_string(kMaxPresetNameBytes));
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7F) failAt("name", "contains a control character");
    return name;
}

std::string readTip(const Json& value)
{
    const std::string& tip = text(value, "tip");
    // Only a bare file name: a tip must never reach outside resources/tips.
    const bool plain = std::all_of(tip.begin(), tip.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
    if (!plain || tip.size() > kMaxTipBytes || (!tip.empty() && tip.front() == '.'))
        failAt("tip", shown(value) +
                          " is not a plain file name (letters, digits, '.', '_', '-'; no folders;"
                          " not starting with '.'; at most 100 bytes)");
    return tip;
}

void readSettings(const Json& value, BrushSettings& settings)
{
    for (const auto& [key, v] : requireObject(value, "settings").items()) {
        const std::string path = join("settings", key);
        const auto setting = parseSetting(key);
        if (!setting) {
            warnAt(path, "unknown brush setting, ignored");
            continue;
        }
        const SettingRange r = baseRange(*setting);
        settings[*setting] = float(clampedNumber(v, path, r.min, r.max));
    }
}

SmoothingSettings readSmoothing(const Json& value)
{
    const std::string path = "smoothing";
    requireObject(value, path);
    warnUnknownKeys(value, path, {"mode", "distance", "lazy_radius"});
    SmoothingSettings s;
    if (const Json* v = find(value, "mode"))
        s.mode = choice(*v, join(path, "mode"), kSmoothingModes);
    if (const Json* v = find(value, "distance"))
        s.distance = float(clampedNumber(*v, join(path, "distance"), 0.0, kMaxSmoothing));
    if (const Json* v = find(value, "lazy_radius"))
        s.lazyRadius = float(clampedNumber(*v, join(path, "lazy_radius"), 0.0, kMaxSmoothing));
    return s;
}

Curve readCurve(const Json& value, const std::string& path)
{
    requireObject(value, path);
    warnUnknownKeys(value, path, {"points", "interpolation"});
    auto interpolation = Curve::Interpolation::Linear;
    if (const Json* v = find(value, "interpolation"))
        interpolation = choice(*v, join(path, "interpolation"), kInterpolations);

    const std::string pointsPath = join(path, "points");
    const Json& points = require(value, path, "points");
    if (!points.is_array()) wrongType(pointsPath, "an array of [x, y] pairs", points);
    // Checked before reading the points, so a huge array is refused without work.
    if (points.size() < Curve::kMinPoints || points.size() > Curve::kMaxPoints)
        failAt(pointsPath, "a curve needs " + std::to_string(Curve::kMinPoints) + " to " +
                               std::to_string(Curve::kMaxPoints) + " points, got " +
                               std::to_string(points.size()));

    std::vector<CurvePoint> read;
    read.reserve(points.size());
    const double limit = Curve::kMaxCoordinate;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string pointPath = element(pointsPath, i);
        const Json& p = points[i];
        if (!p.is_array() || p.size() != 2) wrongType(pointPath, "an [x, y] pair", p);
        read.push_back({float(number(p[0], element(pointPath, 0), -limit, limit)),
                        float(number(p[1], element(pointPath, 1), -limit, limit))});
    }
    auto curve = Curve::make(read, interpolation);
    if (!curve) failAt(pointsPath, curve.error().message);
    return std::move(*curve);
}

std::vector<Dynamic> readDynamics(const Json& value)
{
    const std::string path = "dynamics";
    if (!value.is_array()) wrongType(path, "an array", value);
    std::vector<Dynamic> dynamics;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = element(path, i);
        const Json& entry = requireObject(value[i], at);
        warnUnknownKeys(entry, at, {"setting", "input", "curve"});

        const std::string settingPath = join(at, "setting");
        const auto setting = parseSetting(text(require(entry, at, "setting"), settingPath));
        if (!setting) failAt(settingPath, setting.error().message);
        const std::string inputPath = join(at, "input");
        const auto input = parseInput(text(require(entry, at, "input"), inputPath));
        if (!input) failAt(inputPath, input.error().message);

        // Two curves for one pair is almost surely a slip, and an editor shows one curve a pair.
        for (std::size_t j = 0; j < dynamics.size(); ++j)
            if (dynamics[j].setting == *setting && dynamics[j].input == *input)
                failAt(at, std::string(settingName(*setting)) + " is already driven by " +
                               std::string(inputName(*input)) + " in " + element(path, j));

        dynamics.push_back(
            {*setting, *input, readCurve(require(entry, at, "curve"), join(at, "curve"))});
    }
    return dynamics;
}

constexpr std::array<std::pair<std::string_view, BristleSettings::Shape>, 2> kBristleShapes = {{
    {"round", BristleSettings::Shape::Round},
    {"flat", BristleSettings::Shape::Flat},
}};

BristleSettings readBristles(const Json& value)
{
    const std::string path = "bristles";
    requireObject(value, path);
    warnUnknownKeys(value, path, {"count", "shape", "thickness", "length_jitter", "load_jitter"});
    BristleSettings b;
    if (const Json* v = find(value, "count")) {
        if (!v->is_number_integer()) wrongType(join(path, "count"), "a whole number", *v);
        b.count = int(clampedNumber(*v, join(path, "count"), 0, BristleSettings::kMaxBristles));
    }
    if (const Json* v = find(value, "shape"))
        b.shape = choice(*v, join(path, "shape"), kBristleShapes);
    if (const Json* v = find(value, "thickness"))
        b.thickness = float(clampedNumber(*v, join(path, "thickness"), 0.02, 1.0));
    if (const Json* v = find(value, "length_jitter"))
        b.lengthJitter = float(clampedNumber(*v, join(path, "length_jitter"), 0.0, 1.0));
    if (const Json* v = find(value, "load_jitter"))
        b.loadJitter = float(clampedNumber(*v, join(path, "load_jitter"), 0.0, 1.0));
    return b;
}

GrainSettings readGrain(const Json& value)
{
    const std::string path = "grain";
    requireObject(value, path);
    warnUnknownKeys(value, path, {"texture", "scale", "strength", "depth"});
    GrainSettings g;
    if (const Json* v = find(value, "texture")) {
        g.texture = text(*v, join(path, "texture"));
        if (!shippedGrain(g.texture)) {
            std::string known;
            for (const ShippedGrain& s : shippedGrains()) {
                const std::string file = s.file;
                known += (known.empty() ? "" : ", ") + file.substr(0, file.size() - 4);
            }
            failAt(join(path, "texture"),
                   "unknown grain " + shown(*v) + " (expected one of: " + known + ")");
        }
    }
    if (const Json* v = find(value, "scale"))
        g.scale = float(clampedNumber(*v, join(path, "scale"), Grain::kMinScale, Grain::kMaxScale));
    if (const Json* v = find(value, "strength"))
        g.strength = float(clampedNumber(*v, join(path, "strength"), 0.0, 1.0));
    if (const Json* v = find(value, "depth"))
        g.depth = float(clampedNumber(*v, join(path, "depth"), 0.0, 1.0));
    return g;
}

Preset readPreset(const Json& root)
{
    if (!root.is_object()) wrongType("", "a JSON object at the top level", root);
    // The version first: a newer file may use keys this code does not know.
    readVersion(root);
    warnUnknownKeys(root, "",
                      {"signe-preset", "name", "mode", "tip", "settings", "smoothing", "dynamics",
                       "mixing", "bristles", "grain"});

    Preset preset;
    preset.name = readName(root);
    if (const Json* v = find(root, "mode")) preset.mode = choice(*v, "mode", kModes);
    if (const Json* v = find(root, "tip")) preset.tip = readTip(*v);
    if (const Json* v = find(root, "settings")) readSettings(*v, preset.settings);
    if (const Json* v = find(root, "smoothing")) preset.smoothing = readSmoothing(*v);
    if (const Json* v = find(root, "dynamics")) preset.settings.dynamics = readDynamics(*v);
    if (const Json* v = find(root, "mixing")) preset.mixing = choice(*v, "mixing", kMixModels);
    if (const Json* v = find(root, "bristles")) preset.bristles = readBristles(*v);
    if (const Json* v = find(root, "grain")) preset.grain = readGrain(*v);
    return preset;
}

/// Watches the parser for what nlohmann accepts silently or handles badly: duplicate keys (it
/// keeps the last one, hiding a typo'd edit) and deep nesting (refused long before it costs).
class StructureCheck {
public:
    bool operator()(int depth, Json::parse_event_t event, Json& parsed)
    {
        using E = Json::parse_event_t;
        switch (event) {
            case E::object_start:
            case E::array_start:
                beginElement();
                if (depth > kMaxDepth)
                    failAt(path(), "nested deeper than " + std::to_string(kMaxDepth) + " levels");
                m_frames.push_back({event == E::array_start, 0, {}, {}});
                break;
            case E::object_end:
            case E::array_end:
                if (!m_frames.empty()) m_frames.pop_back();
                break;
            case E::key: {
                Frame& top = m_frames.back();
                top.key = parsed.get<std::string>();
                if (std::find(top.seen.begin(), top.seen.end(), top.key) != top.seen.end())
                    failAt(path(), "duplicate key");
                top.seen.push_back(top.key);
                break;
            }
            case E::value:
                beginElement();
                break;
        }
        return true;
    }

private:
    struct Frame {
        bool array;
        std::size_t elements;  // arrays: how many elements have begun
        std::string key;       // objects: the key being read
        std::vector<std::string> seen;
    };

    void beginElement()
    {
        if (!m_frames.empty() && m_frames.back().array) ++m_frames.back().elements;
    }

    std::string path() const
    {
        std::string p;
        for (const Frame& f : m_frames)
            p = f.array ? element(p, f.elements == 0 ? 0 : f.elements - 1) : join(p, f.key);
        return p;
    }

    std::vector<Frame> m_frames;
};

/// nlohmann says "[json.exception.parse_error.101] parse error at line 3, column 14: syntax
/// error ..."; keep the position and the explanation, drop the exception's id.
std::string describeJsonError(const std::string& what)
{
    constexpr std::string_view kAt = "parse error at ";
    if (const auto at = what.find(kAt); at != std::string::npos)
        return "invalid JSON at " + what.substr(at + kAt.size());
    const auto close = what.find("] ");
    return "invalid JSON: " + (close == std::string::npos ? what : what.substr(close + 2));
}

/// A number as JSON: whole numbers without ".0", others as the shortest text that reads back as
/// the same float (0.1f is written 0.1, not 0.10000000149011612).
Json numberJson(float v)
{
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    double d = 0;
    std::from_chars(buf, end, d);
    if (d == std::trunc(d) && std::fabs(d) < 1e15) return Json(static_cast<std::int64_t>(d));
    return Json(d);
}

/// One line, with a space after ',' and ':' as a person would type it.
void writeCompact(const Json& value, std::string& out)
{
    if (value.is_object()) {
        out += '{';
        bool first = true;
        for (const auto& [key, v] : value.items()) {
            out += first ? "" : ", ";
            first = false;
            out += Json(key).dump() + ": ";
            writeCompact(v, out);
        }
        out += '}';
    } else if (value.is_array()) {
        out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
            out += i ? ", " : "";
            writeCompact(value[i], out);
        }
        out += ']';
    } else {
        out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

std::string compact(const Json& value)
{
    std::string out;
    writeCompact(value, out);
    return out;
}

}  // namespace

bool operator==(const Preset& a, const Preset& b)
{
    return a.name == b.name && a.mode == b.mode && a.tip == b.tip && a.settings == b.settings &&
           a.smoothing.mode == b.smoothing.mode && a.smoothing.distance == b.smoothing.distance &&
           a.smoothing.lazyRadius == b.smoothing.lazyRadius && a.mixing == b.mixing &&
           a.bristles == b.bristles && a.grain == b.grain;
}

std::string_view modeName(Preset::Mode mode)
{
    return nameOf(mode, kModes);
}

std::string_view smoothingModeName(SmoothingSettings::Mode mode)
{
    return nameOf(mode, kSmoothingModes);
}

core::Result<Preset> parsePreset(std::string_view json, std::string_view sourceName)
{
    const std::string source(sourceName);
    if (json.size() > kMaxPresetBytes)
        return core::fail(ErrorCode::Unsupported,
                          source + ": " + std::to_string(json.size()) +
                              " bytes is more than a preset may be (1 MiB)");
    std::vector<std::string> warnings;
    struct Collect {  // restores the previous collector however we leave
        std::vector<std::string>* previous;
        explicit Collect(std::vector<std::string>* w) : previous(t_warnings) { t_warnings = w; }
        ~Collect() { t_warnings = previous; }
    } collect(&warnings);
    try {
        StructureCheck check;
        const Json root = Json::parse(json.begin(), json.end(), std::ref(check));
        Preset preset = readPreset(root);
        for (std::string& w : warnings) preset.warnings.push_back(source + ": " + std::move(w));
        return preset;
    } catch (const Failure& f) {
        return core::fail(f.code, source + ": " + f.message);
    } catch (const nlohmann::json::exception& e) {
        return core::fail(ErrorCode::Corrupt, source + ": " + describeJsonError(e.what()));
    }
}

core::Result<Preset> loadPreset(const std::filesystem::path& path)
{
    namespace fs = std::filesystem;
    const std::string name = path.string();
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return core::fail(ErrorCode::NotFound, name + ": no such preset file");
    if (ec) return core::fail(ErrorCode::IoError, name + ": cannot read (" + ec.message() + ")");
    if (fs::is_directory(status))
        return core::fail(ErrorCode::IoError, name + ": is a folder, not a preset file");

    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxPresetBytes)
        return core::fail(
            ErrorCode::Unsupported,
            name + ": " + std::to_string(size) + " bytes is more than a preset may be (1 MiB)");

    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(ErrorCode::IoError, name + ": cannot open for reading");
    // Read at most one byte past the limit, in case the file grew or file_size lied (a pipe).
    std::string text(kMaxPresetBytes + 1, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    if (in.bad()) return core::fail(ErrorCode::IoError, name + ": read failed");
    text.resize(std::size_t(in.gcount()));
    return parsePreset(text, name);
}

std::string presetToJson(const Preset& preset)
{
    Json settings = Json::object();
    for (std::size_t i = 0; i < kSettingCount; ++i) {
        const auto s = static_cast<BrushSetting>(i);
        settings[std::string(settingName(s))] = numberJson(preset.settings[s]);
    }

    Json smoothing = Json::object();
    smoothing["mode"] = smoothingModeName(preset.smoothing.mode);
    smoothing["distance"] = numberJson(preset.smoothing.distance);
    smoothing["lazy_radius"] = numberJson(preset.smoothing.lazyRadius);

    // Written by hand rather than by dump(2), which would put every curve coordinate on its own
    // line: one line per setting and per dynamic reads and diffs better.
    std::string out = "{\n";
    out += "  \"signe-preset\": " + std::to_string(kPresetVersion) + ",\n";
    out += "  \"name\": " + compact(Json(preset.name)) + ",\n";
    out += "  \"mode\": " + compact(Json(modeName(preset.mode))) + ",\n";
    if (!preset.tip.empty()) out += "  \"tip\": " + compact(Json(preset.tip)) + ",\n";
    out += "  \"mixing\": " + compact(Json(nameOf(preset.mixing, kMixModels))) + ",\n";
    out += "  \"settings\": {\n";
    for (auto it = settings.begin(); it != settings.end(); ++it)
        out += "    " + Json(it.key()).dump() + ": " + compact(it.value()) +
               (std::next(it) == settings.end() ? "\n" : ",\n");
    out += "  },\n";
    out += "  \"smoothing\": " + compact(smoothing) + ",\n";
    if (preset.bristles.count > 0) {
        // Only for bristle brushes: the rest paint whole dabs and say nothing of bristles.
        Json bristles = Json::object();
        bristles["count"] = preset.bristles.count;
        bristles["shape"] = nameOf(preset.bristles.shape, kBristleShapes);
        bristles["thickness"] = numberJson(preset.bristles.thickness);
        bristles["length_jitter"] = numberJson(preset.bristles.lengthJitter);
        bristles["load_jitter"] = numberJson(preset.bristles.loadJitter);
        out += "  \"bristles\": " + compact(bristles) + ",\n";
    }
    if (preset.grain.strength > 0.0f) {
        // Only for brushes on grain, like bristles.
        Json grain = Json::object();
        grain["texture"] = preset.grain.texture;
        grain["scale"] = numberJson(preset.grain.scale);
        grain["strength"] = numberJson(preset.grain.strength);
        grain["depth"] = numberJson(preset.grain.depth);
        out += "  \"grain\": " + compact(grain) + ",\n";
    }
    out += "  \"dynamics\": [";
    const auto& dynamics = preset.settings.dynamics;
    for (std::size_t i = 0; i < dynamics.size(); ++i) {
        const Dynamic& d = dynamics[i];
        Json points = Json::array();
        for (const CurvePoint& p : d.curve.points())
            points.push_back(Json::array({numberJson(p.x), numberJson(p.y)}));
        Json entry = Json::object();
        entry["setting"] = settingName(d.setting);
        entry["input"] = inputName(d.input);
        entry["curve"] = {{"interpolation", nameOf(d.curve.interpolation(), kInterpolations)},
                          {"points", points}};
        out += (i ? ",\n    " : "\n    ") + compact(entry);
    }
    out += dynamics.empty() ? "]\n" : "\n  ]\n";
    out += "}\n";
    return out;
}

}  // namespace signe::brushes
