// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ora_zip.h"

#include "core/io/ora_zip_pending.h"

#include <zip.h>

#include <algorithm>
#include <utility>

namespace signe::core::ora {

namespace {

std::string bytesText(std::uint64_t bytes)
{
    if (bytes >= (std::uint64_t(1) << 20))
        return std::to_string((bytes + (1 << 19)) >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

std::string zipErrorText(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

// Entries are closed on every path out of read().
struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

Result<void> checkEntryName(std::string_view name)
{
    const std::string quoted = "'" + std::string(name.substr(0, 200)) + "'";
    if (name.empty()) return fail(ErrorCode::Corrupt, "empty file name in the archive");
    if (name.size() > 1024)
        return fail(ErrorCode::Corrupt, "file name " + quoted + "... is too long");
    if (name.front() == '/')
        return fail(ErrorCode::Corrupt, "file name " + quoted + " is an absolute path");
    for (char c : name) {
        if (c == '\\')
            return fail(ErrorCode::Corrupt, "file name " + quoted + " contains a backslash");
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(ErrorCode::Corrupt,
                        "file name " + quoted + " contains a control character");
    }
    if (name.size() >= 2 && name[1] == ':')
        return fail(ErrorCode::Corrupt, "file name " + quoted + " starts with a drive letter");
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        const std::string_view part = name.substr(start, end - start);
        if (part.empty() || part == "." || part == "..")
            return fail(ErrorCode::Corrupt, "file name " + quoted +
                                                " is not a plain relative path (it has an empty, "
                                                "'.' or '..' component)");
        start = end + 1;
    }
    return {};
}

// --- ZipReader --------------------------------------------------------------------------------

ZipReader::ZipReader(zip* archive, std::string displayName)
    : m_zip(archive), m_displayName(std::move(displayName))
{
}

ZipReader::ZipReader(ZipReader&& o) noexcept
    : m_zip(std::exchange(o.m_zip, nullptr)), m_displayName(std::move(o.m_displayName))
{
}

ZipReader& ZipReader::operator=(ZipReader&& o) noexcept
{
    if (this != &o) {
        if (m_zip) zip_discard(m_zip);
        m_zip = std::exchange(o.m_zip, nullptr);
        m_displayName = std::move(o.m_displayName);
    }
    return *this;
}

ZipReader::~ZipReader()
{
    if (m_zip) zip_discard(m_zip);
}

Result<ZipReader> ZipReader::open(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail(ErrorCode::NotFound, "no such file '" + path.string() + "'");
    int code = 0;
    // ZIP_CHECKCONS compares the central directory with the local headers, which catches
    // truncated and spliced archives up front.
    zip* archive = zip_open(path.string().c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive) {
        const std::string why = code == ZIP_ER_NOZIP ? "it is not a zip archive, or it is truncated"
                                : code == ZIP_ER_INCONS
                                    ? "the zip archive is inconsistent (truncated or damaged)"
                                    : zipErrorText(code);
        return fail(ErrorCode::Corrupt, "cannot open '" + path.string() + "': " + why);
    }
    return ZipReader(archive, path.filename().string());
}

bool ZipReader::contains(std::string_view name) const
{
    return zip_name_locate(m_zip, std::string(name).c_str(), ZIP_FL_ENC_GUESS) >= 0;
}

std::string ZipReader::firstEntryName() const
{
    if (zip_get_num_entries(m_zip, 0) < 1) return {};
    const char* name = zip_get_name(m_zip, 0, ZIP_FL_ENC_GUESS);
    return name ? name : "";
}

bool ZipReader::isStored(std::string_view name) const
{
    const zip_int64_t index = zip_name_locate(m_zip, std::string(name).c_str(), ZIP_FL_ENC_GUESS);
    zip_stat_t st;
    zip_stat_init(&st);
    if (index < 0 || zip_stat_index(m_zip, zip_uint64_t(index), 0, &st) != 0) return false;
    return (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
}

Result<std::vector<std::uint8_t>> ZipReader::readHead(std::string_view name,
                                                      std::size_t count) const
{
    const std::string entry(name);
    const zip_int64_t index = zip_name_locate(m_zip, entry.c_str(), ZIP_FL_ENC_GUESS);
    if (index < 0) return fail(ErrorCode::Corrupt, m_displayName + " has no file '" + entry + "'");
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(m_zip, zip_uint64_t(index), 0));
    if (!file)
        return fail(ErrorCode::Corrupt,
                    "cannot read '" + entry + "' in " + m_displayName + ": " + zip_strerror(m_zip));
    std::vector<std::uint8_t> out(count);
    std::size_t have = 0;
    while (have < count) {
        const zip_int64_t got = zip_fread(file.get(), out.data() + have, count - have);
        if (got < 0)
            return fail(ErrorCode::Corrupt, "cannot read '" + entry + "' in " + m_displayName +
                                                ": " + zip_file_strerror(file.get()));
        if (got == 0) break;
        have += std::size_t(got);
    }
    out.resize(have);
    return out;
}

Result<std::vector<std::uint8_t>> ZipReader::read(std::string_view name, std::uint64_t maxBytes,
                                                  const HeadCheck& limitFromHead) const
{
    const std::string entry(name);
    const zip_int64_t index = zip_name_locate(m_zip, entry.c_str(), ZIP_FL_ENC_GUESS);
    if (index < 0) return fail(ErrorCode::Corrupt, m_displayName + " has no file '" + entry + "'");
    zip_stat_t st;
    zip_stat_init(&st);
    // The header's size is only a claim; a small one proves nothing, a huge one is refused now.
    if (zip_stat_index(m_zip, zip_uint64_t(index), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > maxBytes)
        return fail(ErrorCode::Corrupt, "'" + entry + "' in " + m_displayName + " claims " +
                                            bytesText(st.size) + ", more than the " +
                                            bytesText(maxBytes) + " it may hold");
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(m_zip, zip_uint64_t(index), 0));
    if (!file)
        return fail(ErrorCode::Corrupt,
                    "cannot read '" + entry + "' in " + m_displayName + ": " + zip_strerror(m_zip));
    std::vector<std::uint8_t> out;
    std::uint64_t limit = maxBytes;
    bool headChecked = !limitFromHead;
    constexpr std::size_t kHead = 64;
    constexpr std::size_t kChunk = 256 * 1024;
    for (;;) {
        // Before the head check, read only as far as the head.
        const std::size_t want = headChecked ? kChunk : kHead - out.size();
        const std::size_t old = out.size();
        out.resize(old + want);
        const zip_int64_t got = zip_fread(file.get(), out.data() + old, want);
        if (got < 0)
            return fail(ErrorCode::Corrupt, "cannot read '" + entry + "' in " + m_displayName +
                                                ": " + zip_file_strerror(file.get()) +
                                                " (the archive is damaged)");
        out.resize(old + std::size_t(got));
        const bool atEnd = got == 0;
        if (!headChecked && (out.size() >= kHead || atEnd)) {
            auto checked = limitFromHead(out);
            if (!checked) return tl::unexpected(checked.error());
            limit = std::min(limit, *checked);
            headChecked = true;
        }
        // Counted as it inflates: a zip bomb stops here, however small its header says it is.
        if (out.size() > limit)
            return fail(ErrorCode::Corrupt, "'" + entry + "' in " + m_displayName +
                                                " inflates past " + bytesText(limit) +
                                                ", more than its content can need (a zip bomb?)");
        if (atEnd) break;
    }
    return out;
}

// --- ZipWriter --------------------------------------------------------------------------------

ZipWriter::ZipWriter(zip* archive, std::string displayName)
    : m_zip(archive), m_displayName(std::move(displayName))
{
}

ZipWriter::ZipWriter(ZipWriter&& o) noexcept
    : m_zip(std::exchange(o.m_zip, nullptr)),
      m_displayName(std::move(o.m_displayName)),
      m_data(std::move(o.m_data)),
      m_pending(std::move(o.m_pending))
{
}

ZipWriter& ZipWriter::operator=(ZipWriter&& o) noexcept
{
    if (this != &o) {
        if (m_zip) zip_discard(m_zip);
        m_zip = std::exchange(o.m_zip, nullptr);
        m_displayName = std::move(o.m_displayName);
        m_data = std::move(o.m_data);
        m_pending = std::move(o.m_pending);
    }
    return *this;
}

ZipWriter::~ZipWriter()
{
    if (m_zip) zip_discard(m_zip);
}

Result<ZipWriter> ZipWriter::create(const std::filesystem::path& path)
{
    int code = 0;
    zip* archive = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive)
        return fail(ErrorCode::IoError,
                    "cannot create '" + path.string() + "': " + zipErrorText(code));
    return ZipWriter(archive, path.string());
}

Result<void> ZipWriter::addSource(const std::string& name, zip_source* source, bool compress)
{
    const auto failure = [&] {
        return fail(ErrorCode::IoError,
                    "cannot add '" + name + "' to '" + m_displayName + "': " + zip_strerror(m_zip));
    };
    if (!source) return failure();
    const zip_int64_t index = zip_file_add(m_zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        zip_source_free(source);
        return failure();
    }
    if (zip_set_file_compression(m_zip, zip_uint64_t(index),
                                 compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0)
        return failure();
    return {};
}

Result<void> ZipWriter::add(const std::string& name, std::vector<std::uint8_t> data, bool compress)
{
    m_data.push_back(std::move(data));
    const auto& bytes = m_data.back();
    return addSource(name, zip_source_buffer(m_zip, bytes.data(), bytes.size(), 0), compress);
}

Result<std::size_t> ZipWriter::addPending(const std::string& name)
{
    auto entry = std::make_shared<PendingEntry>();
    if (auto ok = addSource(name, PendingEntry::makeSource(m_zip, entry), false); !ok)
        return tl::unexpected(ok.error());
    m_pending.push_back(std::move(entry));
    return m_pending.size() - 1;
}

void ZipWriter::supply(std::size_t pending, Result<std::vector<std::uint8_t>> bytes)
{
    m_pending.at(pending)->supply(std::move(bytes));
}

Result<void> ZipWriter::close()
{
    if (zip_close(m_zip) != 0) {
        std::string why = zip_strerror(m_zip);
        zip_discard(m_zip);
        m_zip = nullptr;
        // An entry that failed to be made says why better than libzip can.
        for (const auto& entry : m_pending) {
            if (auto error = entry->error()) return tl::unexpected(*error);
        }
        return fail(ErrorCode::IoError, "cannot write '" + m_displayName + "': " + why);
    }
    m_zip = nullptr;
    m_data.clear();
    return {};
}

}  // namespace signe::core::ora
