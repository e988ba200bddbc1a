// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ora_stack.h"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>

namespace signe::core::ora {

namespace {

struct ParserFree {
    void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

enum class Kind { Image, Stack, Layer, Other };

/// Parse state shared by expat's callbacks.
struct Context {
    XML_Parser parser = nullptr;
    std::vector<std::string>* warnings = nullptr;
    StackImage image;
    bool sawImage = false;
    bool sawRoot = false;
    std::vector<Kind> kinds;                                   // open elements
    std::vector<StackEntry*> stacks;                           // open stacks, innermost last
    std::vector<std::map<std::string, std::string>> prefixes;  // xmlns scopes
    int entries = 0;
    std::optional<Error> error;

    int line() const { return int(XML_GetCurrentLineNumber(parser)); }
    std::string at() const { return "stack.xml line " + std::to_string(line()) + ": "; }
    void warn(const std::string& text) { warnings->push_back(at() + text); }
    void stop(ErrorCode code, const std::string& text)
    {
        if (!error) error = Error{code, at() + text};
        XML_StopParser(parser, XML_FALSE);
    }
};

std::optional<double> parseNumber(std::string_view text)
{
    // from_chars ignores the locale, so a German desktop reads "0.5" as a half.
    double v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool parseBool(std::string_view v)
{
    return v == "true" || v == "1";
}

/// Attributes of one element, with Signe-namespaced ones picked out by prefix resolution.
struct Attributes {
    std::map<std::string, std::string, std::less<>> plain;
    std::map<std::string, std::string, std::less<>> signe;
    std::map<std::string, std::string, std::less<>> myPaint;
};

Attributes readAttributes(Context& ctx, const XML_Char** atts)
{
    std::map<std::string, std::string> scope;
    for (int i = 0; atts[i]; i += 2) {
        const std::string_view n = atts[i];
        if (n.starts_with("xmlns:")) scope[std::string(n.substr(6))] = atts[i + 1];
    }
    ctx.prefixes.push_back(std::move(scope));
    Attributes out;
    for (int i = 0; atts[i]; i += 2) {
        const std::string_view n = atts[i];
        const std::size_t colon = n.find(':');
        if (colon == std::string_view::npos) {
            out.plain[std::string(n)] = atts[i + 1];
            continue;
        }
        const std::string prefix(n.substr(0, colon));
        const std::string local(n.substr(colon + 1));
        // Undeclared prefixes are not Signe's; some writers use "mypaint:" without declaring
        // it, so that one stands for MyPaint's namespace anyway.
        bool declared = false;
        for (auto it = ctx.prefixes.rbegin(); it != ctx.prefixes.rend() && !declared; ++it) {
            const auto found = it->find(prefix);
            if (found == it->end()) continue;
            declared = true;
            if (found->second == kSigneNamespace) out.signe[local] = atts[i + 1];
            if (found->second == kMyPaintNamespace) out.myPaint[local] = atts[i + 1];
        }
        if (!declared && prefix == "mypaint") out.myPaint[local] = atts[i + 1];
    }
    return out;
}

int readInt(Context& ctx, const Attributes& a, const char* name, int fallback)
{
    const auto it = a.plain.find(name);
    if (it == a.plain.end()) return fallback;
    const auto v = parseNumber(it->second);
    // Positions far outside any canvas are refused by the document reader, which knows the
    // canvas; here they only need to fit an int.
    if (!v || std::fabs(*v) > 1e9) {
        ctx.warn(std::string(name) + "='" + it->second + "' is not a number; using " +
                 std::to_string(fallback));
        return fallback;
    }
    if (*v != std::floor(*v))
        ctx.warn(std::string(name) + "='" + it->second + "' is not whole; rounded");
    return int(std::lround(*v));
}

void readCommon(Context& ctx, const Attributes& a, StackEntry& e)
{
    e.line = ctx.line();
    if (auto it = a.plain.find("name"); it != a.plain.end()) e.name = it->second;
    if (auto it = a.plain.find("visibility"); it != a.plain.end()) {
        if (it->second == "hidden")
            e.visible = false;
        else if (it->second != "visible")
            ctx.warn("visibility='" + it->second +
                     "' is neither 'visible' nor 'hidden'; using visible");
    }
    if (auto it = a.plain.find("opacity"); it != a.plain.end()) {
        const auto v = parseNumber(it->second);
        if (!v)
            ctx.warn("opacity='" + it->second + "' is not a number; using 1");
        else if (*v < 0.0 || *v > 1.0) {
            ctx.warn("opacity='" + it->second + "' is outside 0..1; clamped");
            e.opacity = float(std::clamp(*v, 0.0, 1.0));
        } else
            e.opacity = float(*v);
    }
    if (auto it = a.plain.find("composite-op"); it != a.plain.end()) e.compositeOp = it->second;
    e.x = readInt(ctx, a, "x", 0);
    e.y = readInt(ctx, a, "y", 0);
    if (auto it = a.plain.find("selected"); it != a.plain.end()) e.selected = parseBool(it->second);
    if (auto it = a.plain.find("edit-locked"); it != a.plain.end())
        e.editLocked = parseBool(it->second);
    e.signe = a.signe;
}

void onStart(void* data, const XML_Char* name, const XML_Char** atts)
{
    Context& ctx = *static_cast<Context*>(data);
    const std::string_view element = name;
    const Attributes a = readAttributes(ctx, atts);
    const Kind parent = ctx.kinds.empty() ? Kind::Other : ctx.kinds.back();

    if (ctx.kinds.empty()) {
        if (element != "image")
            return ctx.stop(ErrorCode::Corrupt,
                            "the root element is <" + std::string(element) + ">, not <image>");
        ctx.sawImage = true;
        const auto w = a.plain.find("w"), h = a.plain.find("h");
        if (w == a.plain.end() || h == a.plain.end())
            return ctx.stop(ErrorCode::Corrupt,
                            "<image> has no w or h attribute: the canvas size is unknown");
        const auto wv = parseNumber(w->second), hv = parseNumber(h->second);
        if (!wv || !hv || *wv != std::floor(*wv) || *hv != std::floor(*hv) || *wv > 2e9 ||
            *hv > 2e9 || *wv < -2e9 || *hv < -2e9)
            return ctx.stop(ErrorCode::Corrupt, "<image> size w='" + w->second + "' h='" +
                                                    h->second + "' is not a pair of whole numbers");
        ctx.image.width = int(*wv);
        ctx.image.height = int(*hv);
        if (auto it = a.plain.find("xres"); it != a.plain.end()) {
            const auto v = parseNumber(it->second);
            if (v && *v > 0)
                ctx.image.xres = *v;
            else
                ctx.warn("xres='" + it->second + "' is not a positive number; using 72");
        }
        if (auto it = a.plain.find("version"); it != a.plain.end()) ctx.image.version = it->second;
        ctx.image.signe = a.signe;
        if (auto it = a.myPaint.find("eotf"); it != a.myPaint.end())
            ctx.image.myPaintEotf = it->second;
        ctx.kinds.push_back(Kind::Image);
        return;
    }

    Kind kind = Kind::Other;
    if ((element == "stack" || element == "layer") &&
        (parent == Kind::Stack || (parent == Kind::Image && element == "stack"))) {
        if (++ctx.entries > kMaxStackEntries)
            return ctx.stop(ErrorCode::Corrupt,
                            "more than " + std::to_string(kMaxStackEntries) + " layers and stacks");
        if (parent == Kind::Image) {
            if (ctx.sawRoot) {
                ctx.warn("a second root <stack> is ignored");
            } else {
                ctx.sawRoot = true;
                readCommon(ctx, a, ctx.image.root);
                ctx.image.root.isStack = true;
                ctx.stacks.push_back(&ctx.image.root);
                kind = Kind::Stack;
            }
        } else {
            if (int(ctx.stacks.size()) >= kMaxStackDepth)
                return ctx.stop(ErrorCode::Corrupt,
                                "stacks nested deeper than " + std::to_string(kMaxStackDepth));
            StackEntry& e = ctx.stacks.back()->children.emplace_back();
            readCommon(ctx, a, e);
            e.isStack = element == "stack";
            if (e.isStack) {
                if (auto it = a.plain.find("isolation"); it != a.plain.end()) {
                    if (it->second == "isolate")
                        e.isolate = true;
                    else if (it->second != "auto")
                        ctx.warn("isolation='" + it->second +
                                 "' is neither 'isolate' nor 'auto'; using auto");
                }
                ctx.stacks.push_back(&e);
                kind = Kind::Stack;
            } else {
                const auto src = a.plain.find("src");
                if (src == a.plain.end())
                    return ctx.stop(ErrorCode::Corrupt,
                                    "<layer name='" + e.name + "'> has no src attribute");
                e.src = src->second;
                kind = Kind::Layer;
            }
        }
    } else if (parent == Kind::Stack) {
        ctx.warn("<" + std::string(element) + "> is not supported in a stack; ignored");
    }
    ctx.kinds.push_back(kind);
}

void onEnd(void* data, const XML_Char*)
{
    Context& ctx = *static_cast<Context*>(data);
    if (!ctx.kinds.empty() && ctx.kinds.back() == Kind::Stack) ctx.stacks.pop_back();
    if (!ctx.kinds.empty()) ctx.kinds.pop_back();
    if (!ctx.prefixes.empty()) ctx.prefixes.pop_back();
}

// Entity declarations are how "billion laughs" files expand a few bytes into gigabytes; no
// OpenRaster writer needs them (Krita's bare <!DOCTYPE image> declares none).
void onEntityDecl(void* data, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                  const XML_Char*, const XML_Char*, const XML_Char*)
{
    Context& ctx = *static_cast<Context*>(data);
    ctx.stop(ErrorCode::Corrupt, "entity declaration '" + std::string(name) + "' is not allowed");
}

void escapeInto(std::string& out, std::string_view text)
{
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                // Other control characters cannot appear in XML 1.0 at all.
                out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
}

std::string shortest(double v)
{
    char buf[64];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ptr);
}

std::string shortest(float v)
{
    char buf[64];
    // The shortest text that reads back as the same float: opacity round-trips exactly.
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ptr);
}

void attribute(std::string& out, std::string_view name, std::string_view value)
{
    out += ' ';
    out += name;
    out += "=\"";
    escapeInto(out, value);
    out += '"';
}

void writeSigne(std::string& out, const std::map<std::string, std::string, std::less<>>& signe)
{
    for (const auto& [k, v] : signe) attribute(out, "signe:" + k, v);
}

void writeEntry(std::string& out, const StackEntry& e, int depth)
{
    out.append(std::size_t(depth), ' ');
    out += e.isStack ? "<stack" : "<layer";
    attribute(out, "name", e.name);
    if (!e.isStack) attribute(out, "src", e.src);
    attribute(out, "x", std::to_string(e.x));
    attribute(out, "y", std::to_string(e.y));
    attribute(out, "opacity", shortest(e.opacity));
    attribute(out, "visibility", e.visible ? "visible" : "hidden");
    attribute(out, "composite-op", e.compositeOp);
    if (e.isStack) attribute(out, "isolation", e.isolate ? "isolate" : "auto");
    if (e.editLocked) attribute(out, "edit-locked", "true");
    if (e.selected) attribute(out, "selected", "true");
    writeSigne(out, e.signe);
    if (!e.isStack) {
        out += "/>\n";
        return;
    }
    out += ">\n";
    for (const StackEntry& child : e.children) writeEntry(out, child, depth + 1);
    out.append(std::size_t(depth), ' ');
    out += "</stack>\n";
}

}  // namespace

Result<StackImage> parseStackXml(std::string_view text, std::vector<std::string>& warnings)
{
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
    if (!parser) return fail(ErrorCode::IoError, "out of memory for the XML parser");
    Context ctx;
    ctx.parser = parser.get();
    ctx.warnings = &warnings;
    XML_SetUserData(parser.get(), &ctx);
    XML_SetElementHandler(parser.get(), onStart, onEnd);
    XML_SetEntityDeclHandler(parser.get(), onEntityDecl);
    // Never fetch external DTDs or entities: the default already, said out loud.
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    if (text.size() > std::size_t(1) << 30)
        return fail(ErrorCode::Corrupt, "stack.xml is too large");
    const XML_Status status = XML_Parse(parser.get(), text.data(), int(text.size()), XML_TRUE);
    if (ctx.error) return tl::unexpected(*ctx.error);
    if (status != XML_STATUS_OK)
        return fail(ErrorCode::Corrupt, "stack.xml line " +
                                            std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                                            ": malformed XML (" +
                                            XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
    if (!ctx.sawImage) return fail(ErrorCode::Corrupt, "stack.xml has no <image> element");
    if (!ctx.sawRoot) return fail(ErrorCode::Corrupt, "stack.xml has no root <stack> in <image>");
    ctx.image.root.isStack = true;
    return std::move(ctx.image);
}

std::string writeStackXml(const StackImage& image)
{
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<image";
    attribute(out, "version", image.version.empty() ? "0.0.5" : image.version);
    attribute(out, "w", std::to_string(image.width));
    attribute(out, "h", std::to_string(image.height));
    attribute(out, "xres", shortest(image.xres));
    attribute(out, "yres", shortest(image.xres));
    attribute(out, "xmlns:signe", kSigneNamespace);
    // MyPaint 2 blends layers in linear light unless a file says its transfer function is 1.0
    // (blending on the stored sRGB values, as the W3C formulas and Signe do); without it,
    // the painter's MyPaint preferences would decide how Signe's blend modes look there.
    attribute(out, "xmlns:mypaint", kMyPaintNamespace);
    attribute(out, "mypaint:eotf", "1.0");
    writeSigne(out, image.signe);
    out += ">\n <stack>\n";
    for (const StackEntry& child : image.root.children) writeEntry(out, child, 2);
    out += " </stack>\n</image>\n";
    return out;
}

}  // namespace signe::core::ora
