// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>

#include "app/cli/cli_options.h"
#include "app/cli/commands.h"
#include "app/cli/document_files.h"
#include "app/cli/document_summary.h"
#include "app/cli/journal_replay.h"
#include "app/cli/progress_line.h"
#include "core/io/image_io.h"
#include "core/io/openraster.h"

namespace signe::cli {

namespace fs = std::filesystem;

namespace {
constexpr const char* kUsage = R"(usage: signe-cli info FILE

Prints what FILE holds: an OpenRaster document (.ora), a stroke journal (.signe-journal) or
any image file OpenImageIO reads (PNG, JPEG, TIFF, OpenEXR, WebP, PSD...). A document or an
image as "key: value" lines, then one line per layer:

  file: FILE
  format: openraster                 (raster files: OpenImageIO's name, e.g. png)
  size: WIDTHxHEIGHT
  channels: N (B bits each)          (raster files only)
  dpi: N
  background: #rrggbb[aa]
  light: on|off azimuth=A elevation=E strength=S shine=H shininess=N relief=R
  drying: never|strokes:N|seconds:S
  layers: N (top to bottom)
    "NAME" paint|group visible=yes|no opacity=O blend=svg:MODE offset=X,Y
        alpha-lock=yes|no edit-lock=yes|no [isolated=yes|no] bounds=WxH@X,Y|none

Each layer is one line (wrapped here), indented two spaces more per group level; isolated
is shown for groups only. bounds is the canvas rectangle of the layer's pixels that are not
fully transparent. Names are quoted, with \" \\ \n \t \xNN escapes. A raster file opens as
Signe would open it: its background, light and drying are Signe's defaults.
A journal as "file:", "format: signe-journal", "snapshot: FILE" (the document it starts
from), "operations: N", then one numbered line per operation: a stroke in words ('PRESET' on
layer PATH, N events, #rrggbbaa, seed N), any other operation as its JSON record. A damaged
end is a warning. Loading warnings go to stderr. Exit code 0, 1 when FILE cannot be read, 2
for usage errors.
)";

/// Prints through `out`; problems that did not stop reading go to `warn`.
struct InfoSink {
    std::ostream& out;
    std::function<void(const std::string&)> warn;
};

/// One kind of file `info` describes: whether a path is one, and how to print it. A new kind
/// (journal files next) is one more describe function and one more row in kFileKinds.
struct FileKind {
    bool (*accepts)(const fs::path& path);
    core::Result<void> (*describe)(const fs::path& path, InfoSink& sink);
};

int threadsForReading()
{
    return int(std::max(1u, std::thread::hardware_concurrency()));
}

core::Result<void> describeOpenRaster(const fs::path& path, InfoSink& sink)
{
    core::Result<core::LoadedDocument> loaded;
    {
        auto line = ProgressLine::onStderr("loading " + path.string());
        loaded = loadDocumentFile(path, threadsForReading(), line.callback());
    }
    if (!loaded) return tl::unexpected(loaded.error());
    for (const std::string& w : loaded->warnings) sink.warn(w);
    const core::Document& doc = *loaded->document;
    sink.out << "file: " << path.string() << "\n"
             << "format: openraster\n"
             << "size: " << doc.width() << "x" << doc.height() << "\n";
    printDocumentSummary(doc, sink.out);
    return {};
}

core::Result<void> describeRasterImage(const fs::path& path, InfoSink& sink)
{
    // The header first: it names a file OpenImageIO cannot read before any decoding.
    auto info = core::readImageInfo(path);
    if (!info) return tl::unexpected(info.error());
    core::Result<core::LoadedDocument> loaded;
    {
        auto line = ProgressLine::onStderr("loading " + path.string());
        loaded = loadDocumentFile(path, threadsForReading(), line.callback());
    }
    if (!loaded) return tl::unexpected(loaded.error());
    for (const std::string& w : loaded->warnings) sink.warn(w);
    sink.out << "file: " << path.string() << "\n"
             << "format: " << info->format << "\n"
             << "size: " << info->width << "x" << info->height << "\n"
             << "channels: " << info->channels << " (" << info->bitsPerSample << " bits each)\n";
    printDocumentSummary(*loaded->document, sink.out);
    return {};
}

core::Result<void> describeJournalFile(const fs::path& path, InfoSink& sink)
{
    auto journal = core::describeJournal(path, strokeInWords);
    if (!journal) return tl::unexpected(journal.error());
    sink.out << "file: " << path.string() << "\n"
             << "format: signe-journal\n"
             << "snapshot: " << journal->snapshot << "\n"
             << "operations: " << journal->operations.size() << "\n";
    for (std::size_t i = 0; i < journal->operations.size(); ++i)
        sink.out << "  " << i + 1 << ". " << journal->operations[i] << "\n";
    if (!journal->damage.empty()) sink.warn(journal->damage);
    return {};
}

bool anyFile(const fs::path&)
{
    return true;
}

// First match wins; the raster reader takes whatever is left (OpenImageIO goes by content).
constexpr FileKind kFileKinds[] = {
    {isOpenRasterPath, describeOpenRaster},
    {isJournalPath, describeJournalFile},
    {anyFile, describeRasterImage},
};

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
    const fs::path path = opts->positional[0];
    InfoSink sink{std::cout, [](const std::string& warning) {
                      std::cerr << "signe-cli info: warning: " << warning << "\n";
                  }};
    for (const FileKind& kind : kFileKinds) {
        if (!kind.accepts(path)) continue;
        if (auto described = kind.describe(path, sink); !described) {
            std::cerr << "signe-cli info: " << described.error().message << "\n";
            return 1;
        }
        return 0;
    }
    return 1;  // unreachable: the last kind accepts every file
}

}  // namespace signe::cli
