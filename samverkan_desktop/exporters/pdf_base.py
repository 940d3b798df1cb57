"""The municipal look shared by every printed document (reportlab platypus, A4, no Qt).

- Fonts: DejaVu Sans and Sans Bold from ``resources/fonts/`` (licence beside them), embedded
  as subsets, so names like Łukasz or Dvořák print right. The canvas' initial font is the TTF
  too, so no unembedded Helvetica object ends up in the file.
- Page furniture, drawn when the document is saved (only then are page totals known):
  organisation name and optional logo, document kind, date, case number (Dnr), an optional
  section mark ("Exemplar 1 av 2"), and "Sida x av y" in the footer. Page numbers count
  within a section, so each copy of a two-copy document is numbered on its own.
- User text goes through :func:`esc` before it reaches reportlab's paragraph markup; text
  drawn straight on the canvas (header, footer, metadata) is never markup and is not escaped.
- Output is deterministic for the same data and date (reportlab's invariant mode; the PDF
  creation date is the document date), so a SHA-256 identifies the printed version.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import __version__
from ..paths import resource_dir
from .document_models import OrgBranding

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

PAGE_W, PAGE_H = A4
MARGIN_LEFT = 25 * mm  # binding margin for the archive
MARGIN_RIGHT = 20 * mm
HEADER_H = 30 * mm  # from the top edge to the top of the text frame
FOOTER_H = 22 * mm  # from the bottom edge to the bottom of the text frame
SIGN_BOX_H = 12 * mm  # extra footer room for the "Justerandes signatur" boxes
CONTENT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#ececec")

_font_lock = threading.Lock()
_fonts_ready = False


@dataclass(frozen=True)
class PageSetup:
    """What the page furniture shows. ``kind`` is the document kind in capitals."""

    kind: str
    title: str
    doc_date: date
    branding: OrgBranding
    case_number: str = ""
    subject: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    #: Footer boxes for the adjusters' initials and the extract certification (minutes).
    sign_boxes: bool = False


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


# ---- fonts and styles ----------------------------------------------------------------
def register_fonts(font_dir: Path | None = None) -> None:
    """Register the shipped TTFs once per process (thread-safe; GUI work runs off-thread)."""
    global _fonts_ready
    if _fonts_ready:
        return
    with _font_lock:
        if _fonts_ready:
            return
        folder = font_dir or resource_dir() / "fonts"
        for name, file in FONT_FILES.items():
            path = folder / file
            if not path.is_file():
                raise FileNotFoundError(2, f"Typsnittet {file} saknas (installationen är ofullständig)", str(path))
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
        _fonts_ready = True


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    mark: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    para_no: ParagraphStyle
    meta: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_num: ParagraphStyle
    cell_num_bold: ParagraphStyle
    sign_label: ParagraphStyle
    sign_name: ParagraphStyle


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        register_fonts()
        base = ParagraphStyle("base", fontName=FONT, bulletFontName=FONT, fontSize=10, leading=13.5, textColor=INK)

        def st(name: str, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=base, **kw)

        _styles = Styles(
            title=st("title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=3, keepWithNext=1),
            subtitle=st("subtitle", fontSize=11, leading=14.5, textColor=MUTED, spaceAfter=5, keepWithNext=1),
            mark=st("mark", fontName=FONT_BOLD, fontSize=11, leading=14, alignment=TA_RIGHT),
            h2=st("h2", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=3, keepWithNext=1),
            h3=st("h3", fontName=FONT_BOLD, fontSize=10, leading=13.5, spaceBefore=7, spaceAfter=1, keepWithNext=1),
            para_no=st("para_no", fontName=FONT_BOLD, fontSize=14, leading=18, keepWithNext=1),
            meta=st("meta", fontSize=9, leading=12, textColor=MUTED, spaceAfter=2, keepWithNext=1),
            body=st("body", spaceAfter=3),
            bullet=st("bullet", leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=2),
            small=st("small", fontSize=8.5, leading=11, textColor=MUTED),
            label=st("label", fontSize=9, leading=12, textColor=MUTED),
            cell=st("cell", fontSize=9.5, leading=12.5),
            cell_bold=st("cell_bold", fontName=FONT_BOLD, fontSize=9.5, leading=12.5),
            cell_num=st("cell_num", fontSize=9.5, leading=12.5, alignment=TA_RIGHT),
            cell_num_bold=st("cell_num_bold", fontName=FONT_BOLD, fontSize=9.5, leading=12.5, alignment=TA_RIGHT),
            sign_label=st("sign_label", fontSize=8, leading=10, textColor=MUTED),
            sign_name=st("sign_name", fontSize=10, leading=12.5),
        )
    return _styles


# ---- text ------------------------------------------------------------------------------
def esc(text: object) -> str:
    """User text made literal for paragraph markup: & < > escaped, line breaks kept."""
    s = "" if text is None else str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from *user* text (escaped here)."""
    return Paragraph(esc(text), style)


