// SPDX-License-Identifier: GPL-3.0-or-later
// recover: rebuild a document from its stroke journal, without the app.
#include <iostream>
#include <string>
#include <thread>

#include "app/cli/cli_options.h"
#include "app/cli/commands.h"
#include "app/cli/document_files.h"
#include "app/cli/journal_replay.h"

namespace signe::cli {

namespace {

constexpr const char* kUsage = R"(usage: signe-cli recover JOURNAL --out FILE [options]

Rebuilds the document a stroke journal (.signe-journal, docs/journal.md) recorded: the
snapshot beside it, then every finished operation and stroke replayed in order, exactly as
they were painted. Writes it to FILE: .ora for the layered document, or an image file
(.png .jpg .tif .exr .webp) for the flattened picture.

  --out FILE      where to write
  --threads N     threads to paint and save with (default: every core); the pixels are the
                  same for any count
  --tips DIR      folder of the bitmap brush tips the strokes name (default: the tips
                  shipped with Signe)

A journal whose end was cut off (the program stopped while writing it) recovers every
operation before the damage, with a warning. Warnings go to stderr. Exit code 0 on success,
1 when the journal cannot be recovered or FILE cannot be written, 2 for usage errors.
)";

}  // namespace

int runRecover(const std::vector<std::string>& args)
{
    auto opts = parseOptions(args, {"out", "threads", "tips"}, {"help"});
    if (!opts) {
        std::cerr << "signe-cli recover: " << opts.error().message << "\n" << kUsage;
        return 2;
    }
    if (opts->flag("help")) {
        std::cout << kUsage;
        return 0;
    }
    if (opts->positional.size() != 1 || !opts->has("out")) {
        std::cerr << "signe-cli recover: expected one JOURNAL and --out FILE\n" << kUsage;
        return 2;
    }
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));
    if (auto text = opts->value("threads")) {
        threads = std::atoi(text->c_str());
        if (threads < 1 || threads > 64) {
            std::cerr << "signe-cli recover: --threads: '" << *text << "' must be 1..64\n";
            return 2;
        }
    }
    const std::filesystem::path out = *opts->value("out");
    if (auto kind = outputKindFor(out); !kind) {
        std::cerr << "signe-cli recover: " << kind.error().message << "\n";
        return 2;
    }
    const std::filesystem::path tips =
        opts->has("tips") ? std::filesystem::path(*opts->value("tips")) : shippedTipsFolder();
    auto recovered =
        core::recoverJournal(opts->positional[0], strokeReplayer(tips, threads), threads);
    if (!recovered) {
        std::cerr << "signe-cli recover: " << recovered.error().message << "\n";
        return 1;
    }
    for (const std::string& w : recovered->warnings)
        std::cerr << "signe-cli recover: warning: " << w << "\n";
    core::ExportOptions save;
    save.threads = threads;
    if (auto written = saveDocumentFile(*recovered->document, out, save); !written) {
        std::cerr << "signe-cli recover: " << written.error().message << "\n";
        return 1;
    }
    std::cout << "recovered " << recovered->operations << " operations (" << recovered->strokes
              << " strokes) from " << opts->positional[0] << "; wrote " << out.string() << "\n";
    return 0;
}

}  // namespace signe::cli
