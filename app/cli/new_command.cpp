// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include "app/cli/cli_options.h"
#include "app/cli/commands.h"
#include "core/document.h"
#include "core/io/image_io.h"

namespace signe::cli {

namespace {
constexpr const char* kUsage = R"(usage: signe-cli new --size WxH [options] --out FILE

Creates a blank canvas and writes it flattened to FILE (PNG).

  --size WxH          canvas size in pixels, 1 to 65536 a side (e.g. 2048x1536)
  --background COLOR  #rgb, #rrggbb or #rrggbbaa (default #ffffff)
  --dpi N             resolution stored in the file (default 300)
  --bits 8|16         PNG bit depth (default 8)
  --out FILE          where to write
)";
}  // namespace

int runNew(const std::vector<std::string>& args)
{
    auto opts = parseOptions(args, {"size", "background", "dpi", "bits", "out"}, {"help"});
    if (!opts) {
        std::cerr << "signe-cli new: " << opts.error().message << "\n" << kUsage;
        return 2;
    }
    if (opts->flag("help")) {
        std::cout << kUsage;
        return 0;
    }
    if (!opts->has("size") || !opts->has("out") || !opts->positional.empty()) {
        std::cerr << "signe-cli new: --size and --out are required\n" << kUsage;
        return 2;
    }
    auto size = parseSize(*opts->value("size"));
    if (!size) {
        std::cerr << "signe-cli new: " << size.error().message << "\n";
        return 2;
    }
    core::Color16 background{65535, 65535, 65535, 65535};
    if (auto text = opts->value("background")) {
        auto parsed = core::parseColor(*text);
        if (!parsed) {
            std::cerr << "signe-cli new: " << parsed.error().message << "\n";
            return 2;
        }
        background = *parsed;
    }
    double dpi = 300;
    if (auto text = opts->value("dpi")) {
        char* end = nullptr;
        dpi = std::strtod(text->c_str(), &end);
        if (end == text->c_str() || *end != '\0') {
            std::cerr << "signe-cli new: malformed resolution '" << *text << "'\n";
            return 2;
        }
    }
    core::ExportOptions options;
    if (auto bits = opts->value("bits")) options.bitsPerSample = std::atoi(bits->c_str());
    if (options.bitsPerSample != 8 && options.bitsPerSample != 16) {
        std::cerr << "signe-cli new: --bits must be 8 or 16, not '" << *opts->value("bits")
                  << "'\n";
        return 2;
    }

    auto doc = core::Document::create(size->width, size->height, background, dpi);
    if (!doc) {
        std::cerr << "signe-cli new: " << doc.error().message << "\n";
        return 1;
    }
    const std::string out = *opts->value("out");
    options.threads = 2;
    if (auto written = core::exportFlattened(**doc, out, options); !written) {
        std::cerr << "signe-cli new: " << written.error().message << "\n";
        return 1;
    }
    std::cout << "wrote " << out << " (" << size->width << "x" << size->height << ", background "
              << core::formatColor(background) << ")\n";
    return 0;
}

}  // namespace signe::cli
