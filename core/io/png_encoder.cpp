// SPDX-License-Identifier: GPL-3.0-or-later
// The PNG writer is our own, not libpng's: PNG's framing is a few chunks around one zlib
// stream, and writing it here lets the row filters be loops the compiler vectorises
// (ora_png_filters.h) and lets the bands of one image deflate on different threads. Rows are
// filtered and deflated as they come, so memory stays at a strip plus the compressed output.
#include "core/io/png_encoder.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "core/io/ora_png_filters.h"
#include "core/io/ora_srgb_profile.h"

namespace signe::core::ora {

namespace {

void putBigEndian32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    const std::uint8_t b[4] = {std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8),
                               std::uint8_t(v)};
    out.insert(out.end(), b, b + 4);
}

/// Appends a PNG chunk: length, type, data, CRC of type and data.
void putChunk(std::vector<std::uint8_t>& out, const char* type, const std::uint8_t* data,
              std::size_t size)
{
    putBigEndian32(out, std::uint32_t(size));
    const std::size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    if (size) out.insert(out.end(), data, data + size);
    putBigEndian32(out, std::uint32_t(crc32(0, out.data() + start, uInt(size + 4))));
}

struct Deflater {
    z_stream z{};
    bool open = false;
    ~Deflater()
    {
        if (open) deflateEnd(&z);
    }
};

bool validEncoding(int width, int height, const PngEncoding& e)
{
    return e.channels >= 1 && e.channels <= 4 && (e.bits == 8 || e.bits == 16) && width >= 1 &&
           height >= 1 && e.compression >= 0 && e.compression <= 9;
}

std::size_t bytesPerPixel(const PngEncoding& e)
{
    return std::size_t(e.channels) * std::size_t(e.bits / 8);
}

/// Copies one row of samples into PNG's byte order (16-bit samples are big-endian).
void toPngOrder(const std::uint8_t* samples, std::uint8_t* out, std::size_t rowBytes, int bits)
{
    if (bits != 16) {
        std::memcpy(out, samples, rowBytes);
        return;
    }
    for (std::size_t i = 0; i < rowBytes; i += 2) {
        std::uint16_t v;
        std::memcpy(&v, samples + i, 2);
        out[i] = std::uint8_t(v >> 8);
        out[i + 1] = std::uint8_t(v);
    }
}

/// The zlib header zlib itself would write for this level and strategy (RFC 1950: the
/// compression level hint in FLEVEL, and FCHECK so that the pair is a multiple of 31).
void putZlibHeader(std::vector<std::uint8_t>& out, const PngEncoding& e)
{
    const bool fastest =
        e.strategy == PngDeflate::HuffmanOnly || e.strategy == PngDeflate::Rle || e.compression < 2;
    const unsigned level = fastest ? 0 : e.compression < 6 ? 1 : e.compression == 6 ? 2 : 3;
    const unsigned cmf = 0x78;  // deflate, 32 KiB window
    unsigned flg = level << 6;
    flg += 31 - (cmf * 256 + flg) % 31;
    out.push_back(std::uint8_t(cmf));
    out.push_back(std::uint8_t(flg));
}

}  // namespace

