// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/render_job.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iostream>

#include "brushes/events_csv.h"

namespace signe::cli {

using core::ErrorCode;
using core::fail;

namespace {

core::Result<double> number(const CliOptions& o, const std::string& name, double lo, double hi)
{
    const std::string text = *o.value(name);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
        return fail(ErrorCode::InvalidArgument, "--" + name + ": '" + text + "' is not a number");
    if (v < lo || v > hi)
        return fail(ErrorCode::InvalidArgument, "--" + name + ": " + text + " is out of range " +
                                                    std::to_string(lo) + ".." +
                                                    std::to_string(hi));
    return v;
}

}  // namespace

std::vector<std::string> renderOptionNames()
{
    return {"preset",  "events", "size",     "color",   "background", "over", "seed",
            "threads", "radius", "hardness", "spacing", "opacity",    "out",  "drying"};
}

core::Result<RenderJob> loadRenderJob(const CliOptions& o, bool needsOut)
{
    for (const char* required : {"preset", "events", "size"})
        if (!o.has(required))
            return fail(ErrorCode::InvalidArgument, std::string("--") + required + " is required");
    if (needsOut && !o.has("out")) return fail(ErrorCode::InvalidArgument, "--out is required");

    RenderJob job;
    if (auto over = o.value("over")) {
        auto image = core::readPixelImage(*over);
        if (!image) return fail(image.error().code, "--over: " + image.error().message);
        job.over = std::move(*image);
    }
    if (auto drying = o.value("drying")) {
        auto parsed = core::parseDrying(*drying);
        if (!parsed || parsed->mode == core::DryingMode::Inherit)
            return fail(ErrorCode::InvalidArgument,
                        "--drying: " + (parsed ? "'inherit' is for layers; the canvas needs never, "
                                                 "strokes:N or seconds:S"
                                               : parsed.error().message));
        job.drying = *parsed;
    }
    auto preset = brushes::loadPreset(*o.value("preset"));
    if (!preset) return tl::unexpected(preset.error());
    job.preset = std::move(*preset);
    if (!job.preset.tip.empty()) {
        auto tip = brushes::loadBrushTip(brushes::tipPathFor(*o.value("preset"), job.preset.tip));
        if (!tip) return tl::unexpected(tip.error());
        job.tip = std::make_shared<const brushes::BrushTip>(std::move(*tip));
        job.stroke.tip = job.tip.get();
    }

    using brushes::BrushSetting;
    const std::pair<const char*, BrushSetting> overrides[] = {
        {"radius", BrushSetting::Radius},
        {"hardness", BrushSetting::Hardness},
        {"spacing", BrushSetting::Spacing},
        {"opacity", BrushSetting::Opacity}};
    job.warnings = job.preset.warnings;
    for (const auto& [name, setting] : overrides) {
        if (!o.has(name)) continue;
        // Like a preset's values, an override beyond its range is clamped, with a warning.
        auto v = number(o, name, -1e300, 1e300);
        if (!v) return tl::unexpected(v.error());
        const brushes::SettingRange r = brushes::baseRange(setting);
        const double clamped = std::clamp(*v, double(r.min), double(r.max));
        if (clamped != *v)
            job.warnings.push_back("--" + std::string(name) + " " + *o.value(name) +
                                   " is out of range, clamped to " + std::to_string(clamped));
        job.preset.settings[setting] = float(clamped);
    }

    auto size = parseSize(*o.value("size"));
    if (!size) return tl::unexpected(size.error());
    if (auto ok = core::Document::validateSize(size->width, size->height); !ok)
        return tl::unexpected(ok.error());
    job.width = size->width;
    job.height = size->height;

    for (const char* name : {"color", "background"}) {
        if (!o.has(name)) continue;
        auto c = core::parseColor(*o.value(name));
        if (!c) return fail(ErrorCode::InvalidArgument, std::string("--") + name + ": " + c.error().message);
        (std::string(name) == "color" ? job.stroke.color : job.background) = *c;
    }
    if (o.has("seed")) {
        auto v = number(o, "seed", 0, 9007199254740992.0);
        if (!v) return tl::unexpected(v.error());
        job.stroke.seed = std::uint64_t(*v);
    }
    if (o.has("threads")) {
        auto v = number(o, "threads", 1, 64);
        if (!v) return tl::unexpected(v.error());
        job.stroke.threads = int(*v);
    }

    auto strokes = brushes::readEventsCsvFile(*o.value("events"));
    if (!strokes) return tl::unexpected(strokes.error());  // the message names the file
    job.strokes = std::move(*strokes);
    if (o.has("out")) job.out = *o.value("out");
    return job;
}

std::optional<RenderCommand> readRenderCommand(const std::vector<std::string>& args,
                                               const std::string& command, const char* usage,
                                               const std::vector<std::string>& extra,
                                               bool needsOut, int& exitCode)
{
    const std::string prefix = "signe-cli " + command + ": ";
    auto names = renderOptionNames();
    names.insert(names.end(), extra.begin(), extra.end());
    auto opts = parseOptions(args, names, {"help"});
    if (!opts) {
        std::cerr << prefix << opts.error().message << "\n" << usage;
        exitCode = 2;
        return std::nullopt;
    }
    if (opts->flag("help")) {
        std::cout << usage;
        exitCode = 0;
        return std::nullopt;
    }
    auto job = loadRenderJob(*opts, needsOut);
    if (!job) {
        std::cerr << prefix << job.error().message << "\n";
        exitCode = job.error().code == ErrorCode::InvalidArgument ? 2 : 1;
        return std::nullopt;
    }
    for (const std::string& warning : job->warnings)
        std::cerr << prefix << "warning: " << warning << "\n";
    return RenderCommand{std::move(*opts), std::move(*job)};
}

core::Result<PaintedCanvas> paintJob(const RenderJob& job)
{
    auto doc = core::Document::create(job.width, job.height, job.background);
    if (!doc) return tl::unexpected(doc.error());
    PaintedCanvas out;
    out.doc = std::move(*doc);
    const core::LayerId layer = out.doc->root().children().front()->id();
    if (auto set = out.doc->setDrying(job.drying); !set) return tl::unexpected(set.error());
    if (!job.over.pixels.empty()) {
        // Part of the picture, not of the painting: written before the clock starts. Whatever
        // lies beyond the canvas is cut off.
        core::Transaction tx(*out.doc, "Image");
        auto target = tx.target(layer);
        if (!target) return tl::unexpected(target.error());
        const int w = int(std::min<std::int64_t>(job.over.width, job.width));
        const int h = int(std::min<std::int64_t>(job.over.height, job.height));
        target->writeRect({0, 0, w, h}, job.over.pixels.data(), job.over.width);
        tx.commit();
    }
    std::unique_ptr<core::Journal> journal;
    if (!job.journal.empty()) {
        // Started after the image, so its snapshot holds it: the journal holds the strokes.
        auto started = core::Journal::start(*out.doc, job.journal);
        if (!started) return tl::unexpected(started.error());
        journal = std::move(*started);
    }
    const auto start = std::chrono::steady_clock::now();
    auto stats =
        brushes::paintStrokes(*out.doc, layer, job.preset, job.strokes, job.stroke, journal.get());
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (journal) {
        // A periodic snapshot still being written may yet fail: its outcome is part of ours.
        journal->waitForSnapshot();
        if (!journal->error().empty())
            return core::fail(core::ErrorCode::IoError, journal->error());
    }
    if (!stats) return tl::unexpected(stats.error());
    out.stats = *stats;
    return out;
}

}  // namespace signe::cli
