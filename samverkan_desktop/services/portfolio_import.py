"""Import of activities from a workbook: plan (nothing written) and apply (one transaction).

The file is read by `exporters.portfolio_import` into `RowInput`s (typed cell values with
their sheet/row/column); this module resolves names to records, compares with the database,
validates with the portfolio service's own rules and writes everything in one transaction.

Decisions (documented for users in docs/EXCEL.md):
- An activity is identified by its id (Portfölj sheet). A row without id creates a new
  activity, unless an activity with the same title already exists in the same agreement (then
  it is an error: edit that one instead), so importing the same file twice creates nothing twice.
- The agreement is found by its title or case number (case-insensitive); agreements are never
  created by an import (they carry fees and notice rules).
- People are found by name (case-insensitive, spacing and Unicode form ignored). A name not in
  the register creates a new person (name only); the preview lists every new person, so a
  misspelt name is seen before anything is written. A name shared by two people is an error.
- The stage is never changed by an import: the workflow's gates stay authoritative. A changed
  Steg cell is reported as a warning; new activities start in "idé/dialog".
- Budget: a new activity's budget columns become budget lines (the budget year, or the start
  year, or this year; cost kind "övrigt"). An existing activity's budget is edited per year and
  cost kind in the application; a changed budget cell is reported as a warning, not imported.
- Optimistic lock: when the sheet's Version differs from the record's, an edited row is an
  error (someone changed the activity after the export). Clearing the Version cell overrides.
- All or nothing: if any row has an error, nothing is written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..domain.catalog import CostKind, FundingSource, by_label
from ..domain.followup import ActivityKind
from ..domain.stages import Stage
from ..models import Activity, Agreement, BudgetLine, Person
from .common import clean_text, load
from .errors import ValidationError
from .portfolio import ActivityInput, BudgetCell, activity_input, check_activity, insert_activity, update_activity

ERROR = "fel"
WARNING = "varning"

#: Swedish field labels used by the services' ValidationError -> the import's column keys.
_LABEL_TO_KEY = {
    "Titel": "title", "Förvaltning/bolag": "administration", "Diarienummer": "case_number",
    "Slutdatum": "end", "Startdatum": "start", "Ingår i": "parent", "Avtal": "agreement",
    "Ansvarig forskare": "researcher", "Ansvarig tjänsteperson": "official", "Forskningsfråga": "research_question",
    "Typ": "kind", "Budget": "budget", "Budget, år": "budget_year", "Budget, belopp": "budget",
}

#: Field key -> Swedish label for change lists
FIELD_LABELS = {
    "kind": "Typ", "title": "Titel", "agreement_id": "Avtal", "parent_id": "Ingår i",
    "administration": "Förvaltning/bolag", "responsible_official_id": "Ansvarig tjänsteperson",
    "responsible_researcher_id": "Ansvarig forskare", "start": "Start", "end": "Slut",
    "case_number": "Diarienummer", "research_question": "Forskningsfråga",
}

def norm_name(text: str) -> str:
    """For matching names and titles: NFC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int
    column: str
    header: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.sheet}, rad {self.row}" if self.row else self.sheet
        if self.column:
            where += f", kolumn {self.column}" + (f" ({self.header})" if self.header else "")
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class RowInput:
    """One data row as read from the file: typed values (money as int öre) by column key."""

    sheet: str
    row: int
    layout: str  # "portfolj" | "mall"
    values: dict[str, Any]
    #: column key -> (letter, header) for every column the sheet has
    columns: dict[str, tuple[str, str]]
    #: keys whose cell could not be read (already reported): left unchanged
    invalid: frozenset[str] = frozenset()

    def has(self, key: str) -> bool:
        return key in self.columns and key not in self.invalid


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PlannedActivity:
    sheet: str
    row: int
    activity_id: int | None  # None: create
    version: int | None  # the record's version when planned (apply refuses if it changed since)
    title: str
    data: ActivityInput
    new_official: str | None = None
    new_researcher: str | None = None
    parent_row: int | None = None  # parent created by an earlier row of the same file
    budget: tuple[BudgetCell, ...] = ()
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    creates: list[PlannedActivity] = field(default_factory=list)
    updates: list[PlannedActivity] = field(default_factory=list)
    unchanged: int = 0
    new_people: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates)


