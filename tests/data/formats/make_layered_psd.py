#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes layered.psd: a tiny layered Photoshop file for Signe's PSD import tests.

Built from Adobe's "Photoshop File Formats Specification" (version 1 PSD, 8-bit RGB, raw
channel data, no image resources), with the Python standard library only, so the fixture can
be rebuilt anywhere:

    /usr/bin/python3 tests/data/formats/make_layered_psd.py tests/data/formats/layered.psd

What it holds (tests/core/raster_formats_test.cpp relies on every value):
  canvas 8 x 6, merged image with alpha
  layer 1 "Paper": the whole canvas, opaque; left half (200, 100, 50), right half (10, 20, 30)
  layer 2 "Ink":   4 x 3 at left 2, top 1; colour (0, 0, 255) straight, alpha 128
"""
import struct
import sys

WIDTH, HEIGHT = 8, 6


def paper_pixel(x, y):
    return (200, 100, 50, 255) if x < WIDTH // 2 else (10, 20, 30, 255)


INK_LEFT, INK_TOP, INK_W, INK_H = 2, 1, 4, 3
INK = (0, 0, 255, 128)


def ink_pixel(x, y):
    """The ink layer's pixel at canvas (x, y), or None outside its bounds."""
    inside = INK_LEFT <= x < INK_LEFT + INK_W and INK_TOP <= y < INK_TOP + INK_H
    return INK if inside else None


def merged_pixel(x, y):
    """Straight-alpha 'normal' blend of ink over paper, 8-bit, rounded."""
    base = paper_pixel(x, y)
    top = ink_pixel(x, y)
    if top is None:
        return base
    a = top[3] / 255.0
    return tuple(int(round(top[c] * a + base[c] * (1 - a))) for c in range(3)) + (255,)


def pascal_name(name, pad):
    """Pascal string (length byte + bytes) padded with zeros to a multiple of `pad` bytes."""
    raw = name.encode("latin-1")
    data = bytes([len(raw)]) + raw
    return data + b"\0" * (-len(data) % pad)


def layer_record(name, top, left, bottom, right, channel_lengths, opacity=255, hidden=False):
    out = struct.pack(">iiiiH", top, left, bottom, right, len(channel_lengths))
    for channel_id, length in channel_lengths:
        out += struct.pack(">hI", channel_id, length)
    flags = 0x08 | (0x02 if hidden else 0)  # bit 1 set means hidden; bit 3: Photoshop 5+
    out += b"8BIM" + b"norm" + struct.pack(">BBBB", opacity, 0, flags, 0)
    extra = struct.pack(">I", 0)            # no layer mask
    extra += struct.pack(">I", 0)           # no blending ranges
    extra += pascal_name(name, 4)
    out += struct.pack(">I", len(extra)) + extra
    return out


def planes(pixel_at, left, top, w, h, channel_order):
    """Raw (compression 0) channel data: one plane per channel id, rows top to bottom."""
    index = {-1: 3, 0: 0, 1: 1, 2: 2}
    data = {}
    for cid in channel_order:
        plane = bytes(pixel_at(left + x, top + y)[index[cid]] for y in range(h) for x in range(w))
        data[cid] = struct.pack(">H", 0) + plane
    return data


def build():
    layers = [
        ("Paper", 0, 0, WIDTH, HEIGHT, paper_pixel),
        ("Ink", INK_LEFT, INK_TOP, INK_W, INK_H, ink_pixel),
    ]
    order = [-1, 0, 1, 2]
    records, channel_data = b"", b""
    for name, left, top, w, h, pixel_at in layers:
        data = planes(pixel_at, left, top, w, h, order)
        records += layer_record(name, top, left, top + h, left + w,
                                [(cid, len(data[cid])) for cid in order])
        channel_data += b"".join(data[cid] for cid in order)
    # A negative count says the merged image's first extra channel is its transparency.
    layer_info = struct.pack(">h", -len(layers)) + records + channel_data
    layer_info += b"\0" * (len(layer_info) % 2)
    layer_and_mask = struct.pack(">I", len(layer_info)) + layer_info
    layer_and_mask += struct.pack(">I", 0)  # no global layer mask
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 4, HEIGHT, WIDTH, 8, 3)
    merged = struct.pack(">H", 0)
    for c in range(4):
        merged += bytes(merged_pixel(x, y)[c] for y in range(HEIGHT) for x in range(WIDTH))
    return (header + struct.pack(">I", 0)       # no colour mode data (RGB)
            + struct.pack(">I", 0)              # no image resources
            + struct.pack(">I", len(layer_and_mask)) + layer_and_mask + merged)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_layered_psd.py OUT.psd")
    with open(sys.argv[1], "wb") as f:
        f.write(build())
