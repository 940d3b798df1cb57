<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>AgreementFacts</name>
    <message>
        <source>The invoice plan, fees per year, hours and deadlines of the chosen agreement appear here, recomputed as you edit.</source>
        <translation>Här visas det valda avtalets fakturaplan, avgifter per år, timmar och tidsfrister – de räknas om medan du redigerar.</translation>
    </message>
    <message>
        <source>Preview of unsaved terms: saving creates these invoices.</source>
        <translation>Förhandsvisning av osparade villkor: när du sparar skapas dessa fakturor.</translation>
    </message>
    <message>
        <source>Invoice plan</source>
        <translation>Fakturaplan</translation>
    </message>
    <message>
        <source>Mark invoiced</source>
        <translation>Markera fakturerad</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>Markera betald</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Set the invoice back to planned</source>
        <translation>Återställ fakturan till planerad</translation>
    </message>
    <message>
        <source>Fees per year</source>
        <translation>Avgift per år</translation>
    </message>
    <message>
        <source>Included hours</source>
        <translation>Timkvot</translation>
    </message>
    <message>
        <source>Included</source>
        <translation>Ingår</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Använt</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Kvar</translation>
    </message>
    <message>
        <source>Beyond quota</source>
        <translation>Utöver kvoten</translation>
    </message>
    <message>
        <source>Extra work</source>
        <translation>Tilläggsuppdrag</translation>
    </message>
    <message>
        <source>Record hours…</source>
        <translation>Registrera timmar…</translation>
    </message>
    <message>
        <source>Extra assignment…</source>
        <translation>Tilläggsuppdrag…</translation>
    </message>
    <message>
        <source>Notice and extension</source>
        <translation>Uppsägning och förlängning</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Notice by</source>
        <translation>Säg upp senast</translation>
    </message>
    <message>
        <source>%1 → ends %2</source>
        <translation>%1 → upphör %2</translation>
    </message>
    <message>
        <source>Extension deadline</source>
        <translation>Förlängning senast</translation>
    </message>
    <message>
        <source>Notice given</source>
        <translation>Uppsägning given</translation>
    </message>
    <message>
        <source>Cannot compute the plan: %1</source>
        <translation>Planen kan inte beräknas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n assignment(s), %1</source>
        <translation>
            <numerusform>%n uppdrag, %1</numerusform>
            <numerusform>%n uppdrag, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>inga</translation>
    </message>
    <message>
        <source>No fee: nothing to invoice.</source>
        <translation>Ingen avgift – inget att fakturera.</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s), in total %1</source>
        <translation>
            <numerusform>%n faktura, totalt %1</numerusform>
            <numerusform>%n fakturor, totalt %1</numerusform>
        </translation>
    </message>
    <message>
        <source>paid %1</source>
        <translation>betalt %1</translation>
    </message>
    <message>
        <source>%1, priced %2</source>
        <translation>%1, kostar %2</translation>
    </message>
    <message>
        <source>none before the end of the period</source>
        <translation>ingen före periodens slut</translation>
    </message>
    <message>
        <source>no extension rule</source>
        <translation>ingen förlängningsregel</translation>
    </message>
    <message>
        <source>Save the agreement first: this invoice does not exist yet.</source>
        <translation>Spara avtalet först: fakturan finns inte ännu.</translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message>
        <source>Basics</source>
        <translation>Grunduppgifter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
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
        <source>e.g. KS2021/812</source>
        <translation>t.ex. KS2021/812</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Diarienummer</translation>
    </message>
    <message>
        <source>Our organisation</source>
        <translation>Vår organisation</translation>
    </message>
    <message>
        <source>New organisation…</source>
        <translation>Ny organisation…</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (empty: until further notice)</source>
        <translation>ÅÅÅÅ-MM-DD (tomt: tills vidare)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Avtalsperiod</translation>
    </message>
    <message>
        <source>Partner organisations</source>
        <translation>Partnerorganisationer</translation>
    </message>
    <message>
        <source>Organisation to add as partner</source>
        <translation>Organisation att lägga till som partner</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Parter</translation>
    </message>
    <message>
        <source>Fee and invoicing</source>
        <translation>Avgift och fakturering</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Avgift</translation>
    </message>
    <message>
        <source>Annual fee excl. VAT</source>
        <translation>Årsavgift exkl. moms</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>per år</translation>
    </message>
    <message>
        <source>Every quarter (4 a year)</source>
        <translation>Varje kvartal (4 per år)</translation>
    </message>
    <message>
        <source>Once a year</source>
        <translation>En gång per år</translation>
    </message>
    <message>
        <source>Every half-year (2 a year)</source>
        <translation>Varje halvår (2 per år)</translation>
    </message>
    <message>
        <source>Every month (12 a year)</source>
        <translation>Varje månad (12 per år)</translation>
    </message>
    <message>
        <source>Invoicing</source>
        <translation>Fakturering</translation>
    </message>
    <message>
        <source>In advance</source>
        <translation>I förskott</translation>
    </message>
    <message>
        <source>In arrears</source>
        <translation>I efterskott</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>Faktureras</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Betalningsvillkor</translation>
    </message>
    <message>
        <source>days net</source>
        <translation>dagar netto</translation>
    </message>
    <message>
        <source>Late interest</source>
        <translation>Dröjsmålsränta</translation>
    </message>
    <message>
        <source>percentage points above the reference rate</source>
        <translation>procentenheter över referensräntan</translation>
    </message>
    <message>
        <source>Included hours</source>
        <translation>Ingående timmar</translation>
    </message>
    <message>
        <source>per full year</source>
        <translation>per helt år</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>Timpris</translation>
    </message>
    <message>
        <source>per hour, extra work</source>
        <translation>per timme, tilläggsarbete</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>partner discount on extra work</source>
        <translation>partnerrabatt på tilläggsuppdrag</translation>
    </message>
    <message>
        <source>Invoicing note</source>
        <translation>Anteckning om fakturering</translation>
    </message>
    <message>
        <source>Notice and extension</source>
        <translation>Uppsägning och förlängning</translation>
    </message>
    <message>
        <source>Fixed term: ends at the end of the period without notice</source>
        <translation>Tidsbegränsat: upphör vid periodens slut utan uppsägning</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Avtalstid</translation>
    </message>
    <message>
        <source>Notice period</source>
        <translation>Uppsägningstid</translation>
    </message>
    <message>
        <source>months</source>
        <translation>månader</translation>
    </message>
    <message>
        <source>MM-DD, e.g. 02-01 or 12-31</source>
        <translation>MM-DD, t.ex. 02-01 eller 12-31</translation>
    </message>
    <message>
        <source>Termination dates</source>
        <translation>Uppsägningsdatum</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>Extension agreed</source>
        <translation>Förlängning avtalas</translation>
    </message>
    <message>
        <source>months before the end at the latest</source>
        <translation>månader före slutet, senast</translation>
    </message>
    <message>
        <source>Record notice…</source>
        <translation>Registrera uppsägning…</translation>
    </message>
    <message>
        <source>Record extension…</source>
        <translation>Registrera förlängning…</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Innehåll</translation>
    </message>
    <message>
        <source>One item per line.</source>
        <translation>En punkt per rad.</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Teman</translation>
    </message>
    <message>
        <source>Our obligations</source>
        <translation>Våra åtaganden</translation>
    </message>
    <message>
        <source>Partner&apos;s obligations</source>
        <translation>Partnerns åtaganden</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <source>Bodies and roles</source>
        <translation>Organ och roller</translation>
    </message>
    <message>
        <source>Governance bodies</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>Add body…</source>
        <translation>Lägg till organ…</translation>
    </message>
    <message>
        <source>People in roles</source>
        <translation>Personer i roller</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>Lägg till person…</translation>
    </message>
    <message>
        <source>Remove role…</source>
        <translation>Ta bort roll…</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Decision history</source>
        <translation>Beslutshistorik</translation>
    </message>
    <message>
        <source>Add decision…</source>
        <translation>Lägg till beslut…</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Bilagor</translation>
    </message>
    <message>
        <source>Add attachment…</source>
        <translation>Lägg till bilaga…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>our side</source>
        <translation>vår sida</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partnern</translation>
    </message>
    <message>
        <source>– choose –</source>
        <translation>– välj –</translation>
    </message>
    <message>
        <source>– choose an organisation to add –</source>
        <translation>– välj organisation att lägga till –</translation>
    </message>
    <message>
        <source>Save the agreement first; then you can add these.</source>
        <translation>Spara avtalet först, sedan kan du lägga till här.</translation>
    </message>
