// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace signe::core::ora {

/// What the planner needs to know of one PNG a save encodes.
struct PngJobSize {
    int rows = 0;            ///< image height
    std::uint64_t work = 0;  ///< an estimate of its cost (pixels, weighted)
    bool splittable = true;  ///< whether it may be cut into bands of rows
};

/// One unit of encoding work: rows [y, y + rows) of PNG `job`, band `band` of its bands.
struct EncodeTask {
    std::size_t job = 0;
    int band = 0;
    int y = 0;
    int rows = 0;
    std::uint64_t work = 0;
};

/// How a save spreads its PNGs over the threads (docs/openraster.md, "Costs").
struct SavePlan {
    std::vector<EncodeTask> tasks;          ///< in the order the workers take them
    std::vector<int> bands;                 ///< per job: how many tasks it was cut into
    std::vector<std::size_t> archiveOrder;  ///< jobs, in the order they are expected to finish
};

/// Cuts every splittable PNG into bands of `bandRows` rows (the last band takes the rest),
/// orders the tasks largest first (a large task started last leaves the other threads idle
/// at the end), and estimates by simulating `threads` workers which PNG will be done when:
/// the archive is written entry by entry while they are encoded, so an entry placed ahead of
/// its turn would hold back every finished one behind it.
SavePlan planSave(std::span<const PngJobSize> jobs, int threads, int bandRows);

}  // namespace signe::core::ora
