#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the OpenRaster fixtures under tests/data/ora/ from the spec alone (Python 3 stdlib:
zipfile, zlib, struct), independently of Signe's writer.

    python3 tests/data/ora/make_fixtures.py

good/  files laid out as Krita 5 and MyPaint 2 write them, and one per PNG pixel format.
bad/   one small hostile or damaged file per case; bad/cases.txt says what each must give
       (tab-separated: file, "error" or "warning", a phrase the message must contain).
The output is deterministic (fixed timestamps), so regenerating changes nothing unless this
script changed.
"""
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.join(HERE, "good")
BAD = os.path.join(HERE, "bad")
STAMP = (2024, 1, 1, 0, 0, 0)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, color_type, depth, rows, extra_chunks=(), interlace=0):
    """rows: list of bytes, one per row, already packed (no filter byte)."""
    raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, interlace)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    for kind, data in extra_chunks:
        out += chunk(kind, data)
    return out + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def rgba8(width, height, pixel):
    """pixel(x, y) -> (r, g, b, a) 8-bit straight."""
    return png(width, height, 6, 8,
               [bytes(v for x in range(width) for v in pixel(x, y)) for y in range(height)])


def rgba16(width, height, pixel):
    return png(width, height, 6, 16,
               [b"".join(struct.pack(">4H", *pixel(x, y)) for x in range(width))
                for y in range(height)])


def write_ora(path, entries, mimetype=True, mimetype_text=b"image/openraster"):
    """entries: list of (name, bytes); stack.xml and PNGs in the given order."""
    with zipfile.ZipFile(path, "w") as z:
        if mimetype:
            info = zipfile.ZipInfo("mimetype", STAMP)
            info.compress_type = zipfile.ZIP_STORED
            z.writestr(info, mimetype_text)
        for name, data in entries:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = (zipfile.ZIP_STORED if name.endswith(".png")
                                  else zipfile.ZIP_DEFLATED)
            z.writestr(info, data)


# --- Layer content shared by the fixtures: small, with a pattern a test can check ----------

def red_square(x, y):
    return (255, 0, 0, 255)


def blue_half(x, y):
    return (0, 0, 255, 128)


def gradient16(x, y):
    return (x * 4096, y * 4096, 1234, 65535 if x < 8 else 32768 + x)


def krita_like():
    # Krita 5.1: a bare DOCTYPE, version 0.0.1, attributes in hash order, isolation on
    # stacks, selected and edit-locked on layers, layers cropped to their content (negative
    # positions when paint runs off the canvas), and the bottom "Background" layer of a new
    # Krita document, here filled with a paper colour (Signe reads it as its background).
    stack = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE image>
<image xres="300" yres="300" h="48" version="0.0.1" w="64">
 <stack>
  <layer y="-4" composite-op="svg:multiply" src="data/layer4.png" x="-6" visibility="visible" opacity="0.5" name="Ink" selected="true"/>
  <stack y="0" x="0" visibility="visible" composite-op="svg:src-over" opacity="0.8" isolation="isolate" name="Group 1">
   <layer y="10" composite-op="svg:exclusion" edit-locked="true" src="data/layer3.png" x="20" visibility="visible" opacity="1" name="Shade"/>
   <stack y="0" x="0" visibility="hidden" composite-op="svg:screen" opacity="1" isolation="auto" name="Inner">
    <layer y="0" composite-op="svg:color-dodge" src="data/layer2.png" x="0" visibility="visible" opacity="0.25" name="Glow"/>
   </stack>
  </stack>
  <layer y="0" composite-op="svg:src-over" edit-locked="true" src="data/layer1.png" x="0" visibility="visible" opacity="1" name="Background"/>
 </stack>
</image>
"""
    write_ora(os.path.join(GOOD, "krita-like.ora"), [
        ("stack.xml", stack.encode()),
        ("data/layer1.png", rgba8(64, 48, lambda x, y: (245, 240, 225, 255))),
        ("data/layer2.png", rgba8(8, 8, blue_half)),
        ("data/layer3.png", rgba16(16, 8, gradient16)),
        ("data/layer4.png", rgba8(10, 6, red_square)),
        ("mergedimage.png", rgba8(64, 48, lambda x, y: (200, 200, 200, 255))),
        ("Thumbnails/thumbnail.png", rgba8(64, 48, lambda x, y: (200, 200, 200, 255))),
    ])