</context>
<context>
    <name>AgreementModels</name>
    <message>
        <source>Days left: %1</source>
        <translation>Dagar kvar: %1</translation>
    </message>
    <message>
        <source>Invoiced %1</source>
        <translation>Fakturerad %1</translation>
    </message>
    <message>
        <source>Paid %1</source>
        <translation>Betald %1</translation>
    </message>
    <message>
        <source>Invoices: %1</source>
        <translation>Fakturor: %1</translation>
    </message>
</context>
<context>
    <name>AgreementsTab</name>
    <message>
        <source>Agreements</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Filter agreements…</source>
        <translation>Filtrera avtal…</translation>
    </message>
    <message>
        <source>Filter agreements</source>
        <translation>Filtrera avtal</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alla statusar</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alla avtalstyper</translation>
    </message>
    <message>
        <source>Kind filter</source>
        <translation>Typfilter</translation>
    </message>
    <message>
        <source>New agreement</source>
        <translation>Nytt avtal</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Every change of the agreement and of its partners, roles, bodies, decisions and attachments, newest first (from the change log).</source>
        <translation>Varje ändring av avtalet och dess parter, roller, organ, beslut och bilagor, senaste först (ur ändringsloggen).</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
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
        <source>Loading agreements…</source>
        <translation>Läser in avtal…</translation>
    </message>
    <message>
        <source>New agreement: fill in the form and save with Ctrl+S.</source>
        <translation>Nytt avtal: fyll i formuläret och spara med Ctrl+S.</translation>
    </message>
    <message>
        <source>Agreement saved.</source>
        <translation>Avtalet är sparat.</translation>
    </message>
    <message>
        <source>The agreement as saved by the other person is shown; your changes were discarded.</source>
        <translation>Avtalet visas så som den andra personen sparade det; dina ändringar har slängts.</translation>
    </message>
    <message>
        <source>Not saved: someone else has changed the agreement.</source>
        <translation>Inte sparat: någon annan har ändrat avtalet.</translation>
    </message>
    <message>
        <source>Delete agreement</source>
        <translation>Ta bort avtal</translation>
    </message>
    <message>
        <source>Delete the agreement “%1” with its invoices, roles, decisions and attachments? This cannot be undone.</source>
        <translation>Ta bort avtalet ”%1” med dess fakturor, roller, beslut och bilagor? Det går inte att ångra.</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Kunde inte ta bort</translation>
    </message>
    <message>
        <source>Agreement deleted.</source>
        <translation>Avtalet är borttaget.</translation>
    </message>
    <message numerus="yes">
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n avtal</numerusform>
            <numerusform>%n avtal</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 av %2 visas</translation>
    </message>
    <message>
        <source>Could not open</source>
        <translation>Kunde inte öppna</translation>
    </message>
    <message>
        <source>Could not load the history</source>
        <translation>Historiken kunde inte läsas in</translation>
    </message>
    <message>
        <source>No agreements yet.