Result<PngBand> encodePngBand(int width, int height, int y, int rows, const PngEncoding& encoding,
                              int stripRows, const PngRowSource& fill, const std::string& what)
{
    const PngEncoding& e = encoding;
    if (!validEncoding(width, height, e) || stripRows < 1 || y < 0 || rows < 1 || y + rows > height)
        return fail(ErrorCode::InvalidArgument, "cannot encode " + what + ": bad PNG parameters");
    const std::size_t bpp = bytesPerPixel(e);
    const std::size_t rowBytes = std::size_t(width) * bpp;

    static constexpr int kStrategy[4] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE};
    Deflater d;
    // Raw deflate (negative window bits): the zlib header and checksum are assemblePng's.
    if (deflateInit2(&d.z, e.compression, Z_DEFLATED, -15, 8, kStrategy[int(e.strategy)]) != Z_OK)
        return fail(ErrorCode::IoError, "cannot encode " + what + ": zlib cannot start");
    d.open = true;

    PngBand band;
    // Room for a typical result up front: painted 16-bit layers deflate to about a third.
    band.deflated.reserve((rowBytes + 1) * std::size_t(rows) / 3 + 4096);
    std::vector<std::uint8_t> zbuf(std::size_t(1) << 20);
    auto pump = [&](const std::uint8_t* in, std::size_t size, int flush) -> bool {
        d.z.next_in = const_cast<Bytef*>(in);
        d.z.avail_in = uInt(size);
        for (;;) {
            d.z.next_out = zbuf.data();
            d.z.avail_out = uInt(zbuf.size());
            const int rc = deflate(&d.z, flush);
            if (rc == Z_STREAM_ERROR) return false;
            const std::size_t made = zbuf.size() - d.z.avail_out;
            band.deflated.insert(band.deflated.end(), zbuf.data(), zbuf.data() + made);
            if (flush == Z_FINISH ? rc == Z_STREAM_END : d.z.avail_out != 0) return true;
        }
    };

    std::vector<std::uint8_t> strip(rowBytes * std::size_t(stripRows));
    std::vector<std::uint8_t> cur(rowBytes), prev(rowBytes, 0);
    if (y > 0) {
        fill(y - 1, 1, strip.data());
        toPngOrder(strip.data(), prev.data(), rowBytes, e.bits);
    }
    const bool adaptive = e.filter == PngFilter::Adaptive;
    // One filtered line (type byte + row) per candidate filter; one unless adaptive.
    std::vector<std::vector<std::uint8_t>> lines(adaptive ? 5 : 1,
                                                 std::vector<std::uint8_t>(rowBytes + 1));
    static constexpr int kFilterType[6] = {0, 1, 2, 3, 4, -1};
    for (int top = y; top < y + rows; top += stripRows) {
        const int count = std::min(stripRows, y + rows - top);
        fill(top, count, strip.data());
        for (int r = 0; r < count; ++r) {
            toPngOrder(strip.data() + rowBytes * std::size_t(r), cur.data(), rowBytes, e.bits);
            std::size_t best = 0;
            if (adaptive) {
                std::uint64_t bestCost = UINT64_MAX;
                for (int t = 0; t < 5; ++t) {
                    lines[std::size_t(t)][0] = std::uint8_t(t);
                    pngFilterRow(t, cur.data(), prev.data(), lines[std::size_t(t)].data() + 1,
                                 rowBytes, bpp);
                    const std::uint64_t cost =
                        pngFilterCost(lines[std::size_t(t)].data() + 1, rowBytes);
                    if (cost < bestCost) bestCost = cost, best = std::size_t(t);
                }
            } else {
                const int t = kFilterType[int(e.filter)];
                lines[0][0] = std::uint8_t(t);
                pngFilterRow(t, cur.data(), prev.data(), lines[0].data() + 1, rowBytes, bpp);
            }
            const std::uint8_t* line = lines[best].data();
            band.adler = std::uint32_t(adler32_z(band.adler, line, rowBytes + 1));
            band.filteredBytes += rowBytes + 1;
            if (!pump(line, rowBytes + 1, Z_NO_FLUSH))
                return fail(ErrorCode::IoError, "cannot encode " + what + ": zlib failed");
            std::swap(cur, prev);
        }
    }
    // A band that does not end the image ends on a byte boundary (an empty stored block), so
    // the next band's blocks can follow it directly.
    const bool last = y + rows == height;
    if (!pump(nullptr, 0, last ? Z_FINISH : Z_SYNC_FLUSH))
        return fail(ErrorCode::IoError, "cannot encode " + what + ": zlib failed");
    return band;
}

