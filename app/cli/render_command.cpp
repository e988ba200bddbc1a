// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/document_files.h"
#include "app/cli/progress_line.h"
#include "app/cli/render_job.h"
#include "core/io/image_io.h"

namespace signe::cli {

namespace {
constexpr const char* kUsage = R"(usage: signe-cli render --preset P.json --events E.csv --size WxH [options] --out X.png

Paints the strokes of an events file (t,x,y,pressure,xtilt,ytilt; a blank line ends a stroke)
with a preset onto a new canvas and writes it: flattened to an image file, or as the layered
document when the name ends in .ora.

  --preset FILE       brush preset (JSON), e.g. resources/presets/pen.json
  --events FILE       stroke events (CSV)
  --size WxH          canvas size in pixels
  --color COLOR       paint colour, #rgb, #rrggbb or #rrggbbaa (default #000000)
  --background COLOR  canvas colour (default #ffffff)
  --over IMAGE        paint over this image (PNG, TIFF...), placed on the layer at the top
                      left: what paint brushes pick up and smudge
  --drying MODE       how the paint dries: never (default), strokes:N (dry after N more
                      strokes) or seconds:S (after S seconds of the events' clock); dry
                      paint, the --over image included, is painted over but never mixed
  --seed N            seed of the first stroke's random dynamics (default 1)
  --threads N         threads to paint (and to save an .ora) with; the pixels are the same
                      for any count (default 1)
  --radius R --hardness H --spacing S --opacity O
                      override the preset's base settings
  --out FILE          where to write: .png .jpg .jpeg .tif .tiff .exr .webp (flattened, 8
                      bits a channel) or .ora (OpenRaster, with the paint's thickness)
  --lighting MODE     impasto relief in the picture: lit or unlit (default lit, as the
                      canvas shows it); not for .ora, which keeps the relief and the light
  --height-map FILE   also write the paint's thickness as a 16-bit greyscale PNG
  --journal FILE      record every stroke in a stroke journal (.signe-journal) as it is
                      painted, beside a snapshot of the canvas before the first; 'signe-cli
                      recover' rebuilds the picture from it (docs/journal.md)
)";
}  // namespace

int runRender(const std::vector<std::string>& args)
{
    int exitCode = 0;
    auto command = readRenderCommand(args, "render", kUsage,
                                     {"lighting", "height-map", "journal"}, true, exitCode);
    if (!command) return exitCode;
    if (auto journal = command->options.value("journal")) command->job.journal = *journal;
    const RenderJob* job = &command->job;
    core::ExportOptions exportOptions;
    if (auto lighting = command->options.value("lighting")) {
        if (*lighting == "lit") {
            exportOptions.lighting = core::ExportLighting::Lit;
        } else if (*lighting == "unlit") {
            exportOptions.lighting = core::ExportLighting::Unlit;
        } else {
            std::cerr << "signe-cli render: --lighting: unknown mode '" << *lighting
                      << "': expected lit or unlit\n";
            return 2;
        }
    }
    // Refuse a misnamed output before painting, not after.
    auto kind = outputKindFor(job->out);
    if (!kind) {
        std::cerr << "signe-cli render: " << kind.error().message << "\n";
        return 2;
    }
    if (*kind == OutputKind::OpenRaster && command->options.has("lighting")) {
        std::cerr << "signe-cli render: --lighting applies to flattened images only, not to the "
                     "OpenRaster file '"
                  << job->out << "'\n";
        return 2;
    }
    auto painted = paintJob(*job);
    if (!painted) {
        std::cerr << "signe-cli render: " << painted.error().message << "\n";
        return 1;
    }
    core::Result<void> written;
    {
        auto line = ProgressLine::onStderr("saving " + job->out);
        exportOptions.progress = line.callback();
        // Saving an .ora encodes layers in parallel; the file is the same for any count.
        if (*kind == OutputKind::OpenRaster) exportOptions.threads = job->stroke.threads;
        written = saveDocumentFile(*painted->doc, job->out, exportOptions);
    }
    if (!written) {
        std::cerr << "signe-cli render: " << written.error().message << "\n";
        return 1;
    }
    if (auto heights = command->options.value("height-map")) {
        if (auto written = core::exportThickness(*painted->doc, *heights); !written) {
            std::cerr << "signe-cli render: " << written.error().message << "\n";
            return 1;
        }
    }
    std::cout << "painted " << painted->stats.strokes << " strokes, " << painted->stats.dabs
              << " dabs in " << painted->seconds << " s with '" << job->preset.name << "'; wrote " << job->out << "\n";
    return 0;
}

}  // namespace signe::cli
