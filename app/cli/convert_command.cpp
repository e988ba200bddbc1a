// SPDX-License-Identifier: GPL-3.0-or-later
// convert and flatten: read a document, write it in another format. flatten is convert that
// insists on a flattened (raster) output, for scripts that must never produce a layered file.
#include <iostream>
#include <string>

#include "app/cli/cli_options.h"
#include "app/cli/commands.h"
#include "app/cli/document_files.h"
#include "app/cli/export_flags.h"
#include "app/cli/progress_line.h"

namespace signe::cli {

namespace {

constexpr const char* kConvertUsage = R"(usage: signe-cli convert IN OUT [options]

Reads IN and writes it to OUT in the format OUT's extension names.
  IN    an OpenRaster document (.ora) or any image OpenImageIO reads (PNG, JPEG, TIFF,
        OpenEXR, WebP, PSD...); an image becomes one layer (a PSD one layer per layer)
  OUT   .ora: the layered document; .png .jpg .jpeg .tif .tiff .exr .webp: the picture
        flattened (the options below apply to these only, except --threads)

)";

constexpr const char* kFlattenUsage = R"(usage: signe-cli flatten IN OUT [options]

Writes the flattened picture of IN (an .ora document or any image signe-cli reads) to OUT,
an image file: .png .jpg .jpeg .tif .tiff .exr .webp. Use 'convert' to write .ora.

)";

constexpr const char* kExitCodes =
    "\nLoading warnings go to stderr. When stderr is a terminal, one line there shows the\n"
    "progress of loading and saving; otherwise nothing is printed about progress.\n"
    "Exit code 0 on success, 1 when a file cannot be read or written, 2 for usage errors\n"
    "(unknown option, bad value, unknown extension, an option OUT's format cannot take).\n";

int run(const std::vector<std::string>& args, const std::string& command, const char* intro,
        bool rasterOnly)
{
    const std::string prefix = "signe-cli " + command + ": ";
    const std::string usage = std::string(intro) + kExportFlagsUsage + kExitCodes;
    auto switches = exportSwitchNames();
    switches.push_back("help");
    auto opts = parseOptions(args, exportValueNames(), switches);
    if (!opts) {
        std::cerr << prefix << opts.error().message << "\n" << usage;
        return 2;
    }
    if (opts->flag("help")) {
        std::cout << usage;
        return 0;
    }
    if (opts->positional.size() != 2) {
        std::cerr << prefix << "expected IN and OUT, got " << opts->positional.size()
                  << (opts->positional.size() == 1 ? " file\n" : " files\n") << usage;
        return 2;
    }
    const std::string in = opts->positional[0], out = opts->positional[1];
    auto flags = readExportFlags(*opts);
    if (!flags) {
        std::cerr << prefix << flags.error().message << "\n";
        return 2;
    }
    // Everything about OUT that can be refused is refused before IN is read: loading a large
    // document only to learn that the output name was misspelt wastes minutes.
    auto kind = outputKindFor(out);
    if (!kind) {
        std::cerr << prefix << kind.error().message << "\n";
        return 2;
    }
    if (*kind == OutputKind::OpenRaster && rasterOnly) {
        std::cerr << prefix << "cannot write '" << out
                  << "': flatten writes image files only (.png .jpg .jpeg .tif .tiff .exr "
                     ".webp): 'signe-cli convert' writes OpenRaster\n";
        return 2;
    }
    if (auto fits = checkExportFlagsFit(*flags, out); !fits) {
        std::cerr << prefix << fits.error().message << "\n";
        return 2;
    }

    core::Result<core::LoadedDocument> loaded;
    {
        auto line = ProgressLine::onStderr("loading " + in);
        loaded = loadDocumentFile(in, flags->options.threads, line.callback());
    }
    if (!loaded) {
        std::cerr << prefix << loaded.error().message << "\n";
        return 1;
    }
    for (const std::string& warning : loaded->warnings)
        std::cerr << prefix << "warning: " << warning << "\n";

    core::Result<void> saved;
    {
        auto line = ProgressLine::onStderr("saving " + out);
        core::ExportOptions options = flags->options;
        options.progress = line.callback();
        saved = saveDocumentFile(*loaded->document, out, options);
    }
    if (!saved) {
        std::cerr << prefix << saved.error().message << "\n";
        // The exporter judges which options a format takes (16-bit JPEG, quality for PNG):
        // those refusals are usage errors, everything else a failure to write.
        return saved.error().code == core::ErrorCode::InvalidArgument ? 2 : 1;
    }
    std::cout << "wrote " << out << "\n";
    return 0;
}

}  // namespace

int runConvert(const std::vector<std::string>& args)
{
    return run(args, "convert", kConvertUsage, false);
}

int runFlatten(const std::vector<std::string>& args)
{
    return run(args, "flatten", kFlattenUsage, true);
}

}  // namespace signe::cli
