// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_options.h"

#include <algorithm>
#include <charconv>

namespace signe::cli {

using core::ErrorCode;
using core::fail;

bool CliOptions::flag(const std::string& name) const
{
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::optional<std::string> CliOptions::value(const std::string& name) const
{
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

core::Result<CliOptions> parseOptions(const std::vector<std::string>& args,
                                      const std::vector<std::string>& valued,
                                      const std::vector<std::string>& switches)
{
    auto contains = [](const std::vector<std::string>& list, const std::string& s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    CliOptions out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string word = args[i];
        if (word.size() < 3 || word.rfind("--", 0) != 0) {
            out.positional.push_back(word);
            continue;
        }
        std::string inlineValue;
        bool hasInline = false;
        if (const auto eq = word.find('='); eq != std::string::npos) {
            inlineValue = word.substr(eq + 1);
            word = word.substr(0, eq);
            hasInline = true;
        }
        const std::string name = word.substr(2);
        if (contains(switches, name) && !hasInline) {
            out.flags.push_back(name);
        } else if (contains(valued, name)) {
            if (hasInline) {
                out.values[name] = inlineValue;
            } else if (i + 1 < args.size()) {
                out.values[name] = args[++i];
            } else {
                return fail(ErrorCode::InvalidArgument, "option --" + name + " needs a value");
            }
        } else {
            return fail(ErrorCode::InvalidArgument, "unknown option '" + word + "'");
        }
    }
    return out;
}

core::Result<Size> parseSize(const std::string& text)
{
    const auto x = text.find_first_of("xX");
    auto number = [](std::string_view s, std::int64_t& v) {
        if (s.empty()) return false;
        const char* end = s.data() + s.size();
        const auto [ptr, ec] = std::from_chars(s.data() + (s[0] == '+'), end, v);
        return ec == std::errc() && ptr == end;
    };
    Size size;
    if (x == std::string::npos || !number(std::string_view(text).substr(0, x), size.width) ||
        !number(std::string_view(text).substr(x + 1), size.height))
        return fail(ErrorCode::InvalidArgument,
                    "malformed size '" + text + "': expected WIDTHxHEIGHT, such as 2048x1536");
    return size;
}

}  // namespace signe::cli
