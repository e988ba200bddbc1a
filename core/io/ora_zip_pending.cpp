// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ora_zip_pending.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <utility>

namespace signe::core::ora {

void PendingEntry::supply(Result<std::vector<std::uint8_t>> bytes)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_ready) return;
        if (bytes) {
            m_bytes = std::move(*bytes);
            m_size = m_bytes.size();
        } else {
            m_error = bytes.error();
        }
        m_ready = true;
    }
    m_supplied.notify_all();
}

std::optional<Error> PendingEntry::error() const
{
    const std::lock_guard lock(m_mutex);
    return m_error;
}

bool PendingEntry::waitForBytes()
{
    std::unique_lock lock(m_mutex);
    m_supplied.wait(lock, [&] { return m_ready; });
    return !m_error;
}

/// libzip's callback for a pending entry: a read-only, stored source of known size once its
/// bytes are there. `userdata` owns a shared_ptr to the entry, released on ZIP_SOURCE_FREE.
struct PendingSource {
    std::shared_ptr<PendingEntry> entry;
    zip_error_t error;

    static zip_int64_t call(void* userdata, void* data, zip_uint64_t length, zip_source_cmd_t cmd)
    {
        auto* self = static_cast<PendingSource*>(userdata);
        PendingEntry& e = *self->entry;
        switch (cmd) {
            case ZIP_SOURCE_SUPPORTS:
                return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                                      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
            case ZIP_SOURCE_STAT: {
                if (!e.waitForBytes()) return self->fail(ZIP_ER_INTERNAL);
                if (length < sizeof(zip_stat_t)) return self->fail(ZIP_ER_INVAL);
                auto* st = static_cast<zip_stat_t*>(data);
                zip_stat_init(st);
                st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
                            ZIP_STAT_ENCRYPTION_METHOD | ZIP_STAT_MTIME;
                st->size = e.m_size;
                st->comp_size = e.m_size;
                st->comp_method = ZIP_CM_STORE;
                st->encryption_method = ZIP_EM_NONE;
                st->mtime = std::time(nullptr);
                return sizeof(zip_stat_t);
            }
            case ZIP_SOURCE_OPEN:
                if (!e.waitForBytes()) return self->fail(ZIP_ER_INTERNAL);
                // Read once: the bytes are gone after the first full read (see CLOSE).
                if (e.m_bytes.size() != e.m_size) return self->fail(ZIP_ER_INTERNAL);
                e.m_offset = 0;
                return 0;
            case ZIP_SOURCE_READ: {
                const std::uint64_t n = std::min<std::uint64_t>(length, e.m_size - e.m_offset);
                if (n > 0) std::memcpy(data, e.m_bytes.data() + e.m_offset, n);
                e.m_offset += n;
                return zip_int64_t(n);
            }
            case ZIP_SOURCE_CLOSE:
                // Written: a save need not hold the whole file in memory.
                if (e.m_offset == e.m_size) std::vector<std::uint8_t>().swap(e.m_bytes);
                return 0;
            case ZIP_SOURCE_ERROR:
                return zip_error_to_data(&self->error, data, length);
            case ZIP_SOURCE_FREE:
                zip_error_fini(&self->error);
                delete self;
                return 0;
            default:
                return self->fail(ZIP_ER_OPNOTSUPP);
        }
    }

    zip_int64_t fail(int code)
    {
        zip_error_set(&error, code, 0);
        return -1;
    }
};

zip_source* PendingEntry::makeSource(zip* archive, std::shared_ptr<PendingEntry> entry)
{
    auto* state = new PendingSource{std::move(entry), {}};
    zip_error_init(&state->error);
    zip_source* source = zip_source_function(archive, &PendingSource::call, state);
    if (!source) {
        zip_error_fini(&state->error);
        delete state;
    }
    return source;
}

}  // namespace signe::core::ora
