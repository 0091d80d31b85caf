"""Rebuild the app icons (PNG) from src/backcoach/web/static/icon.svg.

Phones install a web app only with raster icons of set sizes, and nothing may be
fetched or converted while the app runs, so the PNGs are committed. This draws the
SVG in the same headless Chromium the browser tests use (no other SVG renderer is
installed): ``.venv/bin/python scripts/build_app_icons.py``.

The maskable icon fills its square with the icon's own background colour and keeps
the drawing inside the middle 80 %, the safe zone a launcher's mask never cuts.
"""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parents[1] / "src" / "backcoach" / "web" / "static"
CHROMIUM = "/usr/bin/chromium"
BACKGROUND = "#1f5f7a"  # the rectangle in icon.svg
# (file, side in pixels, maskable)
ICONS = (
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon-180.png", 180, True),
)


def page_html(svg: bytes, side: int, maskable: bool) -> str:
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    drawn = round(side * 0.8) if maskable else side
    background = BACKGROUND if maskable else "transparent"
    return (
        "<!doctype html><html><body style='margin:0;background:transparent'>"
        f"<div style='width:{side}px;height:{side}px;display:grid;place-items:center;"
        f"background:{background}'>"
        f"<img src='{source}' width='{drawn}' height='{drawn}'></div></body></html>"
    )


def main() -> None:
    svg = (STATIC / "icon.svg").read_bytes()
    out = STATIC / "icons"
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, side, maskable in ICONS:
            page = browser.new_page(viewport={"width": side, "height": side})
            page.set_content(page_html(svg, side, maskable))
            page.screenshot(path=str(out / name), omit_background=True)
            page.close()
            print(f"{name}: {side}x{side}")
        browser.close()


if __name__ == "__main__":
    main()
