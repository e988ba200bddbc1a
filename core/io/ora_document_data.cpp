// SPDX-License-Identifier: GPL-3.0-or-later
// signe/document.json: Signe's document-level data in an .ora file.
#include "core/io/ora_document_data.h"

#include <zlib.h>

#include <bit>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/io/ora_channels.h"

namespace signe::core::ora {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const std::vector<std::uint8_t>& in)
{
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < in.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t(in[i]) << 16) |
                                (i + 1 < in.size() ? std::uint32_t(in[i + 1]) << 8 : 0) |
                                (i + 2 < in.size() ? std::uint32_t(in[i + 2]) : 0);
        out += kBase64[(n >> 18) & 63];
        out += kBase64[(n >> 12) & 63];
        out += i + 1 < in.size() ? kBase64[(n >> 6) & 63] : '=';
        out += i + 2 < in.size() ? kBase64[n & 63] : '=';
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> unbase64(const std::string& in)
{
    if (in.size() % 4 != 0) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(in.size() / 4 * 3);
    std::uint32_t n = 0;
    int bits = 0, padding = 0;
    for (char c : in) {
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '+')
            v = 62;
        else if (c == '/')
            v = 63;
        else if (c == '=') {
            v = 0;
            ++padding;
        } else
            return std::nullopt;
        if (padding && c != '=') return std::nullopt;  // '=' only at the end
        n = (n << 6) | std::uint32_t(v);
        bits += 6;
        if (bits == 24) {
            out.push_back(std::uint8_t(n >> 16));
            out.push_back(std::uint8_t(n >> 8));
            out.push_back(std::uint8_t(n));
            n = 0;
            bits = 0;
        }
    }
    if (padding > 2) return std::nullopt;
    out.resize(out.size() - std::size_t(padding));
    return out;
}

std::string packTimes(const std::vector<double>& times)
{
    const std::size_t n = times.size();
    std::vector<std::uint8_t> shuffled(n * 8);
    for (std::size_t i = 0; i < n; ++i) {
        const auto bits = std::bit_cast<std::uint64_t>(times[i]);
        for (std::size_t b = 0; b < 8; ++b) shuffled[b * n + i] = std::uint8_t(bits >> (8 * b));
    }
    uLongf size = compressBound(uLong(shuffled.size()));
    std::vector<std::uint8_t> packed(size);
    if (compress2(packed.data(), &size, shuffled.data(), uLong(shuffled.size()), 9) != Z_OK)
        return {};
    packed.resize(size);
    return base64(packed);
}

std::optional<std::vector<double>> unpackTimes(const std::string& text, std::uint64_t count)
{
    if (count > kMaxClockStrokes) return std::nullopt;
    auto packed = unbase64(text);
    if (!packed) return std::nullopt;
    std::vector<std::uint8_t> shuffled(std::size_t(count) * 8);
    uLongf size = uLongf(shuffled.size());
    // uncompress stops at the buffer's end: a stream that inflates further is an error, so
    // the claimed count bounds the memory.
    if (count > 0 &&
        (uncompress(shuffled.data(), &size, packed->data(), uLong(packed->size())) != Z_OK ||
         size != shuffled.size()))
        return std::nullopt;
    std::vector<double> times(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < times.size(); ++i) {
        std::uint64_t bits = 0;
        for (std::size_t b = 0; b < 8; ++b)
            bits |= std::uint64_t(shuffled[b * times.size() + i]) << (8 * b);
        times[i] = std::bit_cast<double>(bits);
    }
    return times;
}

void readLight(const nlohmann::json& l, const std::string& name, Document& doc,
               std::vector<std::string>& warnings)
{
    Light light;
    bool ok = l.is_object();
    auto number = [&](const char* key, float& out) {
        if (!ok) return;
        const auto it = l.find(key);
        if (it == l.end()) return;
        if (it->is_number())
            out = it->get<float>();
        else
            ok = false;
    };
    if (ok)
        if (const auto it = l.find("enabled"); it != l.end()) {
            if (it->is_boolean())
                light.enabled = it->get<bool>();
            else
                ok = false;
        }
    number("azimuth", light.azimuth);
    number("elevation", light.elevation);
    number("strength", light.strength);
    number("shine", light.shine);
    number("shininess", light.shininess);
    number("relief", light.relief);
    auto valid = validateLight(light);
    if (ok && valid)
        doc.setLightDirect(light);
    else
        warnings.push_back(name + ": " +
                           (valid ? "a light field is not a number" : valid.error().message) +
                           "; using the default light");
}

