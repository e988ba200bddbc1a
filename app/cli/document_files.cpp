// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/document_files.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/io/raster_format.h"

namespace signe::cli {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;

namespace {

// Core's messages name the file in different ways ("no such file '/a/b.ora'", "'b.ora' has no
// stack.xml") or not at all ("stack.xml line 3: ..."), since inside a loader the file is
// implied. A person running a command over several files needs it named, once.
core::Error namingFile(core::Error error, const fs::path& path, const char* verb)
{
    const std::string& m = error.message;
    if (m.find(path.string()) == std::string::npos &&
        m.find("'" + path.filename().string() + "'") == std::string::npos)
        error.message = std::string("cannot ") + verb + " '" + path.string() + "': " + m;
    return error;
}

}  // namespace

bool isOpenRasterPath(const fs::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".ora";
}

core::Result<OutputKind> outputKindFor(const fs::path& path)
{
    if (isOpenRasterPath(path)) return OutputKind::OpenRaster;
    if (core::rasterFormatForPath(path)) return OutputKind::Raster;
    return fail(ErrorCode::InvalidArgument,
                "cannot write '" + path.string() + "': unknown extension '" +
                    path.extension().string() +
                    "' (known: .ora .png .jpg .jpeg .tif .tiff .exr .webp)");
}

core::Result<core::LoadedDocument> loadDocumentFile(const fs::path& path, int threads,
                                                    const core::ProgressCallback& progress)
{
    if (isOpenRasterPath(path)) {
        core::OraLoadOptions options;
        options.threads = threads;
        options.progress = progress;
        auto loaded = core::loadOpenRaster(path, options);
        if (!loaded) return tl::unexpected(namingFile(loaded.error(), path, "read"));
        return loaded;
    }
    core::ImportOptions options;
    options.progress = progress;
    auto doc = core::openImageAsDocument(path, options);
    if (!doc) return tl::unexpected(namingFile(doc.error(), path, "read"));
    core::LoadedDocument out;
    out.document = std::move(*doc);
    return out;
}

core::Result<void> saveDocumentFile(core::Document& doc, const fs::path& path,
                                    const core::ExportOptions& options)
{
    core::Result<void> saved;
    if (isOpenRasterPath(path)) {
        core::OraSaveOptions ora;
        ora.threads = options.threads;
        ora.progress = options.progress;
        saved = core::saveOpenRaster(doc, path, ora);
    } else {
        saved = core::exportFlattened(doc, path, options);
    }
    if (!saved) return tl::unexpected(namingFile(saved.error(), path, "write"));
    return saved;
}

}  // namespace signe::cli
