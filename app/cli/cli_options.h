// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace signe::cli {

/// Parsed command-line words: `--name value` options, `--flag` switches and positional words.
/// Every option a command accepts is declared, so a misspelt one is an error, not ignored.
struct CliOptions {
    std::map<std::string, std::string> values;
    std::vector<std::string> flags;
    std::vector<std::string> positional;

    bool has(const std::string& name) const { return values.contains(name); }
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
};

/// Parses `args`; `valued` lists the options that take a value, `switches` those that do not.
core::Result<CliOptions> parseOptions(const std::vector<std::string>& args,
                                      const std::vector<std::string>& valued,
                                      const std::vector<std::string>& switches);

/// "2048x1536" -> {2048, 1536}; anything else is an error naming the text.
struct Size {
    std::int64_t width = 0, height = 0;
};
core::Result<Size> parseSize(const std::string& text);

}  // namespace signe::cli
