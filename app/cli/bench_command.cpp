// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/render_job.h"

namespace signe::cli {

namespace {
constexpr const char* kUsage = R"(usage: signe-cli bench --preset P.json --events E.csv --size WxH [options]

Paints the strokes like 'render' and prints one line of JSON: dabs, seconds,
dabs_per_second and mpx_per_second (megapixels of dab bounding box a second). Only the
painting is timed: not loading, not the canvas, not writing a file.

Takes render's options (--out is optional and ignored) and:
  --repeat N          paint the strokes N times onto fresh canvases (default 1)
)";
}  // namespace

int runBench(const std::vector<std::string>& args)
{
    int exitCode = 0;
    auto command = readRenderCommand(args, "bench", kUsage, {"repeat"}, false, exitCode);
    if (!command) return exitCode;
    const CliOptions* opts = &command->options;
    const RenderJob* job = &command->job;
    int repeat = 1;
    if (auto text = opts->value("repeat")) {
        repeat = std::atoi(text->c_str());
        if (repeat < 1 || repeat > 100000) {
            std::cerr << "signe-cli bench: --repeat: '" << *text << "' must be 1..100000\n";
            return 2;
        }
    }
    std::int64_t dabs = 0;
    double pixels = 0, seconds = 0;
    for (int r = 0; r < repeat; ++r) {
        auto painted = paintJob(*job);
        if (!painted) {
            std::cerr << "signe-cli bench: " << painted.error().message << "\n";
            return 1;
        }
        seconds += painted->seconds;
        dabs += painted->stats.dabs;
        pixels += painted->stats.dabPixels;
    }
    std::cout << "{\"dabs\": " << dabs << ", \"seconds\": " << seconds
              << ", \"dabs_per_second\": " << (seconds > 0 ? dabs / seconds : 0.0)
              << ", \"mpx_per_second\": " << (seconds > 0 ? pixels / seconds / 1e6 : 0.0)
              << ", \"threads\": " << job->stroke.threads << "}\n";
    return 0;
}

}  // namespace signe::cli
