// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/oiio_files.h"

#include <string>
#include <system_error>

#include "core/io/durable_file.h"

namespace signe::core::io {

namespace fs = std::filesystem;

fs::path partialPath(const fs::path& target)
{
    fs::path p = target;
    p += ".signe-partial";
    p += target.extension();
    return p;
}

Result<std::unique_ptr<OIIO::ImageInput>> openImage(const fs::path& path, int maxSide,
                                                    const OIIO::ImageSpec* config)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return fail(ErrorCode::NotFound, "no such file '" + path.string() + "'");
    auto in = OIIO::ImageInput::open(path.string(), config);
    if (!in) {
        std::string why = OIIO::geterror();
        if (why.empty()) why = "not an image file OpenImageIO can read";
        return fail(ErrorCode::Corrupt, "cannot read '" + path.string() + "': " + why);
    }
    const OIIO::ImageSpec& spec = in->spec();
    if (spec.width < 1 || spec.height < 1 || spec.width > maxSide || spec.height > maxSide)
        return fail(ErrorCode::InvalidArgument,
                    "'" + path.string() + "' is " + std::to_string(spec.width) + "x" +
                        std::to_string(spec.height) + "; the limit is " + std::to_string(maxSide) +
                        " a side");
    return in;
}

Result<void> writeAtomically(const fs::path& path, const std::vector<OIIO::ImageSpec>& parts,
                             const std::function<bool(OIIO::ImageOutput&, int part)>& body)
{
    const fs::path partial = partialPath(path);
    auto out = OIIO::ImageOutput::create(path.string());
    if (!out)
        return fail(ErrorCode::Unsupported,
                    "cannot write '" + path.string() + "': " + OIIO::geterror());
    const bool multi = parts.size() > 1;
    if (multi && !out->supports("multiimage"))
        return fail(ErrorCode::Unsupported, "cannot write '" + path.string() + "': the " +
                                                out->format_name() +
                                                " format holds one image only");
    // A multi-part file declares every part up front; each later part is then appended.
    bool ok = multi ? out->open(partial.string(), int(parts.size()), parts.data())
                    : out->open(partial.string(), parts.front());
    if (!ok) {
        const std::string error = out->geterror();
        std::error_code ec;
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot write '" + path.string() + "': " + error);
    }
    for (int i = 0; i < int(parts.size()) && ok; ++i) {
        if (i > 0)
            ok = out->open(partial.string(), parts[std::size_t(i)],
                           OIIO::ImageOutput::AppendSubimage);
        ok = ok && body(*out, i);
    }
    const std::string error = ok ? std::string() : out->geterror();
    ok = out->close() && ok;
    std::error_code ec;
    if (!ok) {
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot write '" + path.string() + "': " + error);
    }
    // Written, flushed to the disk, then renamed over the old file (and the rename flushed):
    // a crash at any point leaves the old file or the new one, never a half-written one.
    if (auto flushed = flushToDisk(partial); !flushed) {
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot save '" + path.string() + "': " +
                                            flushed.error().message);
    }
    fs::rename(partial, path, ec);
    if (ec) {
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot replace '" + path.string() + "': " + ec.message());
    }
    flushFolderOf(path);
    return {};
}

Result<void> writeAtomically(const fs::path& path, const OIIO::ImageSpec& spec,
                             const std::function<bool(OIIO::ImageOutput&)>& body)
{
    return writeAtomically(path, std::vector<OIIO::ImageSpec>{spec},
                           [&](OIIO::ImageOutput& out, int) { return body(out); });
}

}  // namespace signe::core::io
