<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>ActivityForm</name>
    <message>
        <source>Research question</source>
        <translation>Forskningsfråga</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivitet</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Part of</source>
        <translation>Ingår i</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Diarienummer</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <source>Confirmed in the administration</source>
        <translation>Bekräftad i förvaltningen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <source>People and anchoring</source>
        <translation>Personer och förankring</translation>
    </message>
    <message>
        <source>Responsible researcher</source>
        <translation>Ansvarig forskare</translation>
    </message>
    <message>
        <source>University</source>
        <translation>Lärosäte</translation>
    </message>
    <message>
        <source>Responsible official</source>
        <translation>Ansvarig tjänsteperson</translation>
    </message>
    <message>
        <source>Administration/company</source>
        <translation>Förvaltning/bolag</translation>
    </message>
    <message>
        <source>Municipal company</source>
        <translation>Kommunalt bolag</translation>
    </message>
    <message>
        <source>Anchoring</source>
        <translation>Förankring</translation>
    </message>
    <message>
        <source>External funder</source>
        <translation>Extern finansiär</translation>
    </message>
    <message>
        <source>Effect goals</source>
        <translation>Effektmål</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>Nyckeltal</translation>
    </message>
    <message>
        <source>Activity goals</source>
        <translation>Aktivitetsmål</translation>
    </message>
    <message>
        <source>Deliverables for the municipality</source>
        <translation>Leveranser till kommunen</translation>
    </message>
    <message>
        <source>One goal, KPI or deliverable per line.</source>
        <translation>Ett mål, nyckeltal eller en leverans per rad.</translation>
    </message>
    <message>
        <source>Deliverables</source>
        <translation>Leveranser</translation>
    </message>
    <message>
        <source>A program or profile area cannot be part of another one</source>
        <translation>Ett program eller profilbärande område kan inte ingå i ett annat</translation>
    </message>
</context>
<context>
    <name>ActivityTables</name>
    <message>
        <source>Overdue</source>
        <translation>Försenad</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkänd</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Ej godkänd</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottagen</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Kommande</translation>
    </message>
</context>
<context>
    <name>AllocationDialog</name>
    <message>
        <source>Add allocation</source>
        <translation>Lägg till tilldelning</translation>
    </message>
    <message>
        <source>Funding decided for the activity for one year and source.</source>
        <translation>Beslutad finansiering av aktiviteten för ett år och en källa.</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Beslutsdatum</translation>
    </message>
</context>
<context>
    <name>BudgetGridEditor</name>
    <message>
        <source>Budget per year, cost kind and source</source>
        <extracomment>the budget was edited</extracomment>
        <translation>Budget per år, kostnadsslag och källa</translation>
    </message>
    <message>
        <source>No budget yet. Add a year and a row (cost kind and source), then type the amounts into the cells.</source>
        <translation>Ingen budget ännu. Lägg till ett år och en rad (kostnadsslag och källa) och skriv sedan beloppen i cellerna.</translation>
    </message>
    <message>
        <source>Year to add</source>
        <translation>År att lägga till</translation>
    </message>
    <message>
        <source>Add year</source>
        <translation>Lägg till år</translation>
    </message>
    <message>
        <source>Remove year</source>
        <translation>Ta bort år</translation>
    </message>
    <message>
        <source>Removes the year of the selected cell</source>
        <translation>Tar bort året för den markerade cellen</translation>
    </message>
    <message>
        <source>Cost kind</source>
        <translation>Kostnadsslag</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Lägg till rad</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Ta bort rad</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>År:</translation>
    </message>
    <message>
        <source>Row:</source>
        <translation>Rad:</translation>
    </message>
    <message>
        <source>Total %1 over %2–%3</source>
        <translation>Totalt %1 för %2–%3</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Totalt %1</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Förfaller</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottagen</translation>
    </message>
    <message>
        <source>Presented at</source>
        <translation>Presenterad vid</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkänd</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>§</source>
        <translation>§</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Diarienummer</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Reservationer</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Beslutsdatum</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Utbetalningsdatum</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notering</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Skapat</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Cost kind</source>
        <translation>Kostnadsslag</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>Column headers (translated in context &quot;Columns&quot;), in view order.</extracomment>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Administration/company</source>
        <translation>Förvaltning/bolag</translation>
    </message>
    <message>
        <source>Responsible official</source>
        <translation>Ansvarig tjänsteperson</translation>
    </message>
    <message>
        <source>Responsible researcher</source>
        <translation>Ansvarig forskare</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Slut</translation>
    </message>
    <message>
        <source>Total budget</source>
        <translation>Total budget</translation>
    </message>
    <message>
        <source>Next report due</source>
        <translation>Nästa rapport</translation>
    </message>