def mypaint_like():
    # MyPaint 2: version 0.0.6, single-quoted XML declaration, its pigment mode
    # (mypaint:spectral-wgm) as the default layer mode, svg:exclusion, pass-through groups
    # (isolation="auto"), a background layer with its own background_tile attribute, and
    # mypaint:eotf="2.2" (MyPaint blended it in linear light).
    stack = """<?xml version='1.0' encoding='UTF-8'?>
<image xmlns:mypaint="http://mypaint.org/ns/openraster" h="40" mypaint:eotf="2.2" version="0.0.6" w="50" xres="72" yres="72">
  <stack>
    <layer composite-op="mypaint:spectral-wgm" name="Pigment" opacity="1.0" selected="true" src="data/layer002.png" visibility="visible" x="-10" y="4" />
    <stack composite-op="svg:src-over" isolation="auto" name="Group" opacity="0.75" visibility="visible" x="0" y="0">
      <layer composite-op="svg:exclusion" name="Excl" opacity="0.6" src="data/layer001.png" visibility="visible" x="5" y="5" />
    </stack>
    <layer background_tile="data/background_tile.png" composite-op="svg:src-over" name="background" opacity="1.0" src="data/background.png" visibility="visible" x="0" y="0" />
  </stack>
</image>
"""
    paper = lambda x, y: (250, 245, 235, 255)
    write_ora(os.path.join(GOOD, "mypaint-like.ora"), [
        ("stack.xml", stack.encode()),
        ("data/layer001.png", rgba8(12, 12, blue_half)),
        ("data/layer002.png", rgba8(20, 10, red_square)),
        ("data/background.png", rgba8(50, 40, paper)),
        ("data/background_tile.png", rgba8(64, 64, paper)),
        ("Thumbnails/thumbnail.png", rgba8(50, 40, paper)),
        ("mergedimage.png", rgba8(50, 40, paper)),
    ])


def pixel_formats():
    # One layer per PNG pixel format a reader must take: grey 8, grey + alpha 16, RGB 8,
    # RGBA 16, palette 8 with transparency. All 4x2 at x = 0, y = 2 * index.
    grey8 = png(4, 2, 0, 8, [bytes([0, 85, 170, 255])] * 2)
    greya16 = png(4, 2, 4, 16, [b"".join(struct.pack(">2H", v, a) for v, a in
                                         [(0, 65535), (30000, 40000), (65535, 1), (12345, 0)])] * 2)
    rgb8 = png(4, 2, 2, 8, [bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30])] * 2)
    rgba16_ = rgba16(4, 2, lambda x, y: (x * 1000, 65535 - x, 7, 20000 * x + 1))
    palette = png(4, 2, 3, 8, [bytes([0, 1, 2, 1])] * 2,
                  extra_chunks=[(b"PLTE", bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])),
                                (b"tRNS", bytes([255, 128, 0]))])
    layers = [("grey8", grey8), ("greya16", greya16), ("rgb8", rgb8), ("rgba16", rgba16_),
              ("palette", palette)]
    xml = '<?xml version="1.0"?>\n<image w="4" h="10">\n<stack>\n'
    for i, (name, _) in reversed(list(enumerate(layers))):
        xml += f'<layer name="{name}" src="data/{name}.png" x="0" y="{2 * i}"/>\n'
    xml += "</stack>\n</image>\n"
    write_ora(os.path.join(GOOD, "pixel-formats.ora"),
              [("stack.xml", xml.encode())] + [(f"data/{n}.png", d) for n, d in layers])


# --- Bad input ------------------------------------------------------------------------------

def simple_stack(src="data/a.png", w=8, h=8, op="svg:src-over", x=0, y=0):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<image w="{w}" h="{h}">\n<stack>\n'
            f'<layer name="A" src="{src}" x="{x}" y="{y}" composite-op="{op}"/>\n'
            f'</stack>\n</image>\n').encode()


