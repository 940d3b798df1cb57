from __future__ import annotations

from dataclasses import replace

import pytest

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import (
    ACTIVE_STAGES,
    APPLIED_STAGES,
    DECIDED_STAGES,
    GRANTED_STAGES,
    IDEA_STAGES,
    TERMINAL_STAGES,
    ActivityFacts,
    Outcome,
    Stage,
    allowed_next,
    forward_stage,
    gate_problems,
    stage_after_outcome,
)

S = Stage
ALL_DONE = ActivityFacts(
    kind=ActivityKind.PROJEKT,
    has_title=True,
    has_responsible_researcher=True,
    has_responsible_official=True,
    forankring_confirmed=True,
    has_detailed_budget=True,
    has_external_funder=True,
    rektor_signed=True,
    municipality_signed=True,
    final_report_approved=True,
    popular_presentation_held=True,
)
NOTHING = ActivityFacts(ActivityKind.PROJEKT, *([False] * 10))


def test_display_values_are_swedish() -> None:
    assert S.BESLUTSUNDERLAG.value == "beviljad – beslutsunderlag"
    assert str(S.IDE) == "idé/dialog"
    assert Outcome.VIDARE.value == "går vidare till styrgrupp"


def test_normal_path_walks_forward_with_all_facts() -> None:
    path = [S.IDE]
    while (nxt := forward_stage(path[-1])) is not None:
        assert gate_problems(path[-1], nxt, ALL_DONE) == []
        path.append(nxt)
    assert path == [
        S.IDE, S.PITCH, S.ANSOKAN, S.BEREDNING, S.STYRGRUPP, S.BESLUTSUNDERLAG,
        S.PAGAENDE, S.AVSLUTNING, S.AVSLUTAD,
    ]  # fmt: skip


def test_optional_pre_preparation_and_referral_back() -> None:
    assert S.FORBEREDNING in allowed_next(S.ANSOKAN)
    assert forward_stage(S.FORBEREDNING) is S.BEREDNING
    assert set(allowed_next(S.ATERREMISS)) == {S.ANSOKAN, S.FORBEREDNING}
    for stage in (S.BEREDNING, S.STYRGRUPP):
        assert S.AVSLAG in allowed_next(stage)
        assert S.ATERREMISS in allowed_next(stage)
    assert S.AVSLAG not in allowed_next(S.PAGAENDE)


def test_co_financing_path() -> None:
    assert S.MEDFINANSIERING in allowed_next(S.STYRGRUPP)
    assert set(allowed_next(S.MEDFINANSIERING)) == {S.BESLUTSUNDERLAG, S.EJ_BEVILJAD}
    facts = replace(ALL_DONE, has_external_funder=False)
    assert gate_problems(S.STYRGRUPP, S.MEDFINANSIERING, facts) == ["Extern finansiär saknas"]


def test_gate_to_beredning_lists_every_missing_thing() -> None:
    assert gate_problems(S.ANSOKAN, S.BEREDNING, NOTHING) == [
        "Titel saknas",
        "Ansvarig forskare saknas",
        "Ansvarig tjänsteperson saknas",
        "Förankring i förvaltningen är inte bekräftad",
        "Detaljerad budget saknas",
    ]
    facts = replace(ALL_DONE, forankring_confirmed=False)
    assert gate_problems(S.FORBEREDNING, S.BEREDNING, facts) == [
        "Förankring i förvaltningen är inte bekräftad"
    ]


def test_gate_to_running_needs_both_signatures() -> None:
    assert gate_problems(S.BESLUTSUNDERLAG, S.PAGAENDE, NOTHING) == [
        "Beslutsunderlaget är inte undertecknat av rektor",
        "Beslutsunderlaget är inte undertecknat av kommundirektör/kommunbolagschef",
    ]
    facts = replace(ALL_DONE, rektor_signed=False)
    assert gate_problems(S.BESLUTSUNDERLAG, S.PAGAENDE, facts) == [
        "Beslutsunderlaget är inte undertecknat av rektor"
    ]


