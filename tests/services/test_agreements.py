"""Agreements through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select, text

from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, InvoiceStatus, OrgKind
from samverkan_desktop.domain.money import parse_money
from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.models import ChangeLog, FeeInvoice
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput, derive
from samverkan_desktop.services.errors import ConflictError, ValidationError

TODAY = date(2023, 6, 1)


def _loft(sv: Services, **kw: object) -> AgreementInput:
    own = sv.people.save_organisation("Enköpings kommun", OrgKind.KOMMUN, "212000-0068", is_own=True)
    rise = sv.people.save_organisation("RISE Research Institutes of Sweden AB", OrgKind.FORSKNINGSINSTITUT,
                                       "556464-6874")
    base = AgreementInput(kind=AgreementKind.PARTNERAVTAL, title="LOFT", our_organisation_id=own,
                          partner_ids=(rise,), start=date(2022, 4, 1), end=date(2024, 12, 31),
                          status=AgreementStatus.AKTIVT, case_number="KS2021/812",
                          annual_fee_ore=parse_money("300 000 kr"), notice_months=12, termination_points="02-01",
                          included_minutes_per_year=80 * 60, list_price_per_hour_ore=parse_money("1 200"),
                          discount_bp=1500)
    return replace(base, **kw)  # type: ignore[arg-type]


def _counts(sv: Services) -> tuple[int, int]:
    with sv.db.reading() as s:
        return (s.scalar(select(func.count()).select_from(FeeInvoice)) or 0,
                s.scalar(select(func.count()).select_from(ChangeLog)) or 0)


def test_create_agreement_builds_the_invoice_plan(sv: Services) -> None:
    aid = sv.agreements.create(_loft(sv), TODAY)
    inv = sv.agreements.invoices(aid)
    assert len(inv) == 11
    assert inv[0].invoice_date == date(2022, 4, 1) and inv[0].due_date == date(2022, 5, 1)
    assert sum(i.amount_ore for i in inv) == parse_money("825 000")
    by_year = {y: sum(i.amount_ore for i in inv if i.year == y) for y in (2022, 2023, 2024)}
    assert by_year == {2022: parse_money("225 000"), 2023: parse_money("300 000"), 2024: parse_money("300 000")}
    early = date(2022, 6, 1)
    facts = sv.agreements.derived(aid, early)
    assert facts.extension_deadline == date(2024, 9, 30)
    # 12 months' notice to 1 February: to end on 2024-02-01, give notice by 2023-02-01
    assert [(o.termination_date, o.notice_deadline) for o in facts.termination_options] == [
        (date(2024, 2, 1), date(2023, 2, 1))]
    row = sv.agreements.list_rows(early)[0]
    assert row.partners == "RISE Research Institutes of Sweden AB"
    assert row.next_deadline == date(2023, 2, 1)
    assert sv.agreements.list_rows(TODAY)[0].next_deadline == date(2024, 9, 30)


def test_changing_the_period_keeps_paid_invoices_and_replans_the_rest(sv: Services) -> None:
    aid = sv.agreements.create(_loft(sv), TODAY)
    first = sv.agreements.invoices(aid)[0]
    sv.agreements.set_invoice_status(first.id, InvoiceStatus.BETALD, date(2022, 4, 20))
    d = sv.agreements.get(aid)
    sv.agreements.update(aid, d.version, replace(d.data, start=date(2022, 1, 1)), TODAY)
    inv = sv.agreements.invoices(aid)
    assert len(inv) == 12
    paid = [i for i in inv if i.status == InvoiceStatus.BETALD]
    assert [(p.year, p.period_no, p.paid_on) for p in paid] == [(2022, 2, date(2022, 4, 20))]
    assert sum(i.amount_ore for i in inv) == parse_money("900 000")


def test_extension_and_notice(sv: Services) -> None:
    aid = sv.agreements.create(_loft(sv), TODAY)
    sv.agreements.record_extension(aid, date(2025, 12, 31), date(2024, 9, 1), TODAY, body="Kommunstyrelsen")
    assert len(sv.agreements.invoices(aid)) == 15
    end = sv.agreements.record_notice(aid, date(2024, 1, 15), TODAY)
    assert end == date(2025, 2, 1)
    d = sv.agreements.get(aid)
    assert d.data.status == AgreementStatus.UPPSAGT and d.data.end == date(2025, 2, 1)
    assert any(x.outcome.startswith("Avtalet förlängt") for x in d.decisions)
    # fees stop with the agreement: Q1 2025 is the last charged quarter
    assert max(i.period_start for i in sv.agreements.invoices(aid)) == date(2025, 1, 1)


@pytest.mark.parametrize(("change", "field"), [
    ({"end": date(2021, 1, 1)}, "Slutdatum"),
    ({"title": "  "}, "Titel"),
    ({"annual_fee_ore": -1}, "Årsavgift"),
    ({"termination_points": "13-45"}, "Uppsägning"),
    ({"title": "LOFT\x00"}, "Titel"),
])
def test_bad_input_names_the_field_and_writes_nothing(sv: Services, change: dict[str, object], field: str) -> None:
    data = _loft(sv, **change)
    before = _counts(sv)
    with pytest.raises(ValidationError) as err:
        sv.agreements.create(data, TODAY)
    assert err.value.field.startswith(field) or str(err.value).startswith(field)
    assert _counts(sv) == before
    assert sv.agreements.list_rows(TODAY) == []


def test_malformed_amount_and_org_nr_are_named() -> None:
    with pytest.raises(DomainError, match="Årsavgift"):
        parse_money("300 000,555", "Årsavgift")


def test_wrong_org_nr_is_refused_and_nothing_written(sv: Services) -> None:
    with pytest.raises(ValidationError, match="Organisationsnummer.*Luhn"):
        sv.people.save_organisation("RISE", OrgKind.FORSKNINGSINSTITUT, "556464-6875")
    assert sv.people.organisations() == []


def test_stale_form_is_a_conflict(sv: Services) -> None:
    aid = sv.agreements.create(_loft(sv), TODAY)
    d = sv.agreements.get(aid)
    sv.agreements.update(aid, d.version, replace(d.data, title="LOFT 2"), TODAY)
    with pytest.raises(ConflictError, match="ändrats av någon annan"):
        sv.agreements.update(aid, d.version, replace(d.data, title="LOFT 3"), TODAY)
    assert sv.agreements.get(aid).data.title == "LOFT 2"


def test_change_log_rows_in_same_transaction(sv: Services) -> None:
    aid = sv.agreements.create(_loft(sv), TODAY)
    d = sv.agreements.get(aid)
    _, before = _counts(sv)
    sv.agreements.update(aid, d.version, replace(d.data, title="Nytt namn", case_number="KS2021/999"), TODAY)
    with sv.db.reading() as s:
        rows = s.scalars(select(ChangeLog).where(ChangeLog.entity == "agreement", ChangeLog.id > 0)
                         .order_by(ChangeLog.id)).all()
        changed = {(r.field, r.old, r.new) for r in rows if r.action == "update"}
    assert ("title", "LOFT", "Nytt namn") in changed
    assert ("case_number", "KS2021/812", "KS2021/999") in changed
    assert all(r.user for r in rows)
    # a failed update leaves no log rows
    _, mid = _counts(sv)
    with pytest.raises(ValidationError):
        sv.agreements.update(aid, d.version + 1, replace(d.data, end=date(2000, 1, 1)), TODAY)
    assert _counts(sv)[1] == mid


def test_change_log_is_append_only(sv: Services) -> None:
    sv.people.save_organisation("Ett bolag", OrgKind.KOMMUNALT_BOLAG)
    for stmt in ("UPDATE change_log SET new = 'x'", "DELETE FROM change_log"):
        with pytest.raises(Exception, match="append-only"):
            with sv.db.engine.begin() as c:
                c.execute(text(stmt))
    assert _counts(sv)[1] > 0


def test_derive_is_live_and_pure() -> None:
    data = AgreementInput(kind=AgreementKind.PARTNERAVTAL, title="X", our_organisation_id=1,
                          start=date(2022, 1, 1), end=date(2024, 12, 31), annual_fee_ore=parse_money("300 000"),
                          included_minutes_per_year=80 * 60, list_price_per_hour_ore=parse_money("1 000"),
                          discount_bp=1500)
    f = derive(data, TODAY, used_minutes=100 * 60 * 3)
    assert f.plan_total == parse_money("900 000")
    assert f.included_minutes == 240 * 60
    assert f.quota.excess_min == 60 * 60
    assert f.excess_price_ore == parse_money("51 000")


def test_end_after_notice_is_pure_and_capped_at_the_end(sv: Services) -> None:
    from samverkan_desktop.services.agreements import end_after_notice

    data = _loft(sv)
    # 12 months to 1 February: notice on 2022-06-01 reaches 2023-02-01 too late, so 2024-02-01
    assert end_after_notice(data, date(2022, 6, 1)) == date(2024, 2, 1)
    # never after the agreed end
    assert end_after_notice(data, date(2024, 6, 1)) == date(2024, 12, 31)
    with pytest.raises(ValidationError, match="tidsbegränsat"):
        end_after_notice(replace(data, fixed_term=True), date(2022, 6, 1))


def test_invoice_lines_merge_the_live_plan_with_saved_invoices(sv: Services) -> None:
    from samverkan_desktop.services.agreements import invoice_lines

    aid = sv.agreements.create(_loft(sv), TODAY)
    saved = sv.agreements.invoices(aid)
    sv.agreements.set_invoice_status(saved[0].id, InvoiceStatus.BETALD, date(2022, 4, 20))
    d = sv.agreements.get(aid)
    # unchanged terms: every line is a saved invoice, the first one paid
    lines = invoice_lines(derive(d.data, TODAY).plan, d.invoices)
    assert [ln.invoice_id for ln in lines] == [i.id for i in d.invoices]
    assert lines[0].status == InvoiceStatus.BETALD and lines[0].label == "2022 kv 2"
    # an unsaved earlier start: the paid invoice stays, Q1 2022 is a new planned line
    edited = replace(d.data, start=date(2022, 1, 1))
    lines = invoice_lines(derive(edited, TODAY).plan, d.invoices)
    assert len(lines) == 12 and lines[0].invoice_id is None and lines[0].key == -202201
    assert lines[1].invoice_id == saved[0].id and lines[1].status == InvoiceStatus.BETALD
    # the preview is what saving produces
    sv.agreements.update(aid, d.version, edited, TODAY)
    after = sv.agreements.invoices(aid)
    assert [(i.year, i.period_no, i.amount_ore, i.status) for i in after] == [
        (ln.year, ln.period_no, ln.amount_ore, ln.status) for ln in lines]


def test_no_extension_rule_is_kept(sv: Services) -> None:
    aid = sv.agreements.create(_loft(sv, end=None, extension_lead_months=None), TODAY)
    assert sv.agreements.get(aid).data.extension_lead_months is None
    # after a notice the agreement has an end, but still no extension deadline
    sv.agreements.record_notice(aid, date(2023, 6, 1), TODAY)
    assert sv.agreements.derived(aid, TODAY).extension_deadline is None
