"""Two people editing the same agreement or activity: two real clients (two Database objects,
each with its own engine and connections) on one SQLite file and on PostgreSQL.

- every interleaving of {A reads, B reads, A saves, B saves} (isolationtester style): the second
  save of a record someone else saved in between raises ConflictError (showing their values),
  and both ways on — reload, or overwrite deliberately — work;
- a randomised run of reads, saves, reloads and deliberate overwrites;
- a truly concurrent run (two threads appending to the same text field).
Every run counts lost updates: a save that replaced a committed value its author had not seen.
The figure must be 0."""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm.exc import StaleDataError

from samverkan_desktop.db.database import Database
from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, OrgKind
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput
from samverkan_desktop.services.conflicts import conflict_view, is_conflict, overwrite_version
from samverkan_desktop.services.errors import ConflictError
from samverkan_desktop.services.portfolio import ActivityInput

TODAY = date(2026, 11, 28)
FIGURES: dict[str, int] = {"interleavings": 0, "saves": 0, "conflicts": 0, "lost_updates": 0}


@pytest.fixture
def clients(db: Database) -> Iterator[tuple[Services, Services, dict[str, int]]]:
    """Two independent clients on the same database, and the records they both edit."""
    other = Database(db.path if db.path is not None else db.url)
    a, b = Services.build(db), Services.build(other)
    db.user, other.user = "anna", "bertil"
    own = a.people.save_organisation("Ånge kommun", OrgKind.KOMMUN, is_own=True)
    aid = a.agreements.create(AgreementInput(kind=AgreementKind.PARTNERAVTAL, status=AgreementStatus.AKTIVT,
                                             title="Gemensamt avtal", our_organisation_id=own,
                                             start=date(2026, 1, 1), end=date(2027, 12, 31),
                                             annual_fee_ore=300_000_00), TODAY)
    act = a.portfolio.create(ActivityInput(kind=ActivityKind.PROJEKT, title="Gemensam aktivitet"), TODAY)
    yield a, b, {"agreement": aid, "activity": act}
    other.dispose()


class Editor:
    """One person's form: load, edit, save (with the loaded version)."""

    def __init__(self, name: str, sv: Services, entity: str, ident: int) -> None:
        self.name, self.sv, self.entity, self.ident = name, sv, entity, ident
        self.loaded: Any = None
        self.seen = -1  # how many commits this person has seen (read, or shown in a conflict)

    def read(self, commits: int) -> None:
        self.loaded = (self.sv.agreements.get(self.ident) if self.entity == "agreement"
                       else self.sv.portfolio.get(self.ident, TODAY))
        self.seen = commits

    def edited(self, value: str) -> Any:
        data = self.loaded.data
        return replace(data, notes=value, title=f"{data.title.split(' · ')[0]} · {self.name}")

    def save(self, data: Any, version: int | None = None) -> None:
        v = self.loaded.version if version is None else version
        if self.entity == "agreement":
            self.sv.agreements.update(self.ident, v, data, TODAY)
        else:
            self.sv.portfolio.update(self.ident, v, data, TODAY)

    def current_notes(self) -> str:
        self.read(self.seen)
        return str(self.loaded.data.notes)


@dataclass
class Ledger:
    commits: int = 0
    saved: list[tuple[str, str, int]] = field(default_factory=list)  # (who, value, commits seen when saving)
    conflicts: int = 0

    def lost_updates(self) -> int:
        """Saves whose value was replaced by a save whose author had not seen it."""
        lost = 0
        for i in range(len(self.saved) - 1):
            later = self.saved[i + 1]
            if later[2] < i + 1:  # the next saver had seen fewer commits than this one
                lost += 1
        return lost


def _interleavings() -> list[tuple[str, ...]]:
    steps = ["A read", "B read", "A save", "B save"]
    out = []
    for perm in itertools.permutations(steps):
        if perm.index("A read") < perm.index("A save") and perm.index("B read") < perm.index("B save"):
            out.append(perm)
    return out


INTERLEAVINGS = _interleavings()


