"""`samverkan-desktop export decision|certificate|agenda|minutes|calendar`: thin wrappers
around services.documents.DocumentService (every PDF written is recorded on its case)."""

from __future__ import annotations

import argparse
import os
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from ..services.documents import DocumentService, GeneratedPdf


def _save(sv: Any, pdf: GeneratedPdf, out: Path) -> int:
    saved = DocumentService(sv.db).save(pdf, out)
    pages = "sida" if pdf.pages == 1 else "sidor"
    print(f"{pdf.title}: {saved.path} ({pdf.pages} {pages})")
    print(f"SHA-256 {saved.sha256} (registrerad som dokument {saved.id})")
    return 0


def export_decision(sv: Any, args: argparse.Namespace, today: date) -> int:
    return _save(sv, DocumentService(sv.db).beslutsunderlag(args.activity, today), args.out)


def export_certificate(sv: Any, args: argparse.Namespace, today: date) -> int:
    return _save(sv, DocumentService(sv.db).medfinansieringsintyg(args.activity, today), args.out)


def export_agenda(sv: Any, args: argparse.Namespace, today: date) -> int:
    return _save(sv, DocumentService(sv.db).kallelse(args.meeting, today), args.out)


def export_minutes(sv: Any, args: argparse.Namespace, today: date) -> int:
    docs = DocumentService(sv.db)
    if args.paragraph is not None:
        return _save(sv, docs.protokollsutdrag(args.meeting, args.paragraph, today), args.out)
    return _save(sv, docs.protokoll(args.meeting, today), args.out)


def export_calendar(sv: Any, args: argparse.Namespace, today: date) -> int:
    data, events = DocumentService(sv.db).calendar_ics(today, args.days)
    out = Path(args.out)
    if out.is_dir():
        out = out / "samverkan.ics"
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"Kalender: {out.absolute()} ({events} händelser: möten och tidsfrister {args.days} dagar framåt)")
    return 0
