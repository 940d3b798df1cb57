"""People's data (GDPR extract and pseudonymisation), the conflict dialog's rows, and the
command-line restore / person commands."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from samverkan_desktop.cli import main
from samverkan_desktop.db.backup import backup_sqlite, logical_digest
from samverkan_desktop.db.database import Database
from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, MeetingStatus, OrgKind
from samverkan_desktop.models import Attendee, ChangeLog, Decision, Person
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput
from samverkan_desktop.services.conflicts import conflict_view, diff_rows, display_value, form_values
from samverkan_desktop.services.errors import ConflictError, ValidationError
from samverkan_desktop.services.privacy import PrivacyService, pseudonym_for

TODAY = date(2026, 11, 28)


def _person_with_history(demo_sv: Services) -> int:
    people = {p.name: p.id for p in demo_sv.people.people()}
    return people["Karin Sjöberg"]


def test_export_person_has_everything_about_them(demo_sv: Services) -> None:
    pid = _person_with_history(demo_sv)
    data = PrivacyService(demo_sv.db).export_person(pid)
    json.dumps(data, ensure_ascii=False)  # plain JSON values only
    assert data["person"]["name"] == "Karin Sjöberg" and data["person"]["email"] == "karin.sjoberg@example.se"
    assert data["person"]["organisation"] == "Örebro universitet"
    assert data["roller_i_avtal"] and all(r["avtal"] for r in data["roller_i_avtal"])
    log = data["ändringslogg"]
    assert any(r["post"] == "person" and r["post_id"] == pid and r["fält"] == "name" for r in log)
    assert "art. 15" in data["om"]


def test_export_lists_responsibilities_and_attendances(sv: Services) -> None:
    from samverkan_desktop.domain.cadence import Body
    from samverkan_desktop.domain.followup import ActivityKind
    from samverkan_desktop.services.meetings import MeetingInput
    from samverkan_desktop.services.portfolio import ActivityInput

    org = sv.people.save_organisation("Universitetet", OrgKind.LAROSATE)
    pid = sv.people.save_person("Åsa Öberg", "Professor", org, "asa@example.se", "070-123 45 67")
    act = sv.portfolio.create(ActivityInput(kind=ActivityKind.PROJEKT, title="Projekt X",
                                            responsible_researcher_id=pid), TODAY)
    mid = sv.meetings.create(MeetingInput(body=Body.STYRGRUPP, held_on=TODAY, chair="Åsa Öberg"))
    sv.meetings.add_attendee(mid, "", "ledamot", person_id=pid, present=True)
    data = PrivacyService(sv.db).export_person(pid)
    assert data["ansvar_för_aktiviteter"] == [{"aktivitet_id": act, "titel": "Projekt X", "steg": "IDE",
                                               "som": ["ansvarig forskare"]}]
    assert data["närvaro_vid_möten"][0]["namn_i_protokollet"] == "Åsa Öberg"
    assert data["nämns_i_möten"][0]["som"] == "ordförande"
    assert any(r["fält"] == "responsible_researcher_id" and r["efter"] == str(pid) for r in data["ändringslogg"])


def test_pseudonymise_keeps_decisions_and_minutes_and_logs_who_and_why(sv: Services, harness: ModuleType) -> None:
    from samverkan_desktop.domain.cadence import Body
    from samverkan_desktop.services.meetings import MeetingInput

    org = sv.people.save_organisation("Bolaget", OrgKind.KOMMUNALT_BOLAG)
    pid = sv.people.save_person("Per Persson", "Chef", org, "per@example.se", "08-1")
    open_meeting = sv.meetings.create(MeetingInput(body=Body.STYRGRUPP, held_on=TODAY))
    sv.meetings.add_attendee(open_meeting, "", "ledamot", person_id=pid)
    done = sv.meetings.create(MeetingInput(body=Body.STYRGRUPP, held_on=date(2026, 1, 10)))
    sv.meetings.add_attendee(done, "", "ledamot", person_id=pid)
    for st in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT, MeetingStatus.JUSTERAT):
        sv.meetings.set_status(done, st)
    own = sv.people.save_organisation("Kommunen", OrgKind.KOMMUN, is_own=True)
    aid = sv.agreements.create(AgreementInput(kind=AgreementKind.PARTNERAVTAL, status=AgreementStatus.AKTIVT,
                                              title="Avtal", our_organisation_id=own, start=TODAY), TODAY)
    sv.agreements.add_role(aid, pid, "Kontaktperson")
    sv.agreements.add_decision(aid, "Kommunstyrelsen", TODAY, "Per Persson utses till kontaktperson", "§ 3")

    privacy = PrivacyService(sv.db)
    with pytest.raises(ValidationError, match="Skäl"):
        privacy.pseudonymise_person(pid, "  ")
    result = privacy.pseudonymise_person(pid, "Begäran enligt art. 17 (dnr KS 2026/9)", "dataskyddsombud")
    assert result.pseudonym == pseudonym_for(pid) == f"Person {pid} (pseudonymiserad)"
    assert (result.attendees_updated, result.attendees_kept) == (1, 1)
    assert result.old_log_rows > 0 and "kan inte ändras" in result.message()
    with sv.db.reading() as s:
        p = s.get(Person, pid)
        assert (p.name, p.title, p.email, p.phone) == (result.pseudonym, "", "", "")
        assert p.pseudonymised_at is not None and p.version == 2
        names = dict(s.execute(select(Attendee.meeting_id, Attendee.name)).all())
        assert names == {open_meeting: result.pseudonym, done: "Per Persson"}  # adjusted minutes kept
        decision = s.scalars(select(Decision).where(Decision.agreement_id == aid)).one()
        assert decision.outcome == "Per Persson utses till kontaktperson"  # public record kept
        rows = s.scalars(select(ChangeLog).where(ChangeLog.action == "pseudonym")).all()
        assert [(r.user, r.field, r.new) for r in rows] == [
            ("dataskyddsombud", "skäl", "Begäran enligt art. 17 (dnr KS 2026/9)")]
        new_rows = s.scalars(select(ChangeLog).where(ChangeLog.at == rows[0].at)).all()
        assert all("per@example.se" not in (r.old or "") + (r.new or "") for r in new_rows)
        assert all("Per Persson" not in (r.old or "") + (r.new or "") for r in new_rows)
    assert sv.agreements.get(aid).roles[0].person_name == result.pseudonym
    assert harness.changelog_mismatches(sv.db.engine) == []  # the pseudonymisation is fully logged
    with pytest.raises(ValidationError, match="redan pseudonymiserad"):
        privacy.pseudonymise_person(pid, "igen")
    with pytest.raises(ConflictError):
        privacy.pseudonymise_person(sv.people.save_person("Annan", "", org), "skäl", version=99)


def test_old_change_log_rows_cannot_be_rewritten(sv: Services) -> None:
    sv.people.save_person("Loggad Person", "", None, "l@example.se")
    with pytest.raises(DBAPIError):
        with sv.db.writing() as s:
            s.execute(text("UPDATE change_log SET new = 'x' WHERE field = 'name'"))


# ---- conflict dialog rows -------------------------------------------------------------------------

def test_conflict_rows_show_labels_and_readable_values() -> None:
    mine = AgreementInput(kind=AgreementKind.PARTNERAVTAL, title="Mitt", our_organisation_id=1, start=TODAY,
                          annual_fee_ore=300_000_00, status=AgreementStatus.AKTIVT, discount_bp=1500)
    base = form_values(mine) | {"title": "Original", "annual_fee_ore": 300_000_00}
    theirs = form_values(mine) | {"title": "Deras", "annual_fee_ore": 250_000_00, "status": "UPPSAGT",
                                  "id": 7, "version": 4}
    rows = {r.field: r for r in diff_rows("agreement", form_values(mine), theirs, base)}
    assert set(rows) == {"title", "annual_fee_ore", "status"}
    assert rows["title"].label == "Titel" and rows["title"].clash
    assert rows["annual_fee_ore"].mine == "300 000 kr" and rows["annual_fee_ore"].theirs == "250 000 kr"
    assert rows["annual_fee_ore"].changed_by_them and not rows["annual_fee_ore"].changed_by_me
    assert rows["status"].theirs == AgreementStatus.UPPSAGT.value
    err = ConflictError("Avtalet", 7, theirs)
    view = conflict_view(err, mine, base)
    assert view.entity == "agreement" and view.their_version == 4 and view.clashes == 1
    assert "3 fält skiljer sig" in view.summary()
    assert display_value("agreement", "discount_bp", 1500) == "15 %"
    assert display_value("activity", "responsible_researcher_id", 3, lambda f, i: "Åsa Öberg") == "Åsa Öberg"


# ---- command line ------------------------------------------------------------------------------------

def test_cli_restore_and_person_commands(tmp_path: Path, sqlite_template: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.sqlite"
    shutil.copyfile(sqlite_template, path)
    db = Database(path)
    sv = Services.build(db)
    pid = sv.people.save_person("Cli Person", "", None, "cli@example.se")
    copy = backup_sqlite(db.engine, tmp_path / "kopia.sqlite")
    want = logical_digest(copy)
    sv.people.save_person("Efter kopian", "", None)
    db.dispose()

    assert main(["--db", str(path), "person", "export", str(pid), "--out", str(tmp_path / "p.json")]) == 0
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["person"]["name"] == "Cli Person"
    assert main(["--db", str(path), "person", "pseudonymise", str(pid), "--reason", "Test"]) == 0
    assert "pseudonymiserats" in capsys.readouterr().out

    assert main(["--db", str(path), "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "återställts" in out and "finns kvar" in out
    assert logical_digest(path) == want
    (tmp_path / "text.sqlite").write_text("nej", encoding="utf-8")
    before = path.read_bytes()
    assert main(["--db", str(path), "restore", str(tmp_path / "text.sqlite")]) == 1
    assert "ingen SQLite-databas" in capsys.readouterr().err
    assert path.read_bytes() == before