@pytest.mark.parametrize("entity", ["agreement", "activity"])
@pytest.mark.parametrize("order", INTERLEAVINGS, ids=[" ".join(s.replace(" ", "") for s in o) for o in INTERLEAVINGS])
def test_every_interleaving_of_two_editors(clients: tuple[Services, Services, dict[str, int]], entity: str,
                                           order: tuple[str, ...], report: Callable[[dict[str, Any]], None]) -> None:
    sv_a, sv_b, ids = clients
    # the way on after a conflict alternates, so both are taken for both entities
    resolution = ("reload", "overwrite")[(INTERLEAVINGS.index(order) + (entity == "activity")) % 2]
    eds = {"A": Editor("A", sv_a, entity, ids[entity]), "B": Editor("B", sv_b, entity, ids[entity])}
    ledger = Ledger()
    conflict: tuple[Editor, ConflictError, Any] | None = None
    for step in order:
        who, action = step.split()
        ed = eds[who]
        if action == "read":
            ed.read(ledger.commits)
            continue
        value = f"{who}:{'-'.join(order)}"
        data = ed.edited(value)
        must_conflict = ed.seen < ledger.commits
        try:
            ed.save(data)
        except ConflictError as exc:
            assert must_conflict, f"{step}: a conflict without an intervening save"
            ledger.conflicts += 1
            conflict = (ed, exc, data)
            view = conflict_view(exc, data, ed.loaded.data)
            fields = {r.field: r for r in view.rows}
            assert "notes" in fields and "title" in fields
            assert fields["notes"].changed_by_me and fields["notes"].changed_by_them and fields["notes"].clash
            assert fields["notes"].theirs == ledger.saved[-1][1]
            assert view.their_version == ed.loaded.version + 1 and view.summary()
            continue
        assert not must_conflict, f"{step}: saved over a change it had not seen"
        ledger.commits += 1
        ledger.saved.append((who, value, ed.seen))
    final = eds["A"].current_notes()
    assert final == ledger.saved[-1][1]
    expected_conflicts = 1 if order.index("A save") > order.index("B read") and order.index("B save") > order.index("A read") else 0
    assert ledger.conflicts == expected_conflicts
    if conflict is not None:  # the two ways on from the dialog
        ed, exc, mine = conflict
        if resolution == "reload":
            ed.read(ledger.commits)
            value = f"{ed.name}:efter omläsning"
            ed.save(ed.edited(value))
        else:
            value = mine.notes
            ed.save(mine, version=overwrite_version(exc))
            ed.seen = ledger.commits  # the dialog showed the other person's values
        ledger.commits += 1
        ledger.saved.append((ed.name, value, ed.seen))
        assert eds["A"].current_notes() == value
    assert ledger.lost_updates() == 0
    FIGURES["interleavings"] += 1
    FIGURES["saves"] += len(ledger.saved)
    FIGURES["conflicts"] += ledger.conflicts
    report({"entity": entity, "order": list(order), "saves": len(ledger.saved), "conflicts": ledger.conflicts,
            "lost_updates": ledger.lost_updates()})


def _random_run(clients: tuple[Services, Services, dict[str, int]], steps: int, seed: int) -> dict[str, int]:
    sv_a, sv_b, ids = clients
    rng = random.Random(seed)
    figures = {"steps": 0, "saves": 0, "conflicts": 0, "reloads": 0, "overwrites": 0, "lost_updates": 0}
    for entity in ("agreement", "activity"):
        eds = [Editor("A", sv_a, entity, ids[entity]), Editor("B", sv_b, entity, ids[entity])]
        ledger = Ledger()
        for ed in eds:
            ed.read(0)
        for n in range(steps):
            ed = rng.choice(eds)
            figures["steps"] += 1
            if rng.random() < 0.3:
                ed.read(ledger.commits)
                continue
            value = f"{ed.name}{n}"
            data = ed.edited(value)
            try:
                ed.save(data)
            except ConflictError as exc:
                assert ed.seen < ledger.commits
                figures["conflicts"] += 1
                if rng.random() < 0.5:
                    figures["reloads"] += 1
                    ed.read(ledger.commits)
                    continue
                figures["overwrites"] += 1
                ed.seen = ledger.commits
                ed.save(data, version=overwrite_version(exc))
            else:
                assert ed.seen == ledger.commits, "a blind overwrite went through"
            ledger.commits += 1
            figures["saves"] += 1
            ledger.saved.append((ed.name, value, ed.seen))
            ed.read(ledger.commits)  # after saving, the form shows the saved record
        assert eds[0].current_notes() == ledger.saved[-1][1]
        figures["lost_updates"] += ledger.lost_updates()
    return figures


def test_randomised_editing(clients: tuple[Services, Services, dict[str, int]],
                            report: Callable[[dict[str, Any]], None]) -> None:
    seed = random.randrange(1 << 30)
    figures = _random_run(clients, 40, seed)
    report({**figures, "seed": seed})
    assert figures["lost_updates"] == 0 and figures["conflicts"] > 0, (seed, figures)


@pytest.mark.slow
def test_randomised_editing_long(clients: tuple[Services, Services, dict[str, int]],
                                 report: Callable[[dict[str, Any]], None]) -> None:
    seed = random.randrange(1 << 30)
    figures = _random_run(clients, 3000, seed)
    report({**figures, "seed": seed})
    assert figures["lost_updates"] == 0, (seed, figures)


