"""Record history from the change log (agreements, meetings), the minutes' text saved with a
version check, the people's-data service in the Services bundle (preview of a pseudonymisation),
and backup retention in the preferences."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from samverkan_desktop.db.backups import BackupPolicy
from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, MeetingStatus, OrgKind
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput
from samverkan_desktop.services.conflicts import conflict_view, overwrite_version
from samverkan_desktop.services.errors import ConflictError, ValidationError
from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput
from samverkan_desktop.services.privacy import PrivacyService, pseudonym_for
from samverkan_desktop.settings import Preferences, load_preferences, save_preferences

TODAY = date(2026, 11, 28)


@pytest.fixture
def agreement(sv: Services) -> tuple[int, int, int]:
    sv.db.user = "anna"
    own = sv.people.save_organisation("Ånge kommun", OrgKind.KOMMUN, is_own=True)
    partner = sv.people.save_organisation("Mitthögskolan", OrgKind.LAROSATE)
    aid = sv.agreements.create(AgreementInput(kind=AgreementKind.PARTNERAVTAL, status=AgreementStatus.UTKAST,
                                              title="Avtal A", our_organisation_id=own, start=date(2026, 1, 1),
                                              partner_ids=(partner,), annual_fee_ore=100_000_00), TODAY)
    return aid, own, partner


def test_agreement_history_is_readable_swedish_with_parts(sv: Services, agreement: tuple[int, int, int]) -> None:
    aid, own, partner = agreement
    d = sv.agreements.get(aid)
    sv.db.user = "bertil"
    sv.agreements.update(aid, d.version, replace(d.data, title="Avtal B", annual_fee_ore=250_000_00,
                                                 status=AgreementStatus.AKTIVT, partner_ids=()), TODAY)
    person = sv.people.save_person("Sara Lund", "Forskare", partner)
    sv.agreements.add_role(aid, person, "Kontaktperson", "partner")
    h = sv.agreements.history(aid)
    created = {e.field: e.new for e in h if e.action == "create" and not e.whole_part}
    assert created["Titel"] == "Avtal A" and created["Årsavgift"] == "100 000 kr"
    assert created["Vår organisation"] == "Ånge kommun" and created["Typ"] == "partneravtal"
    updates = {e.field: (e.user, e.old, e.new) for e in h if e.action == "update"}
    assert updates["Titel"] == ("bertil", "Avtal A", "Avtal B")
    assert updates["Årsavgift"] == ("bertil", "100 000 kr", "250 000 kr")
    assert updates["Status"] == ("bertil", "utkast", "aktivt")
    parts = [(e.action, e.field, e.old, e.new) for e in h if e.whole_part]
    assert parts == [("create", "Part", "", "Mitthögskolan"), ("delete", "Part", "Mitthögskolan", ""),
                     ("create", "Person i roll", "", "Sara Lund (Kontaktperson)")]
    assert all(e.at.tzinfo is not None for e in h)
    assert [e.id for e in h] == sorted(e.id for e in h)  # oldest first
    # another agreement's parts never leak in
    other = sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title="Annat",
                                                our_organisation_id=own, start=date(2026, 1, 1),
                                                partner_ids=(partner,)), TODAY)
    assert len(sv.agreements.history(aid)) == len(h)  # (SQLite gave the removed party's id to the new one)
    assert [e.new for e in sv.agreements.history(other) if e.whole_part] == ["Mitthögskolan"]
    # a removed agreement's id given to a new one: the new one's history starts at its creation
    sv.agreements.delete(other)
    again = sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title="Nytt",
                                                our_organisation_id=own, start=date(2026, 1, 1)), TODAY)
    assert again == other or not sv.db.is_sqlite  # SQLite reuses the id; PostgreSQL's sequence does not
    assert [(e.action, e.field, e.new) for e in sv.agreements.history(again) if e.field == "Titel"] == [
        ("create", "Titel", "Nytt")]
    assert not [e for e in sv.agreements.history(again) if e.whole_part]


def test_meeting_history_and_minutes_text_with_version(sv: Services) -> None:
    sv.db.user = "anna"
    mid = sv.meetings.create(MeetingInput(body=Body.STYRGRUPP, held_on=date(2027, 3, 2), place="Sal 1"))
    item = sv.meetings.add_item(mid, AgendaItemInput(title="Budget 2027"))
    attendee = sv.meetings.add_attendee(mid, "Anna Andersson", "ordförande")
    sv.meetings.remove_attendee(attendee)
    row = sv.meetings.get(mid).items[0]
    sv.meetings.update_item_text(item, proposal="Första förslaget", version=row.version)
    with pytest.raises(ConflictError) as caught:  # the editor still holds the old version
        sv.meetings.update_item_text(item, proposal="Mitt förslag", version=row.version)
    err = caught.value
    view = conflict_view(err, {"proposal": "Mitt förslag"}, {"proposal": row.proposal})
    assert [(r.label, r.mine, r.theirs, r.clash) for r in view.rows] == [
        ("Förslag till beslut", "Mitt förslag", "Första förslaget", True)]
    sv.meetings.update_item_text(item, proposal="Mitt förslag", version=overwrite_version(err))
    assert sv.meetings.get(mid).items[0].proposal == "Mitt förslag"

    h = sv.meetings.history(mid)
    lines = [(e.action, e.part, e.field, e.old, e.new) for e in h]
    assert ("create", "", "Organ", "", "styrgrupp") in lines
    assert ("create", "", "Ärende", "", "§ 1 Budget 2027") in lines
    assert ("create", "", "Deltagare", "", "Anna Andersson") in lines
    assert ("delete", "", "Deltagare", "Anna Andersson", "") in lines
    assert ("update", "Ärende: § 1 Budget 2027", "Förslag till beslut", "Första förslaget", "Mitt förslag") in lines


def test_privacy_is_in_the_bundle_and_the_preview_matches_the_result(demo_sv: Services) -> None:
    assert isinstance(demo_sv.privacy, PrivacyService)
    maria = next(p for p in demo_sv.people.people() if p.name == "Maria Ek")
    assert not maria.pseudonymised
    with pytest.raises(ValidationError) as caught:
        demo_sv.privacy.preview_pseudonymisation(maria.id, "   ")
    assert caught.value.field == "Skäl" and str(caught.value) == "Skäl: måste fyllas i"
    preview = demo_sv.privacy.preview_pseudonymisation(maria.id, "Begäran 2026-11-20")
    text = preview.consequences()
    assert pseudonym_for(maria.id) in text and "kan inte ångras" in text
    result = demo_sv.privacy.pseudonymise_person(maria.id, "Begäran 2026-11-20", "anna", version=maria.version)
    assert (preview.attendees_updated, preview.attendees_kept, preview.old_log_rows) == (
        result.attendees_updated, result.attendees_kept, result.old_log_rows)
    row = next(p for p in demo_sv.people.people() if p.id == maria.id)
    assert row.pseudonymised and row.name == pseudonym_for(maria.id)
    with pytest.raises(ValidationError):
        demo_sv.privacy.preview_pseudonymisation(maria.id)
    data = json.loads(demo_sv.privacy.export_person_json(maria.id))
    assert data["person"]["name"] == pseudonym_for(maria.id)


def test_attendances_on_adjusted_meetings_are_counted_as_kept(sv: Services) -> None:
    pid = sv.people.save_person("Olle Ström")
    done = sv.meetings.create(MeetingInput(body=Body.STYRGRUPP, held_on=date(2026, 3, 2)))
    sv.meetings.add_attendee(done, "Olle Ström", person_id=pid)
    for status in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT, MeetingStatus.JUSTERAT):
        sv.meetings.set_status(done, status)
    coming = sv.meetings.create(MeetingInput(body=Body.STYRGRUPP, held_on=date(2027, 3, 2)))
    sv.meetings.add_attendee(coming, "Olle Ström", person_id=pid)
    preview = sv.privacy.preview_pseudonymisation(pid)
    assert (preview.attendees_updated, preview.attendees_kept) == (1, 1)
    assert "1 närvaroposter på justerade möten" in preview.consequences()


def test_backup_counts_in_preferences_reach_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    assert BackupPolicy.from_preferences(Preferences()) == BackupPolicy(7, 4, 12)
    save_preferences(replace(Preferences(), backup_daily=3, backup_weekly=2, backup_monthly=24), path)
    prefs = load_preferences(path)
    assert BackupPolicy.from_preferences(prefs) == BackupPolicy(3, 2, 24)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw.update(backup_daily=0, backup_weekly=-1, backup_monthly=True)  # never fewer than one daily copy
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert BackupPolicy.from_preferences(load_preferences(path)) == BackupPolicy(7, 4, 12)
