// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/png_codec.h"

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>

namespace signe::core::ora {

namespace {

std::uint32_t bigEndian32(const std::uint8_t* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

int samplesPerPixel(int colorType)
{
    switch (colorType) {
        case 0:
            return 1;
        case 2:
            return 3;
        case 3:
            return 1;
        case 4:
            return 2;
        default:
            return 4;
    }
}

/// OpenImageIO keeps errors per object and per thread; take them so they are reported here,
/// not printed when the object dies.
std::string takeError(const std::string& fallback, std::string error)
{
    return error.empty() ? fallback : error;
}

}  // namespace

Result<PngHeader> parsePngHeader(std::span<const std::uint8_t> bytes, const std::string& what)
{
    static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (bytes.size() < 8 || !std::equal(kSignature, kSignature + 8, bytes.begin()))
        return fail(ErrorCode::Corrupt, what + " is not a PNG file");
    if (bytes.size() < 33 || bigEndian32(&bytes[8]) != 13 ||
        !std::equal(bytes.begin() + 12, bytes.begin() + 16, "IHDR"))
        return fail(ErrorCode::Corrupt, what + " is a truncated or damaged PNG (no header chunk)");
    PngHeader h;
    const std::uint32_t w = bigEndian32(&bytes[16]);
    const std::uint32_t hgt = bigEndian32(&bytes[20]);
    h.bitDepth = bytes[24];
    h.colorType = bytes[25];
    h.interlaced = bytes[28] == 1;
    // PNG allows up to 2^31 - 1 a side; anything above Signe's limits is refused by callers,
    // but keep the values representable here.
    if (w == 0 || hgt == 0 || w > 0x7fffffffu || hgt > 0x7fffffffu)
        return fail(ErrorCode::Corrupt, what + " declares an impossible size " + std::to_string(w) +
                                            "x" + std::to_string(hgt));
    const bool validDepth =
        (h.colorType == 0 && (h.bitDepth == 1 || h.bitDepth == 2 || h.bitDepth == 4 ||
                              h.bitDepth == 8 || h.bitDepth == 16)) ||
        (h.colorType == 3 &&
         (h.bitDepth == 1 || h.bitDepth == 2 || h.bitDepth == 4 || h.bitDepth == 8)) ||
        ((h.colorType == 2 || h.colorType == 4 || h.colorType == 6) &&
         (h.bitDepth == 8 || h.bitDepth == 16));
    if (!validDepth)
        return fail(ErrorCode::Corrupt, what + " has an invalid colour type " +
                                            std::to_string(h.colorType) + " / bit depth " +
                                            std::to_string(h.bitDepth));
    h.width = int(w);
    h.height = int(hgt);
    return h;
}

std::uint64_t pngByteLimit(const PngHeader& h)
{
    const std::uint64_t rowBytes =
        (std::uint64_t(h.width) * std::uint64_t(samplesPerPixel(h.colorType)) *
             std::uint64_t(h.bitDepth) +
         7) /
            8 +
        1;  // + the filter byte
    // Interlacing adds a filter byte per row of each of the 7 passes.
    const std::uint64_t raw = rowBytes * std::uint64_t(h.height) * (h.interlaced ? 2 : 1);
    // Stored deflate blocks add 5 bytes per 64 KiB; IDAT chunks 12 bytes per chunk (often
    // 8 KiB): a sixteenth covers both with room. 4 MiB holds a large ICC profile and text.
    return raw + raw / 16 + (std::uint64_t(4) << 20);
}

Result<std::vector<std::uint8_t>> encodePng(int width, int height, const PngEncoding& encoding,
                                            int stripRows,
                                            const std::function<void(int, int, void*)>& fill,
                                            const std::string& what)
{
    const OIIO::TypeDesc type =
        encoding.bits == 16 ? OIIO::TypeDesc::UINT16 : OIIO::TypeDesc::UINT8;
    OIIO::ImageSpec spec(width, height, encoding.channels, type);
    if (encoding.srgb) spec.attribute("oiio:ColorSpace", "sRGB");
    // The rows hold straight alpha already: OpenImageIO must not divide by alpha again.
    spec.attribute("oiio:UnassociatedAlpha", 1);
    spec.attribute("png:compressionLevel", encoding.compression);
    std::vector<std::uint8_t> bytes;
    OIIO::Filesystem::IOVecOutput proxy(bytes);
    auto out = OIIO::ImageOutput::create("png");
    if (!out)
        return fail(ErrorCode::Unsupported,
                    "cannot encode " + what + ": " + takeError("no PNG writer", OIIO::geterror()));
    out->set_ioproxy(&proxy);
    if (!out->open(what, spec))
        return fail(ErrorCode::IoError,
                    "cannot encode " + what + ": " + takeError("open failed", out->geterror()));
    const std::size_t rowSamples = std::size_t(width) * std::size_t(encoding.channels);
    std::vector<std::uint8_t> strip(rowSamples * std::size_t(stripRows) * std::size_t(type.size()));
    bool ok = true;
    for (int y = 0; y < height && ok; y += stripRows) {
        const int rows = std::min(stripRows, height - y);
        fill(y, rows, strip.data());
        ok = out->write_scanlines(y, y + rows, 0, type, strip.data());
    }
    const std::string error = ok ? std::string() : out->geterror();
    ok = out->close() && ok;
    if (!ok)
        return fail(ErrorCode::IoError,
                    "cannot encode " + what + ": " + takeError("write failed", error));
    return bytes;
}

struct PngReader::State {
    std::unique_ptr<OIIO::Filesystem::IOMemReader> proxy;
    std::unique_ptr<OIIO::ImageInput> input;
    std::string what;
};

PngReader::PngReader(std::unique_ptr<State> state) : m_state(std::move(state)) {}
PngReader::PngReader(PngReader&&) noexcept = default;
PngReader& PngReader::operator=(PngReader&&) noexcept = default;
PngReader::~PngReader() = default;

Result<PngReader> PngReader::open(std::span<const std::uint8_t> bytes, std::string what)
{
    auto state = std::make_unique<State>();
    state->what = std::move(what);
    state->proxy = std::make_unique<OIIO::Filesystem::IOMemReader>(bytes.data(), bytes.size());
    // The file's own straight alpha, not OpenImageIO's premultiplied view of it.
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    state->input = OIIO::ImageInput::create("png");
    if (!state->input)
        return fail(ErrorCode::Unsupported, "cannot decode " + state->what + ": " +
                                                takeError("no PNG reader", OIIO::geterror()));
    state->input->set_ioproxy(state->proxy.get());
    OIIO::ImageSpec spec;
    if (!state->input->open(state->what, spec, config))
        return fail(ErrorCode::Corrupt, "cannot decode " + state->what + ": " +
                                            takeError("unreadable PNG", state->input->geterror()));
    if (spec.nchannels < 1 || spec.nchannels > 4)
        return fail(ErrorCode::Unsupported, "cannot decode " + state->what + ": " +
                                                std::to_string(spec.nchannels) + " channels");
    return PngReader(std::move(state));
}

int PngReader::width() const
{
    return m_state->input->spec().width;
}
int PngReader::height() const
{
    return m_state->input->spec().height;
}
int PngReader::channels() const
{
    return m_state->input->spec().nchannels;
}
int PngReader::alphaChannel() const
{
    return m_state->input->spec().alpha_channel;
}

Result<void> PngReader::readRows(int y, int rows, std::uint16_t* out)
{
    auto& in = *m_state->input;
    if (!in.read_scanlines(0, 0, y, y + rows, 0, 0, in.spec().nchannels, OIIO::TypeDesc::UINT16,
                           out))
        return fail(ErrorCode::Corrupt,
                    "cannot decode " + m_state->what + ": " +
                        takeError("truncated or damaged PNG data", in.geterror()));
    return {};
}

}  // namespace signe::core::ora
