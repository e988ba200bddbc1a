#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Flattens an OpenRaster file the way MyPaint sees it, without MyPaint's window.

    mypaint_flatten.py IN.ora OUT.png

Loads IN.ora with MyPaint's own document library (the `lib` package that Debian's mypaint
package installs in /usr/lib/mypaint) and writes the visible layers composited over
transparency as an 8-bit RGBA PNG the size of the image. Prints one line per layer: name,
MyPaint's mode number, opacity, visibility.

MyPaint 2 blends either on the stored (sRGB-encoded) values, as MyPaint 1 and the W3C
formulas do ("1.x mode", transfer function 1.0), or in linear light ("2.x mode", 2.2). The
app decides per file when it opens one (gui/compatibility.py): the file's mypaint:eotf
attribute when it has one, else, with the default preferences, 1.x unless the file has
pigment layers. This script decides the same way, so it shows what the app shows. A yardstick for Signe's tests
(tests/core/openraster_mypaint_test.cpp), never part of Signe. Exit status 2 when MyPaint's
library is not installed, 1 when it cannot read the file.
"""
import os
import sys

MYPAINT_LIB = "/usr/lib/mypaint"


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 1
    if not os.path.isfile(os.path.join(MYPAINT_LIB, "lib", "document.py")):
        print("MyPaint's library is not installed", file=sys.stderr)
        return 2
    sys.path.insert(0, MYPAINT_LIB)
    import lib.document  # noqa: E402 (MyPaint's package, found through the path above)

    import lib.eotf  # noqa: E402

    def choose_transfer_function(eotf_attribute, root_stack):
        if eotf_attribute is not None:
            lib.eotf.set_eotf(float(eotf_attribute))
            return
        pigment = any(e.get("composite-op") == "mypaint:spectral-wgm" for e in root_stack.iter())
        lib.eotf.set_eotf(lib.eotf.base_eotf() if pigment else 1.0)

    doc = lib.document.Document()
    try:
        doc.load(argv[1], compat_handler=choose_transfer_function)
    except Exception as error:  # MyPaint raises its own FileHandlingError and others
        print("MyPaint cannot read %s: %s" % (argv[1], error), file=sys.stderr)
        return 1
    # The whole frame of the image as stack.xml gives it, not MyPaint's bounding box of paint.
    x, y, w, h = 0, 0, doc.get_frame()[2], doc.get_frame()[3]
    doc.layer_stack.save_as_png(argv[2], x, y, w, h, alpha=True, render_background=False)
    for layer in doc.layer_stack.deepiter():
        print("layer\t%s\t%s\t%.4f\t%s" % (layer.name, layer.mode, layer.opacity, layer.visible))
    print("eotf\t%s" % lib.eotf.eotf())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
