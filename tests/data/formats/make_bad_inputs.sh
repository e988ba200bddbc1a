#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rebuilds bad/: files every image reader must refuse with a clear error, never a crash or a
# huge allocation (tests/core/raster_formats_test.cpp, RasterImport.RefusesBadInput).
#   sh tests/data/formats/make_bad_inputs.sh      (needs oiiotool and /usr/bin/python3)
set -eu
cd "$(dirname "$0")"
mkdir -p bad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A noisy 32x32 picture compresses poorly, so cutting the file cuts into its pixel data.
oiiotool --pattern noise:type=uniform:min=0:max=1 32x32 4 -d uint8 -o "$tmp/full.png"
oiiotool --pattern noise:type=uniform:min=0:max=1 32x32 4 -d uint8 --compression none -o "$tmp/full.tif"
oiiotool --pattern noise:type=uniform:min=0:max=1 32x32 4 -d half -o "$tmp/full.exr"
for f in full.png full.tif full.exr; do
    size=$(wc -c < "$tmp/$f")
    head -c $((size / 2)) "$tmp/$f" > "bad/truncated.${f#full.}"
done
/usr/bin/python3 - <<'PY'
import struct, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
# A valid header claiming 1000000 x 1000000 RGBA, then a few bytes of pixel data.
ihdr = struct.pack(">IIBBBBB", 1000000, 1000000, 8, 6, 0, 0, 0)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
open("bad/huge-header.png", "wb").write(png)
# Bytes that are no image at all, under an image's name.
open("bad/garbage.png", "wb").write(bytes((i * 73 + 41) % 256 for i in range(300)))
PY
