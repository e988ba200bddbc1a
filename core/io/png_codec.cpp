// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/png_codec.h"

#include "core/io/ora_png_filters.h"

// Decoding with libpng directly, not OpenImageIO's PNG plugin: it never prints to stderr and
// it decodes into our buffers without an ImageSpec round trip. Encoding is our own
// (png_encoder.cpp).
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <csetjmp>
#include <cstring>
#include <string_view>

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

/// libpng reports errors through a callback that must not return: it records the message
/// where the caller can find it (the struct's error pointer) and jumps back to the setjmp
/// in the function that called libpng. Only libpng's C frames lie between the two, so no
/// C++ destructor is skipped.
struct PngErrors {
    std::string message;
};

[[noreturn]] void onPngError(png_structp png, png_const_charp text)
{
    auto* errors = static_cast<PngErrors*>(png_get_error_ptr(png));
    if (errors && errors->message.empty()) errors->message = text ? text : "libpng error";
    png_longjmp(png, 1);
}

/// Warnings (an unknown ancillary chunk, a bad CRC on one, a gamma oddity) do not stop the
/// image: dropped, as a library must not print.
void onPngWarning(png_structp, png_const_charp) {}

constexpr bool kLittleEndian = std::endian::native == std::endian::little;

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

struct PngReader::State {
    // The fast path (see open()): zlib over the IDAT chunks, our own unfiltering.
    bool fast = false;
    z_stream z{};
    bool zOpen = false;
    std::vector<std::span<const std::uint8_t>> idat;  ///< the IDAT chunks' data, in order
    std::size_t nextIdat = 0;
    int bitDepth = 0;
    std::size_t bpp = 0, rowBytes = 0;
    std::vector<std::uint8_t> line, prevLine;  ///< filter byte + row, and the row above

    png_structp png = nullptr;
    png_infop info = nullptr;
    PngErrors errors;
    std::span<const std::uint8_t> bytes;
    std::size_t position = 0;
    std::string what;
    int width = 0, height = 0, channels = 0;
    int nextRow = 0;
    bool interlaced = false;
    std::vector<std::uint16_t> whole;  ///< an interlaced image, decoded at open()
    std::vector<png_bytep> rows;

    ~State()
    {
        if (zOpen) inflateEnd(&z);
        png_destroy_read_struct(&png, &info, nullptr);
    }
};

