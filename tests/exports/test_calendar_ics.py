"""The iCalendar export, parsed back with the `icalendar` package."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.radar import DeadlineKind
from samverkan_desktop.exporters.calendar_ics import escape_text, fold
from samverkan_desktop.services import Services
from samverkan_desktop.services.documents import DocumentService
from samverkan_desktop.services.errors import ValidationError
from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput

TODAY = date(2026, 11, 28)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
STAMP_1 = datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc)
STAMP_2 = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)
HOSTILE = 'Möte; del 1, del 2 \\ "x" <b>y</b>\nandra raden'


def parse(data: bytes) -> Calendar:
    cal = Calendar.from_ical(data)
    assert isinstance(cal, Calendar)
    return cal


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def exported(demo_sv: Services) -> tuple[Services, bytes, int]:
    data, n = DocumentService(demo_sv.db).calendar_ics(TODAY, 365, stamp=STAMP_1)
    return demo_sv, data, n


def test_every_meeting_and_every_radar_deadline(exported: tuple[Services, bytes, int]) -> None:
    sv, data, n = exported
    cal = parse(data)
    evs = events(cal)
    assert len(cal.walk("VEVENT")) == len(evs) == n  # UIDs unique
    meetings = sv.meetings.list_rows()
    radar = [d for d in sv.deadlines.radar(TODAY, 365) if d.kind != DeadlineKind.MOTE]
    assert n == len(meetings) + len(radar)
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Stockholm" and cal.walk("VTIMEZONE")
    # a meeting: local Stockholm time, place, agenda in the description
    called = next(m for m in meetings if m.item_count and m.held_on > TODAY)
    ev = evs[f"meeting-{called.id}@samverkan-desktop"]
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")  # type: ignore[attr-defined]
    assert start == datetime.combine(called.held_on, time(13, 0), STOCKHOLM)
    assert end - start == timedelta(hours=2)
    assert start.utcoffset() == timedelta(hours=1)  # CET in February
    assert str(ev["LOCATION"]) == "Örebro universitet, Långhuset"  # type: ignore[index]
    assert "§ 1 Cirkulära byggmaterial i kommunala fastigheter" in str(ev["DESCRIPTION"])  # type: ignore[index]
    summer = next(m for m in meetings if m.held_on.month == 6)
    s_start = evs[f"meeting-{summer.id}@samverkan-desktop"].decoded("DTSTART")  # type: ignore[attr-defined]
    assert s_start.utcoffset() == timedelta(hours=2)  # CEST
    # deadlines: all-day, with a reminder ahead when still to come
    for d in radar:
        matching = [e for e in evs.values() if e.decoded("DTSTART") == d.due  # type: ignore[attr-defined]
                    and str(e["SUMMARY"]) == d.title]  # type: ignore[index]
        assert len(matching) == 1, d
        e = matching[0]
        assert type(e.decoded("DTSTART")) is date  # type: ignore[attr-defined]
        alarms = e.walk("VALARM")  # type: ignore[attr-defined]
        if d.due > TODAY:
            assert alarms and alarms[0].decoded("TRIGGER") < timedelta(0)
        else:
            assert not alarms


def test_uids_are_stable_across_exports(exported: tuple[Services, bytes, int]) -> None:
    sv, first, _ = exported
    second, _ = DocumentService(sv.db).calendar_ics(TODAY, 365, stamp=STAMP_2)
    a, b = events(parse(first)), events(parse(second))
    assert set(a) == set(b)
    uid = next(iter(a))
    assert a[uid].decoded("DTSTAMP") == STAMP_1 and b[uid].decoded("DTSTAMP") == STAMP_2  # type: ignore[attr-defined]
    # a later day: an overdue report keeps its UID
    later, _ = DocumentService(sv.db).calendar_ics(TODAY + timedelta(days=200), 365, stamp=STAMP_2)
    kept = set(events(parse(later))) & set(a)
    assert any(u.startswith("deadline-report-") for u in kept)


def test_hostile_text_survives_escaping_and_folding(demo_sv: Services) -> None:
    mid = demo_sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2027, 1, 12), HOSTILE, HOSTILE + " plats",
                                               "09:00", ""))
    demo_sv.meetings.add_item(mid, AgendaItemInput("Punkt; med, komma \\ och Łukasz Dvořák " + "å" * 80))
    data, _ = DocumentService(demo_sv.db).calendar_ics(TODAY, 30, stamp=STAMP_1)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")
    data.decode("utf-8")  # folding never splits a character
    ev = events(parse(data))[f"meeting-{mid}@samverkan-desktop"]
    assert str(ev["SUMMARY"]) == HOSTILE  # type: ignore[index]
    assert str(ev["LOCATION"]) == HOSTILE + " plats"  # type: ignore[index]
    assert "Punkt; med, komma \\ och Łukasz Dvořák " + "å" * 80 in str(ev["DESCRIPTION"])  # type: ignore[index]
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")  # type: ignore[attr-defined]
    assert end - start == timedelta(hours=2)  # no end time: the default length


def test_negative_days_refused(demo_sv: Services) -> None:
    with pytest.raises(ValidationError):
        DocumentService(demo_sv.db).calendar_ics(TODAY, -1)


def test_escape_text() -> None:
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_fold_keeps_lines_short_and_unfolds_to_the_original(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line).encode("utf-8")
    assert folded.endswith(b"\r\n")
    assert all(len(part) <= 75 for part in folded[:-2].split(b"\r\n"))
    assert folded[:-2].replace(b"\r\n ", b"").decode("utf-8") == line


def test_cli_writes_the_calendar(demo_sv: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from samverkan_desktop.cli import main

    out = tmp_path / "samverkan.ics"
    db_path = demo_sv.db.path
    demo_sv.db.dispose()
    assert main(["--db", str(db_path), "--today", TODAY.isoformat(), "export", "calendar", "--out", str(out),
                 "--days", "60"]) == 0
    assert "händelser" in capsys.readouterr().out
    assert parse(out.read_bytes()).walk("VEVENT")


def test_the_export_reads_meetings_in_a_fixed_number_of_queries(demo_sv: Services) -> None:
    """One query per meeting made the export of 5 000 meetings take 7 s: the number of statements
    does not grow with the meetings."""
    from sqlalchemy import event

    def statements() -> int:
        seen: list[str] = []

        def count(conn, cursor, statement, *_):  # type: ignore[no-untyped-def]
            seen.append(statement)

        event.listen(demo_sv.db.engine, "before_cursor_execute", count)
        try:
            DocumentService(demo_sv.db).calendar_ics(TODAY, 365, stamp=STAMP_1)
        finally:
            event.remove(demo_sv.db.engine, "before_cursor_execute", count)
        return len(seen)

    before = statements()
    for k in range(12):
        mid = demo_sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2027, 3, 1) + timedelta(days=k), "", "Sal A",
                                                   "09:00", ""))
        demo_sv.meetings.add_item(mid, AgendaItemInput(f"Punkt {k}"))
    assert statements() == before
    data, _ = DocumentService(demo_sv.db).calendar_ics(TODAY, 365, stamp=STAMP_1)
    description = str(events(parse(data))[f"meeting-{mid}@samverkan-desktop"]["DESCRIPTION"])  # type: ignore[index]
    assert description.endswith("Dagordning:\n§ 12 Punkt 11")  # the paragraphs run on through the body's year
