"""Draw the application icon: two interlocking rings (collaboration) in municipal blue and
green, woven over-and-under, on a transparent background.

    .venv/bin/python packaging/make_icon.py            # writes resources/icons/
    .venv/bin/python packaging/make_icon.py --check    # exit 1 if the committed files differ

Writes `samverkan.ico` (16-256 px, each size drawn separately so the small ones stay crisp)
and `samverkan-<N>.png` for the window icon on every platform. Deterministic output: the same
Pillow version gives the same bytes, so the files can be committed and checked."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)

BLUE = (0, 91, 153, 255)  # a calm "kommunblå"
GREEN = (46, 139, 87, 255)  # sea green
BLUE_EDGE = (0, 64, 110, 255)
GREEN_EDGE = (28, 100, 60, 255)


def _ring_mask(size: int, cx: float, cy: float, r_out: float, r_in: float) -> Image.Image:
    m = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(m)
    d.ellipse((cx - r_out, cy - r_out, cx + r_out, cy + r_out), fill=255)
    d.ellipse((cx - r_in, cy - r_in, cx + r_in, cy + r_in), fill=0)
    return m


def _layer(size: int, mask: Image.Image, colour: tuple[int, int, int, int]) -> Image.Image:
    layer = Image.new("RGBA", (size, size), colour)
    layer.putalpha(mask)
    return layer


def draw(px: int) -> Image.Image:
    """One icon of px×px, drawn at 8× and reduced (thicker strokes at small sizes)."""
    scale = 8
    s = px * scale
    # Interlocked (each ring's band passes through the other's hole) needs
    # band width < centre distance < 2 × inner radius.
    thick = 0.12 if px >= 48 else 0.135 if px >= 24 else 0.15  # band width / canvas
    edge = 0.0 if px < 32 else 0.014  # a thin darker rim where one ring passes over the other
    r_out = s * 0.29
    r_in = r_out - s * thick
    cy = s * 0.5
    cx_blue, cx_green = s * 0.385, s * 0.615
    blue = _ring_mask(s, cx_blue, cy, r_out, r_in)
    green = _ring_mask(s, cx_green, cy, r_out, r_in)

    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    img.alpha_composite(_layer(s, green, GREEN))
    # The blue ring passes over the green one at the top crossing ...
    if edge:
        halo = _ring_mask(s, cx_blue, cy, r_out + s * edge, max(r_in - s * edge, 0))
        top = Image.new("L", (s, s), 0)
        ImageDraw.Draw(top).rectangle((0, 0, s, int(cy)), fill=255)
        img.alpha_composite(_layer(s, ImageChops.multiply(ImageChops.multiply(halo, green), top), GREEN_EDGE))
    img.alpha_composite(_layer(s, blue, BLUE))
    # ... and under it at the bottom crossing: redraw the green ring over the blue in the lower half.
    bottom = Image.new("L", (s, s), 0)
    ImageDraw.Draw(bottom).rectangle((0, int(cy), s, s), fill=255)
    lower_green = ImageChops.multiply(green, bottom)
    if edge:
        halo = _ring_mask(s, cx_green, cy, r_out + s * edge, max(r_in - s * edge, 0))
        img.alpha_composite(_layer(s, ImageChops.multiply(ImageChops.multiply(halo, blue), bottom), BLUE_EDGE))
    img.alpha_composite(_layer(s, lower_green, GREEN))
    return img.resize((px, px), Image.Resampling.LANCZOS)


def render() -> dict[str, bytes]:
    """File name -> bytes for everything under resources/icons/."""
    images = {px: draw(px) for px in sorted(set(ICO_SIZES) | set(PNG_SIZES))}
    out: dict[str, bytes] = {}
    for px in PNG_SIZES:
        buf = io.BytesIO()
        images[px].save(buf, format="PNG", optimize=True)
        out[f"samverkan-{px}.png"] = buf.getvalue()
    buf = io.BytesIO()
    largest = images[max(ICO_SIZES)]
    largest.save(buf, format="ICO", sizes=[(px, px) for px in ICO_SIZES],
                 append_images=[images[px] for px in ICO_SIZES if px != max(ICO_SIZES)])
    out["samverkan.ico"] = buf.getvalue()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = ap.parse_args(argv)
    files = render()
    if args.check:
        stale = [n for n, b in files.items() if not (OUT / n).is_file() or (OUT / n).read_bytes() != b]
        for n in stale:
            print(f"out of date: resources/icons/{n}", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
