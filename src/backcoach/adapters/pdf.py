"""Print a handout page to PDF with WeasyPrint, fully offline.

The handout HTML carries its styles and figures inline, so the fetcher only
accepts ``data:`` URLs: a PDF can never make a network request.
"""

from __future__ import annotations

import re
import zlib

PDF_MEDIA_TYPE = "application/pdf"
FIGURE_ANCHOR = re.compile(rb"\((figure-\d+-[a-z0-9-]+)\)")
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf


def figure_anchors(pdf: bytes) -> list[str]:
    """Named destinations ``figure-N-ID`` in a handout PDF, one per drawn figure, in order.

    WeasyPrint keeps the names in compressed object streams, so each stream is
    inflated before looking.
    """
    found: list[str] = []
    for chunk in [pdf, *(_inflate(m.group(1)) for m in STREAM.finditer(pdf))]:
        for match in FIGURE_ANCHOR.finditer(chunk):
            name = match.group(1).decode()
            if name not in found:
                found.append(name)
    return sorted(found, key=lambda name: int(name.split("-")[1]))


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b""