_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def long_date(d: date, weekday: bool = False) -> str:
    """'16 februari 2027', or 'tisdag 16 februari 2027' (no locale needed)."""
    text = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{_WEEKDAYS[d.weekday()]} {text}" if weekday else text


def iso(d: date | None) -> str:
    return d.isoformat() if d else "–"


def period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "–"
    return f"{iso(start)} – {iso(end) if end else 'tills vidare'}"


def clock(hhmm: str) -> str:
    """'13:00' -> '13.00' (Swedish style)."""
    return hhmm.replace(":", ".")


#: Device names Windows reserves in any folder, also with an extension ("CON.pdf", "com1.xlsx").
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})


def safe_filename(text: str, max_len: int = 120) -> str:
    """A file name Windows accepts: no reserved characters, no trailing dot or space, not a
    reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9)."""
    bad = '<>:"/\\|?*'
    s = "".join("-" if c in bad else c for c in text if ord(c) >= 32)
    s = " ".join(s.split())[:max_len].rstrip(" .")
    if s.split(".")[0].strip().upper() in _RESERVED:
        s = f"_{s}"
    return s or "dokument"


# ---- building blocks -------------------------------------------------------------------
class Keep(KeepTogether):
    """KeepTogether that moves its content to the next page only when it would fit there: a
    heading with a table longer than a page stays where it is and the table splits, instead
    of leaving the page blank below the previous section."""

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is not None and self._H > frame._height:  # too tall for any page: split in place
            return list(self._content)
        return super().split(aW, aH)


def table(data: list[list[Any]], col_widths: Sequence[float], style: Sequence[tuple[Any, ...]] = (),
          **kw: Any) -> Table:
    """A left-aligned Table whose plain-string cells (even empty ones) use the embedded font:
    reportlab's table default is the unembedded Helvetica."""
    kw.setdefault("splitInRow", 1)  # a cell taller than a page (a long text) continues on the next page
    t = Table(data, colWidths=list(col_widths), hAlign="LEFT", **kw)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9.5), *style]))
    return t


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 48 * mm) -> Table:
    """Label/value pairs (values are user text; empty values print as a dash)."""
    s = styles()
    data = [[Paragraph(esc(label), s.label), Paragraph(esc(value) or "–", s.cell)] for label, value in rows]
    return table(data, [label_width, CONTENT_W - label_width], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])


def grid_table(header: Sequence[str | Flowable], rows: Sequence[Sequence[str | Flowable]], col_widths: Sequence[float], *,
               numeric: Sequence[int] = (), total_row: bool = False, repeat_header: bool = True) -> Table:
    """A ruled table; every cell is a paragraph (text is escaped here) or a ready flowable,
    so long text wraps inside its cell."""
    s = styles()
    num = set(numeric)
    data: list[list[Flowable]] = [[h if isinstance(h, Flowable) else
                                   Paragraph(esc(h), s.cell_num_bold if i in num else s.cell_bold)
                                   for i, h in enumerate(header)]]
    last = len(rows) - 1
    for r, row in enumerate(rows):
        bold = total_row and r == last
        data.append([v if isinstance(v, Flowable) else
                     Paragraph(esc(v), (s.cell_num_bold if bold else s.cell_num) if i in num
                               else (s.cell_bold if bold else s.cell)) for i, v in enumerate(row)])
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if total_row and rows:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    return table(data, col_widths, style, repeatRows=1 if repeat_header else 0)


@dataclass(frozen=True)
class SignatureSlot:
    """One person's signature column: heading lines (e.g. 'För X', 'Rektor') and a prefilled name."""

    heading: tuple[str, ...]
    name: str = ""


