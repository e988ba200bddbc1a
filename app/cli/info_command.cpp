// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include "app/cli/cli_options.h"
#include "app/cli/commands.h"
#include "core/io/image_io.h"

namespace signe::cli {

namespace {
constexpr const char* kUsage = R"(usage: signe-cli info FILE

Prints what FILE holds: format, size, channels and bit depth, and its layers (a flat image
file has one).
)";
}  // namespace

int runInfo(const std::vector<std::string>& args)
{
    auto opts = parseOptions(args, {}, {"help"});
    if (!opts) {
        std::cerr << "signe-cli info: " << opts.error().message << "\n" << kUsage;
        return 2;
    }
    if (opts->flag("help")) {
        std::cout << kUsage;
        return 0;
    }
    if (opts->positional.size() != 1) {
        std::cerr << "signe-cli info: expected one FILE\n" << kUsage;
        return 2;
    }
    const std::string& path = opts->positional[0];
    auto info = core::readImageInfo(path);
    if (!info) {
        std::cerr << "signe-cli info: " << info.error().message << "\n";
        return 1;
    }
    std::cout << "file: " << path << "\n"
              << "format: " << info->format << "\n"
              << "size: " << info->width << "x" << info->height << "\n"
              << "channels: " << info->channels << " (" << info->bitsPerSample << " bits each)\n"
              << "layers: 1\n"
              << "  0: Background (flat image, normal, opacity 1, visible)\n";
    return 0;
}

}  // namespace signe::cli
