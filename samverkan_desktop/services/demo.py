"""Demo data: the three collaborations of the seed documents, continued up to `today`.

Everything is created through the services, so the same rules and gates apply as for a user.
Dates are relative to `today` (Y = today's year), so the demo always shows upcoming deadlines.
People are invented; the organisations and the decision trail of LOFT are the seeds' own."""

from __future__ import annotations

from datetime import date, timedelta

from ..domain.cadence import Body
from ..domain.catalog import (
    AgendaKind,
    AgreementKind,
    AgreementStatus,
    CostKind,
    FundingSource,
    InvoiceStatus,
    MeetingStatus,
    OrgKind,
)
from ..domain.followup import ActivityKind
from ..domain.money import kronor
from ..domain.orgnr import luhn_check_digit
from ..domain.stages import Outcome, Stage
from . import Services
from .agreements import AgreementInput
from .errors import ValidationError
from .meetings import AgendaItemInput, MeetingInput
from .portfolio import ActivityInput, BudgetCell


def _orgnr(body: str) -> str:
    return f"{body[:6]}-{body[6:]}{luhn_check_digit(body)}"


class _Builder:
    def __init__(self, sv: Services, today: date) -> None:
        self.sv = sv
        self.today = today
        self.y = today.year

    # ---- small helpers -------------------------------------------------------------
    def org(self, name: str, kind: OrgKind, nr: str | None = None, own: bool = False) -> int:
        return self.sv.people.save_organisation(name, kind, nr, is_own=own)

    def person(self, name: str, title: str, org: int, email: str = "") -> int:
        return self.sv.people.save_person(name, title, org, email)

    def walk(self, activity_id: int, path: list[Stage], on: date, body: str = "") -> None:
        for i, st in enumerate(path):
            self.sv.portfolio.move_stage(activity_id, st, on=on + timedelta(days=7 * i), body=body)

    def budget(self, activity_id: int, years: list[int], per_year: dict[tuple[CostKind, FundingSource], int]) -> None:
        cells = [BudgetCell(y, ck, src, kronor(kr)) for y in years for (ck, src), kr in per_year.items()]
        self.sv.portfolio.set_budget(activity_id, cells)

    def sign_and_start(self, activity_id: int, on: date, amount_kr: int, source: FundingSource) -> None:
        """Both signatures, the decided funding for the first year, its first disbursement, start."""
        self.sv.portfolio.record_signature(activity_id, rektor_on=on, municipality_on=on + timedelta(days=3))
        paid_on = on + timedelta(days=10)
        self.sv.portfolio.add_allocation(activity_id, paid_on.year, source, kronor(amount_kr), on)
        self.sv.portfolio.record_disbursement(activity_id, on + timedelta(days=10), source, kronor(amount_kr),
                                              "Första utbetalning enligt beslutsunderlag")
        self.sv.portfolio.move_stage(activity_id, Stage.PAGAENDE, on=on + timedelta(days=10))

    # ---- the story -----------------------------------------------------------------
    def build(self) -> None:
        y, sv = self.y, self.sv
        # Organisations
        enkoping = self.org("Enköpings kommun", OrgKind.KOMMUN, _orgnr("212000002"), own=True)
        rise = self.org("RISE Research Institutes of Sweden AB", OrgKind.FORSKNINGSINSTITUT, "556464-6874")
        mdu = self.org("Mälardalens universitet", OrgKind.LAROSATE, _orgnr("202100493"))
        huddinge = self.org("Huddinge kommun", OrgKind.KOMMUN, _orgnr("212000006"), own=True)
        sh = self.org("Södertörns högskola", OrgKind.LAROSATE, _orgnr("202100485"))
        orebro = self.org("Örebro kommun", OrgKind.KOMMUN, _orgnr("212000184"), own=True)
        rodret = self.org("Rodret i Örebro AB", OrgKind.KOMMUNALT_BOLAG, _orgnr("556418379"))
        oru = self.org("Örebro universitet", OrgKind.LAROSATE, _orgnr("202100104"))
        vinnova = self.org("Vinnova", OrgKind.FINANSIAR, _orgnr("202100521"))
        forte = self.org("Forte", OrgKind.FINANSIAR, _orgnr("202100540"))

        # People (invented names; roles from the seeds)
        p = self.person
        analyst = p("Maria Ek", "Strategisk utredare", enkoping, "maria.ek@example.se")
        kd_enk = p("Kommundirektör Enköping", "Kommundirektör", enkoping)
        rise_contact = p("Johan Berg", "Kontaktperson, RISE", rise, "johan.berg@example.se")
        rise_deputy = p("Sara Lund", "Biträdande kontaktperson, RISE", rise, "sara.lund@example.se")
        bkd_hud = p("Biträdande kommundirektör Huddinge", "Biträdande kommundirektör", huddinge)
        gam_hud = p("Gymnasie- och arbetsmarknadsdirektör", "Förvaltningsdirektör", huddinge)
        sh_rektor = p("Rektor Södertörns högskola", "Rektor", sh)
        proc_oru = p("Karin Sjöberg", "Processledare, universitetet", oru, "karin.sjoberg@example.se")
        proc_kom = p("Ahmed Rahimi", "Processledare, kommunen", orebro, "ahmed.rahimi@example.se")
        komm_oru = p("Elin Nyström", "Kommunikatör, universitetet", oru)
        rektor_oru = p("Rektor Örebro universitet", "Rektor", oru)
        kd_ore = p("Kommundirektör Örebro", "Kommundirektör", orebro)
        kbc = p("Kommunbolagschef Rodret", "Kommunbolagschef", rodret)
        r1 = p("Łukasz Dvořák", "Docent i miljövetenskap", oru, "lukasz.dvorak@example.se")
        r2 = p("Helena Åberg", "Professor i socialt arbete", oru, "helena.aberg@example.se")
        r3 = p("Mikael Öhman", "Universitetslektor i pedagogik", oru)
        r4 = p("Fatima Haddad", "Professor i informatik", oru)
        r5 = p("Per Lindgren", "Forskare, RISE", rise)
        r6 = p("Anna Karlsson", "Lektor i offentlig förvaltning", sh)
        o1 = p("Jonas Wikström", "Utvecklingsledare, Samhällsbyggnad", orebro)
        o2 = p("Lena Holm", "Verksamhetsutvecklare, Vård och omsorg", orebro)
        o3 = p("Erik Sandberg", "Utvecklingschef, Förskola och skola", orebro)
        o4 = p("Nora Ali", "Projektledare, Örebrobostäder", rodret)
        o5 = p("Tove Persson", "Enhetschef, Kommunledningsförvaltningen", enkoping)
        o6 = p("Oskar Nilsson", "HR-strateg", huddinge)

        # ---- 1. LOFT partner agreement (seed 000), extended -------------------------
        loft = sv.agreements.create(AgreementInput(
            kind=AgreementKind.PARTNERAVTAL, status=AgreementStatus.AKTIVT,
            title="LOFT – Leda och Organisera Förnyelse och Transformation",
            our_organisation_id=enkoping, partner_ids=(rise,), case_number="KS2021/812",
            start=date(2022, 1, 1), end=date(2024, 12, 31),
            annual_fee_ore=kronor(300_000), invoices_per_year=4, in_advance=True, payment_days=30,
            late_interest_margin_pp=8, included_minutes_per_year=80 * 60, list_price_per_hour_ore=kronor(1_450),
            discount_bp=1500, fixed_term=False, notice_months=12, termination_points="02-01",
            extension_lead_months=3,
            themes="Kommunal ledning och styrning\nDigital transformation\nInnovation och innovationsledning",
            obligations_ours="Utse kontaktperson och biträdande kontaktperson med mandat\n"
                             "Delta i partnerskapets nätverksträffar\nBetala avgift kvartalsvis i förskott",
            obligations_partner="80 timmar strategisk FoU per helt år\nOmvärldsanalys och forskningsstöd\n"
                                "15 % partnerrabatt på tilläggsuppdrag enligt fast prislista",
            invoicing_note="75 000 kr exkl. moms per kvartal i förskott; 30 dagar netto; dröjsmålsränta "
                           "referensränta + 8 procentenheter.",
        ), self.today)
        sv.agreements.add_decision(loft, "Kommunstyrelsens arbetsutskott", date(2021, 11, 9),
                                   "Föreslår kommunstyrelsen att uppdra åt kommunledningsförvaltningen att ingå "
                                   "avtal med RISE", "§ 14", "KS2021/812",
                                   "Ledamot (NE) reserverar sig mot beslutet till förmån för eget yrkande.")
        sv.agreements.add_decision(loft, "Kommunstyrelsen", date(2021, 11, 23),
                                   "Kommunledningsförvaltningen får i uppdrag att ingå avtal med RISE", "§ 229",
                                   "KS2021/812")
        sv.agreements.record_extension(loft, date(y + 1, 12, 31), date(2024, 9, 10), self.today,
                                       body="Kommunstyrelsen", paragraph="§ 171")
        for role, person, side in (("Kontaktperson", analyst, "kommun"), ("Firmatecknare", kd_enk, "kommun"),
                                   ("Kontaktperson", rise_contact, "partner"),
                                   ("Biträdande kontaktperson (mandat)", rise_deputy, "partner")):
            sv.agreements.add_role(loft, person, role, side)
        self._settle_invoices(loft)
        for q in range(1, 5):
            d = date(y, 3 * q - 1, 12)
            if d < self.today:
                sv.agreements.add_hours(loft, d, 7 * 60 + 30, f"Strategisk FoU-workshop kvartal {q}")
        sv.agreements.add_hours(loft, date(y, 2, 20), 5 * 60, "Omvärldsanalys ledning och styrning")

        # ---- 2. Huddinge – Södertörns högskola, strategic partnership (seed 003) ----
        hud = sv.agreements.create(AgreementInput(
            kind=AgreementKind.STRATEGISKT_PARTNERSKAP, status=AgreementStatus.AKTIVT,
            title="Strategiskt partnerskap Huddinge kommun – Södertörns högskola",
            our_organisation_id=huddinge, partner_ids=(sh,), case_number="KS-2022/1102",
            start=date(2023, 1, 1), end=None, annual_fee_ore=0,
            fixed_term=False, notice_months=6, termination_points="12-31", extension_lead_months=None,
            themes="Hållbar samhällsutveckling\nKompetensförsörjning och attraktiv arbetsgivare\nSkola och utbildning",
            obligations_ours="Delta i ledningsgrupp och strategisk arbetsgrupp\nBidra med verksamhetskunskap",
            obligations_partner="Forskare och lärare i strategiska arbetsgruppen\nFri rätt att publicera resultat",
        ), self.today)
        sv.agreements.add_decision(hud, "Kommunstyrelsen", date(2022, 12, 12),
                                   "Godkänner avtal om strategiskt partnerskap med Södertörns högskola", "§ 205",
                                   "KS-2022/1102")
        sv.agreements.add_body(hud, Body.LEDNINGSGRUPP, 1, "Uppföljning, prioriterade områden och verksamhetsplan")
        sv.agreements.add_body(hud, Body.ARBETSGRUPP, 2, "Forskare/lärare inom de tematiska områdena")
        for role, person in (("Ledningsgrupp", bkd_hud), ("Ledningsgrupp", gam_hud), ("Ledningsgrupp", sh_rektor)):
            sv.agreements.add_role(hud, person, role, "kommun" if person != sh_rektor else "partner")

        # ---- 3. The collaboration model with a University (seed 004) ----------------
        sam = sv.agreements.create(AgreementInput(
            kind=AgreementKind.SAMVERKANSAVTAL, status=AgreementStatus.AKTIVT,
            title="Samverkansavtal Örebro kommunkoncern – Örebro universitet",
            our_organisation_id=orebro, partner_ids=(oru, rodret), case_number="Ks 2022-00417",
            start=date(y - 3, 1, 1), end=date(y + 1, 12, 31),
            annual_fee_ore=kronor(2_500_000), invoices_per_year=1, in_advance=True, payment_days=30,
            fixed_term=True, extension_lead_months=6,
            themes="Hållbar stadsutveckling\nDigital välfärd\nBarn och unga",
            obligations_ours="Förankring i förvaltning eller bolag före beredning\nMedfinansiering enligt beslut",
            obligations_partner="Processledare bokar möten, tar fram dagordning, protokoll och beslutsunderlag\n"
                                "Uppföljning av ekonomi och portfölj",
        ), self.today)
        for body, n in ((Body.BEREDNING, 4), (Body.STYRGRUPP, 4), (Body.RESULTATSPRIDNING, 2)):
            sv.agreements.add_body(sam, body, n)
        for role, person, side in (("Processledare", proc_oru, "partner"), ("Processledare", proc_kom, "kommun"),
                                   ("Kommunikatör", komm_oru, "partner"), ("Firmatecknare (rektor)", rektor_oru, "partner"),
                                   ("Firmatecknare (kommundirektör)", kd_ore, "kommun"),
                                   ("Firmatecknare (kommunbolagschef)", kbc, "kommun")):
            sv.agreements.add_role(sam, person, role, side)
        self._settle_invoices(sam)

        # Meetings: last year, this year and next year from the cadence
        for year in (y - 2, y - 1, y, y + 1):
            sv.meetings.plan_year(year, [Body.BEREDNING, Body.STYRGRUPP, Body.RESULTATSPRIDNING],
                                  place="Örebro universitet, Långhuset", agreement_id=sam)
            sv.meetings.plan_year(year, [Body.LEDNINGSGRUPP, Body.ARBETSGRUPP], place="Huddinge kommunhus",
                                  agreement_id=hud)
        meetings = sv.meetings.list_rows()
        past = [m for m in meetings if m.held_on < self.today]
        future = [m for m in meetings if m.held_on >= self.today]

        def last_before(body: Body, before: date) -> int:
            return [m.id for m in past if m.body == body and m.held_on < before][-1]

        def A(kind: ActivityKind, title: str, **kw: object) -> int:  # noqa: N802
            data = ActivityInput(kind=kind, title=title, agreement_id=kw.pop("agreement_id", sam), **kw)  # type: ignore[arg-type]
            return sv.portfolio.create(data, self.today)

        std = {(CostKind.LON, FundingSource.AVTALSMEDEL): 420_000, (CostKind.OVERHEAD, FundingSource.AVTALSMEDEL): 80_000,
               (CostKind.LON, FundingSource.NATURAINSATS): 150_000, (CostKind.RESOR, FundingSource.AVTALSMEDEL): 15_000,
               (CostKind.LON, FundingSource.LAROSATE): 60_000}

        # Program with projects
        prog = A(ActivityKind.PROGRAM, "Hållbar stadsutveckling", start=date(y - 1, 1, 1), end=date(y + 1, 12, 31),
                 responsible_researcher_id=r1, university_id=oru, responsible_official_id=o1,
                 administration="Förvaltningen Stadsbyggnad", forankring_confirmed=True, case_number="ORU 2.1.2-1001/24",
                 effect_goals="Minskad klimatpåverkan från kommunens byggande\nFler gröna och trygga stadsmiljöer",
                 kpis="Andel klimatanpassade skolgårdar\nCO2e per kvadratmeter nybyggnation",
                 activity_goals="Verksamhetsplan beslutad årligen\nTvå projekt startade per år",
                 research_question="Hur kan kommunen ställa om stadsbyggandet till en hållbar stad?")
        self.budget(prog, [y - 1, y, y + 1], {(CostKind.LON, FundingSource.AVTALSMEDEL): 350_000,
                                                    (CostKind.OVRIGT, FundingSource.AVTALSMEDEL): 50_000})
        self.through_styrgrupp(prog, last_before(Body.BEREDNING, date(y - 1, 1, 1)), Outcome.GODKANNS)
        self.sign_and_start(prog, date(y - 2, 12, 15), 400_000, FundingSource.AVTALSMEDEL)
        sv.portfolio.add_allocation(prog, y, FundingSource.AVTALSMEDEL, kronor(400_000), date(y - 1, 12, 1))

        skol = A(ActivityKind.PROJEKT, "Klimatanpassade skolgårdar", parent_id=prog, start=date(y - 1, 4, 1),
                 end=date(y + 1, 2, 28), responsible_researcher_id=r1, university_id=oru, responsible_official_id=o3,
                 administration="Förvaltningen Förskola och skola", forankring_confirmed=True,
                 case_number="ORU 2.1.2-1187/25",
                 deliverables="Vägledning för klimatanpassning av skolgårdar\nTre pilotgårdar utvärderade")
        self.budget(skol, [y - 1, y, y + 1], std)
        self.through_styrgrupp(skol, last_before(Body.BEREDNING, date(y - 1, 3, 1)), Outcome.BEVILJAS)
        self.sign_and_start(skol, date(y - 1, 3, 15), 300_000, FundingSource.AVTALSMEDEL)
        sv.portfolio.add_allocation(skol, y - 1, FundingSource.AVTALSMEDEL, kronor(515_000), date(y - 1, 2, 1))
        sv.portfolio.add_allocation(skol, y, FundingSource.AVTALSMEDEL, kronor(515_000), date(y - 1, 2, 1))
        sv.portfolio.record_disbursement(skol, date(y, 3, 2), FundingSource.AVTALSMEDEL, kronor(257_500),
                                         "Andra utbetalning, första halvåret")
        sv.portfolio.record_disbursement(skol, date(y, 9, 1), FundingSource.AVTALSMEDEL, kronor(128_750),
                                         "Tredje utbetalning")
        sv.portfolio.record_disbursement(prog, date(y, 2, 15), FundingSource.AVTALSMEDEL, kronor(200_000),
                                         "Programmets basfinansiering, första delen")

        cirk = A(ActivityKind.FORSTUDIE, "Cirkulära byggmaterial i kommunala fastigheter", parent_id=prog,
                 responsible_researcher_id=r4, university_id=oru, responsible_official_id=o4,
                 administration="Örebrobostäder AB", company_id=rodret, forankring_confirmed=True)
        self.budget(cirk, [y + 1], {(CostKind.LON, FundingSource.AVTALSMEDEL): 250_000,
                                    (CostKind.MATERIAL, FundingSource.KOMMUN_KONTANT): 40_000})
        self.walk(cirk, [Stage.ANSOKAN, Stage.BEREDNING], date(y, 9, 1))

        # Profile area with projects
        prof = A(ActivityKind.PROFILOMRADE, "Digital välfärd", start=date(y - 1, 1, 1), end=None,
                 responsible_researcher_id=r4, university_id=oru, responsible_official_id=o2,
                 administration="Förvaltningen Vård och omsorg", forankring_confirmed=True,
                 effect_goals="Bättre och jämlik välfärd med digitalt stöd")
        self.budget(prof, [y - 1, y], {(CostKind.OVRIGT, FundingSource.AVTALSMEDEL): 30_000})
        self.through_styrgrupp(prof, last_before(Body.BEREDNING, date(y - 1, 6, 1)), Outcome.GODKANNS)
        self.sign_and_start(prof, date(y - 1, 6, 20), 30_000, FundingSource.AVTALSMEDEL)

        ai = A(ActivityKind.PROJEKT, "AI-stöd i hemtjänstens planering", parent_id=prof, start=date(y + 1, 3, 1),
               end=date(y + 3, 2, 28), responsible_researcher_id=r4, university_id=oru, responsible_official_id=o2,
               administration="Förvaltningen Vård och omsorg", forankring_confirmed=True, external_funder_id=vinnova,
               deliverables="Prototyp för schemaläggning\nUtvärdering av arbetsmiljöeffekter")
        self.budget(ai, [y + 1, y + 2], {(CostKind.LON, FundingSource.EXTERN): 1_200_000,
                                         (CostKind.LON, FundingSource.KOMMUN_KONTANT): 200_000,
                                         (CostKind.LON, FundingSource.NATURAINSATS): 300_000,
                                         (CostKind.OVERHEAD, FundingSource.LAROSATE): 150_000})
        self.through_styrgrupp(ai, last_before(Body.BEREDNING, self.today - timedelta(days=60)),
                               Outcome.MEDFINANSIERING)

        valf = A(ActivityKind.FORSTUDIE, "Välfärdsteknik i LSS-boenden", parent_id=prof, start=date(y - 1, 2, 1),
                 end=date(y - 1, 11, 30), responsible_researcher_id=r2, university_id=oru, responsible_official_id=o2,
                 administration="Förvaltningen Funktionsstöd", forankring_confirmed=True)
        self.budget(valf, [y - 1], {(CostKind.LON, FundingSource.AVTALSMEDEL): 180_000,
                                    (CostKind.LON, FundingSource.NATURAINSATS): 40_000})
        self.through_styrgrupp(valf, last_before(Body.BEREDNING, date(y - 1, 2, 1)), Outcome.BEVILJAS)
        self.sign_and_start(valf, date(y - 1, 1, 25), 180_000, FundingSource.AVTALSMEDEL)
        sv.portfolio.move_stage(valf, Stage.AVSLUTNING, on=date(y - 1, 12, 1))
        for r in sv.portfolio.get(valf, self.today).reports:
            sv.portfolio.record_report(r.id, received_on=r.due - timedelta(days=3), approved=True)
        sv.portfolio.record_popular_presentation(valf, date(y, 5, 20) if date(y, 5, 20) < self.today else date(y - 1, 11, 25))
        closing = last_before(Body.STYRGRUPP, self.today)
        item = sv.meetings.add_item(closing, AgendaItemInput("Avslutning: Välfärdsteknik i LSS-boenden",
                                                             AgendaKind.AVSLUTNING, activity_id=valf))
        sv.meetings.record_outcome(item, Outcome.GODKANNS, "Styrgruppen godkänner slutrapporten och avslutar förstudien.")

        # Activities in the early stages and the gates
        A(ActivityKind.FORSTUDIE, "Unga vuxnas väg till arbete", responsible_official_id=o6,
          administration="Arbetsmarknadsförvaltningen")
        trygg = A(ActivityKind.FORSTUDIE, "Trygghet i centrum", responsible_researcher_id=r2, university_id=oru)
        self.walk(trygg, [Stage.PITCH], date(y, 10, 1))
        narv = A(ActivityKind.PROJEKT, "Skolnärvaro och psykisk hälsa", start=date(y + 1, 8, 1), end=date(y + 3, 6, 30),
                 responsible_researcher_id=r3, university_id=oru, responsible_official_id=o3,
                 administration="Förvaltningen Förskola och skola", forankring_confirmed=True,
                 research_question="Vilka tidiga insatser minskar långvarig skolfrånvaro?")
        self.budget(narv, [y + 1, y + 2], std)
        self.walk(narv, [Stage.PITCH, Stage.ANSOKAN], date(y, 8, 15))
        vatten = A(ActivityKind.PROJEKT, "Digitala tvillingar för VA-nätet", responsible_researcher_id=r4,
                   university_id=oru, responsible_official_id=o1, administration="Tekniska förvaltningen")
        self.budget(vatten, [y + 1], {(CostKind.LON, FundingSource.AVTALSMEDEL): 380_000})
        self.walk(vatten, [Stage.ANSOKAN], date(y, 9, 20))
        dialog = A(ActivityKind.FORSTUDIE, "Medborgardialog i ny översiktsplan", start=date(y + 1, 2, 1),
                   end=date(y + 1, 11, 30), responsible_researcher_id=r6, university_id=oru, responsible_official_id=o1,
                   administration="Förvaltningen Stadsbyggnad", forankring_confirmed=True)
        self.budget(dialog, [y + 1], {(CostKind.LON, FundingSource.AVTALSMEDEL): 200_000})
        self.walk(dialog, [Stage.ANSOKAN], date(y, 5, 2))
        bered = last_before(Body.BEREDNING, self.today)
        it = sv.meetings.add_item(bered, AgendaItemInput("Medborgardialog i ny översiktsplan", AgendaKind.BESLUT,
                                                         activity_id=dialog))
        sv.meetings.record_outcome(it, Outcome.VIDARE, "Beredningen tillstyrker ansökan till styrgruppen.")
        belys = A(ActivityKind.PROJEKT, "Energieffektiv belysning i offentlig miljö", responsible_researcher_id=r1,
                  university_id=oru, responsible_official_id=o1, administration="Tekniska förvaltningen",
                  forankring_confirmed=True)
        self.budget(belys, [y], {(CostKind.MATERIAL, FundingSource.AVTALSMEDEL): 600_000})
        self.through_styrgrupp(belys, last_before(Body.BEREDNING, date(y, 4, 1)), Outcome.AVSLAS)
        sprak = A(ActivityKind.PROJEKT, "Språkutveckling i förskolan", start=date(y + 1, 1, 1), end=date(y + 2, 6, 30),
                  responsible_researcher_id=r3, university_id=oru, responsible_official_id=o3,
                  administration="Förvaltningen Förskola och skola", forankring_confirmed=True,
                  case_number="ORU 2.1.2-2210/26")
        self.budget(sprak, [y + 1, y + 2], std)
        self.through_styrgrupp(sprak, last_before(Body.BEREDNING, self.today - timedelta(days=30)), Outcome.BEVILJAS)
        sv.portfolio.record_signature(sprak, rektor_on=self.today - timedelta(days=5))
        folk = A(ActivityKind.PROJEKT, "Folkhälsodata för planering", start=date(y - 2, 9, 1), end=date(y, 8, 31),
                 responsible_researcher_id=r2, university_id=oru, responsible_official_id=o2,
                 administration="Förvaltningen Vård och omsorg", forankring_confirmed=True)
        self.budget(folk, [y - 2, y - 1, y], std)
        self.through_styrgrupp(folk, last_before(Body.BEREDNING, date(y - 2, 8, 1)), Outcome.BEVILJAS)
        self.sign_and_start(folk, date(y - 2, 8, 15), 300_000, FundingSource.AVTALSMEDEL)
        sv.portfolio.move_stage(folk, Stage.AVSLUTNING, on=date(y, 9, 1))
        for r in sv.portfolio.get(folk, self.today).reports:
            sv.portfolio.record_report(r.id, received_on=r.due + timedelta(days=2),
                                       approved=None if r.kind.name == "SLUT" else True)

        # LOFT and Huddinge activities
        tillit = A(ActivityKind.TILLAGGSUPPDRAG, "Ledarskapsprogram i innovationsledning", agreement_id=loft,
                   start=date(y, 2, 1), end=date(y + 1, 1, 31), responsible_researcher_id=r5, university_id=rise,
                   responsible_official_id=o5, administration="Kommunledningsförvaltningen", forankring_confirmed=True)
        self.budget(tillit, [y], {(CostKind.LON, FundingSource.KOMMUN_KONTANT): 145_000})
        self.walk(tillit, [Stage.ANSOKAN, Stage.BEREDNING, Stage.STYRGRUPP, Stage.BESLUTSUNDERLAG], date(y - 1, 12, 1),
                  body="Kommunledningsförvaltningen")
        sv.portfolio.record_signature(tillit, rektor_on=date(y, 1, 15), municipality_on=date(y, 1, 16))
        sv.portfolio.move_stage(tillit, Stage.PAGAENDE, on=date(y, 2, 1))
        sv.agreements.add_extra_assignment(loft, "Ledarskapsprogram i innovationsledning", date(y, 1, 20), 120 * 60,
                                           activity_id=tillit)
        komp = A(ActivityKind.PROJEKT, "Kompetensförsörjning i äldreomsorgen", agreement_id=hud,
                 start=date(y - 1, 9, 1), end=date(y + 1, 8, 31), responsible_researcher_id=r6, university_id=sh,
                 responsible_official_id=o6, administration="Socialförvaltningen", forankring_confirmed=True)
        self.budget(komp, [y - 1, y, y + 1], {(CostKind.LON, FundingSource.NATURAINSATS): 120_000,
                                              (CostKind.LON, FundingSource.LAROSATE): 200_000})
        self.walk(komp, [Stage.ANSOKAN, Stage.BEREDNING, Stage.STYRGRUPP, Stage.BESLUTSUNDERLAG], date(y - 1, 6, 1),
                  body="Ledningsgrupp")
        sv.portfolio.record_signature(komp, rektor_on=date(y - 1, 8, 1), municipality_on=date(y - 1, 8, 2))
        sv.portfolio.move_stage(komp, Stage.PAGAENDE, on=date(y - 1, 9, 1))

        # Reports: some received on time, one overdue (Klimatanpassade skolgårdar)
        for act in (prog, prof, tillit):
            for r in sv.portfolio.get(act, self.today).reports:
                if r.due < self.today - timedelta(days=14):
                    sv.portfolio.record_report(r.id, received_on=r.due - timedelta(days=2), approved=True)

        # Past meetings: attendees and status; the next beredning is called with its agenda
        for m in past:
            if sv.meetings.get(m.id).status == MeetingStatus.PLANERAT:
                for st in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT, MeetingStatus.JUSTERAT):
                    sv.meetings.set_status(m.id, st)
        next_bered = next(m.id for m in future if m.body == Body.BEREDNING)
        for name, role in (("Karin Sjöberg", "Processledare, universitetet (sekreterare)"),
                           ("Ahmed Rahimi", "Processledare, kommunen"), ("Elin Nyström", "Kommunikatör")):
            sv.meetings.add_attendee(next_bered, name, role)
        for case in sv.meetings.eligible_cases(next_bered, self.today):
            sv.meetings.add_eligible(next_bered, case)
        sv.meetings.set_status(next_bered, MeetingStatus.KALLAT)

        # A KSAU meeting in the municipal form of seed 000 (§ 14 with motions and a reservation)
        ksau = sv.meetings.create(MeetingInput(Body.KSAU, date(2021, 11, 9), "Kommunstyrelsens arbetsutskott",
                                               "Enköpings kommunhus, Kungsgatan 42", "08:30", "12:00",
                                               chair="Ordförande (M)", secretary="Nämndsekreterare",
                                               adjusters="Ledamot (S)"))
        ksau_item = sv.meetings.add_item(ksau, AgendaItemInput(
            "Deltagande i LOFT 2022–2024", AgendaKind.BESLUT, agreement_id=loft, case_number="KS2021/812",
            paragraph=14,
            proposal="Kommunstyrelsen beslutar att kommunledningsförvaltningen får i uppdrag att ingå avtal med RISE, "
                     "Research Institutes of Sweden AB, avseende partnerskap för tillämpad forskning och utveckling "
                     "inom området kommunal ledning och styrning, med fokus på digital transformation, innovation "
                     "och innovationsledning.",
            documents="Tjänsteskrivelse, kommunledningsförvaltningen\nInformationsfolder; LOFT\n"
                      "Exempel på partneravtal; Partneravtal 2021 Kommunlabbet"))
        sv.meetings.update_item_text(
            ksau_item,
            motions="Ledamot (NE) yrkar avslag till förvaltningens förslag till beslut.\n"
                    "Ledamot (L) yrkar bifall till förvaltningens förslag till beslut.\n"
                    "Ledamot (M) yrkar bifall till Ledamot (L):s yrkande.\n"
                    "Ledamot (S) yrkar att arbetsutskottet lämnar upp ärendet till kommunstyrelsen utan eget ställningstagande.",
            decision_procedure="Ordförande konstaterar att det finns tre förslag till beslut. Ordförande ställer "
                               "förslagen mot varandra och finner att arbetsutskottet beslutar enligt Ledamot (L):s yrkande.",
            sent_to="Kommunstyrelsen\nKommunledningsförvaltningen")
        sv.meetings.record_outcome(ksau_item, Outcome.BEVILJAS,
                                   "Arbetsutskottet föreslår kommunstyrelsen besluta enligt förvaltningens förslag.",
                                   "Ledamot (NE) reserverar sig mot beslutet till förmån för eget yrkande.")
        for name, role, present in (("Ordförande (M)", "Ordförande", True), ("Ledamot (L)", "Ledamot", True),
                                    ("Ledamot (S)", "Ledamot", True), ("Ledamot (NE)", "Ledamot", True),
                                    ("Ledamot (C)", "Ledamot", False)):
            sv.meetings.add_attendee(ksau, name, role, present=present)
        for st in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT, MeetingStatus.JUSTERAT):
            sv.meetings.set_status(ksau, st)

    def through_styrgrupp(self, activity_id: int, beredning_id: int | None, outcome: Outcome,
                          on: date | None = None) -> None:
        """Ansökan → beredning → styrgrupp decision, through real meeting items where a meeting exists."""
        sv = self.sv
        if beredning_id is None:
            start = on or self.today
            self.walk(activity_id, [Stage.ANSOKAN, Stage.BEREDNING, Stage.STYRGRUPP], start, body="Beredning")
            target = {Outcome.BEVILJAS: Stage.BESLUTSUNDERLAG, Outcome.GODKANNS: Stage.BESLUTSUNDERLAG,
                      Outcome.AVSLAS: Stage.AVSLAG, Outcome.MEDFINANSIERING: Stage.MEDFINANSIERING}[outcome]
            sv.portfolio.move_stage(activity_id, target, on=start + timedelta(days=28), body="Styrgrupp")
            return
        bered = sv.meetings.get(beredning_id)
        sv.portfolio.move_stage(activity_id, Stage.ANSOKAN, on=bered.data.held_on - timedelta(days=30))
        title = sv.portfolio.get(activity_id, self.today).data.title
        item = sv.meetings.add_item(beredning_id, AgendaItemInput(title, AgendaKind.BESLUT, activity_id=activity_id))
        sv.meetings.record_outcome(item, Outcome.VIDARE, "Beredningen tillstyrker ansökan.")
        styr = next((m for m in sv.meetings.list_rows() if m.body == Body.STYRGRUPP
                     and m.held_on > bered.data.held_on), None)
        if styr is None:
            raise ValidationError("Demo", "inget styrgruppsmöte efter beredningen")
        item = sv.meetings.add_item(styr.id, AgendaItemInput(title, AgendaKind.BESLUT, activity_id=activity_id))
        text = {Outcome.BEVILJAS: "Styrgruppen beviljar ansökan.", Outcome.GODKANNS: "Styrgruppen godkänner planen.",
                Outcome.AVSLAS: "Styrgruppen avslår ansökan.",
                Outcome.MEDFINANSIERING: "Styrgruppen beslutar om medfinansiering av ansökan till extern finansiär."}
        sv.meetings.record_outcome(item, outcome, text[outcome])

    def _settle_invoices(self, agreement_id: int) -> None:
        """Past invoices paid; the current period's invoiced (and left unpaid when overdue, to show)."""
        invoices = self.sv.agreements.invoices(agreement_id)
        current = [i for i in invoices if i.invoice_date <= self.today]
        for n, inv in enumerate(current):
            # The newest invoice is left unpaid when recently due, so the radar shows an overdue payment.
            is_last = n == len(current) - 1 and inv.due_date >= self.today - timedelta(days=45)
            self.sv.agreements.set_invoice_status(inv.id, InvoiceStatus.FAKTURERAD, inv.invoice_date,
                                                  f"F{inv.year}-{inv.period_no:02d}-{agreement_id}")
            if not is_last:
                self.sv.agreements.set_invoice_status(inv.id, InvoiceStatus.BETALD, inv.due_date - timedelta(days=2))


def load_demo(sv: Services, today: date) -> None:
    """Fill an empty database with the demo; refuses a database that already holds data."""
    if not sv.is_empty():
        raise ValidationError("Databas", "innehåller redan data; demodata läses bara in i en tom databas")
    _Builder(sv, today).build()