@dataclass(frozen=True)
class ImportOutcome:
    created_ids: list[int]
    updated_ids: list[int]
    people_created: int

    @property
    def created(self) -> int:
        return len(self.created_ids)

    @property
    def updated(self) -> int:
        return len(self.updated_ids)


class _Lookups:
    """Everything the plan needs from the database, in a handful of queries."""

    def __init__(self, s: Session, ids: set[int]) -> None:
        self.agreements_by_title: dict[str, list[int]] = {}
        self.agreements_by_case: dict[str, list[int]] = {}
        self.agreement_titles: dict[int, str] = {}
        for aid, title, case_no in s.execute(select(Agreement.id, Agreement.title, Agreement.case_number)):
            self.agreement_titles[aid] = title
            self.agreements_by_title.setdefault(norm_name(title), []).append(aid)
            if case_no:
                self.agreements_by_case.setdefault(norm_name(case_no), []).append(aid)
        self.people: dict[str, list[int]] = {}
        self.person_names: dict[int, str] = {}
        for pid, name in s.execute(select(Person.id, Person.name)):
            self.person_names[pid] = name
            self.people.setdefault(norm_name(name), []).append(pid)
        self.by_agreement_title: dict[tuple[int | None, str], int] = {}
        self.parents_by_title: dict[str, list[int]] = {}
        self.kinds: dict[int, str] = {}
        for aid, title, agreement_id, kind in s.execute(select(Activity.id, Activity.title, Activity.agreement_id,
                                                               Activity.kind)):
            self.by_agreement_title.setdefault((agreement_id, norm_name(title)), aid)
            self.kinds[aid] = kind
            if kind in (ActivityKind.PROGRAM.name, ActivityKind.PROFILOMRADE.name):
                self.parents_by_title.setdefault(norm_name(title), []).append(aid)
        self.current: dict[int, Activity] = {}
        self.budget: dict[int, list[int]] = {}
        id_list = sorted(ids)
        for n in range(0, len(id_list), 500):
            chunk = id_list[n:n + 500]
            for a in s.scalars(select(Activity).where(Activity.id.in_(chunk))):
                self.current[a.id] = a
            for aid, src, amount in s.execute(select(BudgetLine.activity_id, BudgetLine.source,
                                                     func.sum(BudgetLine.amount_ore))
                                              .where(BudgetLine.activity_id.in_(chunk))
                                              .group_by(BudgetLine.activity_id, BudgetLine.source)):
                cells = self.budget.setdefault(aid, [0] * len(FundingSource))
                cells[list(FundingSource).index(FundingSource[src])] += int(amount or 0)