namespace {

void readBytes(png_structp png, png_bytep out, png_size_t size)
{
    auto* s = static_cast<PngReader::State*>(png_get_io_ptr(png));
    if (s->bytes.size() - s->position < size) png_error(png, "truncated PNG data");
    std::memcpy(out, s->bytes.data() + s->position, size);
    s->position += size;
}

/// Reads the header and sets the transformations that give 16-bit samples, native byte
/// order, straight alpha, palettes expanded. Returns false after a libpng error.
bool runOpen(PngReader::State& s)
{
    if (setjmp(png_jmpbuf(s.png))) return false;
    png_set_read_fn(s.png, &s, readBytes);
    png_read_info(s.png, s.info);
    const int colorType = png_get_color_type(s.png, s.info);
    const int depth = png_get_bit_depth(s.png, s.info);
    if (colorType == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(s.png);
    if (colorType == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(s.png);
    if (png_get_valid(s.png, s.info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(s.png);
    if (depth < 16) png_set_expand_16(s.png);  // v * 257: the exact 8 -> 16-bit scaling
    if (kLittleEndian) png_set_swap(s.png);
    s.interlaced = png_get_interlace_type(s.png, s.info) != PNG_INTERLACE_NONE;
    if (s.interlaced) png_set_interlace_handling(s.png);
    png_read_update_info(s.png, s.info);
    s.width = int(png_get_image_width(s.png, s.info));
    s.height = int(png_get_image_height(s.png, s.info));
    s.channels = png_get_channels(s.png, s.info);
    if (png_get_rowbytes(s.png, s.info) != std::size_t(s.width) * std::size_t(s.channels) * 2)
        png_error(s.png, "unexpected row layout after expansion");
    return true;
}

std::uint32_t bigEndianAt(std::span<const std::uint8_t> b, std::size_t at)
{
    return bigEndian32(b.data() + at);
}

/// The fast path takes the files Signe writes and most others: not interlaced, 8 or 16 bits,
/// grey, grey + alpha, RGB or RGBA without a transparent colour key, every chunk whole with a
/// good CRC, one run of IDAT chunks. Anything else returns false and goes to libpng, which
/// reads it or names what is wrong. libpng unfilters byte by byte; this path's Paeth runs
/// across the bytes of a pixel at once (ora_png_filters.h), the largest cost of a load after
/// inflating.
bool openFast(PngReader::State& s, const PngHeader& h)
{
    if (h.interlaced || (h.bitDepth != 8 && h.bitDepth != 16) || h.colorType == 3) return false;
    if (s.bytes[26] != 0 || s.bytes[27] != 0) return false;  // compression, filter method
    std::size_t at = 8;
    bool sawIdat = false, idatDone = false;
    for (;;) {
        if (s.bytes.size() - at < 12) return false;
        const std::uint32_t length = bigEndianAt(s.bytes, at);
        if (length > 0x7fffffffu || s.bytes.size() - at - 12 < length) return false;
        const std::uint8_t* type = s.bytes.data() + at + 4;
        if (std::uint32_t(crc32(0, type, uInt(length + 4))) !=
            bigEndianAt(s.bytes, at + 8 + length))
            return false;
        const std::string_view name(reinterpret_cast<const char*>(type), 4);
        if (name == "IDAT") {
            if (idatDone) return false;
            sawIdat = true;
            s.idat.push_back(s.bytes.subspan(at + 8, length));
        } else {
            if (sawIdat) idatDone = true;
            if (name == "IEND") break;
            // tRNS changes the pixels; an unknown critical chunk (upper-case first letter) must
            // be refused: libpng does both.
            if (name == "tRNS" || (name != "IHDR" && (type[0] & 0x20) == 0)) return false;
        }
        at += 12 + length;
    }
    if (!sawIdat || inflateInit(&s.z) != Z_OK) return false;
    s.zOpen = true;
    static constexpr int kChannels[7] = {1, 0, 3, 0, 2, 0, 4};
    s.fast = true;
    s.width = h.width;
    s.height = h.height;
    s.channels = kChannels[h.colorType];
    s.bitDepth = h.bitDepth;
    s.bpp = std::size_t(s.channels) * std::size_t(h.bitDepth / 8);
    s.rowBytes = std::size_t(h.width) * s.bpp;
    s.line.assign(s.rowBytes + 1, 0);
    s.prevLine.assign(s.rowBytes + 1, 0);
    return true;
}

/// Inflates, unfilters and widens one row into `out` (width * channels samples).
bool readFastRow(PngReader::State& s, std::uint16_t* out)
{
    std::swap(s.line, s.prevLine);
    s.z.next_out = s.line.data();
    s.z.avail_out = uInt(s.line.size());
    while (s.z.avail_out > 0) {
        if (s.z.avail_in == 0) {
            if (s.nextIdat == s.idat.size()) return false;  // rows missing
            const auto chunk = s.idat[s.nextIdat++];
            s.z.next_in = const_cast<Bytef*>(chunk.data());
            s.z.avail_in = uInt(chunk.size());
            continue;
        }
        const int rc = inflate(&s.z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END && s.z.avail_out > 0) return false;  // the data ends early
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) return false;
    }
    std::uint8_t* row = s.line.data() + 1;
    if (!pngUnfilterRow(s.line[0], row, s.prevLine.data() + 1, s.rowBytes, s.bpp)) return false;
    const std::size_t samples = std::size_t(s.width) * std::size_t(s.channels);
    if (s.bitDepth == 16)
        for (std::size_t i = 0; i < samples; ++i)
            out[i] = std::uint16_t((unsigned(row[2 * i]) << 8) | row[2 * i + 1]);
    else
        for (std::size_t i = 0; i < samples; ++i) out[i] = std::uint16_t(row[i] * 257u);
    return true;
}

bool runReadWhole(PngReader::State& s)
{
    if (setjmp(png_jmpbuf(s.png))) return false;
    png_read_image(s.png, s.rows.data());
    return true;
}

bool runReadRows(PngReader::State& s, int rows, std::uint16_t* out)
{
    if (setjmp(png_jmpbuf(s.png))) return false;
    const std::size_t stride = std::size_t(s.width) * std::size_t(s.channels);
    for (int r = 0; r < rows; ++r)
        png_read_row(s.png, reinterpret_cast<png_bytep>(out + stride * std::size_t(r)), nullptr);
    return true;
}

}  // namespace

PngReader::PngReader(std::unique_ptr<State> state) : m_state(std::move(state)) {}
PngReader::PngReader(PngReader&&) noexcept = default;
PngReader& PngReader::operator=(PngReader&&) noexcept = default;
PngReader::~PngReader() = default;

Result<PngReader> PngReader::open(std::span<const std::uint8_t> bytes, std::string what)
{
    auto state = std::make_unique<State>();
    State& s = *state;
    s.what = std::move(what);
    s.bytes = bytes;
    if (auto header = parsePngHeader(bytes, s.what); header && openFast(s, *header))
        return PngReader(std::move(state));
    // Not for the fast path: libpng, from a clean state.
    if (s.zOpen) inflateEnd(&s.z);
    s.zOpen = false;
    s.idat.clear();
    s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s.errors, onPngError, onPngWarning);
    if (s.png) s.info = png_create_info_struct(s.png);
    if (!s.png || !s.info)
        return fail(ErrorCode::IoError, "cannot decode " + s.what + ": out of memory");
    if (!runOpen(s))
        return fail(ErrorCode::Corrupt, "cannot decode " + s.what + ": " + s.errors.message);
    if (s.channels < 1 || s.channels > 4)
        return fail(ErrorCode::Unsupported,
                    "cannot decode " + s.what + ": " + std::to_string(s.channels) + " channels");
    if (s.interlaced) {
        // Callers bound an interlaced image's size before opening it (the whole of it is
        // held here).
        const std::size_t stride = std::size_t(s.width) * std::size_t(s.channels);
        s.whole.resize(stride * std::size_t(s.height));
        for (int y = 0; y < s.height; ++y)
            s.rows.push_back(reinterpret_cast<png_bytep>(s.whole.data() + stride * std::size_t(y)));
        if (!runReadWhole(s))
            return fail(ErrorCode::Corrupt, "cannot decode " + s.what + ": " + s.errors.message);
    }
    return PngReader(std::move(state));
}

int PngReader::width() const
{
    return m_state->width;
}
int PngReader::height() const
{
    return m_state->height;
}
int PngReader::channels() const
{
    return m_state->channels;
}
int PngReader::alphaChannel() const
{
    return m_state->channels == 2 || m_state->channels == 4 ? m_state->channels - 1 : -1;
}

Result<void> PngReader::readRows(int y, int rows, std::uint16_t* out)
{
    State& s = *m_state;
    if (y != s.nextRow || rows < 0 || y + rows > s.height)
        return fail(ErrorCode::InvalidArgument,
                    "cannot decode " + s.what + ": rows must be read in order");
    if (s.fast) {
        const std::size_t stride = std::size_t(s.width) * std::size_t(s.channels);
        for (int r = 0; r < rows; ++r)
            if (!readFastRow(s, out + stride * std::size_t(r)))
                return fail(ErrorCode::Corrupt,
                            "cannot decode " + s.what + ": truncated or damaged PNG data");
    } else if (s.interlaced) {
        const std::size_t stride = std::size_t(s.width) * std::size_t(s.channels);
        std::copy_n(s.whole.data() + stride * std::size_t(y), stride * std::size_t(rows), out);
    } else if (!runReadRows(s, rows, out)) {
        return fail(ErrorCode::Corrupt, "cannot decode " + s.what + ": " + s.errors.message);
    }
    s.nextRow = y + rows;
    return {};
}

}  // namespace signe::core::ora