def test_truly_concurrent_appends(clients: tuple[Services, Services, dict[str, int]],
                                  report: Callable[[dict[str, Any]], None]) -> None:
    """Two threads read-modify-write the same notes field at the same time, retrying after each
    conflict. Every token a save reported as saved must be in the final text (0 lost updates)."""
    sv_a, sv_b, ids = clients
    rounds = 12
    saved: dict[str, list[str]] = {"A": [], "B": []}
    conflicts = {"A": 0, "B": 0}
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(name: str, sv: Services, seed: int) -> None:
        rng = random.Random(seed)
        try:
            start.wait()
            for i in range(rounds):
                token = f"<{name}{i}>"
                while True:
                    d = sv.agreements.get(ids["agreement"])
                    time.sleep(rng.uniform(0, 0.004))
                    try:
                        sv.agreements.update(ids["agreement"], d.version,
                                             replace(d.data, notes=d.data.notes + token), TODAY)
                    except ConflictError:  # a StaleDataError (a race the row lock missed) fails the test
                        conflicts[name] += 1
                        continue
                    saved[name].append(token)
                    break
        except BaseException as exc:  # noqa: BLE001 - reported in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=("A", sv_a, 1)), threading.Thread(target=run, args=("B", sv_b, 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    final = sv_a.agreements.get(ids["agreement"])
    lost = [t for name in saved for t in saved[name] if t not in final.data.notes]
    report({"saves": sum(len(v) for v in saved.values()), "conflicts": sum(conflicts.values()),
            "lost_updates": len(lost), "version": final.version})
    assert lost == []
    assert len(saved["A"]) == len(saved["B"]) == rounds
    assert final.version == 1 + 2 * rounds


@pytest.mark.parametrize("entity", ["agreement", "activity"])
def test_a_save_racing_another_inside_its_transaction_is_a_conflict(
        clients: tuple[Services, Services, dict[str, int]], entity: str) -> None:
    """B saves the same record between A's read of the stored version and A's UPDATE (inside A's
    transaction, the instant a version check in Python cannot see). Without the row lock A's
    UPDATE matched no row on PostgreSQL (StaleDataError: the crash dialog). Now B waits for A's
    commit, then gets the ConflictError the conflict dialog shows, with A's values as theirs."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    sv_a, sv_b, ids = clients
    ident = ids[entity]
    a, b = Editor("A", sv_a, entity, ident), Editor("B", sv_b, entity, ident)
    a.read(0)
    b.read(0)
    version = a.loaded.version
    outcome: dict[str, BaseException | None] = {}
    main = threading.get_ident()

    def b_saves() -> None:
        try:
            b.save(b.edited("B:s ändring"))
            outcome["B"] = None
        except BaseException as exc:  # noqa: BLE001 - asserted below
            outcome["B"] = exc

    racer = threading.Thread(target=b_saves)

    def before_flush(session: Session, *_: Any) -> None:
        if threading.get_ident() == main and not racer.is_alive() and "B" not in outcome:
            racer.start()
            racer.join(1.5)  # B either commits now (no lock) or waits for A's commit

    event.listen(Session, "before_flush", before_flush)
    try:
        a.save(a.edited("A:s ändring"))  # without the lock: StaleDataError here
    finally:
        event.remove(Session, "before_flush", before_flush)
    racer.join(30)
    assert not racer.is_alive()
    err = outcome["B"]
    assert isinstance(err, ConflictError), err
    assert err.theirs["notes"] == "A:s ändring" and err.theirs["version"] == version + 1
    a.read(1)
    assert a.loaded.data.notes == "A:s ändring" and a.loaded.version == version + 1


def test_stale_data_error_counts_as_a_conflict() -> None:
    assert is_conflict(StaleDataError("x")) and is_conflict(ConflictError("Avtalet", 1))
    assert not is_conflict(ValueError("x"))


def test_a_deadlock_on_postgresql_is_told_as_a_race_not_a_lost_connection(
        clients: tuple[Services, Services, dict[str, int]]) -> None:
    """Two transactions that each wait for a row the other has locked: PostgreSQL aborts one
    (SQLSTATE 40P01). That is someone saving at the same moment, not a broken connection."""
    from sqlalchemy import text

    from samverkan_desktop.db.errors import LockedDatabaseError
    from samverkan_desktop.db.open import runtime_error

    sv_a, sv_b, ids = clients
    if sv_a.db.is_sqlite:
        pytest.skip("SQLite admits one writer at a time: no deadlock between two")
    lock = "SELECT id FROM {} WHERE id = :id FOR UPDATE"
    errors: list[BaseException] = []
    ready = threading.Barrier(2)

    def take(db: Database, first: tuple[str, int], second: tuple[str, int]) -> None:
        try:
            with db.engine.begin() as conn:
                conn.execute(text(lock.format(first[0])), {"id": first[1]})
                ready.wait()
                conn.execute(text(lock.format(second[0])), {"id": second[1]})
        except Exception as exc:  # noqa: BLE001 - the aborted one is asserted below
            errors.append(exc)

    agreement, activity = ("agreement", ids["agreement"]), ("activity", ids["activity"])
    threads = [threading.Thread(target=take, args=(sv_a.db, agreement, activity)),
               threading.Thread(target=take, args=(sv_b.db, activity, agreement))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 1, errors
    problem = runtime_error(errors[0], sv_a.db)
    assert isinstance(problem, LockedDatabaseError)
    assert "Någon annan ändrade samma uppgifter" in problem.message and "i samma ögonblick" in problem.message
    assert "Förbindelsen" not in problem.message
