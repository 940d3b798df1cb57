"""Kallelse/dagordning, protokoll and protokollsutdrag as PDF, in the municipal form of
seed 000: each § with its case number, title, proposal, motions, decision procedure,
decision, reservations and "Beslutet skickas till"; justering lines for the minutes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from .decision_documents import title_block
from .document_models import AgendaEntry, MeetingDocument
from .pdf_base import (
    CONTENT_W,
    INK,
    Keep,
    RULE,
    PageSetup,
    RenderedPdf,
    clock,
    esc,
    field_table,
    grid_table,
    iso,
    long_date,
    render,
    signature_rows,
    styles,
    table,
)

__all__ = ["kallelse_story", "protokoll_story", "protokollsutdrag_story", "render_kallelse", "render_protokoll",
           "render_protokollsutdrag"]


NBSP = "\u00a0"  # "§ 14" never breaks after the sign


def _when(m: MeetingDocument) -> str:
    text = long_date(m.held_on, weekday=True)
    if m.start_time:
        text += f", kl. {clock(m.start_time)}" + (f"–{clock(m.end_time)}" if m.end_time else "")
    return text


def _paragraphs(m: MeetingDocument) -> str:
    nums = [i.paragraph for i in m.items]
    if not nums:
        return "–"
    if nums == list(range(nums[0], nums[0] + len(nums))) and len(nums) > 1:
        return f"§{NBSP}{nums[0]}–{nums[-1]}"
    return ", ".join(f"§{NBSP}{n}" for n in nums)


def _setup(m: MeetingDocument, kind: str, title: str, case_number: str, sign_boxes: bool) -> PageSetup:
    return PageSetup(kind=kind, title=title, doc_date=m.doc_date, branding=m.branding, case_number=case_number,
                     subject=f"{kind.capitalize()}, {m.body.lower()} {m.held_on.isoformat()}",
                     keywords=tuple(k for k in (kind.lower(), m.body, case_number) if k), sign_boxes=sign_boxes)


# ---- kallelse/dagordning -------------------------------------------------------------
def kallelse_story(m: MeetingDocument) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [title_block(f"Kallelse – {m.title}", _when(m))]
    story.append(Paragraph(f"Härmed kallas till sammanträde med {esc(m.body.lower())}.", s.body))
    rows = [("Organ", m.body), ("Tid", _when(m)), ("Plats", m.place)]
    rows += [(label, value) for label, value in (("Ordförande", m.chair), ("Sekreterare", m.secretary)) if value]
    story.append(field_table(rows))
    story.append(Paragraph("Kallade", s.h2))
    if m.attendees:
        w = 70 * mm
        story.append(grid_table(["Namn", "Roll"], [[a.name, a.role or "–"] for a in m.attendees], [w, CONTENT_W - w]))
    else:
        story.append(Paragraph("Inga kallade är registrerade.", s.body))
    story.append(Paragraph("Dagordning", s.h2))
    if m.items:
        rows = []
        for i in m.items:
            cell = f"<b>{esc(i.title)}</b><br/><font size=\"8.5\" color=\"#555555\">{esc(i.kind.capitalize())}</font>"
            if i.proposal:
                cell += f"<br/><font size=\"8.5\">Förslag till beslut: {esc(i.proposal)}</font>"
            docs = "<br/>".join(f"– {esc(d)}" for d in i.documents) or "–"
            rows.append([f"§{NBSP}{i.paragraph}", Paragraph(cell, s.cell), i.case_number or "–", Paragraph(docs, s.cell)])
        w0, w2, w3 = 16 * mm, 30 * mm, 50 * mm
        story.append(grid_table(["§", "Ärende", "Dnr", "Handlingar"], rows, [w0, CONTENT_W - w0 - w2 - w3, w2, w3]))
    else:
        story.append(Paragraph("Dagordningen är ännu tom.", s.body))
    story.append(Spacer(1, 6 * mm))
    who = f" ({esc(m.secretary)})" if m.secretary else ""
    story.append(Paragraph(f"Förhinder anmäls snarast till sekreteraren{who}.", s.small))
    return story


def render_kallelse(m: MeetingDocument) -> RenderedPdf:
    return render(_setup(m, "KALLELSE", f"Kallelse – {m.title} {m.held_on.isoformat()}", m.case_number, False),
                  kallelse_story(m))


# ---- one § in the municipal form ------------------------------------------------------
def paragraph_block(i: AgendaEntry) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(f"§{NBSP}{i.paragraph}", s.para_no),
                           Paragraph(f"Ärendenummer {esc(i.case_number or '–')}", s.meta),
                           Paragraph(esc(i.title), s.h2)]

    def section(head: str, text: str, bold: bool = False) -> None:
        if text.strip():
            out.append(Paragraph(head, s.h3))
            body = esc(text.strip())
            out.append(Paragraph(f"<b>{body}</b>" if bold else body, s.body))

    section("Förslag till beslut", i.proposal)
    section("Yrkanden", i.motions)
    section("Beslutsgång", i.decision_procedure)
    section("Beslut", i.decision or "Inget beslut är antecknat.", bold=True)
    section("Reservationer", i.reservations)
    if i.documents:
        section("Beslutsunderlag", "\n".join(i.documents))
    if i.sent_to:
        section("Beslutet skickas till", "\n".join(i.sent_to))
    return out


def _attendance(m: MeetingDocument) -> list[tuple[str, str]]:
    def names(flag: bool | None) -> str:
        return "\n".join(f"{a.name}, {a.role}" if a.role else a.name for a in m.attendees if a.present is flag)

    rows = [("Närvarande", names(True) or "–")]
    if any(a.present is False for a in m.attendees):
        rows.append(("Frånvarande", names(False)))
    if any(a.present is None for a in m.attendees):
        rows.append(("Kallade, närvaro ej antecknad", names(None)))
    return rows


def _justering(m: MeetingDocument) -> Flowable:
    s = styles()
    rows = [("Sekreterare", m.secretary), ("Ordförande", m.chair)]
    rows += [("Justerare", a) for a in (m.adjusters or ("",))]
    lead = [Paragraph("Underskrifter", s.h2),
            Paragraph(f"Paragrafer {esc(_paragraphs(m))}", s.small), Spacer(1, 1 * mm)]
    return signature_rows(rows, lead=lead, place_and_time="Justeringens plats och tid")


def _public_notice(m: MeetingDocument) -> Flowable:
    """Anslag/bevis: the justering is announced on the municipality's notice board."""
    s = styles()
    blank = "\u00a0"
    rows = [("Organ", m.body), ("Sammanträdesdatum", iso(m.held_on)), ("Datum då anslaget sätts upp", blank),
            ("Datum då anslaget tas ned", blank), ("Förvaringsplats för protokollet", blank), ("Underskrift", blank)]
    label_w = 62 * mm
    data = [[Paragraph(esc(a), s.label), Paragraph(esc(b), s.cell)] for a, b in rows]
    style = [("BOX", (0, 0), (-1, -1), 0.7, INK), ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 4),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    return Keep([Paragraph("Anslag/bevis", s.h2),
                         Paragraph("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.", s.small),
                         Spacer(1, 1.5 * mm), table(data, [label_w, CONTENT_W - label_w], style)])