</context>
<context>
    <name>DisbursementDialog</name>
    <message>
        <source>Register disbursement</source>
        <translation>Registrera utbetalning</translation>
    </message>
    <message>
        <source>Funds can be transferred once both signatories have signed the decision document.</source>
        <translation>Medel kan föras över när båda firmatecknarna har undertecknat beslutsunderlaget.</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Utbetalningsdatum</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notering</translation>
    </message>
</context>
<context>
    <name>PortfolioTab</name>
    <message>
        <source>Portfolio</source>
        <extracomment>Section (tab) indexes of the detail area. the activity the tab is about to show again (or the first one), read with the rest</extracomment>
        <translation>Projektportfölj</translation>
    </message>
    <message>
        <source>New pre-study</source>
        <translation>Ny förstudie</translation>
    </message>
    <message>
        <source>Create a new pre-study (Ctrl+N)</source>
        <translation>Skapa en ny förstudie (Ctrl+N)</translation>
    </message>
    <message>
        <source>Filter: title, person, administration, case number…</source>
        <translation>Filtrera: titel, person, förvaltning, diarienummer…</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>Snabbfilter</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Administration/company</source>
        <translation>Förvaltning/bolag</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alla typer</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Alla steg</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Rensa filter</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktiviteter</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message>
        <source>Select an activity in the list, or create a new pre-study (Ctrl+N).</source>
        <translation>Välj en aktivitet i listan eller skapa en ny förstudie (Ctrl+N).</translation>
    </message>
    <message>
        <source>Create the first pre-study</source>
        <translation>Skapa den första förstudien</translation>
    </message>
    <message>
        <source>Other step</source>
        <translation>Annat steg</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Steg:</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Uppgifter</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>Decisions and signatures</source>
        <translation>Beslut och underskrifter</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>Avslutning</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Save the activity and its budget (Ctrl+S)</source>
        <translation>Spara aktiviteten och dess budget (Ctrl+S)</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Ångra ändringar</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Ta bort…</translation>
    </message>
    <message>
        <source>The detailed budget per year, cost kind and source. Type an amount into a cell (75000, 75 000 or 75 000,50 kr); it is saved with the activity.</source>
        <translation>Den detaljerade budgeten per år, kostnadsslag och källa. Skriv ett belopp i en cell (75000, 75 000 eller 75 000,50 kr); den sparas tillsammans med aktiviteten.</translation>
    </message>
    <message>
        <source>Register report…</source>
        <translation>Registrera rapport…</translation>
    </message>
    <message>
        <source>Register the selected report as received, presented or approved</source>
        <translation>Registrera den markerade rapporten som mottagen, presenterad eller godkänd</translation>
    </message>
    <message>
        <source>Reports are scheduled from the rules when the start and end dates are set: a half-time and a final report for short activities, a report every 12 months for long projects, every 6 months for programs and profile areas.</source>
        <translation>Rapporterna planeras enligt reglerna när start- och slutdatum är satta: halvtids- och slutrapport för korta aktiviteter, en rapport var 12:e månad för långa projekt och var 6:e månad för program och profilbärande områden.</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>No decisions yet. Decisions of the preparation group and the steering group appear here when they are minuted in Meetings.</source>
        <translation>Inga beslut ännu. Beredningens och styrgruppens beslut visas här när de protokollförs under Möten.</translation>
    </message>
    <message>
        <source>Signatures of the decision document (two copies)</source>
        <translation>Underskrifter av beslutsunderlaget (två exemplar)</translation>
    </message>
    <message>
        <source>Mark as signed</source>
        <translation>Markera undertecknad</translation>
    </message>
    <message>
        <source>Date of the signature; empty means today</source>
        <translation>Datum för underskriften; tomt betyder i dag</translation>
    </message>
    <message>
        <source>Vice-chancellor (rektor)</source>
        <translation>Rektor</translation>
    </message>
    <message>
        <source>Municipal chief executive</source>
        <translation>Kommundirektör</translation>
    </message>
    <message>
        <source>Print or save the decision document…</source>
        <translation>Skriv ut eller spara beslutsunderlaget…</translation>
    </message>
    <message>
        <source>Allocations and disbursements</source>
        <translation>Tilldelningar och utbetalningar</translation>
    </message>
    <message>
        <source>Add allocation…</source>
        <translation>Lägg till tilldelning…</translation>
    </message>
    <message>
        <source>Register disbursement…</source>
        <translation>Registrera utbetalning…</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>Tilldelat</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Överfört</translation>
    </message>
    <message>
        <source>Printed documents</source>
        <translation>Utskrivna dokument</translation>
    </message>
    <message>
        <source>No decision document or co-financing certificate printed yet.</source>
        <translation>Inget beslutsunderlag eller medfinansieringsintyg utskrivet ännu.</translation>
    </message>
    <message>
        <source>Closure is decided by the steering group and requires an approved scientific final report and a popular-science presentation at a result-dissemination event.</source>
        <translation>Avslutning beslutas av styrgruppen och kräver en godkänd vetenskaplig slutrapport och en populärvetenskaplig presentation vid ett resultatspridningstillfälle.</translation>
    </message>
    <message>
        <source>Closure checklist</source>
        <translation>Checklista för avslutning</translation>
    </message>
    <message>
        <source>Go to follow-up</source>
        <translation>Gå till uppföljning</translation>
    </message>
    <message>
        <source>Register presentation…</source>
        <translation>Registrera presentation…</translation>
    </message>
    <message>
        <source>Every change of the activity and of its budget, follow-up reports, decisions, allocations and disbursements, newest first (from the change log).</source>
        <translation>Varje ändring av aktiviteten och av dess budget, uppföljningsrapporter, beslut, tilldelade medel och utbetalningar, nyast först (från ändringsloggen).</translation>
    </message>
    <message>
        <source>Opening the activity</source>
        <translation>Öppnar aktiviteten</translation>
    </message>
    <message>
        <source>Could not load the history</source>
        <translation>Historiken kunde inte läsas in</translation>
    </message>
    <message>
        <source>Loading the portfolio</source>
        <translation>Läser in projektportföljen</translation>
    </message>
    <message>
        <source>Could not load the portfolio</source>
        <translation>Kunde inte läsa in projektportföljen</translation>
    </message>
    <message>
        <source>All agreements</source>
        <translation>Alla avtal</translation>
    </message>
    <message>
        <source>All administrations</source>
        <translation>Alla förvaltningar</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alla år</translation>
    </message>
    <message>
        <source>The portfolio is empty. Activities start as pre-studies: an idea in dialogue between the municipality and the university.</source>
        <translation>Portföljen är tom. Aktiviteter börjar som förstudier: en idé i dialog mellan kommunen och lärosätet.</translation>
    </message>
    <message>
        <source>No activities yet. Create the first pre-study with “New pre-study” (Ctrl+N).</source>
        <translation>Inga aktiviteter ännu. Skapa den första förstudien med ”Ny förstudie” (Ctrl+N).</translation>
    </message>
    <message>
        <source>No activity matches the filter.</source>
        <translation>Ingen aktivitet matchar filtret.</translation>
    </message>
    <message numerus="yes">
        <source>%n activities</source>
        <translation>
            <numerusform>%n aktivitet</numerusform>
            <numerusform>%n aktiviteter</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 activities shown</source>
        <translation>%1 av %2 aktiviteter visas</translation>
    </message>
    <message>
        <source>Activity not found</source>
        <translation>Aktiviteten finns inte</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>i %1</translation>
    </message>
    <message numerus="yes">
        <source>%n activities inside</source>
        <translation>
            <numerusform>innehåller %n aktivitet</numerusform>
            <numerusform>innehåller %n aktiviteter</numerusform>
        </translation>
    </message>
    <message>
        <source>Next step: %1</source>
        <translation>Nästa steg: %1</translation>
    </message>
    <message>
        <source>Final stage</source>
        <translation>Slutsteg</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>Till %1</translation>
    </message>
    <message>
        <source>Missing before %1: %2</source>
        <translation>Saknas inför %1: %2</translation>
    </message>
    <message>
        <source>No reports scheduled yet: they are planned when the start date is set.</source>
        <translation>Inga rapporter planerade ännu: de planeras när startdatum är satt.</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) overdue</source>
        <translation>
            <numerusform>%n rapport försenad</numerusform>
            <numerusform>%n rapporter försenade</numerusform>
        </translation>
    </message>
    <message>
        <source>Next report: %1 due %2</source>
        <translation>Nästa rapport: %1 senast %2</translation>
    </message>
    <message>
        <source>All reports received.</source>
        <translation>Alla rapporter är mottagna.</translation>
    </message>
    <message>
        <source>Municipal company chief executive</source>
        <translation>Kommunbolagschef</translation>
    </message>
    <message>
        <source>Signed %1</source>
        <translation>Undertecknat %1</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Ej undertecknat</translation>
    </message>
    <message>
        <source>The decision document can be signed once the steering group has granted the activity.</source>
        <translation>Beslutsunderlaget kan undertecknas när styrgruppen har beviljat aktiviteten.</translation>
    </message>
    <message>
        <source>Funds can be transferred and the activity can start when both have signed.</source>
        <translation>När båda har undertecknat kan medel föras över och aktiviteten starta.</translation>
    </message>
    <message>
        <source>Budget %1 · allocated %2 · transferred %3</source>
        <translation>Budget %1 · tilldelat %2 · överfört %3</translation>
    </message>
    <message>
        <source>first transfer %1</source>
        <translation>första överföring %1</translation>
    </message>
    <message>
        <source>Scientific final report approved</source>
        <translation>Vetenskaplig slutrapport godkänd</translation>
    </message>
    <message>
        <source>Scientific final report not approved yet</source>
        <translation>Vetenskaplig slutrapport är inte godkänd ännu</translation>
    </message>
    <message>
        <source>Popular-science presentation held %1</source>
        <translation>Populärvetenskaplig presentation hållen %1</translation>
    </message>
    <message>
        <source>Popular-science presentation not held yet</source>
        <translation>Populärvetenskaplig presentation är inte hållen ännu</translation>
    </message>
    <message>
        <source>The activity is closed.</source>
        <translation>Aktiviteten är avslutad.</translation>
    </message>
    <message>
        <source>Both requirements are met: the steering group can close the activity.</source>
        <translation>Båda kraven är uppfyllda: styrgruppen kan avsluta aktiviteten.</translation>
    </message>
    <message>
        <source>The activity has unsaved changes. Discard them?</source>
        <translation>Aktiviteten har osparade ändringar. Vill du kasta dem?</translation>
    </message>
    <message>
        <source>Fill in at least the title and save (Ctrl+S).</source>
        <translation>Fyll i åtminstone titeln och spara (Ctrl+S).</translation>
    </message>
    <message>
        <source>Save the activity to move it on in the workflow.</source>
        <translation>Spara aktiviteten för att kunna föra den vidare i arbetsgången.</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>”%1” har sparats.</translation>
    </message>
    <message>
        <source>The activity as saved by the other person is shown; your changes were discarded.</source>
        <translation>Aktiviteten visas så som den andra personen sparade den; dina ändringar har slängts.</translation>
    </message>
    <message>
        <source>Not saved: someone else has changed the activity.</source>
        <translation>Inte sparat: någon annan har ändrat aktiviteten.</translation>
    </message>
    <message>
        <source>Delete activity</source>
        <translation>Ta bort aktivitet</translation>
    </message>
    <message>
        <source>Delete “%1”? Its budget, reports, allocations and disbursements are deleted too.</source>
        <translation>Ta bort ”%1”? Dess budget, rapporter, tilldelningar och utbetalningar tas också bort.</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Kunde inte ta bort</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>”%1” har tagits bort.</translation>
    </message>
    <message>
        <source>Move “%1” to “%2”? This ends the activity&apos;s workflow.</source>
        <translation>Flytta ”%1” till ”%2”? Det avslutar aktivitetens arbetsgång.</translation>
    </message>
    <message>
        <source>The step is blocked</source>
        <translation>Steget är spärrat</translation>
    </message>
    <message>
        <source>Could not change the stage</source>
        <translation>Kunde inte byta steg</translation>
    </message>
    <message>
        <source>“%1” moved to %2.</source>
        <translation>”%1” har flyttats till %2.</translation>
    </message>
    <message>
        <source>Could not record the signature</source>
        <translation>Kunde inte registrera underskriften</translation>
    </message>
    <message>
        <source>Signature recorded.</source>
        <translation>Underskriften är registrerad.</translation>
    </message>
    <message>
        <source>Allocation added.</source>
        <translation>Tilldelningen är tillagd.</translation>
    </message>
    <message>
        <source>Funds cannot be transferred yet</source>
        <translation>Medel kan inte föras över ännu</translation>
    </message>
    <message>
        <source>Disbursement registered.</source>
        <translation>Utbetalningen är registrerad.</translation>
    </message>
    <message>
        <source>Select a report first.</source>
        <translation>Markera en rapport först.</translation>
    </message>
    <message>
        <source>Report registered.</source>
        <translation>Rapporten är registrerad.</translation>
    </message>
    <message>
        <source>Presentation recorded.</source>
        <translation>Presentationen är registrerad.</translation>
    </message>
</context>
<context>
    <name>PortfolioTree</name>
    <message>
        <source>The report is overdue</source>
        <extracomment>Sort key of an empty value: after every text, date and amount (empty last, ascending).</extracomment>
        <translation>Rapporten är försenad</translation>
    </message>
</context>
<context>
    <name>PresentationDialog</name>
    <message>
        <source>Popular-science presentation</source>
        <translation>Populärvetenskaplig presentation</translation>
    </message>
    <message>
        <source>The date of the result-dissemination event where the activity was presented (held twice a year, in quarters 2 and 4).</source>
        <translation>Datum för resultatspridningstillfället där aktiviteten presenterades (hålls två gånger om året, kvartal 2 och 4).</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>Hölls</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Register report</source>
        <translation>Registrera rapport</translation>
    </message>
    <message>
        <source>%1, due %2</source>
        <translation>%1, senast %2</translation>
    </message>
    <message>
        <source>Not yet assessed</source>
        <translation>Inte bedömd ännu</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkänd</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Ej godkänd</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottagen</translation>
    </message>
    <message>
        <source>Presented at</source>
        <translation>Presenterad vid</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Bedömning</translation>
    </message>
</context>
</TS>
