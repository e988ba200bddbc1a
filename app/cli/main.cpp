// SPDX-License-Identifier: GPL-3.0-or-later
// signe-cli: the headless side of Signe, over the same core and brushes as the app.
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: signe-cli COMMAND [ARGS]

Commands:
  new      create a blank canvas and write it to an image file
  info     describe an OpenRaster document, an image file or a stroke journal
  convert  read a document or image, write it as .ora or as an image file
  flatten  write the flattened picture of a document to an image file
  render   paint strokes from an events file with a preset, write an image or .ora
  recover  rebuild a document from its stroke journal
  bench    time painting strokes, print JSON figures
  mix      mix two colours like paint, print the result
Run 'signe-cli COMMAND --help' for a command's options.

  --version   print the version
  --help      print this text
)";

}  // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string command = args.front();
    args.erase(args.begin());
    if (command == "--version" || command == "version") {
        std::cout << "signe-cli " << SIGNE_VERSION << "\n";
        return 0;
    }
    if (command == "--help" || command == "help" || command == "-h") {
        std::cout << kUsage;
        return 0;
    }
    if (command == "new") return signe::cli::runNew(args);
    if (command == "info") return signe::cli::runInfo(args);
    if (command == "convert") return signe::cli::runConvert(args);
    if (command == "flatten") return signe::cli::runFlatten(args);
    if (command == "render") return signe::cli::runRender(args);
    if (command == "recover") return signe::cli::runRecover(args);
    if (command == "bench") return signe::cli::runBench(args);
    if (command == "mix") return signe::cli::runMix(args);
    std::cerr << "signe-cli: unknown command '" << command << "'\n" << kUsage;
    return 2;
}
