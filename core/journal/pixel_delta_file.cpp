// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/pixel_delta_file.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string_view>
#include <vector>

#include "core/io/durable_file.h"

namespace signe::core {

namespace {

// The samples and numbers are written as the machine holds them: a delta is read back only
// by the session that wrote it, or by the next one on the same machine.
static_assert(std::endian::native == std::endian::little);

constexpr std::string_view kMagic = "SGNDELT1";
constexpr std::size_t kTrailerBytes = 8 + 8 + 8 + 4;
/// zlib never packs more than about 1032 bytes into one: a bigger claim is damage, refused
/// before anything that size is allocated.
constexpr std::uint64_t kMaxRatio = 1032;

enum class Form : std::uint8_t { None = 0, Uniform = 1, Full = 2 };

std::string hex32(std::uint32_t v)
{
    char text[9];
    std::snprintf(text, sizeof text, "%08x", v);
    return text;
}

/// A zlib stream into a file, checksummed as it is written.
class DeflateWriter {
public:
    DeflateWriter(std::FILE* file) : m_file(file)
    {
        m_ok = deflateInit(&m_z, 1) == Z_OK;
        m_out.resize(std::size_t(1) << 18);
    }
    ~DeflateWriter() { deflateEnd(&m_z); }

    template <class T>
    void put(const T& value)
    {
        feed(&value, sizeof value);
    }
    void feed(const void* bytes, std::size_t size)
    {
        m_raw += size;
        m_z.next_in = static_cast<Bytef*>(const_cast<void*>(bytes));
        m_z.avail_in = uInt(size);
        run(Z_NO_FLUSH);
    }
    bool finish()
    {
        m_z.avail_in = 0;
        run(Z_FINISH);
        return m_ok;
    }
    std::uint64_t raw() const { return m_raw; }
    std::uint64_t packed() const { return m_packed; }
    std::uint32_t crc() const { return m_crc; }

private:
    void run(int flush)
    {
        while (m_ok) {
            m_z.next_out = m_out.data();
            m_z.avail_out = uInt(m_out.size());
            const int status = deflate(&m_z, flush);
            if (status == Z_STREAM_ERROR) m_ok = false;
            const std::size_t made = m_out.size() - m_z.avail_out;
            if (made && std::fwrite(m_out.data(), 1, made, m_file) != made) m_ok = false;
            m_crc = std::uint32_t(crc32(m_crc, m_out.data(), uInt(made)));
            m_packed += made;
            if (flush == Z_FINISH ? status == Z_STREAM_END : m_z.avail_out != 0) break;
        }
    }

