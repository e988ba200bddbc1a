// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

namespace signe::core {

Result<void> flushToDisk(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::IoError, "cannot reopen '" + path.string() + "' to flush it");
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return fail(ErrorCode::IoError, "cannot flush '" + path.string() + "' to disk");
    return {};
}

void flushFolderOf(const std::filesystem::path& path)
{
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace signe::core
