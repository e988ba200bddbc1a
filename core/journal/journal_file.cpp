// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/journal_file.h"

#include "core/io/durable_file.h"

#include <unistd.h>

#include <cinttypes>
#include <cstring>
#include <fstream>
#include <system_error>

namespace signe::core {

namespace {

constexpr std::string_view kHeader = "SIGNE-JOURNAL 1";
constexpr std::size_t kChecksumDigits = 16;

std::uint64_t fnv1a(std::string_view text)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

std::string framed(std::string_view record)
{
    char sum[kChecksumDigits + 1];
    std::snprintf(sum, sizeof sum, "%016" PRIx64, fnv1a(record));
    std::string line(sum, kChecksumDigits);
    line += ' ';
    line += record;
    line += '\n';
    return line;
}

Result<void> writeAndSync(std::FILE* file, std::string_view bytes,
                          const std::filesystem::path& path)
{
    if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size() ||
        std::fflush(file) != 0 || ::fsync(fileno(file)) != 0)
        return fail(ErrorCode::IoError,
                    "cannot write journal '" + path.string() + "': " + std::strerror(errno));
    return {};
}

Result<void> checkRecord(std::string_view record)
{
    if (record.find('\n') != std::string_view::npos)
        return fail(ErrorCode::InvalidArgument, "a journal record cannot hold a newline");
    if (record.size() > kMaxRecordBytes)
        return fail(ErrorCode::InvalidArgument,
                    "journal record of " + std::to_string(record.size()) + " bytes is too long");
    return {};
}

}  // namespace

Result<JournalFile> JournalFile::create(const std::filesystem::path& path)
{
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        return fail(ErrorCode::IoError,
                    "cannot create journal '" + path.string() + "': " + std::strerror(errno));
    JournalFile journal(file, path);
    if (auto ok = writeAndSync(file, std::string(kHeader) + "\n", path); !ok)
        return tl::unexpected(ok.error());
    flushFolderOf(path);
    return journal;
}

Result<JournalFile> JournalFile::openForAppend(const std::filesystem::path& path)
{
    {
        std::ifstream in(path, std::ios::binary);
        std::string header;
        if (!in || !std::getline(in, header) || header != kHeader)
            return fail(ErrorCode::Corrupt, "'" + path.string() + "' is not a Signe journal");
    }
    std::FILE* file = std::fopen(path.c_str(), "ab");
    if (!file)
        return fail(ErrorCode::IoError,
                    "cannot open journal '" + path.string() + "': " + std::strerror(errno));
    return JournalFile(file, path);
}

JournalFile::JournalFile(JournalFile&& other) noexcept
    : m_file(std::exchange(other.m_file, nullptr)), m_path(std::move(other.m_path))
{
}

JournalFile& JournalFile::operator=(JournalFile&& other) noexcept
{
    if (this != &other) {
        if (m_file) std::fclose(m_file);
        m_file = std::exchange(other.m_file, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

JournalFile::~JournalFile()
{
    if (m_file) std::fclose(m_file);
}

Result<void> JournalFile::append(std::string_view record)
{
    if (auto ok = checkRecord(record); !ok) return ok;
    return writeAndSync(m_file, framed(record), m_path);
}

Result<void> JournalFile::append(const std::vector<std::string>& records)
{
    std::string lines;
    for (const std::string& record : records) {
        if (auto ok = checkRecord(record); !ok) return ok;
        lines += framed(record);
    }
    return writeAndSync(m_file, lines, m_path);
}

Result<JournalContents> readJournalFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::NotFound, "cannot open journal '" + path.string() + "'");
    std::string line;
    if (!std::getline(in, line) || line != kHeader)
        return fail(ErrorCode::Corrupt, "'" + path.string() + "' is not a Signe journal (no '" +
                                            std::string(kHeader) + "' header)");
    JournalContents contents;
    for (int number = 2;; ++number) {
        line.clear();
        // Read by hand so that a huge line is found out, not held in memory.
        char c = 0;
        bool ended = false, tooLong = false;
        while (in.get(c)) {
            if (c == '\n') {
                ended = true;
                break;
            }
            if (line.size() > kMaxRecordBytes + kChecksumDigits + 1) {
                tooLong = true;
                break;
            }
            line += c;
        }
        if (!ended && line.empty() && !tooLong) break;  // the end of the file
        const auto damaged = [&](const std::string& why) {
            contents.damage = "journal '" + path.string() + "' line " + std::to_string(number) +
                              " " + why + "; the " + std::to_string(contents.records.size()) +
                              " operations before it are kept";
        };
        if (tooLong) {
            damaged("is longer than any record");
            break;
        }
        if (!ended) {
            damaged("is unfinished (the program stopped while writing it)");
            break;
        }
        const std::string_view text(line);
        if (text.size() < kChecksumDigits + 1 || text[kChecksumDigits] != ' ' ||
            framed(text.substr(kChecksumDigits + 1)) != line + "\n") {
            damaged("is damaged (its checksum does not match)");
            break;
        }
        contents.records.emplace_back(text.substr(kChecksumDigits + 1));
    }
    return contents;
}

Result<void> replaceJournalFile(const std::filesystem::path& path,
                                const std::vector<std::string>& records)
{
    std::filesystem::path partial = path;
    partial += ".partial";
    {
        auto file = JournalFile::create(partial);
        if (!file) return tl::unexpected(file.error());
        if (auto ok = file->append(records); !ok) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            return ok;
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot replace journal '" + path.string() + "'");
    }
    flushFolderOf(path);
    return {};
}

}  // namespace signe::core