def test_gate_to_closed_needs_report_and_presentation() -> None:
    assert gate_problems(S.AVSLUTNING, S.AVSLUTAD, NOTHING) == [
        "Vetenskaplig slutrapport är inte godkänd",
        "Populärvetenskaplig presentation vid resultatspridningstillfälle saknas",
    ]


def test_illegal_transition_is_named() -> None:
    assert gate_problems(S.BEREDNING, S.PAGAENDE, ALL_DONE) == [
        "Övergången från beredning till pågående är inte tillåten"
    ]
    assert gate_problems(S.AVSLUTAD, S.PAGAENDE, ALL_DONE) != []


@pytest.mark.parametrize("kind", list(ActivityKind))
def test_every_kind_follows_the_same_machine(kind: ActivityKind) -> None:
    assert gate_problems(S.ANSOKAN, S.BEREDNING, replace(ALL_DONE, kind=kind)) == []


def test_every_stage_in_exactly_one_portfolio_group() -> None:
    groups = [IDEA_STAGES, APPLIED_STAGES, DECIDED_STAGES, ACTIVE_STAGES, TERMINAL_STAGES]
    for stage in Stage:
        assert sum(stage in g for g in groups) == 1, stage
    assert ACTIVE_STAGES == {S.PAGAENDE, S.AVSLUTNING}
    assert {S.ANSOKAN, S.BEREDNING, S.STYRGRUPP, S.MEDFINANSIERING} <= APPLIED_STAGES
    assert GRANTED_STAGES == {S.BESLUTSUNDERLAG, S.PAGAENDE, S.AVSLUTNING, S.AVSLUTAD}


def test_terminal_stages_have_no_way_out_and_others_do() -> None:
    for stage in Stage:
        assert (allowed_next(stage) == ()) == (stage in TERMINAL_STAGES)
        assert (forward_stage(stage) is None) == (stage in TERMINAL_STAGES)


def test_every_stage_is_reachable_from_idea() -> None:
    seen, todo = {S.IDE}, [S.IDE]
    while todo:
        for nxt in allowed_next(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(Stage)


@pytest.mark.parametrize(
    ("current", "outcome", "expected"),
    [
        (S.BEREDNING, Outcome.VIDARE, S.STYRGRUPP),
        (S.BEREDNING, Outcome.AVSLAS, S.AVSLAG),
        (S.BEREDNING, Outcome.ATERREMITTERAS, S.ATERREMISS),
        (S.STYRGRUPP, Outcome.BEVILJAS, S.BESLUTSUNDERLAG),
        (S.STYRGRUPP, Outcome.AVSLAS, S.AVSLAG),
        (S.STYRGRUPP, Outcome.ATERREMITTERAS, S.ATERREMISS),
        (S.STYRGRUPP, Outcome.MEDFINANSIERING, S.MEDFINANSIERING),
        (S.MEDFINANSIERING, Outcome.BEVILJAS, S.BESLUTSUNDERLAG),
        (S.MEDFINANSIERING, Outcome.AVSLAS, S.EJ_BEVILJAD),
        (S.AVSLUTNING, Outcome.GODKANNS, S.AVSLUTAD),
        (S.PAGAENDE, Outcome.GODKANNS, None),
        (S.PAGAENDE, Outcome.NOTERAS, None),
        (S.IDE, Outcome.NOTERAS, None),
    ],
)
def test_stage_after_outcome(current: Stage, outcome: Outcome, expected: Stage | None) -> None:
    assert stage_after_outcome(current, outcome) == expected
    if expected is not None:
        assert expected in allowed_next(current)


def test_outcome_that_does_not_fit_raises_swedish_error() -> None:
    with pytest.raises(DomainError) as info:
        stage_after_outcome(S.PAGAENDE, Outcome.BEVILJAS)
    assert info.value.field == "Beslut"
    assert str(info.value) == "Beslut: 'beviljas' passar inte en aktivitet i steget 'pågående'"
