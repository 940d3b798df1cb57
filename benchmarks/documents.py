"""Benchmark: one beslutsunderlag and 1 000 of them, against the floor of plain reportlab
rendering the same flowables in the same run.

    .venv/bin/python benchmarks/documents.py [--n 1000]

"Ours" is the whole renderer the application calls: `render_beslutsunderlag(data)` builds the
story (escaping, amounts, tables, two copies), lays it out with the municipal page furniture
(organisation, Dnr, "Exemplar n av 2", "Sida x av y" per copy, drawn at save time), sets the
metadata and returns the bytes. "Floor" is plain reportlab: a SimpleDocTemplate with the same
margins building the same flowables (the same story function, so the same paragraphs and
tables) on the default canvas, no furniture, no metadata. Both embed the same DejaVu subsets.
The ratio is what our layer costs on top of reportlab itself; the target is <= 1.3.
Data gathering from the database is timed separately (it is not reportlab work)."""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

from samverkan_desktop.domain.catalog import FundingSource, SignatoryKind  # noqa: E402
from samverkan_desktop.domain.money import kronor  # noqa: E402
from samverkan_desktop.exporters import pdf_base  # noqa: E402
from samverkan_desktop.exporters.decision_documents import beslutsunderlag_story, render_beslutsunderlag  # noqa: E402
from samverkan_desktop.exporters.document_models import (  # noqa: E402
    DecisionBasis,
    DecisionRef,
    FundingCell,
    OrgBranding,
    Party,
    ReportDue,
    Signatory,
)


def sample(i: int = 0) -> DecisionBasis:
    """A realistic beslutsunderlag (the demo's 'Språkutveckling i förskolan', with Łukasz)."""
    years = (2027, 2028)
    funding = tuple(FundingCell(y, src, kronor(kr)) for y in years for src, kr in (
        (FundingSource.AVTALSMEDEL, 515_000 + i), (FundingSource.NATURAINSATS, 150_000),
        (FundingSource.LAROSATE, 60_000)))
    return DecisionBasis(
        branding=OrgBranding("Örebro kommun"), doc_date=date(2026, 11, 28), case_number=f"ORU 2.1.2-{2210 + i}/26",
        activity_kind="projekt", title=f"Språkutveckling i förskolan {i}",
        agreement="Samverkansavtal Örebro kommunkoncern – Örebro universitet", agreement_case_number="Ks 2022-00417",
        parent_title="", researcher="Łukasz Dvořák", university="Örebro universitet", official="Erik Sandberg",
        administration="Förvaltningen Förskola och skola", start=date(2027, 1, 1), end=date(2028, 6, 30),
        research_question="Hur stärks barns språkutveckling i flerspråkiga förskolor?",
        deliverables="Vägledning för pedagoger\nUtvärdering i tre förskolor",
        parties=(Party("Lärosäte", "Örebro universitet", "202100-1041"), Party("Kommun", "Örebro kommun",
                                                                               "212000-1843")),
        decision=DecisionRef("styrgrupp", date(2026, 9, 24), "§ 4", "ORU 2.1.2-2210/26",
                             "Styrgruppen beviljar ansökan."),
        funding=funding, reports=(ReportDue("Årsrapport", date(2028, 1, 1)), ReportDue("Slutrapport",
                                                                                      date(2028, 6, 30))),
        closure_requirements=("en vetenskaplig slutrapport enligt publicerad mall, och",
                              "en populärvetenskaplig presentation vid ett resultatspridningstillfälle."),
        signatories=(Signatory("Örebro universitet", "Rektor", "Rektor Örebro universitet"),
                     Signatory("Örebro kommun", "Kommundirektör", "Kommundirektör Örebro",
                               SignatoryKind.KOMMUNDIREKTOR)),
    )


def ours(d: DecisionBasis) -> bytes:
    return render_beslutsunderlag(d).data


def floor(d: DecisionBasis) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=pdf_base.MARGIN_LEFT, rightMargin=pdf_base.MARGIN_RIGHT,
                            topMargin=pdf_base.HEADER_H, bottomMargin=pdf_base.FOOTER_H)
    doc.build(beslutsunderlag_story(d))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000, help="documents in the batch (default 1000)")
    p.add_argument("--single-runs", type=int, default=30, help="runs for the one-document median")
    p.add_argument("--json", type=Path, help="also write the figures to this file (benchmarks/run_all.py)")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    pdf_base.register_fonts()
    first = ours(sample())
    cold = time.perf_counter() - t0
    floor(sample())
    print(f"First document (font registration, cold caches): {cold * 1000:.0f} ms, {len(first) // 1024} KB")

    # CPU time of this process (time.process_time), not wall-clock: on a shared machine other
    # processes' load would otherwise land on whichever side happened to run at that moment.
    # Ours and the floor alternate document by document for the same reason.
    clock = time.process_time
    one_ours, one_floor = [], []
    d = sample()
    for _ in range(args.single_runs):
        t = clock()
        ours(d)
        one_ours.append(clock() - t)
        t = clock()
        floor(d)
        one_floor.append(clock() - t)

    story = []
    for _ in range(args.single_runs):
        t = clock()
        beslutsunderlag_story(d)
        story.append(clock() - t)

    batch_ours = batch_floor = 0.0
    for i in range(args.n):
        x = sample(i)
        t = clock()
        ours(x)
        batch_ours += clock() - t
        x = sample(i)
        t = clock()
        floor(x)
        batch_floor += clock() - t

    m_ours, m_floor = statistics.median(one_ours), statistics.median(one_floor)
    rows = [("1 beslutsunderlag (median)", f"{m_ours * 1000:.1f} ms", f"{m_floor * 1000:.1f} ms", m_ours / m_floor),
            (f"{args.n} beslutsunderlag", f"{batch_ours:.2f} s", f"{batch_floor:.2f} s", batch_ours / batch_floor)]
    print(f"\n{'':<28}{'ours':>12}{'floor':>12}{'ratio':>8}")
    for name, a, b, r in rows:
        print(f"{name:<28}{a:>12}{b:>12}{r:>8.2f}")
    print(f"{'  of which building the story (in both)':<28}{statistics.median(story) * 1000:>6.1f} ms")
    if args.json is not None:
        import json
        import resource

        args.json.write_text(json.dumps({
            "single": {"ours_s": m_ours, "floor_s": m_floor, "runs": args.single_runs},
            "batch": {"ours_s": batch_ours, "floor_s": batch_floor, "n": args.n},
            "story_s": statistics.median(story), "cold_first_s": cold,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), encoding="utf-8")
    print(f"\nCPU seconds of this process. Pages per document: 2 copies × {render_beslutsunderlag(d).pages // 2}; "
          f"{args.n} documents = {args.n * render_beslutsunderlag(d).pages} pages. Target ratio <= 1.3.")
    return 0 if max(r for *_, r in rows) <= 1.3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