def bad_files():
    cases = []
    small = rgba8(8, 8, red_square)

    def case(name, kind, phrase, entries=None, raw=None, **kw):
        path = os.path.join(BAD, name)
        if raw is not None:
            with open(path, "wb") as f:
                f.write(raw)
        else:
            write_ora(path, entries, **kw)
        cases.append((name, kind, phrase))

    good = [("stack.xml", simple_stack()), ("data/a.png", small)]
    case("empty-file.ora", "error", "not a zip archive", raw=b"")
    write_ora(os.path.join(BAD, "_whole.tmp"), good)
    whole = open(os.path.join(BAD, "_whole.tmp"), "rb").read()
    os.remove(os.path.join(BAD, "_whole.tmp"))
    case("truncated-zip.ora", "error", "truncated", raw=whole[: len(whole) // 2])
    # A flipped byte inside the stored PNG: the zip's CRC catches it.
    at = whole.find(b"IDAT") + 10
    case("corrupt-crc.ora", "error", "damaged", raw=whole[:at] + bytes([whole[at] ^ 0xFF]) + whole[at + 1:])
    case("no-stack-xml.ora", "error", "no stack.xml", [("data/a.png", small)])
    case("malformed-xml.ora", "error", "malformed XML",
         [("stack.xml", b'<?xml version="1.0"?>\n<image w="8" h="8">\n<stack>\n<layer src="data/a.png"\n</image>'),
          ("data/a.png", small)])
    case("no-image-size.ora", "error", "no w or h",
         [("stack.xml", b'<image><stack/></image>')])
    case("parent-path.ora", "error", "'..'",
         [("stack.xml", simple_stack("../../x.png")), ("data/a.png", small)])
    case("absolute-path.ora", "error", "absolute path",
         [("stack.xml", simple_stack("/etc/passwd")), ("data/a.png", small)])
    case("backslash-path.ora", "error", "backslash",
         [("stack.xml", simple_stack("data\\a.png")), ("data/a.png", small)])
    case("missing-layer-file.ora", "error", "has no file 'data/missing.png'",
         [("stack.xml", simple_stack("data/missing.png"))])
    case("huge-canvas.ora", "error", "canvas width 1000000",
         [("stack.xml", simple_stack(w=1000000, h=1000000)), ("data/a.png", small)])
    # Only the header says 100000 pixels wide; the data is one row of nothing.
    case("png-too-large.ora", "error", "a layer may be at most",
         [("stack.xml", simple_stack()),
          ("data/a.png", png(100000, 1, 6, 8, [bytes(4 * 100000)]))])
    case("mergedimage-size-mismatch.ora", "warning", "mergedimage.png is 4x4",
         good + [("mergedimage.png", rgba8(4, 4, red_square))])
    case("layer-far-away.ora", "error", "pixels from the canvas",
         [("stack.xml", simple_stack(x=900000000)), ("data/a.png", small)])
    # An 8x8 PNG padded with a 12 MB chunk of zeros: the zip entry inflates about a
    # thousandfold, far past what 8x8 pixels can need.
    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 6, 0, 0, 0)) +
            chunk(b"zzZz", bytes(12 << 20)))
    case("zip-bomb.ora", "error", "inflates past",
         [("stack.xml", simple_stack())], mimetype=True)
    with zipfile.ZipFile(os.path.join(BAD, "zip-bomb.ora"), "a") as z:
        info = zipfile.ZipInfo("data/a.png", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, bomb, compresslevel=9)
    case("unknown-composite-op.ora", "warning", "unknown composite-op 'svg:foo'",
         [("stack.xml", simple_stack(op="svg:foo")), ("data/a.png", small)])
    case("not-a-png.ora", "error", "is not a PNG file",
         [("stack.xml", simple_stack()), ("data/a.png", b"hello, I am text, not pixels\n" * 4)])
    cut = small[: len(small) - 30]  # ends inside IDAT
    case("truncated-png.ora", "error", "cannot decode",
         [("stack.xml", simple_stack()), ("data/a.png", cut)])
    # The header says 8x8; the image data holds two rows.
    short = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 6, 0, 0, 0)) +
             chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + bytes(32) for _ in range(2)))) +
             chunk(b"IEND", b""))
    case("png-rows-missing.ora", "error", "cannot decode",
         [("stack.xml", simple_stack()), ("data/a.png", short)])
    laughs = (b'<?xml version="1.0"?>\n<!DOCTYPE image [\n<!ENTITY a "aaaaaaaaaa">\n'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
              b'<image w="8" h="8"><stack><layer name="&c;" src="data/a.png"/></stack></image>\n')
    case("entity-expansion.ora", "error", "entity declaration",
         [("stack.xml", laughs), ("data/a.png", small)])
    deep = (b'<image w="8" h="8"><stack>' + b'<stack>' * 200 + b'</stack>' * 200 +
            b'</stack></image>')
    case("deep-nesting.ora", "error", "nested deeper", [("stack.xml", deep)])
    case("bad-signe-document.ora", "warning", "is not valid JSON",
         good + [("signe/document.json", b"{ light: oops")])
    case("wrong-mimetype.ora", "warning", "not 'image/openraster'", good,
         mimetype_text=b"application/zip")
    with open(os.path.join(BAD, "cases.txt"), "w") as f:
        f.write("# file\terror|warning\tphrase the message must contain (make_fixtures.py)\n")
        for name, kind, phrase in cases:
            f.write(f"{name}\t{kind}\t{phrase}\n")


if __name__ == "__main__":
    os.makedirs(GOOD, exist_ok=True)
    os.makedirs(BAD, exist_ok=True)
    krita_like()
    mypaint_like()
    pixel_formats()
    bad_files()
