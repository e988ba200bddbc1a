// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace signe::cli {

/// Each command takes the words after its name and returns the process exit code:
/// 0 success, 1 failure (message on stderr), 2 a usage error.
int runNew(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runConvert(const std::vector<std::string>& args);
int runFlatten(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runRecover(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runMix(const std::vector<std::string>& args);

}  // namespace signe::cli
