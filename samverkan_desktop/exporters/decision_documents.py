"""Beslutsunderlag (two numbered copies) and medfinansieringsintyg as PDF (seed 004)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from ..domain.catalog import FundingSource
from ..domain.money import format_money
from .document_models import CoFinancingCertificate, DecisionBasis, DecisionRef, FundingCell, Party, Signatory
from .pdf_base import (
    CONTENT_W,
    INK,
    Keep,
    PageSetup,
    RenderedPdf,
    SectionMark,
    SignatureSlot,
    esc,
    field_table,
    grid_table,
    iso,
    long_date,
    period,
    render,
    signature_block,
    styles,
    table,
)

__all__ = ["beslutsunderlag_story", "medfinansieringsintyg_story", "render_beslutsunderlag",
           "render_medfinansieringsintyg"]


# ---- shared pieces ---------------------------------------------------------------------
def title_block(title: str, subtitle: str, mark: str = "") -> Flowable:
    """Document title (user text) with an optional boxed mark at the right ("Exemplar 1 av 2")."""
    s = styles()
    left = [Paragraph(esc(title), s.title), Paragraph(esc(subtitle), s.subtitle)]
    if not mark:
        return table([[left]], [CONTENT_W], [("LEFTPADDING", (0, 0), (-1, -1), 0),
                                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    box_w = 42 * mm
    box = table([[Paragraph(esc(mark), s.mark)]], [box_w], [
        ("BOX", (0, 0), (-1, -1), 1.2, INK), ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5)])
    return table([[left, box]], [CONTENT_W - box_w - 4 * mm, box_w + 4 * mm], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
    ])


def parties_table(parties: Sequence[Party]) -> Table:
    w0, w2 = 38 * mm, 32 * mm
    return grid_table(["Part", "Organisation", "Org.nr"], [[p.role, p.name, p.org_nr or "–"] for p in parties],
                      [w0, CONTENT_W - w0 - w2, w2])


def decision_rows(d: DecisionRef | None) -> list[tuple[str, str]]:
    if d is None:
        return [("Beslut", "Inget beslut registrerat")]
    rows = [("Beslutande organ", d.body[:1].upper() + d.body[1:]), ("Datum", iso(d.decided_on)),
            ("Paragraf", d.paragraph or "–"), ("Diarienummer", d.case_number or "–"), ("Beslut", d.text)]
    if d.reservations:
        rows.append(("Reservationer", d.reservations))
    return rows


#: Short column heads (DejaVu is wide; a long head would break inside a word).
SOURCE_HEADS = {
    FundingSource.AVTALSMEDEL: "Avtalsmedel",
    FundingSource.EXTERN: "Extern finansiär",
    FundingSource.KOMMUN_KONTANT: "Kommunen, kontant",
    FundingSource.NATURAINSATS: "Naturainsats",
    FundingSource.LAROSATE: "Lärosätets insats",
}
SOURCE_NOTES = {
    FundingSource.AVTALSMEDEL: "avtalsmedel = samverkansavtalets medel",
    FundingSource.KOMMUN_KONTANT: "kommunen, kontant = kommunal medfinansiering i pengar",
    FundingSource.NATURAINSATS: "naturainsats = arbetstid och andra resurser i kommunens verksamhet",
}


@lru_cache(maxsize=1)
def _money_styles() -> tuple[ParagraphStyle, ...]:
    s = styles()
    return (ParagraphStyle("m_head", parent=s.cell_bold, fontSize=8.5, leading=11),
            ParagraphStyle("m_head_num", parent=s.cell_num_bold, fontSize=8.5, leading=11),
            ParagraphStyle("m_cell", parent=s.cell, fontSize=8.5, leading=11),
            ParagraphStyle("m_num", parent=s.cell_num, fontSize=8.5, leading=11),
            ParagraphStyle("m_bold", parent=s.cell_bold, fontSize=8.5, leading=11),
            ParagraphStyle("m_num_bold", parent=s.cell_num_bold, fontSize=8.5, leading=11))


def compact_decision_rows(d: DecisionRef | None) -> list[tuple[str, str]]:
    if d is None:
        return [("Beslut", "Inget beslut registrerat")]
    who = ", ".join(p for p in (d.body[:1].upper() + d.body[1:], iso(d.decided_on), d.paragraph) if p)
    if d.case_number:
        who += f", dnr {d.case_number}"
    rows = [("Beslutat av", who), ("Beslut", d.text)]
    if d.reservations:
        rows.append(("Reservationer", d.reservations))
    return rows


def funding_table(cells: Sequence[FundingCell], sources: Sequence[FundingSource] | None = None, *,
                  notes: bool = True) -> list[Flowable]:
    """Years down, sources across, totals on the right and at the bottom; amounts as '300 000 kr'."""
    s = styles()
    if not cells:
        return [Paragraph("Ingen budget är registrerad.", s.body)]
    order = list(FundingSource)
    used = list(sources) if sources is not None else sorted({c.source for c in cells}, key=order.index)
    years = sorted({c.year for c in cells})
    amount: dict[tuple[int, FundingSource], int] = {}
    for c in cells:
        amount[(c.year, c.source)] = amount.get((c.year, c.source), 0) + c.amount_ore
    head, head_num, cell, num, bold, num_bold = _money_styles()
    rows: list[list[str | Flowable]] = []
    for y in years:
        vals = [amount.get((y, src), 0) for src in used]
        rows.append([Paragraph(str(y), cell)] + [Paragraph(format_money(v), num) for v in vals]
                    + [Paragraph(format_money(sum(vals)), num)])
    col_totals = [sum(amount.get((y, src), 0) for y in years) for src in used]
    rows.append([Paragraph("Totalt", bold)] + [Paragraph(format_money(v), num_bold) for v in col_totals]
                + [Paragraph(format_money(sum(col_totals)), num_bold)])
    year_w, total_w = 15 * mm, 27 * mm
    src_w = min(40 * mm, (CONTENT_W - year_w - total_w) / max(1, len(used)))
    heads: list[str | Flowable] = [Paragraph("År", head)] + [Paragraph(esc(SOURCE_HEADS[src]), head_num)
                                                             for src in used] + [Paragraph("Totalt", head_num)]
    t = grid_table(heads, rows, [year_w] + [src_w] * len(used) + [total_w], numeric=range(1, len(used) + 2),
                   total_row=True)
    explained = [SOURCE_NOTES[src] for src in used if src in SOURCE_NOTES] if notes else []
    out: list[Flowable] = [t]
    if explained:
        text = "; ".join(explained) + "."
        out += [Spacer(1, 1.5 * mm), Paragraph(esc(text[:1].upper() + text[1:]), s.small)]
    return out


def signature_slots(signatories: Sequence[Signatory]) -> list[SignatureSlot]:
    return [SignatureSlot((f"För {sig.organisation}", sig.title), sig.name) for sig in signatories]


def bullets(items: Sequence[str]) -> list[Flowable]:
    s = styles()
    return [Paragraph(esc(x), s.bullet, bulletText="–") for x in items]


# ---- beslutsunderlag -------------------------------------------------------------------
def _copy(d: DecisionBasis, mark: str) -> list[Flowable]:
    s = styles()
    copies = {1: "ett (1)", 2: "två (2)", 3: "tre (3)"}.get(d.copies, str(d.copies))
    kind = d.activity_kind[:1].upper() + d.activity_kind[1:]
    subtitle = f"Beslutsunderlag för {d.activity_kind}" + (f" inom {d.agreement}" if d.agreement else "")
    story: list[Flowable] = [title_block(d.title, subtitle, mark), Spacer(1, 2 * mm)]
    dec = d.decision
    when = ""
    if dec is not None:
        parts = [p for p in (dec.body, dec.paragraph) if p]
        when = f" genom beslut {long_date(dec.decided_on)}" if dec.decided_on else " genom beslut"
        when += f" ({', '.join(parts)})" if parts else ""
    story.append(Paragraph(
        f"Detta beslutsunderlag avser aktiviteten nedan, som har beviljats{esc(when)}. Det upprättas i {copies} "
        "likalydande exemplar som undertecknas av parterna. Först när båda parter har undertecknat kan de beslutade "
        "medlen föras över till projektkontot.", s.body))

    story += [Paragraph("1. Parter", s.h2), parties_table(d.parties)]

    rows = [("Typ", kind), ("Titel", d.title)]
    if d.parent_title:
        rows.append(("Ingår i", d.parent_title))
    if d.agreement:
        rows.append(("Samverkansavtal", d.agreement + (f" (dnr {d.agreement_case_number})"
                                                        if d.agreement_case_number else "")))
    rows += [("Ansvarig forskare", ", ".join(p for p in (d.researcher, d.university) if p)),
             ("Ansvarig tjänsteperson", d.official), ("Förvaltning/bolag", d.administration),
             ("Period", period(d.start, d.end))]
    if d.research_question:
        rows.append(("Forskningsfråga", d.research_question))
    if d.deliverables:
        rows.append(("Leveranser till kommunen", d.deliverables))
    story += [Paragraph("2. Aktiviteten", s.h2), field_table(rows)]

    story += [Paragraph("3. Beslut", s.h2), field_table(decision_rows(d.decision))]

    story.append(Keep([Paragraph("4. Beslutad finansiering", s.h2),
                               Paragraph("Belopp per år och finansieringskälla enligt den beslutade budgeten.",
                                         s.small), Spacer(1, 2 * mm)] + funding_table(d.funding)))

    if d.reports:
        w = 45 * mm
        story.append(Keep([
            Paragraph("5. Villkor", s.h2),
            Paragraph("Uppföljning", s.h3),
            Paragraph("Aktiviteten redovisas för beredningen och styrgruppen enligt följande. Uppnådda mål jämförs "
                      "med beslutad leverans och beslutade mål.", s.body),
            grid_table(["Redovisning", "Ska lämnas senast"], [[r.label, iso(r.due)] for r in d.reports],
                       [CONTENT_W - w, w])]))
    else:
        story += [Paragraph("5. Villkor", s.h2), Paragraph("Uppföljning", s.h3),
                  Paragraph("Uppföljningen bestäms när aktivitetens period är fastställd.", s.body)]
    story.append(Keep([Paragraph("Avslutning", s.h3),
                               Paragraph("Styrgruppen beslutar om avslutning när följande finns:", s.body)]
                              + bullets(d.closure_requirements)))
    story.append(Paragraph("Utbetalning", s.h3))
    story.append(Paragraph("Beslutade medel förs över först när detta beslutsunderlag är undertecknat av båda "
                           "parter.", s.body))

    lead = [Paragraph("6. Underskrifter", s.h2),
            Paragraph(f"Detta beslutsunderlag har upprättats i {copies} likalydande exemplar, av vilka parterna "
                      "har tagit var sitt.", s.body), Spacer(1, 5 * mm)]
    story += signature_block(signature_slots(d.signatories), lead=lead)
    return story


def beslutsunderlag_story(d: DecisionBasis) -> list[Flowable]:
    """All copies, each starting on a new page with its own mark and page numbering."""
    story: list[Flowable] = []
    for n in range(1, d.copies + 1):
        if n > 1:
            story.append(PageBreak())
        mark = f"Exemplar {n} av {d.copies}"
        story.append(SectionMark(mark))
        story += _copy(d, mark)
    return story


def beslutsunderlag_setup(d: DecisionBasis) -> PageSetup:
    return PageSetup(kind="BESLUTSUNDERLAG", title=d.title, doc_date=d.doc_date, branding=d.branding,
                     case_number=d.case_number, subject=f"Beslutsunderlag för {d.activity_kind}: {d.title}",
                     keywords=tuple(k for k in ("beslutsunderlag", d.case_number) if k))


def render_beslutsunderlag(d: DecisionBasis) -> RenderedPdf:
    return render(beslutsunderlag_setup(d), beslutsunderlag_story(d))


# ---- medfinansieringsintyg -------------------------------------------------------------
NBSP = "\u00a0"  # keeps an amount in running text on one line
MUNICIPAL_SOURCES = (FundingSource.KOMMUN_KONTANT, FundingSource.NATURAINSATS)


def medfinansieringsintyg_story(d: CoFinancingCertificate) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [title_block("Medfinansieringsintyg", f"Ansökan till {d.funder}: {d.title}")]
    total = sum(c.amount_ore for c in d.cofinancing)
    story.append(Paragraph(
        f"Härmed intygas att {esc(d.municipality)} medfinansierar ansökan nedan med sammanlagt "
        f"<b>{esc(format_money(total)).replace(' ', NBSP)}</b>, under förutsättning att {esc(d.funder)} beviljar ansökan.", s.body))

    def named(role: str, fallback: str) -> str:
        p = next((p for p in d.parties if p.role == role), None)
        if p is None:
            return fallback
        return f"{p.name} (org.nr {p.org_nr})" if p.org_nr else p.name

    uni_role = next((p.role for p in d.parties if p.name == d.university), "Lärosäte")
    rows = [("Finansiär", named("Extern finansiär", d.funder)), ("Ansökan", f"{d.title} ({d.activity_kind})"),
            ("Sökande lärosäte", named(uni_role, d.university)), ("Ansvarig forskare", d.researcher),
            ("Medfinansierande part", named("Kommunalt bolag", named("Kommun", d.municipality))),
            ("Kommunens kontaktperson", ", ".join(p for p in (d.official, d.administration) if p)),
            ("Projektperiod", period(d.start, d.end)),
            ("Sökt belopp från finansiären", format_money(d.applied_from_funder_ore))]
    story += [Paragraph("Ansökan", s.h2), field_table(rows)]
    story.append(Keep([Paragraph("Kommunens medfinansiering", s.h2),
                               Spacer(1, 1 * mm)] + funding_table(d.cofinancing, MUNICIPAL_SOURCES, notes=False)))
    story += [Paragraph("Beslut om medfinansiering", s.h2), field_table(compact_decision_rows(d.decision))]
    lead = [Paragraph("Villkor", s.h2), Paragraph(
        f"Intyget gäller om {esc(d.funder)} beviljar ansökan. Därefter upprättas ett beslutsunderlag i två "
        "exemplar; medlen förs över när det är undertecknat av båda parter.", s.body),
        Paragraph("Underskrifter", s.h2), Spacer(1, 1 * mm)]
    story += signature_block(signature_slots(d.signatories), lead=lead)
    return story


def render_medfinansieringsintyg(d: CoFinancingCertificate) -> RenderedPdf:
    setup = PageSetup(kind="MEDFINANSIERINGSINTYG", title=f"Medfinansieringsintyg – {d.title}", doc_date=d.doc_date,
                      branding=d.branding, case_number=d.case_number,
                      subject=f"Medfinansieringsintyg för ansökan till {d.funder}",
                      keywords=tuple(k for k in ("medfinansieringsintyg", d.funder, d.case_number) if k))
    return render(setup, medfinansieringsintyg_story(d))
