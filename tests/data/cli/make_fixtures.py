#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes groups.ora, the layered document the signe-cli tests describe and convert, from the
OpenRaster spec and Signe's namespace (docs/openraster.md) with the Python 3 standard library
only, independently of Signe's writer. The file is committed; the tests need no Python.

    python3 tests/data/cli/make_fixtures.py

It holds what `signe-cli info` prints: nested groups (isolated and not, one empty), a hidden
layer, opacity, blend modes, edit locks, an alpha lock, a layer offset (signe:offset-x), a
layer partly off the canvas, a name with quotes, and document data (background, light off).
Deterministic: regenerating changes nothing unless this script changed.
"""
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2024, 1, 1, 0, 0, 0)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def rgba8(width, height, pixel):
    """pixel(x, y) -> (r, g, b, a), 8-bit straight alpha."""
    raw = b"".join(b"\x00" + bytes(v for x in range(width) for v in pixel(x, y))
                   for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


STACK = """<?xml version="1.0" encoding="UTF-8"?>
<image xmlns:signe="https://signe.invalid/ns/openraster/1" signe:document="signe/document.json" version="0.0.5" w="16" h="12" xres="150" yres="150">
 <stack>
  <layer name="Ink" src="data/ink.png" x="-2" y="3" opacity="0.5" composite-op="svg:multiply" visibility="visible" signe:alpha-lock="true" selected="true"/>
  <stack name="Sky" x="0" y="0" opacity="0.75" composite-op="svg:screen" visibility="visible" isolation="auto">
   <layer name="Cloud &quot;big&quot;" src="data/cloud.png" x="9" y="1" signe:offset-x="8" signe:offset-y="0" opacity="1" composite-op="svg:src-over" visibility="hidden"/>
   <stack name="Empty" x="0" y="0" opacity="1" composite-op="svg:src-over" visibility="visible" isolation="isolate" edit-locked="true"/>
  </stack>
  <layer name="Paper" src="data/paper.png" x="0" y="0" opacity="1" composite-op="svg:src-over" visibility="visible" edit-locked="true"/>
 </stack>
</image>
"""

DOCUMENT = (b'{"format": "signe-document", "version": 1, '
            b'"background": [62708, 61423, 59110, 65535], '
            b'"light": {"enabled": false, "azimuth": 90, "elevation": 30, "strength": 0.5, '
            b'"shine": 0, "shininess": 20, "relief": 8}}')


def main():
    paper = rgba8(16, 12, lambda x, y: (236, 228, 212, 255))
    ink = rgba8(5, 4, lambda x, y: (20 + 40 * x, 40, 120 + 30 * y, 255))
    # The first column is transparent, so the painted bounds start one pixel in.
    cloud = rgba8(4, 3, lambda x, y: (250, 250, 255, 0 if x == 0 else 200))
    merged = rgba8(16, 12, lambda x, y: (236, 228, 212, 255))
    entries = [("stack.xml", STACK.encode(), zipfile.ZIP_DEFLATED),
               ("signe/document.json", DOCUMENT, zipfile.ZIP_DEFLATED),
               ("data/ink.png", ink, zipfile.ZIP_STORED),
               ("data/cloud.png", cloud, zipfile.ZIP_STORED),
               ("data/paper.png", paper, zipfile.ZIP_STORED),
               ("mergedimage.png", merged, zipfile.ZIP_STORED)]
    with zipfile.ZipFile(os.path.join(HERE, "groups.ora"), "w") as z:
        info = zipfile.ZipInfo("mimetype", STAMP)
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, b"image/openraster")
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = method
            z.writestr(info, data)


if __name__ == "__main__":
    main()
