"""Activity workflow from dialog to closure (seed 004) and its gate criteria."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.followup import ActivityKind

__all__ = [
    "ACTIVE_STAGES",
    "APPLIED_STAGES",
    "ActivityFacts",
    "DECIDED_STAGES",
    "GRANTED_STAGES",
    "IDEA_STAGES",
    "Outcome",
    "Stage",
    "TERMINAL_STAGES",
    "allowed_next",
    "forward_stage",
    "gate_problems",
    "stage_after_outcome",
]


class Stage(StrEnum):
    IDE = "idé/dialog"
    PITCH = "pitch"
    ANSOKAN = "ansökan"
    FORBEREDNING = "för-beredning"
    BEREDNING = "beredning"
    STYRGRUPP = "styrgrupp"
    BESLUTSUNDERLAG = "beviljad – beslutsunderlag"
    MEDFINANSIERING = "medfinansiering – väntar på finansiär"
    PAGAENDE = "pågående"
    AVSLUTNING = "avslutning"
    AVSLUTAD = "avslutad"
    AVSLAG = "avslag"
    EJ_BEVILJAD = "ej beviljad"
    ATERREMISS = "återremiss"


class Outcome(StrEnum):
    VIDARE = "går vidare till styrgrupp"
    BEVILJAS = "beviljas"
    AVSLAS = "avslås"
    ATERREMITTERAS = "återremitteras"
    MEDFINANSIERING = "medfinansieringsbeslut"
    GODKANNS = "godkänns"
    NOTERAS = "noteras"


@dataclass(frozen=True)
class ActivityFacts:
    """What is known about an activity, as needed by the gates."""

    kind: ActivityKind
    has_title: bool
    has_responsible_researcher: bool
    has_responsible_official: bool
    forankring_confirmed: bool
    has_detailed_budget: bool
    has_external_funder: bool
    rektor_signed: bool
    municipality_signed: bool
    final_report_approved: bool
    popular_presentation_held: bool


S = Stage
_NEXT: dict[Stage, tuple[Stage, ...]] = {
    S.IDE: (S.PITCH, S.ANSOKAN),
    S.PITCH: (S.ANSOKAN,),
    S.ANSOKAN: (S.BEREDNING, S.FORBEREDNING),
    S.FORBEREDNING: (S.BEREDNING, S.ANSOKAN),
    S.BEREDNING: (S.STYRGRUPP, S.AVSLAG, S.ATERREMISS),
    S.STYRGRUPP: (S.BESLUTSUNDERLAG, S.MEDFINANSIERING, S.AVSLAG, S.ATERREMISS),
    S.MEDFINANSIERING: (S.BESLUTSUNDERLAG, S.EJ_BEVILJAD),
    S.BESLUTSUNDERLAG: (S.PAGAENDE,),
    S.PAGAENDE: (S.AVSLUTNING,),
    S.AVSLUTNING: (S.AVSLUTAD,),
    S.ATERREMISS: (S.ANSOKAN, S.FORBEREDNING),
    S.AVSLUTAD: (),
    S.AVSLAG: (),
    S.EJ_BEVILJAD: (),
}

IDEA_STAGES = frozenset({S.IDE, S.PITCH})
APPLIED_STAGES = frozenset(
    {S.ANSOKAN, S.FORBEREDNING, S.BEREDNING, S.STYRGRUPP, S.MEDFINANSIERING, S.ATERREMISS}
)
DECIDED_STAGES = frozenset({S.BESLUTSUNDERLAG})
ACTIVE_STAGES = frozenset({S.PAGAENDE, S.AVSLUTNING})
TERMINAL_STAGES = frozenset({S.AVSLUTAD, S.AVSLAG, S.EJ_BEVILJAD})
GRANTED_STAGES = DECIDED_STAGES | ACTIVE_STAGES | {S.AVSLUTAD}


def allowed_next(stage: Stage) -> tuple[Stage, ...]:
    """Stages reachable in one step, the normal forward step first."""
    return _NEXT[stage]


def forward_stage(stage: Stage) -> Stage | None:
    """The normal "one step forward", or None for terminal stages."""
    options = _NEXT[stage]
    return options[0] if options else None


def _application_gaps(facts: ActivityFacts) -> list[str]:
    checks = (
        (facts.has_title, "Titel saknas"),
        (facts.has_responsible_researcher, "Ansvarig forskare saknas"),
        (facts.has_responsible_official, "Ansvarig tjänsteperson saknas"),
        (facts.forankring_confirmed, "Förankring i förvaltningen är inte bekräftad"),
        (facts.has_detailed_budget, "Detaljerad budget saknas"),
    )
    return [text for ok, text in checks if not ok]


def gate_problems(current: Stage, target: Stage, facts: ActivityFacts) -> list[str]:
    """Swedish reasons why ``current`` -> ``target`` is refused; empty means allowed."""
    if target not in _NEXT[current]:
        return [f"Övergången från {current} till {target} är inte tillåten"]
    if target is S.ANSOKAN and not facts.has_title:
        return ["Titel saknas"]
    if target in (S.BEREDNING, S.STYRGRUPP):
        return _application_gaps(facts)
    if target is S.MEDFINANSIERING and not facts.has_external_funder:
        return ["Extern finansiär saknas"]
    problems: list[str] = []
    if target is S.PAGAENDE:
        if not facts.rektor_signed:
            problems.append("Beslutsunderlaget är inte undertecknat av rektor")
        if not facts.municipality_signed:
            problems.append(
                "Beslutsunderlaget är inte undertecknat av kommundirektör/kommunbolagschef"
            )
    if target is S.AVSLUTAD:
        if not facts.final_report_approved:
            problems.append("Vetenskaplig slutrapport är inte godkänd")
        if not facts.popular_presentation_held:
            problems.append(
                "Populärvetenskaplig presentation vid resultatspridningstillfälle saknas"
            )
    return problems


O = Outcome
_AFTER: dict[tuple[Outcome, Stage], Stage | None] = {
    (O.VIDARE, S.BEREDNING): S.STYRGRUPP,
    (O.AVSLAS, S.BEREDNING): S.AVSLAG,
    (O.AVSLAS, S.STYRGRUPP): S.AVSLAG,
    (O.AVSLAS, S.MEDFINANSIERING): S.EJ_BEVILJAD,
    (O.ATERREMITTERAS, S.BEREDNING): S.ATERREMISS,
    (O.ATERREMITTERAS, S.STYRGRUPP): S.ATERREMISS,
    (O.BEVILJAS, S.STYRGRUPP): S.BESLUTSUNDERLAG,
    (O.BEVILJAS, S.MEDFINANSIERING): S.BESLUTSUNDERLAG,
    (O.MEDFINANSIERING, S.STYRGRUPP): S.MEDFINANSIERING,
    (O.GODKANNS, S.STYRGRUPP): S.BESLUTSUNDERLAG,  # a plan approved = granted
    (O.GODKANNS, S.BESLUTSUNDERLAG): None,
    (O.GODKANNS, S.PAGAENDE): None,  # e.g. a report or yearly plan approved
    (O.GODKANNS, S.AVSLUTNING): S.AVSLUTAD,
}


def stage_after_outcome(current: Stage, outcome: Outcome) -> Stage | None:
    """The stage a meeting outcome leads to; None means no stage change."""
    if outcome is O.NOTERAS:
        return None
    try:
        return _AFTER[(outcome, current)]
    except KeyError:
        raise DomainError(
            "Beslut",
            f"Beslut: '{outcome}' passar inte en aktivitet i steget '{current}'",
        ) from None
