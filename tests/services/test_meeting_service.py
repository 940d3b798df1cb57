"""Meeting service additions used by the Möten tab: one decision per item, minutes text saved
with the decision, removing attendees and items, plan_year input checks."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.catalog import AgendaKind, MeetingStatus
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import Outcome, Stage
from samverkan_desktop.services import Services
from samverkan_desktop.services.errors import LockedError, ValidationError
from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput
from samverkan_desktop.services.portfolio import ActivityInput

TODAY = date(2026, 11, 28)


def _styrgrupp_with_item(sv: Services) -> tuple[int, int, int]:
    aid = sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Trygg skolväg"), TODAY,
                              stage=Stage.STYRGRUPP)
    mid = sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2026, 12, 17)))
    item = sv.meetings.add_item(mid, AgendaItemInput("Trygg skolväg", AgendaKind.BESLUT, activity_id=aid))
    return aid, mid, item


def test_an_item_is_decided_once_and_its_minutes_text_goes_with_the_decision(sv: Services) -> None:
    aid, mid, item = _styrgrupp_with_item(sv)
    sv.meetings.record_outcome(item, Outcome.BEVILJAS, "Beviljas", "Ledamot X reserverar sig.",
                               proposal="Styrgruppen beviljar.", motions="Bifall.", decision_procedure="Enhälligt.",
                               sent_to="Rektor")
    row = sv.meetings.get(mid).items[0]
    assert (row.proposal, row.motions, row.decision_procedure, row.sent_to, row.reservations) == (
        "Styrgruppen beviljar.", "Bifall.", "Enhälligt.", "Rektor", "Ledamot X reserverar sig.")
    assert sv.portfolio.get(aid, TODAY).stage == Stage.BESLUTSUNDERLAG
    n_decisions = len(sv.portfolio.get(aid, TODAY).decisions)
    # a second outcome would move the activity again: refused, nothing changes
    with pytest.raises(ValidationError, match="redan beslutet 'beviljas'") as err:
        sv.meetings.record_outcome(item, Outcome.AVSLAS, motions="Ändrat")
    assert err.value.field == "Beslut"
    assert sv.portfolio.get(aid, TODAY).stage == Stage.BESLUTSUNDERLAG
    assert len(sv.portfolio.get(aid, TODAY).decisions) == n_decisions
    assert sv.meetings.get(mid).items[0].motions == "Bifall."


def test_a_refused_outcome_leaves_the_minutes_text_unsaved(sv: Services) -> None:
    aid, mid, item = _styrgrupp_with_item(sv)
    with pytest.raises(ValidationError, match="passar inte"):
        sv.meetings.record_outcome(item, Outcome.VIDARE, proposal="Nytt förslag")
    assert sv.meetings.get(mid).items[0].proposal == ""
    assert sv.portfolio.get(aid, TODAY).stage == Stage.STYRGRUPP


def test_remove_attendee_and_item(sv: Services) -> None:
    _aid, mid, item = _styrgrupp_with_item(sv)
    free = sv.meetings.add_item(mid, AgendaItemInput("Information", AgendaKind.INFORMATION))
    att = sv.meetings.add_attendee(mid, "Lena Holm", "Ordförande")
    sv.meetings.remove_attendee(att)
    assert sv.meetings.get(mid).attendees == []
    sv.meetings.record_outcome(item, Outcome.BEVILJAS)
    with pytest.raises(ValidationError, match="registrerat beslut"):
        sv.meetings.remove_item(item)
    sv.meetings.remove_item(free)
    assert [i.id for i in sv.meetings.get(mid).items] == [item]
    att2 = sv.meetings.add_attendee(mid, "Ola Berg")
    for st in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT, MeetingStatus.JUSTERAT):
        sv.meetings.set_status(mid, st)
    with pytest.raises(LockedError):
        sv.meetings.remove_attendee(att2)


def test_plan_year_needs_a_body_and_a_sane_place(sv: Services) -> None:
    with pytest.raises(ValidationError, match="minst ett organ") as err:
        sv.meetings.plan_year(2028, [])
    assert err.value.field == "Organ"
    with pytest.raises(ValidationError) as err2:
        sv.meetings.plan_year(2028, [Body.BEREDNING], place="x" * 301)
    assert err2.value.field == "Plats"
    assert sv.meetings.list_rows(2028) == []
