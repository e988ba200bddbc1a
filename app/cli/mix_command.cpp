// SPDX-License-Identifier: GPL-3.0-or-later
#include <charconv>
#include <cmath>
#include <iostream>
#include <string>

#include "app/cli/cli_options.h"
#include "app/cli/commands.h"
#include "core/color.h"
#include "core/pigment_mix.h"

namespace signe::cli {

namespace {
constexpr const char* kUsage = R"(usage: signe-cli mix COLOR COLOR [--ratio R] [--model MODEL]

Mixes two colours like paint and prints the result as #rrggbb (#rrggbbaa when not opaque).

  COLOR           #rgb, #rrggbb or #rrggbbaa (quote it: a shell takes # for a comment)
  --ratio R       share of the second colour, 0 to 1 (default 0.5)
  --model MODEL   pigment: Kubelka-Munk on reflectance spectra (default)
                  geometric: weighted geometric mean of the same spectra
                  rgb: interpolation in linear light, the way light adds
Alpha mixes linearly; a transparent colour brings no paint. See docs/pigment-mixing.md.
)";

core::Result<float> parseRatio(const std::string& text)
{
    double v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
        return core::fail(core::ErrorCode::InvalidArgument,
                          "--ratio: '" + text + "' is not a number");
    if (v < 0.0 || v > 1.0)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "--ratio: " + text + " is out of range: it must be between 0 and 1");
    return float(v);
}
}  // namespace

int runMix(const std::vector<std::string>& args)
{
    auto opts = parseOptions(args, {"ratio", "model"}, {"help"});
    if (!opts) {
        std::cerr << "signe-cli mix: " << opts.error().message << "\n" << kUsage;
        return 2;
    }
    if (opts->flag("help")) {
        std::cout << kUsage;
        return 0;
    }
    if (opts->positional.size() != 2) {
        std::cerr << "signe-cli mix: expected two colours, got " << opts->positional.size() << "\n"
                  << kUsage;
        return 2;
    }
    core::Color16 colors[2];
    for (int i = 0; i < 2; ++i) {
        auto parsed = core::parseColor(opts->positional[std::size_t(i)]);
        if (!parsed) {
            std::cerr << "signe-cli mix: " << parsed.error().message << "\n";
            return 2;
        }
        colors[i] = *parsed;
    }
    float ratio = 0.5f;
    if (auto text = opts->value("ratio")) {
        auto parsed = parseRatio(*text);
        if (!parsed) {
            std::cerr << "signe-cli mix: " << parsed.error().message << "\n";
            return 2;
        }
        ratio = *parsed;
    }
    core::MixModel model = core::MixModel::Pigment;
    if (auto text = opts->value("model")) {
        auto parsed = core::parseMixModel(*text);
        if (!parsed) {
            std::cerr << "signe-cli mix: " << parsed.error().message << "\n";
            return 2;
        }
        model = *parsed;
    }
    std::cout << core::formatColor(core::mixColors(colors[0], colors[1], ratio, model)) << "\n";
    return 0;
}

}  // namespace signe::cli