Result<std::vector<std::uint8_t>> assemblePng(int width, int height, const PngEncoding& encoding,
                                              std::span<const PngBand> bands,
                                              const std::string& what)
{
    const PngEncoding& e = encoding;
    if (!validEncoding(width, height, e) || bands.empty())
        return fail(ErrorCode::InvalidArgument, "cannot encode " + what + ": bad PNG parameters");
    const std::uint64_t expected =
        (std::uint64_t(width) * bytesPerPixel(e) + 1) * std::uint64_t(height);
    std::uint64_t filtered = 0;
    std::size_t deflatedSize = 0;
    for (const PngBand& band : bands) {
        filtered += band.filteredBytes;
        deflatedSize += band.deflated.size();
    }
    if (filtered != expected)
        return fail(ErrorCode::InvalidArgument,
                    "cannot encode " + what + ": its bands do not cover the image");

    std::vector<std::uint8_t> out;
    out.reserve(deflatedSize + deflatedSize / (std::size_t(1) << 20) * 12 + 8192);
    static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    out.insert(out.end(), kSignature, kSignature + 8);
    static constexpr std::uint8_t kColorType[5] = {0, 0, 4, 2, 6};
    std::vector<std::uint8_t> ihdr;
    putBigEndian32(ihdr, std::uint32_t(width));
    putBigEndian32(ihdr, std::uint32_t(height));
    ihdr.insert(ihdr.end(), {std::uint8_t(e.bits), kColorType[e.channels], 0, 0, 0});
    putChunk(out, "IHDR", ihdr.data(), ihdr.size());
    // Colour is sRGB-encoded. 16-bit colour carries an ICC sRGB profile, which Krita needs
    // (ora_srgb_profile.h); 8-bit colour the sRGB chunk, which every reader takes as sRGB.
    // Data (thickness, wetness) carries no colour chunk at all.
    if (e.srgb && e.bits == 16) {
        std::vector<std::uint8_t> iccp = {'s', 'R', 'G', 'B', 0, 0};  // name, NUL, deflate
        uLongf size = compressBound(uLong(kSrgbIccProfile.size()));
        const std::size_t head = iccp.size();
        iccp.resize(head + size);
        if (compress2(iccp.data() + head, &size, kSrgbIccProfile.data(),
                      uLong(kSrgbIccProfile.size()), 9) != Z_OK)
            return fail(ErrorCode::IoError, "cannot encode " + what + ": zlib failed");
        iccp.resize(head + size);
        putChunk(out, "iCCP", iccp.data(), iccp.size());
    } else if (e.srgb) {
        const std::uint8_t perceptual = 0;
        putChunk(out, "sRGB", &perceptual, 1);
    }

    // The zlib stream: header, the bands' deflate blocks, the Adler-32 of all filtered bytes;
    // cut into IDAT chunks of up to 1 MiB (few chunk headers, little copying).
    std::vector<std::uint8_t> head;
    putZlibHeader(head, e);
    std::uint32_t adler = bands[0].adler;
    for (std::size_t i = 1; i < bands.size(); ++i)
        adler =
            std::uint32_t(adler32_combine(adler, bands[i].adler, z_off_t(bands[i].filteredBytes)));
    std::vector<std::uint8_t> tail;
    putBigEndian32(tail, adler);

    constexpr std::size_t kChunk = std::size_t(1) << 20;
    std::vector<std::uint8_t> chunk;
    chunk.reserve(kChunk);
    auto feed = [&](const std::uint8_t* data, std::size_t size) {
        while (size > 0) {
            const std::size_t n = std::min(size, kChunk - chunk.size());
            chunk.insert(chunk.end(), data, data + n);
            data += n;
            size -= n;
            if (chunk.size() == kChunk) {
                putChunk(out, "IDAT", chunk.data(), chunk.size());
                chunk.clear();
            }
        }
    };
    feed(head.data(), head.size());
    for (const PngBand& band : bands) feed(band.deflated.data(), band.deflated.size());
    feed(tail.data(), tail.size());
    if (!chunk.empty()) putChunk(out, "IDAT", chunk.data(), chunk.size());
    putChunk(out, "IEND", nullptr, 0);
    return out;
}

Result<std::vector<std::uint8_t>> encodePng(int width, int height, const PngEncoding& encoding,
                                            int stripRows, const PngRowSource& fill,
                                            const std::string& what)
{
    auto band =
        encodePngBand(width, height, 0, std::max(height, 1), encoding, stripRows, fill, what);
    if (!band) return tl::unexpected(band.error());
    return assemblePng(width, height, encoding, std::span<const PngBand>(&*band, 1), what);
}

}  // namespace signe::core::ora