Create the first one: the invoice plan, fees and deadlines follow from its terms.</source>
        <translation>Inga avtal ännu.
Skapa det första – fakturaplan, avgifter och tidsfrister följer av villkoren.</translation>
    </message>
    <message>
        <source>Choose an agreement in the list, or create a new one (Ctrl+N).</source>
        <translation>Välj ett avtal i listan eller skapa ett nytt (Ctrl+N).</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Inte sparat ännu</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>Notice given %1: the agreement ends %2.</source>
        <translation>Uppsägning given %1: avtalet upphör %2.</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Discard them?</source>
        <translation>”%1” har osparade ändringar. Vill du kasta dem?</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Inte sparat: %1</translation>
    </message>
    <message>
        <source>Save first</source>
        <translation>Spara först</translation>
    </message>
    <message>
        <source>Save or undo your changes to the agreement first.</source>
        <translation>Spara eller ångra dina ändringar i avtalet först.</translation>
    </message>
    <message>
        <source>Could not change the invoice</source>
        <translation>Kunde inte ändra fakturan</translation>
    </message>
    <message>
        <source>Invoice marked %1.</source>
        <translation>Fakturan är markerad som %1.</translation>
    </message>
    <message>
        <source>Notice recorded: the agreement ends %1.</source>
        <translation>Uppsägningen är registrerad: avtalet upphör %1.</translation>
    </message>
    <message>
        <source>Extension recorded: the agreement now ends %1.</source>
        <translation>Förlängningen är registrerad: avtalet upphör nu %1.</translation>
    </message>
    <message>
        <source>Decision added.</source>
        <translation>Beslutet är tillagt.</translation>
    </message>
    <message>
        <source>Body added.</source>
        <translation>Organet är tillagt.</translation>
    </message>
    <message>
        <source>Person added.</source>
        <translation>Personen är tillagd.</translation>
    </message>
    <message>
        <source>Remove role</source>
        <translation>Ta bort roll</translation>
    </message>
    <message>
        <source>Remove %1 as %2 from this agreement?</source>
        <translation>Ta bort %1 som %2 från avtalet?</translation>
    </message>
    <message>
        <source>Could not remove</source>
        <translation>Kunde inte ta bort</translation>
    </message>
    <message>
        <source>Role removed.</source>
        <translation>Rollen är borttagen.</translation>
    </message>
    <message>
        <source>Hours recorded.</source>
        <translation>Timmarna är registrerade.</translation>
    </message>
    <message>
        <source>Extra assignment added.</source>
        <translation>Tilläggsuppdraget är tillagt.</translation>
    </message>
    <message>
        <source>Organisation saved.</source>
        <translation>Organisationen är sparad.</translation>
    </message>
    <message>
        <source>Add attachment</source>
        <translation>Lägg till bilaga</translation>
    </message>
    <message>
        <source>Adding attachment…</source>
        <translation>Lägger till bilaga…</translation>
    </message>
    <message>
        <source>Attachment added.</source>
        <translation>Bilagan är tillagd.</translation>
    </message>
    <message>
        <source>Could not add the attachment</source>
        <translation>Kunde inte lägga till bilagan</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>Filen finns inte</translation>
    </message>
    <message>
        <source>The file %1 does not exist any more. Was it moved or renamed?</source>
        <translation>Filen %1 finns inte längre. Har den flyttats eller bytt namn?</translation>
    </message>
    <message>
        <source>Could not load</source>
        <translation>Kunde inte läsa in</translation>
    </message>
