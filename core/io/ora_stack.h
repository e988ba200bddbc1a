// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace signe::core::ora {

/// Signe's XML namespace in stack.xml (prefix "signe"). Other readers ignore attributes in it;
/// the URI never changes meaning: a new incompatible meaning gets a new URI.
inline constexpr std::string_view kSigneNamespace = "https://signe.invalid/ns/openraster/1";
/// MyPaint's namespace, for the one attribute Signe writes in it (mypaint:eotf).
inline constexpr std::string_view kMyPaintNamespace = "http://mypaint.org/ns/openraster";

/// One <layer> or <stack> of stack.xml, as written: no Signe semantics yet, only the text
/// turned into values. Attributes the spec does not define are dropped, except those in
/// Signe's namespace, which are kept by local name for the reader to interpret.
struct StackEntry {
    bool isStack = false;
    int line = 0;  ///< where the element starts in stack.xml, for messages
    std::string name;
    bool visible = true;
    float opacity = 1.0f;
    std::string compositeOp = "svg:src-over";
    int x = 0;  ///< relative to the enclosing stack, as the spec defines
    int y = 0;
    std::string src;       ///< layers: the PNG's path inside the archive
    bool isolate = false;  ///< stacks: isolation="isolate" (the spec's default is "auto")
    bool selected = false;
    bool editLocked = false;
    std::map<std::string, std::string, std::less<>> signe;  ///< Signe attributes by local name
    std::vector<StackEntry> children;                       ///< stacks: top first, as in the file
};

/// The <image> element and everything under it.
struct StackImage {
    int width = 0;
    int height = 0;
    double xres = 72.0;  ///< the spec's default
    std::string version;
    std::map<std::string, std::string, std::less<>> signe;
    /// MyPaint's mypaint:eotf: the transfer function MyPaint 2 blended the layers in ("1.0":
    /// on the stored sRGB values, as Signe does; "2.2": in linear light); "" when absent.
    std::string myPaintEotf;
    StackEntry root;  ///< the root <stack>
};

/// Largest number of <layer> and <stack> elements, and deepest nesting, accepted.
inline constexpr int kMaxStackEntries = 100000;
inline constexpr int kMaxStackDepth = 100;

/// Parses stack.xml. Errors (malformed XML, no <image>, missing size, entity declarations,
/// too many or too deeply nested elements) name the line. Values that the spec says to
/// default (an unreadable opacity, visibility or number) become warnings, each naming the
/// line and the value.
Result<StackImage> parseStackXml(std::string_view text, std::vector<std::string>& warnings);

/// Writes stack.xml for `image` (UTF-8, Signe's namespace declared on <image>).
std::string writeStackXml(const StackImage& image);

}  // namespace signe::core::ora
