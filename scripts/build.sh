#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Signe into ./build (or $SIGNE_BUILD_DIR), with the project's own flags.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${SIGNE_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" --parallel "$(nproc)"