# ---- protokoll -----------------------------------------------------------------------
def protokoll_story(m: MeetingDocument) -> list[Flowable]:
    story: list[Flowable] = [title_block(f"Protokoll – {m.title}", f"Sammanträdesdatum {iso(m.held_on)}")]
    rows = [("Organ", m.body), ("Plats och tid", ", ".join(p for p in (m.place, _when(m)) if p))]
    rows += _attendance(m)
    rows += [("Ordförande", m.chair), ("Sekreterare", m.secretary), ("Justerare", ", ".join(m.adjusters)),
             ("Paragrafer", _paragraphs(m)),
             ("Justering", "Protokollet är justerat." if m.adjusted else "Protokollet är inte justerat.")]
    story.append(field_table(rows))
    story.append(Spacer(1, 4 * mm))
    story.append(_justering(m))
    if m.public_notice:
        story.append(_public_notice(m))
    for i in m.items:
        story.append(PageBreak())
        story += paragraph_block(i)
    return story


def render_protokoll(m: MeetingDocument) -> RenderedPdf:
    return render(_setup(m, "PROTOKOLL", f"Protokoll – {m.title} {m.held_on.isoformat()}", m.case_number, True),
                  protokoll_story(m))


# ---- protokollsutdrag ----------------------------------------------------------------
def _item(m: MeetingDocument, paragraph: int) -> AgendaEntry:
    for i in m.items:
        if i.paragraph == paragraph:
            return i
    raise KeyError(f"§ {paragraph}")


def protokollsutdrag_story(m: MeetingDocument, paragraph: int) -> list[Flowable]:
    i = _item(m, paragraph)
    story: list[Flowable] = [title_block(f"Protokollsutdrag – {m.title}",
                                         f"Sammanträdesdatum {iso(m.held_on)}, § {paragraph}")]
    story.append(field_table([("Plats och tid", ", ".join(p for p in (m.place, _when(m)) if p)),
                              ("Justering", "Protokollet är justerat." if m.adjusted else
                               "Protokollet är inte justerat.")]))
    story.append(Spacer(1, 4 * mm))
    story += paragraph_block(i)
    story.append(_certification(m))
    return story


def _certification(m: MeetingDocument) -> Flowable:
    """Utdragsbestyrkande: place and date, signature, name – one row, kept with its heading."""
    s = styles()
    gap = 10 * mm
    col = (CONTENT_W - gap) / 2
    sign = "Underskrift" + (f", {m.secretary}" if m.secretary else "")
    data = [["", "", ""], [Paragraph("Ort och datum", s.sign_label), "", Paragraph(esc(sign), s.sign_label)]]
    style = [("LINEABOVE", (0, 1), (0, 1), 0.7, INK), ("LINEABOVE", (2, 1), (2, 1), 0.7, INK),
             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
             ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    return Keep([Paragraph("Utdragsbestyrkande", s.h3),
                         Paragraph("Utdraget överensstämmer med originalprotokollet.", s.small),
                         table(data, [col, gap, col], style, rowHeights=[12 * mm, None])])


def render_protokollsutdrag(m: MeetingDocument, paragraph: int) -> RenderedPdf:
    i = _item(m, paragraph)
    setup = _setup(m, "PROTOKOLLSUTDRAG", f"Protokollsutdrag – {m.title} {m.held_on.isoformat()} § {paragraph}",
                   i.case_number or m.case_number, True)
    return render(setup, protokollsutdrag_story(m, paragraph))