class _RowPlanner:
    def __init__(self, lk: _Lookups, problems: list[ImportProblem], today: date) -> None:
        self.lk = lk
        self.problems = problems
        self.today = today
        self.new_people: dict[str, str] = {}  # norm -> name as first written
        self.created_titles: dict[tuple[int | None, str], int] = {}  # (agreement, title) -> row
        self.created_parents: dict[str, list[int]] = {}  # norm title -> rows
        self.seen_ids: dict[int, int] = {}

    def problem(self, r: RowInput, key: str, message: str, severity: str = ERROR) -> None:
        letter, header = r.columns.get(key, ("", ""))
        self.problems.append(ImportProblem(r.sheet, r.row, letter, header, message, severity))

    # -- resolving names
    def agreement(self, r: RowInput, text: str | None) -> tuple[bool, int | None]:
        if not text:
            return True, None
        key = norm_name(text)
        hits = set(self.lk.agreements_by_title.get(key, [])) or set(self.lk.agreements_by_case.get(key, []))
        if len(hits) == 1:
            return True, hits.pop()
        if hits:
            self.problem(r, "agreement", f"'{text}' passar flera avtal; ange avtalets diarienummer")
        else:
            self.problem(r, "agreement", f"avtalet '{text}' finns inte (ange avtalets titel eller diarienummer; "
                                         "avtal skapas inte genom import)")
        return False, None

    def person(self, r: RowInput, key: str, text: str | None) -> tuple[bool, int | None, str | None]:
        """(ok, existing id, name of a person to create)."""
        if not text:
            return True, None, None
        n = norm_name(text)
        hits = self.lk.people.get(n, [])
        if len(hits) == 1:
            return True, hits[0], None
        if hits:
            self.problem(r, key, f"det finns {len(hits)} personer som heter '{text}'; rätta dubbletten i "
                                 "personregistret först")
            return False, None, None
        try:
            name = clean_text(text, "Namn", required=True, max_len=200)
        except ValidationError as exc:
            self.problem(r, key, str(exc))
            return False, None, None
        self.new_people.setdefault(n, name)
        return True, None, self.new_people[n]

    def kind(self, r: RowInput, text: str | None) -> tuple[bool, ActivityKind | None]:
        if not text:
            return True, None
        try:
            return True, by_label(ActivityKind, text)
        except KeyError:
            self.problem(r, "kind", f"'{text}' är ingen aktivitetstyp (" + ", ".join(k.value for k in ActivityKind)
                         + ")")
            return False, None

    # -- one row
    def plan_row(self, r: RowInput, s: Session) -> PlannedActivity | None:
        errors_before = sum(1 for p in self.problems if p.severity == ERROR)
        v = r.values
        aid = v.get("id") if r.layout == "portfolj" and r.has("id") else None
        if r.layout == "portfolj" and "id" in r.invalid:
            return None
        if r.invalid and any(k in r.invalid for k in ("kind", "title")):
            return None  # already reported; nothing sensible to check further
        current = None
        if aid is not None:
            if aid in self.seen_ids:
                self.problem(r, "id", f"id {aid} förekommer redan på rad {self.seen_ids[aid]}; varje aktivitet får "
                                      "bara finnas på en rad")
                return None
            self.seen_ids[aid] = r.row
            current = self.lk.current.get(aid)
            if current is None:
                self.problem(r, "id", f"det finns ingen aktivitet med id {aid} (lämna Id tomt för att skapa en ny)")
                return None
        base = activity_input(current) if current is not None else None
        changes: dict[str, Any] = {}
        new_official = new_researcher = None
        parent_row = None

        if r.has("kind"):
            ok, k = self.kind(r, v.get("kind"))
            if ok and k is not None:
                changes["kind"] = k
            elif ok and current is None:
                self.problem(r, "kind", "typ saknas (" + ", ".join(k.value for k in ActivityKind) + ")")
            elif ok:
                self.problem(r, "kind", "typ saknas; lämna den oförändrad eller ange en typ")
        elif current is None:
            self.problem(r, "kind", "kolumnen Typ behövs för nya aktiviteter")
        if r.has("title"):
            changes["title"] = v.get("title") or ""
        if r.has("agreement"):
            ok, ag = self.agreement(r, v.get("agreement"))
            if ok:
                changes["agreement_id"] = ag
        for key, attr in (("official", "responsible_official_id"), ("researcher", "responsible_researcher_id")):
            if r.has(key):
                ok, pid, new_name = self.person(r, key, v.get(key))
                if ok:
                    changes[attr] = pid
                    if key == "official":
                        new_official = new_name
                    else:
                        new_researcher = new_name
        for key in ("administration", "case_number", "research_question"):
            if r.has(key):
                changes[key] = v.get(key) or ""
        for key in ("start", "end"):
            if r.has(key):
                changes[key] = v.get(key)
        if r.has("parent_id"):
            changes["parent_id"] = v.get("parent_id")
        if r.has("parent") and v.get("parent"):
            text = v["parent"]
            n = norm_name(text)
            existing = self.lk.parents_by_title.get(n, [])
            earlier = self.created_parents.get(n, [])
            if len(existing) + len(earlier) == 1:
                if existing:
                    changes["parent_id"] = existing[0]
                else:
                    parent_row = earlier[0]
            elif existing or earlier:
                self.problem(r, "parent", f"flera program eller profilbärande områden heter '{text}'")
            else:
                self.problem(r, "parent", f"det finns inget program eller profilbärande område som heter '{text}' "
                                          "(det kan också skapas på en rad ovanför i samma fil)")

        if base is None:
            kind = changes.pop("kind", None)
            if kind is None:
                return None
            try:
                data = ActivityInput(kind=kind, title=changes.pop("title", ""), **changes)
            except TypeError:  # pragma: no cover - keys are controlled above
                return None
        else:
            data = replace(base, **changes)
        # The services' own rules, without writing
        try:
            check_activity(s, data, aid)
        except ValidationError as exc:
            key = _LABEL_TO_KEY.get(exc.field, "") or _column_for(r, exc.field)
            if key == "parent" and "parent" not in r.columns:
                key = "parent_id"
            if key not in r.invalid:  # an unreadable cell is already reported
                self.problem(r, key, str(exc))
        if parent_row is not None and data.kind in (ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE):
            self.problem(r, "parent", "ett program eller profilbärande område kan inte ingå i ett annat")

        budget = self._budget(r, current, data)
        self._stage(r, current)
        title = data.title.strip()
        if current is None:
            dup_key = (data.agreement_id, norm_name(title))
            if title and dup_key in self.lk.by_agreement_title:
                self.problem(r, "title", f"en aktivitet med titeln '{title}' finns redan i samma avtal (id "
                                         f"{self.lk.by_agreement_title[dup_key]}); ändra den i stället för att skapa "
                                         "en ny")
            elif title and dup_key in self.created_titles:
                self.problem(r, "title", f"titeln '{title}' finns redan på rad {self.created_titles[dup_key]} i "
                                         "samma avtal")
            else:
                self.created_titles[dup_key] = r.row
        if sum(1 for p in self.problems if p.severity == ERROR) > errors_before:
            return None
        if current is None:
            if data.kind in (ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE):
                self.created_parents.setdefault(norm_name(title), []).append(r.row)
            return PlannedActivity(r.sheet, r.row, None, None, title, data, new_official, new_researcher, parent_row,
                                   budget)
        diff = _diff(base, data, self.lk, new_official, new_researcher)  # type: ignore[arg-type]
        if not diff:
            return PlannedActivity(r.sheet, r.row, aid, current.version, title, data)
        sheet_version = v.get("version") if r.has("version") else None
        if sheet_version is not None and sheet_version != current.version:
            self.problem(r, "version", f"aktiviteten har ändrats i programmet efter exporten (version {sheet_version}, "
                                       f"nu {current.version}); exportera på nytt och gör om ändringen, eller töm "
                                       "cellen Version för att skriva över medvetet")
            return None
        return PlannedActivity(r.sheet, r.row, aid, current.version, title, data, new_official, new_researcher, None,
                               (), tuple(diff))

    def _budget(self, r: RowInput, current: Activity | None, data: ActivityInput) -> tuple[BudgetCell, ...]:
        sources = list(FundingSource)
        keys = [f"budget_{src.name}" for src in sources]
        present = [k for k in keys if r.has(k)]
        if not present:
            return ()
        amounts = [r.values.get(k) if r.has(k) else None for k in keys]
        if current is not None:
            have = self.lk.budget.get(current.id, [0] * len(sources))
            for n, k in enumerate(keys):
                if r.has(k) and (amounts[n] or 0) != have[n]:
                    self.problem(r, k, "budgeten ändras per år och kostnadsslag i programmet; ändringen i den här "
                                       "cellen importeras inte", WARNING)
            return ()
        year = r.values.get("budget_year") if r.has("budget_year") else None
        year = year or (data.start.year if data.start else self.today.year)
        if not 1990 <= year <= 2100:
            self.problem(r, "budget_year", f"{year} är inget rimligt år")
            return ()
        cells = []
        for n, src in enumerate(sources):
            amount = amounts[n]
            if amount is None or amount == 0:
                continue
            if amount < 0:
                self.problem(r, keys[n], "budgeten får inte vara negativ")
                continue
            cells.append(BudgetCell(year, CostKind.OVRIGT, src, amount))
        return tuple(cells)

    def _stage(self, r: RowInput, current: Activity | None) -> None:
        if not r.has("stage"):
            return
        text = r.values.get("stage")
        if not text:
            return
        try:
            stage = by_label(Stage, text)
        except KeyError:
            self.problem(r, "stage", f"'{text}' är inget steg; steget ändras inte genom import", WARNING)
            return
        if current is None and stage != Stage.IDE:
            self.problem(r, "stage", f"nya aktiviteter börjar i steget {Stage.IDE.value}; flytta den till "
                                     f"{stage.value} i arbetsflödet (där kraven för varje steg kontrolleras)", WARNING)
        elif current is not None and stage.name != current.stage:
            self.problem(r, "stage", f"steget ändras inte genom import (är {Stage[current.stage].value}); använd "
                                     "arbetsflödet i programmet", WARNING)