void readClock(const nlohmann::json& c, const std::string& name, Document& doc,
               std::vector<std::string>& warnings)
{
    const auto seconds = c.is_object() ? c.find("seconds") : c.end();
    const auto strokes = c.is_object() ? c.find("strokes") : c.end();
    const auto packed = c.is_object() ? c.find("strokeTimes") : c.end();
    if (seconds == c.end() || !seconds->is_number() || strokes == c.end() ||
        !strokes->is_number_unsigned() || packed == c.end() || !packed->is_string()) {
        warnings.push_back(name +
                           ": clock is not {seconds, strokes, strokeTimes}; the paint clock "
                           "starts at 0 and all paint is dry");
        return;
    }
    auto times = unpackTimes(packed->get<std::string>(), strokes->get<std::uint64_t>());
    if (!times) {
        warnings.push_back(name + ": clock strokeTimes do not unpack to " +
                           std::to_string(strokes->get<std::uint64_t>()) +
                           " times; the paint clock starts at 0 and all paint is dry");
        return;
    }
    if (auto ok = doc.clock().restore(seconds->get<double>(), std::move(*times)); !ok)
        warnings.push_back(name + ": " + ok.error().message +
                           "; the paint clock starts at 0 and all paint is dry");
}

}  // namespace

std::vector<std::uint8_t> writeDocumentData(const Document& doc, const std::string& lastPreset)
{
    const Light& l = doc.light();
    const Color16 bg = doc.background();
    const PaintClock& clock = doc.clock();
    nlohmann::json j = {
        {"format", "signe-document"},
        {"version", 1},
        {"background", {bg.r, bg.g, bg.b, bg.a}},
        {"light",
         {{"enabled", l.enabled},
          {"azimuth", l.azimuth},
          {"elevation", l.elevation},
          {"strength", l.strength},
          {"shine", l.shine},
          {"shininess", l.shininess},
          {"relief", l.relief}}},
        {"drying", dryingName(doc.drying())},
        // nlohmann writes doubles in the shortest form that reads back the same value.
        {"clock",
         {{"seconds", clock.seconds()},
          {"strokes", clock.strokeTimes().size()},
          {"strokeTimes", packTimes(clock.strokeTimes())}}},
        {"lastPreset", lastPreset},
    };
    const std::string text = j.dump(2) + "\n";
    return {text.begin(), text.end()};
}

DocumentDataRead readDocumentData(std::span<const std::uint8_t> bytes, Document& doc,
                                  std::vector<std::string>& warnings)
{
    const std::string name(kDocumentDataPath);
    DocumentDataRead read;
    const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        warnings.push_back(name + " is not valid JSON; ignored");
        return {};
    }
    if (const auto bg = j.find("background"); bg != j.end()) {
        bool ok = bg->is_array() && bg->size() == 4;
        std::uint16_t v[4] = {};
        for (std::size_t i = 0; ok && i < 4; ++i) {
            ok = (*bg)[i].is_number_unsigned() && (*bg)[i].get<std::uint64_t>() <= 65535;
            if (ok) v[i] = std::uint16_t((*bg)[i].get<std::uint64_t>());
        }
        if (ok) {
            doc.setBackgroundDirect({v[0], v[1], v[2], v[3]});
            read.hasBackground = true;
        } else {
            warnings.push_back(name + ": background is not four numbers 0..65535; ignored");
        }
    }
    if (const auto l = j.find("light"); l != j.end()) readLight(*l, name, doc, warnings);
    if (const auto d = j.find("drying"); d != j.end()) {
        auto drying = d->is_string() ? parseDrying(d->get<std::string>())
                                     : fail(ErrorCode::Corrupt, "drying is not a string");
        if (drying && drying->mode == DryingMode::Inherit)
            drying = fail(ErrorCode::Corrupt, "drying 'inherit' is for layers only");
        if (drying)
            doc.setDryingDirect(*drying);
        else
            warnings.push_back(name + ": " + drying.error().message + "; paint never dries");
    }
    if (const auto c = j.find("clock"); c != j.end()) readClock(*c, name, doc, warnings);
    if (const auto p = j.find("lastPreset"); p != j.end()) {
        if (p->is_string())
            read.lastPreset = p->get<std::string>();
        else
            warnings.push_back(name + ": lastPreset is not a string; ignored");
    }
    return read;
}

}  // namespace signe::core::ora