def signature_block(slots: Sequence[SignatureSlot],
                    lines: Sequence[str] = ("Ort och datum", "Underskrift", "Namnförtydligande"),
                    lead: Sequence[Flowable] = ()) -> list[Flowable]:
    """Signature columns, two per row, each with ruled lines: 'Ort och datum', 'Underskrift',
    'Namnförtydligande' (the prefilled name stands above that rule when known). Each row of two
    is kept on one page, the first together with ``lead`` (its heading and text)."""
    s = styles()
    gap = 12 * mm
    col = (CONTENT_W - gap) / 2
    out: list[Flowable] = []
    for start in range(0, len(slots), 2):
        pair = list(slots[start:start + 2])
        data: list[list[Any]] = []
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        heads = max(len(p.heading) for p in pair)
        for i in range(heads):
            row: list[Any] = []
            for p in pair:
                text = p.heading[i] if i < len(p.heading) else ""
                row += [Paragraph(esc(text), s.cell_bold if i == 0 else s.cell), ""]
            data.append(row[:-1])
        heights: list[float | None] = [None] * heads
        for n, label in enumerate(lines):
            last = n == len(lines) - 1
            data.append(sum(([Paragraph(esc(p.name), s.sign_name) if last and p.name else "", ""] for p in pair),
                            [])[:-1])
            heights.append(9 * mm if last else (13 * mm if n else 10 * mm))
            data.append(sum(([Paragraph(esc(label), s.sign_label), ""] for p in pair), [])[:-1])
            heights.append(None)
            r = len(data) - 1
            for c in range(0, 2 * len(pair) - 1, 2):
                style.append(("LINEABOVE", (c, r), (c, r), 0.7, INK))
        widths = [col, gap, col][: 2 * len(pair) - 1]
        part: list[Flowable] = (list(lead) if start == 0 else []) + [table(data, widths, style, rowHeights=heights)]
        if out:
            out.append(Spacer(1, 7 * mm))  # between rows only: a trailing spacer could start a blank page
        out.append(Keep(part))
    return out


def signature_rows(rows: Sequence[tuple[str, str]], lead: Sequence[Flowable] = (),
                   place_and_time: str | None = None) -> Keep:
    """The compact form of minutes: one row per signer, 'Sekreterare ______' with the name
    under the rule; optionally a first row for the place and time of the justering."""
    s = styles()
    label_w, line_w = 48 * mm, 82 * mm
    data: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    heights: list[float | None] = []
    entries = ([(place_and_time, None)] if place_and_time is not None else []) + list(rows)
    for label, name in entries:
        data.append([Paragraph(esc(label), s.cell_bold), ""])
        heights.append(8 * mm if name is None else 12 * mm)
        under = "" if name is None else (Paragraph(esc(name), s.sign_name) if name
                                         else Paragraph("Namnförtydligande", s.sign_label))
        data.append(["", under])
        heights.append(None)
        style.append(("LINEABOVE", (1, len(data) - 1), (1, len(data) - 1), 0.7, INK))
    return Keep(list(lead) + [table(data, [label_w, line_w], style, rowHeights=heights)])


