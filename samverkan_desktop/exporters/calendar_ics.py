"""Meetings and deadlines as iCalendar (RFC 5545), written by hand: a small, pure module with
no runtime dependency (the `icalendar` package only checks it, in the tests).

- Stable UIDs (`meeting-<id>@…`, `deadline-<ref>-<id>-<what>@…`), so importing the file again
  updates the events instead of duplicating them.
- TEXT values escaped (backslash, semicolon, comma, newline); lines folded at 75 octets
  without splitting a UTF-8 character; CRLF line ends.
- Meetings in local time with TZID=Europe/Stockholm and its VTIMEZONE; deadlines as
  all-day events with a reminder ahead (VALARM): 30 days for notice, extension and the end of
  an agreement, 7 days for the rest, none for dates already past.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .. import __version__
from ..domain.radar import Deadline, DeadlineKind

__all__ = ["CalendarMeeting", "build_calendar", "deadline_uid", "escape_text", "fold", "meeting_uid"]

TZID = "Europe/Stockholm"
UID_DOMAIN = "samverkan-desktop"
DEFAULT_MEETING_HOURS = 2

#: Europe/Stockholm since 1996 (EU rules): CEST from the last Sunday in March 02:00, CET from
#: the last Sunday in October 03:00.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

_EARLY_WARNING = frozenset({DeadlineKind.UPPSAGNING, DeadlineKind.FORLANGNING, DeadlineKind.AVTALSSLUT})
#: Kinds that can occur several times for one record (several notice dates, two breach
#: deadlines): their UID includes the date.
_DATED_UID = frozenset({DeadlineKind.UPPSAGNING, DeadlineKind.BRIST})
#: Report reminders keep their UID when they become overdue.
_UID_GROUP = {DeadlineKind.RAPPORT_FORSENAD: "rapport"}


@dataclass(frozen=True)
class CalendarMeeting:
    id: int
    title: str
    body: str
    held_on: date
    start_time: str  # "HH:MM" or ""
    end_time: str
    place: str
    status: str
    agenda: tuple[str, ...] = ()
    sequence: int = 0


# ---- RFC 5545 primitives ---------------------------------------------------------------
def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    v = value.replace("\r\n", "\n").replace("\r", "\n")
    v = v.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return v.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with a space), never inside a
    UTF-8 sequence; lines end with CRLF."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # don't split a character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # the leading space counts
    return "\r\n ".join(parts) + "\r\n"


def _utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _local(d: date, hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime(d.year, d.month, d.day, h, m)


def meeting_uid(meeting_id: int) -> str:
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def deadline_uid(d: Deadline) -> str:
    what = _UID_GROUP.get(d.kind, d.kind.name.lower())
    tail = f"-{d.due:%Y%m%d}" if d.kind in _DATED_UID else ""
    return f"deadline-{d.ref_type}-{d.ref_id}-{what}{tail}@{UID_DOMAIN}"


# ---- events ---------------------------------------------------------------------------
def _meeting_event(m: CalendarMeeting, stamp: str) -> list[str]:
    summary = m.title or m.body
    desc = [m.body[:1].upper() + m.body[1:], f"Status: {m.status}"]
    if m.agenda:
        desc += ["", "Dagordning:"] + list(m.agenda)
    lines = ["BEGIN:VEVENT", f"UID:{meeting_uid(m.id)}", f"DTSTAMP:{stamp}", f"SEQUENCE:{max(0, m.sequence)}"]
    if m.start_time:
        start = _local(m.held_on, m.start_time)
        end = _local(m.held_on, m.end_time) if m.end_time else start + timedelta(hours=DEFAULT_MEETING_HOURS)
        if end <= start:
            end = start + timedelta(hours=1)
        lines += [f"DTSTART;TZID={TZID}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}"]
    else:
        lines += [f"DTSTART;VALUE=DATE:{m.held_on:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{m.held_on + timedelta(days=1):%Y%m%d}"]
    lines += [f"SUMMARY:{escape_text(summary)}"]
    if m.place:
        lines.append(f"LOCATION:{escape_text(m.place)}")
    lines += [f"DESCRIPTION:{escape_text(chr(10).join(desc))}", f"CATEGORIES:{escape_text('Möte')}",
              f"STATUS:{'TENTATIVE' if m.status == 'planerat' else 'CONFIRMED'}", "TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def _deadline_event(d: Deadline, stamp: str, today: date) -> list[str]:
    kind = d.kind.value[:1].upper() + d.kind.value[1:]
    lines = ["BEGIN:VEVENT", f"UID:{deadline_uid(d)}", f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{d.due:%Y%m%d}", f"DTEND;VALUE=DATE:{d.due + timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{escape_text(d.title)}", f"DESCRIPTION:{escape_text(f'{kind}: {d.detail}')}",
             f"CATEGORIES:{escape_text('Tidsfrist')},{escape_text(kind)}", "TRANSP:TRANSPARENT"]
    if d.due > today:
        days = 30 if d.kind in _EARLY_WARNING else 7
        days = min(days, (d.due - today).days) or 1
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(d.title)}",
                  f"TRIGGER:-P{days}D", "END:VALARM"]
    return lines + ["END:VEVENT"]


def build_calendar(meetings: Sequence[CalendarMeeting], deadlines: Iterable[Deadline], *, today: date,
                   stamp: datetime, name: str = "Samverkan Desktop") -> tuple[bytes, int]:
    """The calendar as UTF-8 bytes and the number of events. Meeting items of the radar are
    left out: the meetings themselves are in the calendar with their times."""
    st = _utc(stamp)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Samverkan Desktop//Samverkan Desktop {__version__}//SV",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{TZID}",
             *VTIMEZONE]
    n = 0
    for m in meetings:
        lines += _meeting_event(m, st)
        n += 1
    for d in deadlines:
        if d.kind == DeadlineKind.MOTE:
            continue
        lines += _deadline_event(d, st, today)
        n += 1
    lines.append("END:VCALENDAR")
    return "".join(fold(ln) for ln in lines).encode("utf-8"), n
