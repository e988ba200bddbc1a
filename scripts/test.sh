#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's second command (and CI's): install what is missing, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# GUI tests draw offscreen: no display is needed.
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "${SIGNE_BUILD_DIR:-build}" --output-on-failure --parallel "$(nproc)" --timeout 600