    std::FILE* m_file;
    z_stream m_z{};
    std::vector<Bytef> m_out;
    bool m_ok = false;
    std::uint64_t m_raw = 0, m_packed = 0;
    std::uint32_t m_crc = std::uint32_t(crc32(0, nullptr, 0));
};

template <class T>
void putTiles(DeflateWriter& out, std::uint8_t channel,
              const std::vector<PixelDelta::Tile<T>>& tiles)
{
    for (const auto& t : tiles) {
        const Form form = !t.after ? Form::None : t.after->isUniform() ? Form::Uniform : Form::Full;
        out.put(channel);
        out.put(std::uint8_t(form));
        out.put(std::uint16_t(t.layer.size()));
        for (int index : t.layer) out.put(std::int32_t(index));
        out.put(t.coord.x);
        out.put(t.coord.y);
        if (form == Form::Uniform) out.put(t.after->uniformValue());
        if (form == Form::Full) out.feed(t.after->pixels(), kTilePixels * sizeof(T));
    }
}

/// Reads the decompressed payload, every read checked against its end.
class PayloadReader {
public:
    explicit PayloadReader(const std::vector<std::uint8_t>& bytes) : m_bytes(bytes) {}
    template <class T>
    bool get(T& value)
    {
        return take(&value, sizeof value);
    }
    bool take(void* into, std::size_t size)
    {
        if (m_bytes.size() - m_at < size) return false;
        std::memcpy(into, m_bytes.data() + m_at, size);
        m_at += size;
        return true;
    }
    bool atEnd() const { return m_at == m_bytes.size(); }

private:
    const std::vector<std::uint8_t>& m_bytes;
    std::size_t m_at = 0;
};

template <class T>
bool getTile(PayloadReader& in, Form form, std::vector<PixelDelta::Tile<T>>& into)
{
    PixelDelta::Tile<T> tile;
    std::uint16_t depth = 0;
    if (!in.get(depth)) return false;
    for (std::uint16_t i = 0; i < depth; ++i) {
        std::int32_t index = 0;
        if (!in.get(index) || index < 0) return false;
        tile.layer.push_back(index);
    }
    if (!in.get(tile.coord.x) || !in.get(tile.coord.y)) return false;
    if (form != Form::None) {
        T uniform{};
        if (form == Form::Uniform && !in.get(uniform)) return false;
        tile.after = std::make_shared<BasicTileData<T>>(uniform);
        if (form == Form::Full) {
            tile.after->expand();
            if (!in.take(tile.after->pixels(), kTilePixels * sizeof(T))) return false;
        }
    }
    into.push_back(std::move(tile));
    return true;
}

bool getEntry(PayloadReader& in, PixelDelta& delta)
{
    std::uint8_t channel = 0, form = 0;
    if (!in.get(channel) || !in.get(form) || form > std::uint8_t(Form::Full)) return false;
    switch (channel) {
        case 0:
            return getTile(in, Form(form), delta.colour);
        case 1:
            return getTile(in, Form(form), delta.thickness);
        case 2:
            return getTile(in, Form(form), delta.wetness);
        default:
            return false;
    }
}

}  // namespace

Result<PixelDeltaWritten> writePixelDelta(const PixelDelta& delta,
                                          const std::filesystem::path& file)
{
    const auto failed = [&](const std::string& why) {
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
        return fail(ErrorCode::IoError, "cannot write '" + file.string() + "': " + why);
    };
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(file.c_str(), "wb"),
                                                              &std::fclose);
    if (!out) return failed(std::strerror(errno));
    std::fwrite(kMagic.data(), 1, kMagic.size(), out.get());
    DeflateWriter z(out.get());
    putTiles(z, 0, delta.colour);
    putTiles(z, 1, delta.thickness);
    putTiles(z, 2, delta.wetness);
    if (!z.finish()) return failed("compressing failed");
    const std::uint64_t tiles = delta.tileCount(), raw = z.raw(), packed = z.packed();
    const std::uint32_t crc = z.crc();
    std::fwrite(&tiles, sizeof tiles, 1, out.get());
    std::fwrite(&raw, sizeof raw, 1, out.get());
    std::fwrite(&packed, sizeof packed, 1, out.get());
    // The durability the journal's record relies on: the bytes on the disk before it is
    // appended, and the file's name in its folder.
    if (std::fwrite(&crc, sizeof crc, 1, out.get()) != 1 || std::fflush(out.get()) != 0 ||
        ::fsync(fileno(out.get())) != 0)
        return failed(std::strerror(errno));
    flushFolderOf(file);
    return PixelDeltaWritten{hex32(crc), kMagic.size() + packed + kTrailerBytes};
}

Result<PixelDelta> readPixelDelta(const std::filesystem::path& file, const std::string& checksum)
{
    const auto bad = [&](const std::string& why) {
        return fail(ErrorCode::Corrupt, "pixel change '" + file.filename().string() + "' " + why);
    };
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) return bad("is missing");
    std::vector<std::uint8_t> bytes(std::size_t(in.tellg()));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size())))
        return bad("cannot be read");
    if (bytes.size() < kMagic.size() + kTrailerBytes ||
        std::string_view(reinterpret_cast<const char*>(bytes.data()), kMagic.size()) != kMagic)
        return bad("is not a pixel change file (cut off, or damaged)");
    std::uint64_t tiles = 0, raw = 0, packed = 0;
    std::uint32_t crc = 0;
    const std::uint8_t* trailer = bytes.data() + bytes.size() - kTrailerBytes;
    std::memcpy(&tiles, trailer, 8);
    std::memcpy(&raw, trailer + 8, 8);
    std::memcpy(&packed, trailer + 16, 8);
    std::memcpy(&crc, trailer + 24, 4);
    const std::uint8_t* payload = bytes.data() + kMagic.size();
    if (packed != bytes.size() - kMagic.size() - kTrailerBytes || raw > packed * kMaxRatio + 64)
        return bad("is cut off or damaged (its sizes do not match)");
    auto sum = std::uint32_t(crc32(0, nullptr, 0));
    for (std::uint64_t at = 0; at < packed;) {  // crc32 takes at most 4 GiB a call
        const std::uint64_t n = std::min<std::uint64_t>(packed - at, std::uint64_t(1) << 30);
        sum = std::uint32_t(crc32(sum, payload + at, uInt(n)));
        at += n;
    }
    if (sum != crc) return bad("is damaged (its checksum does not match)");
    if (hex32(crc) != checksum) return bad("is not the one its journal record names");
    std::vector<std::uint8_t> plain(raw);
    uLongf plainSize = uLongf(raw);
    if (uncompress(plain.data(), &plainSize, payload, uLong(packed)) != Z_OK || plainSize != raw)
        return bad("is damaged (it does not decompress)");
    PixelDelta delta;
    PayloadReader reader(plain);
    for (std::uint64_t i = 0; i < tiles; ++i)
        if (!getEntry(reader, delta)) return bad("is damaged (tile " + std::to_string(i) + ")");
    if (!reader.atEnd()) return bad("is damaged (bytes after its last tile)");
    return delta;
}

}  // namespace signe::core