class SectionMark(Flowable):
    """Starts a numbered section (e.g. one copy): the header shows ``label`` and page numbers
    restart. Zero size; place it first on the section's first page."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        c = self.canv
        c._section_no = getattr(c, "_section_no", 0) + 1  # type: ignore[attr-defined]
        c._section_label = self.label  # type: ignore[attr-defined]


# ---- the canvas that draws the page furniture at save time ----------------------------
class _DocumentCanvas(Canvas):
    def __init__(self, *args: Any, setup: PageSetup, **kwargs: Any) -> None:
        kwargs["invariant"] = 1
        kwargs["initialFontName"] = FONT
        super().__init__(*args, **kwargs)
        self._setup = setup
        self._page_states: list[dict[str, Any]] = []
        self._section_no = 0
        self._section_label = ""
        self.page_total = 0
        stamp = setup.doc_date.strftime("D:%Y%m%d000000")
        self.setDateFormatter(lambda *_ignored: stamp)

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        states = self._page_states
        sections = [st["_section_no"] for st in states]
        totals: dict[int, int] = {}
        for no in sections:
            totals[no] = totals.get(no, 0) + 1
        seen: dict[int, int] = {}
        logo = _logo(self._setup.branding.logo_path)
        for st in states:
            self.__dict__.update(st)
            no = st["_section_no"]
            seen[no] = seen.get(no, 0) + 1
            self._furniture(seen[no], totals[no], st["_section_label"], logo)
            Canvas.showPage(self)
        self.page_total = len(states)
        Canvas.save(self)

    def _furniture(self, page: int, total: int, section: str, logo: ImageReader | None) -> None:
        su = self._setup
        left, right = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
        top = PAGE_H - 12 * mm
        self.saveState()
        self.setFillColor(INK)
        # Left: logo and organisation
        x = left
        if logo is not None:
            iw, ih = logo.getSize()
            h = 14 * mm
            w = min(40 * mm, h * iw / ih if ih else h)
            self.drawImage(logo, x, top - h + 3 * mm, width=w, height=h, preserveAspectRatio=True, anchor="sw",
                           mask="auto")
            x += w + 4 * mm
        self.setFont(FONT_BOLD, 12)
        self.drawString(x, top - 4 * mm, _fit(su.branding.name, FONT_BOLD, 12, right - x - 70 * mm))
        if section:
            self.setFont(FONT_BOLD, 9.5)
            self.drawString(x, top - 9.5 * mm, section)
        # Right: kind, date, case number, section
        self.setFont(FONT_BOLD, 11)
        self.drawRightString(right, top - 1 * mm, su.kind)
        self.setFont(FONT, 8.5)
        lines = [f"Datum {su.doc_date.isoformat()}", f"Dnr {su.case_number}" if su.case_number else "Dnr –"]
        y = top - 5.5 * mm
        for ln in lines:
            self.drawRightString(right, y, _fit(ln, FONT, 8.5, 68 * mm))
            y -= 3.8 * mm
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        rule_y = PAGE_H - HEADER_H + 5 * mm
        self.line(left, rule_y, right, rule_y)
        # Footer
        base = 10 * mm
        if su.sign_boxes:
            box_w, box_h = 52 * mm, 10 * mm
            by = base + 7 * mm
            for i, label in enumerate(("Utdragsbestyrkande", "Justerandes signatur")):
                bx = right - box_w - i * (box_w + 4 * mm)
                self.rect(bx, by, box_w, box_h, stroke=1, fill=0)
                self.setFont(FONT, 6.5)
                self.setFillColor(MUTED)
                self.drawString(bx + 1.5 * mm, by + box_h - 2.8 * mm, label)
        self.line(left, base + 4.5 * mm, right, base + 4.5 * mm)
        self.setFillColor(MUTED)
        self.setFont(FONT, 8)
        kind = su.kind.capitalize()
        parts = (su.branding.name, su.title) if su.title.startswith(kind) else (su.branding.name, kind, su.title)
        footer = " · ".join(p for p in parts if p)
        self.drawString(left, base, _fit(footer, FONT, 8, right - left - 32 * mm))
        self.setFillColor(INK)
        self.setFont(FONT, 8.5)
        self.drawRightString(right, base, f"Sida {page} av {total}")
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten canvas text with an ellipsis so it never runs past ``width``."""
    text = " ".join(text.split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _logo(path: Path | None) -> ImageReader | None:
    """The logo, or None if unset or unreadable (a broken logo must not stop a decision)."""
    if path is None:
        return None
    try:
        reader = ImageReader(str(path))
        reader.getSize()
        return reader
    except Exception:  # noqa: BLE001 - any unreadable image: print without the logo
        import logging

        logging.getLogger(__name__).warning("Logotypen kunde inte läsas: %s", path)
        return None


def body_frame(sign_boxes: bool = False) -> Frame:
    bottom = FOOTER_H + (SIGN_BOX_H if sign_boxes else 0)
    return Frame(MARGIN_LEFT, bottom, CONTENT_W, PAGE_H - HEADER_H - bottom, leftPadding=0, rightPadding=0,
                 topPadding=0, bottomPadding=0, id="body")


def render(setup: PageSetup, story: list[Flowable]) -> RenderedPdf:
    """Lay out ``story`` on A4 pages with the municipal furniture; return the PDF bytes."""
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=HEADER_H,
        bottomMargin=FOOTER_H, title=setup.title, author=setup.author or setup.branding.name,
        subject=setup.subject, creator=f"Samverkan Desktop {__version__}", keywords=list(setup.keywords),
        lang="sv-SE", displayDocTitle=True, initialFontName=FONT, invariant=1, keepTogetherClass=Keep,
        pageTemplates=[PageTemplate(id="page", frames=[body_frame(setup.sign_boxes)])],
    )
    doc.build(story, canvasmaker=partial(_DocumentCanvas, setup=setup))
    return RenderedPdf(buf.getvalue(), doc.canv.page_total)

