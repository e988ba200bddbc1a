#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Signe builds and tests with, and only those that are missing.
# Run as root (or with sudo available). Debian packages are the project's only source.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config     # toolchain
  qt6-base-dev libgl-dev                           # Qt 6 Core/Gui/Widgets (app only)
  libeigen3-dev libopenimageio-dev libexpected-dev  # core
  nlohmann-json3-dev                               # brush presets, .ora document data (JSON)
  libzip-dev libexpat1-dev                         # OpenRaster: zip container, stack.xml
  libpng-dev zlib1g-dev                            # OpenRaster: layer PNGs, packed clock data
  libgtest-dev libgmock-dev libbenchmark-dev       # tests and benchmarks
  libmypaint-dev                                   # yardstick in the brush benchmark only
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