def _column_for(r: RowInput, label: str) -> str:
    for key, (_, header) in r.columns.items():
        if header == label:
            return key
    return ""


def _diff(old: ActivityInput, new: ActivityInput, lk: _Lookups, new_official: str | None,
          new_researcher: str | None) -> list[FieldChange]:
    out = []
    for attr, label in FIELD_LABELS.items():
        a, b = getattr(old, attr), getattr(new, attr)
        if attr == "title":
            a, b = a.strip(), b.strip()
        new_person = {"responsible_official_id": new_official, "responsible_researcher_id": new_researcher}.get(attr)
        if a == b and new_person is None:
            continue
        out.append(FieldChange(label, _show(attr, a, lk), new_person + " (ny person)" if new_person
                               else _show(attr, b, lk)))
    return out


def _show(attr: str, value: Any, lk: _Lookups) -> str:
    if value is None or value == "":
        return "–"
    if attr == "agreement_id":
        return lk.agreement_titles.get(value, str(value))
    if attr in ("responsible_official_id", "responsible_researcher_id"):
        return lk.person_names.get(value, str(value))
    if attr == "kind":
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class PortfolioImportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def plan(self, rows: list[RowInput], today: date, problems: list[ImportProblem] | None = None) -> ImportPlan:
        """What the rows would change; nothing is written. `problems` (from reading) are carried along."""
        out_problems = list(problems or [])
        ids = {int(r.values["id"]) for r in rows if isinstance(r.values.get("id"), int)}
        creates: list[PlannedActivity] = []
        updates: list[PlannedActivity] = []
        unchanged = 0
        bad_rows = {(p.sheet, p.row) for p in out_problems if p.severity == ERROR}
        with self.db.reading() as s:
            lk = _Lookups(s, ids)
            planner = _RowPlanner(lk, out_problems, today)
            for r in rows:
                planned = planner.plan_row(r, s)
                if planned is None or (r.sheet, r.row) in bad_rows:
                    continue
                if planned.activity_id is None:
                    creates.append(planned)
                elif planned.changes:
                    updates.append(planned)
                else:
                    unchanged += 1
        out_problems.sort(key=lambda p: (p.sheet, p.row, len(p.column), p.column))
        used = {p.new_official for p in creates + updates} | {p.new_researcher for p in creates + updates}
        new_people = [n for n in planner.new_people.values() if n in used]
        return ImportPlan(creates, updates, unchanged, new_people, out_problems)

    def apply(self, plan: ImportPlan, today: date) -> ImportOutcome:
        """Write the plan in ONE transaction (the change log is written by the same session)."""
        if plan.errors:
            raise ValidationError("Import", f"filen har {len(plan.errors)} fel; inget har skrivits")
        created: list[int] = []
        updated: list[int] = []
        with self.db.writing() as s:
            people: dict[str, int] = {}
            n_people = 0
            if plan.new_people:
                registered = {norm_name(name): pid for pid, name in s.execute(select(Person.id, Person.name))}
                for name in plan.new_people:
                    n = norm_name(name)
                    if n in registered:  # added by someone else since the preview
                        people[n] = registered[n]
                        continue
                    p = Person(name=clean_text(name, "Namn", required=True, max_len=200))
                    s.add(p)
                    s.flush()
                    people[n] = int(p.id)  # type: ignore[arg-type]
                    n_people += 1
            by_row: dict[int, int] = {}
            for c in plan.creates:
                a = insert_activity(s, _resolve(c, people, by_row), today, stage=Stage.IDE,
                                    budget=list(c.budget) if c.budget else None)
                by_row[c.row] = int(a.id)  # type: ignore[arg-type]
                created.append(int(a.id))  # type: ignore[arg-type]
            for u in plan.updates:
                assert u.activity_id is not None
                a = load(s, Activity, u.activity_id, u.version)
                update_activity(s, a, _resolve(u, people, by_row), today)
                updated.append(a.id)  # type: ignore[arg-type]
        return ImportOutcome(created, updated, n_people)


def _resolve(p: PlannedActivity, people: dict[str, int], by_row: dict[int, int]) -> ActivityInput:
    data = p.data
    if p.new_official:
        data = replace(data, responsible_official_id=people[norm_name(p.new_official)])
    if p.new_researcher:
        data = replace(data, responsible_researcher_id=people[norm_name(p.new_researcher)])
    if p.parent_row is not None:
        data = replace(data, parent_id=by_row[p.parent_row])
    return data


__all__ = ["ERROR", "FieldChange", "ImportOutcome", "ImportPlan", "ImportProblem", "PlannedActivity",
           "PortfolioImportService", "RowInput", "WARNING", "norm_name"]
