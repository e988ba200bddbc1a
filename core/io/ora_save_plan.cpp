// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ora_save_plan.h"

#include <algorithm>
#include <utility>

namespace signe::core::ora {

SavePlan planSave(std::span<const PngJobSize> jobs, int threads, int bandRows)
{
    SavePlan plan;
    plan.bands.assign(jobs.size(), 0);
    bandRows = std::max(1, bandRows);
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        const PngJobSize& job = jobs[j];
        const int rows = std::max(1, job.rows);
        // A short remainder joins the band before it rather than making a tiny band of its own.
        int count = job.splittable ? std::max(1, rows / bandRows) : 1;
        plan.bands[j] = count;
        for (int b = 0; b < count; ++b) {
            const int y = b * (rows / count);
            const int end = b + 1 == count ? rows : (b + 1) * (rows / count);
            const std::uint64_t work = job.work * std::uint64_t(end - y) / std::uint64_t(rows);
            plan.tasks.push_back({j, b, y, end - y, work});
        }
    }
    std::stable_sort(plan.tasks.begin(), plan.tasks.end(),
                     [](const EncodeTask& a, const EncodeTask& b) { return a.work > b.work; });

    std::vector<std::uint64_t> busyUntil(std::size_t(std::max(1, threads)), 0);
    std::vector<std::uint64_t> done(jobs.size(), 0);
    for (const EncodeTask& task : plan.tasks) {
        auto worker = std::min_element(busyUntil.begin(), busyUntil.end());
        *worker += task.work;
        done[task.job] = std::max(done[task.job], *worker);
    }
    plan.archiveOrder.resize(jobs.size());
    for (std::size_t j = 0; j < jobs.size(); ++j) plan.archiveOrder[j] = j;
    std::stable_sort(plan.archiveOrder.begin(), plan.archiveOrder.end(),
                     [&](std::size_t a, std::size_t b) { return done[a] < done[b]; });
    return plan;
}

}  // namespace signe::core::ora