</context>
<context>
    <name>BodyDialog</name>
    <message>
        <source>Add governance body</source>
        <translation>Lägg till organ</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>Meetings per year</source>
        <translation>Möten per år</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Diarienummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Annual fee</source>
        <translation>Årsavgift</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>Nästa tidsfrist</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Org. no.</source>
        <translation>Org.nr</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>Meetings per year</source>
        <translation>Möten per år</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sida</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>§</source>
        <translation>§</translation>
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
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Kontrollsumma</translation>
    </message>
    <message>
        <source>Invoice day</source>
        <translation>Fakturadag</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Förfaller</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Avgift</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Timmar</translation>
    </message>
    <message>
        <source>Extra assignment</source>
        <translation>Tilläggsuppdrag</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Beställt</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Pris</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Add decision</source>
        <translation>Lägg till beslut</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Paragraf</translation>
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
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Record extension</source>
        <translation>Registrera förlängning</translation>
    </message>
    <message>
        <source>Current end: %1.</source>
        <translation>Nuvarande slutdatum: %1.</translation>
    </message>
    <message>
        <source>The extension must be agreed by %1.</source>
        <translation>Förlängningen ska avtalas senast %1.</translation>
    </message>
    <message>
        <source>New end date</source>
        <translation>Nytt slutdatum</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Beslutsdatum</translation>
    </message>
    <message>
        <source>e.g. Kommunstyrelsen</source>
        <translation>t.ex. Kommunstyrelsen</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Beslutande organ</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Paragraf</translation>
    </message>
</context>
<context>
    <name>ExtraAssignmentDialog</name>
    <message>
        <source>Extra assignment</source>
        <translation>Tilläggsuppdrag</translation>
    </message>
    <message>
        <source>Priced as hours × list price less the partner discount (%1).</source>
        <translation>Prissätts som timmar × timpris minus partnerrabatten (%1).</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Ordered on</source>
        <translation>Beställt</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Timmar</translation>
    </message>
    <message>
        <source>List price per hour</source>
        <translation>Timpris</translation>
    </message>
</context>
<context>
    <name>HoursDialog</name>
    <message>
        <source>Record hours</source>
        <translation>Registrera timmar</translation>
    </message>
    <message>
        <source>Hours of included strategic R&amp;D used against the agreement&apos;s quota.</source>
        <translation>Timmar strategisk FoU som dras från avtalets timkvot.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Timmar</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Record notice</source>
        <translation>Registrera uppsägning</translation>
    </message>
    <message>
        <source>Notice rule: %1</source>
        <translation>Uppsägningsregel: %1</translation>
    </message>
    <message>
        <source>Notice given on</source>
        <translation>Uppsägning given</translation>
    </message>
    <message>
        <source>Agreement ends</source>
        <translation>Avtalet upphör</translation>
    </message>
</context>
<context>
    <name>OrganisationDialog</name>
    <message>
        <source>New organisation</source>
        <translation>Ny organisation</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Org. no.</source>
        <translation>Org.nr</translation>
    </message>
    <message>
        <source>Our own organisation (municipality or municipal company)</source>
        <translation>Vår egen organisation (kommun eller kommunalt bolag)</translation>
    </message>
    <message>
        <source>Our own organisation</source>
        <translation>Vår egen organisation</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Add person in a role</source>
        <translation>Lägg till person i roll</translation>
    </message>
    <message>
        <source>Type a name to search</source>
        <translation>Skriv ett namn för att söka</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>our side</source>
        <translation>vår sida</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partnern</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sida</translation>
    </message>
</context>
</TS>
