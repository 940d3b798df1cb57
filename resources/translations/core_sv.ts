<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>Backup</name>
    <message>
        <source>Back up</source>
        <translation>Säkerhetskopiera</translation>
    </message>
    <message>
        <source>A shared PostgreSQL database is backed up on the server (pg_dump).</source>
        <translation>En delad PostgreSQL-databas säkerhetskopieras på servern (pg_dump).</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Säkerhetskopiera databasen</translation>
    </message>
    <message>
        <source>Samverkan databases (*.sqlite)</source>
        <translation>Samverkansdatabaser (*.sqlite)</translation>
    </message>
    <message>
        <source>Backup written and verified:
%1</source>
        <translation>Säkerhetskopian är skriven och kontrollerad:
%1</translation>
    </message>
    <message>
        <source>The backup failed</source>
        <translation>Säkerhetskopieringen misslyckades</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Säkerhetskopieringen misslyckades: %1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Säkerhetskopierar…</translation>
    </message>
</context>
<context>
    <name>BudgetTab</name>
    <message>
        <source>Agreement:</source>
        <translation>Avtal:</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>År:</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Loading the budget…</source>
        <translation>Läser in budgeten…</translation>
    </message>
    <message>
        <source>All agreements</source>
        <translation>Alla avtal</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alla år</translation>
    </message>
    <message>
        <source>Money per year: budget and outcome</source>
        <translation>Pengar per år: budget och utfall</translation>
    </message>
    <message>
        <source>Budget (activities + fees)</source>
        <translation>Budget (aktiviteter + avgifter)</translation>
    </message>
    <message>
        <source>Outcome (disbursed + fees paid)</source>
        <translation>Utfall (utbetalt + betalda avgifter)</translation>
    </message>
    <message>
        <source>No money registered yet.</source>
        <translation>Inga belopp är registrerade ännu.</translation>
    </message>
    <message>
        <source>Per source: %1, %2</source>
        <translation>Per finansieringskälla: %1, %2</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Kind</source>
        <translation>Slag</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Fees (plan)</source>
        <translation>Avgift (plan)</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>Fakturerat</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Betalt</translation>
    </message>
    <message>
        <source>Activity budgets</source>
        <translation>Aktivitetsbudget</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>Tilldelat</translation>
    </message>
    <message>
        <source>Disbursed</source>
        <translation>Utbetalt</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Kvar att betala ut</translation>
    </message>
    <message>
        <source>Co-financing</source>
        <translation>Medfinansiering</translation>
    </message>
    <message>
        <source>In kind</source>
        <translation>Naturainsats</translation>
    </message>
    <message>
        <source>Hours used / included</source>
        <translation>Timmar använt / ingår</translation>
    </message>
    <message>
        <source>Extra work</source>
        <translation>Extraarbete</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Budgeted</source>
        <translation>Budgeterat</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dagar</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Brådska</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>Field</source>
        <extracomment>Cell colours: changed by you, changed by them, changed by both (the user must choose).</extracomment>
        <translation>Fält</translation>
    </message>
    <message>
        <source>When you opened it</source>
        <translation>När du öppnade</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Din version</translation>
    </message>
    <message>
        <source>Their version</source>
        <translation>Deras version</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Vem</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Efter</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <extracomment>the user chose to discard the form and load the other person&apos;s version the user&apos;s version was saved over the other person&apos;s (deliberately)</extracomment>
        <translation>Ändrat av någon annan</translation>
    </message>
    <message>
        <source>Choose which version to keep</source>
        <translation>Välj vilken version som ska gälla</translation>
    </message>
    <message>
        <source>Someone saved the record once more while you were choosing. The table now shows the differences from that newest version.</source>
        <translation>Någon sparade posten igen medan du valde. Tabellen visar nu skillnaderna mot den senaste versionen.</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Skillnader</translation>
    </message>
    <message>
        <source>No field in the form differs from their version: their change concerned something else. Saving your version keeps their change of that.</source>
        <translation>Inget fält i formuläret skiljer sig från deras version: deras ändring gällde något annat. Om du sparar din version ligger deras ändring kvar.</translation>
    </message>
    <message>
        <source>Your changes stay in the form until you choose. Their change stays in the change log whichever you choose.</source>
        <translation>Dina ändringar ligger kvar i formuläret tills du har valt. Deras ändring finns kvar i ändringsloggen vad du än väljer.</translation>
    </message>
    <message>
        <source>Load their version</source>
        <translation>Läs in deras version</translation>
    </message>
    <message>
        <source>Discard your changes in the form and show the record as it is saved now</source>
        <translation>Släng dina ändringar i formuläret och visa posten så som den är sparad nu</translation>
    </message>
    <message>
        <source>Save my version anyway</source>
        <translation>Spara min version ändå</translation>
    </message>
    <message>
        <source>Save the form as it is, over the other person&apos;s change (it stays in the change log)</source>
        <translation>Spara formuläret som det är, över den andras ändring (den finns kvar i ändringsloggen)</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Fortsätt redigera</translation>
    </message>
    <message>
        <source>Close this window; your changes stay in the form, unsaved</source>
        <translation>Stäng fönstret; dina ändringar ligger kvar osparade i formuläret</translation>
    </message>
    <message>
        <source>you changed it</source>
        <translation>du har ändrat</translation>
    </message>
    <message>
        <source>they changed it</source>
        <translation>de har ändrat</translation>
    </message>
    <message>
        <source>you both changed it</source>
        <translation>ni har båda ändrat</translation>
    </message>
    <message>
        <source>Your version could not be saved: %1</source>
        <translation>Din version kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Someone saved at the same moment. Choose again to see their version.</source>
        <translation>Någon sparade i samma ögonblick. Välj igen för att se deras version.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Automatic backup</source>
        <translation>Automatisk säkerhetskopia</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Säkerhetskopierar…</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Ny databas</translation>
    </message>
    <message>
        <source>Samverkan databases (*.sqlite)</source>
        <translation>Samverkansdatabaser (*.sqlite)</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Databasens plats</translation>
    </message>
    <message>
        <source>Could not open the database</source>
        <translation>Databasen kunde inte öppnas</translation>
    </message>
    <message>
        <source>Could not restore</source>
        <translation>Kunde inte återställa</translation>
    </message>
    <message>
        <source>The backup from %1 has been restored and opened. The damaged file is kept as “%2” in the same folder.</source>
        <translation>Säkerhetskopian från %1 är återställd och öppnad. Den skadade filen finns kvar som ”%2” i samma mapp.</translation>
    </message>
    <message>
        <source>The backup from %1 has been put back in place of the missing file and opened.</source>
        <translation>Säkerhetskopian från %1 har lagts tillbaka där den saknade filen låg och är öppnad.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>A shared PostgreSQL database is restored on the server.</source>
        <translation>En delad PostgreSQL-databas återställs på servern.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Återställ en säkerhetskopia</translation>
    </message>
    <message>
        <source>Replace the open database with this backup? The current file is kept beside it.</source>
        <translation>Ersätta den öppna databasen med den här säkerhetskopian? Den nuvarande filen sparas bredvid.</translation>
    </message>
    <message>
        <source>The file already exists; use Open.</source>
        <translation>Filen finns redan; använd Öppna.</translation>
    </message>
    <message>
        <source>Demo data loaded.</source>
        <translation>Demodata inläst.</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodata</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Läser in demodata…</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Oväntat fel</translation>
    </message>
    <message>
        <source>Something went wrong and the last action may not have been completed. The details are in the log:
%1</source>
        <translation>Något gick fel och den senaste åtgärden kanske inte slutfördes. Detaljerna finns i loggen:
%1</translation>
    </message>
</context>
<context>
    <name>DatabaseProblem</name>
    <message>
        <source>Put the backup from %1 back in its place now? Changes saved after the backup are not in it.</source>
        <translation>Lägga tillbaka säkerhetskopian från %1 på databasens plats nu? Ändringar som sparats efter säkerhetskopian finns inte med i den.</translation>
    </message>
    <message>
        <source>Restore the backup from %1 now? Changes saved after the backup are not in it. The damaged file is kept beside it as “%2”.</source>
        <translation>Återställa säkerhetskopian från %1 nu? Ändringar som sparats efter säkerhetskopian finns inte med i den. Den skadade filen sparas bredvid som ”%2”.</translation>
    </message>
    <message>
        <source>Problem with the database</source>
        <translation>Problem med databasen</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>Yes</source>
        <extracomment>An `Outline` for rows of a table that shows a two-level tree (see ui/widgets/outline_view.py).</extracomment>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nej</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the database…</source>
        <extracomment>Tab order in the window; `navigate(kind, id)` goes to the tab that shows `kind`. The tabs, in window order (their `key`s, which are also their modules&apos; names in ui/tabs/). After the first tab has loaded, the other tabs are built one at a time, this far apart (ms), each only when the user has not typed or clicked for PREBUILD_QUIET_S (a step blocks the window for 10-70 ms: not while somebody types into a filter). The first step, importing the other tabs&apos; modules on a thread, comes one gap after the first tab&apos;s data is in (once it is painted): a tab clicked before that imports its module on the GUI thread (~50 ms more for Avtal). the user asked for another database (new or existing file, or a URL)</extracomment>
        <translation>Öppnar databasen…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Projektportfölj</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>No database is open. Choose File → Open database… or File → New database…</source>
        <translation>Ingen databas är öppen. Välj Arkiv → Öppna databas… eller Arkiv → Ny databas…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>New database…</source>
        <translation>Ny databas…</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>Öppna databas…</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>Säkerhetskopiera…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Återställ…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <source>Portfolio as Excel workbook…</source>
        <translation>Portfölj som Excel-arbetsbok…</translation>
    </message>
    <message>
        <source>Calendar (iCalendar)…</source>
        <translation>Kalender (iCalendar)…</translation>
    </message>
    <message>
        <source>Import portfolio from Excel…</source>
        <translation>Importera portfölj från Excel…</translation>
    </message>
    <message>
        <source>Documents and printing…</source>
        <translation>Dokument och utskrift…</translation>
    </message>
    <message>
        <source>Personal data (GDPR)…</source>
        <translation>Personuppgifter (GDPR)…</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Inställningar…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>Ny post</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Ta bort…</translation>
    </message>
    <message>
        <source>Open selected</source>
        <translation>Öppna markerad</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Sök…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>Where is my data?</source>
        <translation>Var finns mina data?</translation>
    </message>
    <message>
        <source>About Samverkan Desktop</source>
        <translation>Om Samverkan Desktop</translation>
    </message>
    <message>
        <source>Search everything (Ctrl+F)</source>
        <translation>Sök i allt (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Databas: %1</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Öppna databas</translation>
    </message>
    <message>
        <source>Samverkan databases (*.sqlite *.db);;All files (*)</source>
        <translation>Samverkansdatabaser (*.sqlite *.db);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>The new language is used the next time the program starts.</source>
        <translation>Det nya språket används nästa gång programmet startar.</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>Exportera kalender</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>The calendar could not be saved as %1: %2.</source>
        <translation>Kalendern kunde inte sparas som %1: %2.</translation>
    </message>
    <message>
        <source>%1 events written to %2</source>
        <translation>%1 händelser skrivna till %2</translation>
    </message>
    <message>
        <source>Exporting the calendar…</source>
        <translation>Exporterar kalendern…</translation>
    </message>
    <message>
        <source>Appears in %1 roles, activities or meetings.</source>
        <translation>Förekommer i %1 roller, aktiviteter eller möten.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Database: %1
Backups: %2
Data folder: %3</source>
        <translation>Databas: %1
Säkerhetskopior: %2
Datamapp: %3</translation>
    </message>
    <message>
        <source>Samverkan Desktop %1
Agreements, portfolio, meetings and money of the municipality&apos;s research collaborations.</source>
        <translation>Samverkan Desktop %1
Avtal, portfölj, möten och ekonomi för kommunens forskningssamverkan.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message>
        <source>Welcome to Samverkan Desktop</source>
        <translation>Välkommen till Samverkan Desktop</translation>
    </message>
    <message>
        <source>The database is empty. Start by registering your first agreement, open another database, or load the demo data to look around.</source>
        <translation>Databasen är tom. Börja med att registrera ditt första avtal, öppna en annan databas eller läs in demodata för att se dig omkring.</translation>
    </message>
    <message>
        <source>Register an agreement</source>
        <translation>Registrera ett avtal</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>Öppna databas…</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Läs in demodata</translation>
    </message>
    <message>
        <source>Active agreements</source>
        <translation>Gällande avtal</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktiviteter</translation>
    </message>
    <message>
        <source>Fees this year</source>
        <translation>Avgifter i år</translation>
    </message>
    <message>
        <source>Allocated this year</source>
        <translation>Tilldelat i år</translation>
    </message>
    <message>
        <source>Days ahead:</source>
        <translation>Dagar framåt:</translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation>Dagar framåt</translation>
    </message>
    <message>
        <source>Red: overdue · orange: within 30 days · yellow: within 90 days. Double-click a row to open it.</source>
        <translation>Rött: försenat · orange: inom 30 dagar · gult: inom 90 dagar. Dubbelklicka på en rad för att öppna den.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Loading the overview…</source>
        <translation>Läser in översikten…</translation>
    </message>
    <message>
        <source>of %1 registered</source>
        <translation>av %1 registrerade</translation>
    </message>
    <message>
        <source>%1 ideas · %2 applied · %3 granted or running · %4 ended</source>
        <translation>%1 idéer · %2 ansökningar · %3 beviljade eller pågående · %4 avslutade</translation>
    </message>
    <message>
        <source>%1 invoiced in %2</source>
        <translation>%1 fakturerat %2</translation>
    </message>
    <message>
        <source>%1 disbursed, %2 remaining</source>
        <translation>%1 utbetalt, %2 kvar</translation>
    </message>
    <message>
        <source>Deadlines the next %1 days: %2 (of which %3 overdue)</source>
        <translation>Tidsfrister de närmaste %1 dagarna: %2 (varav %3 försenade)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagar</translation>
    </message>
    <message>
        <source>Deadline radar</source>
        <translation>Tidsfristradar</translation>
    </message>
    <message>
        <source>Organisation in documents</source>
        <translation>Organisation i dokument</translation>
    </message>
    <message>
        <source>Logo (PNG) in documents</source>
        <translation>Logotyp (PNG) i dokument</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>Automatiska säkerhetskopior</translation>
    </message>
    <message>
        <source>A verified copy is taken when the program starts and closes. Of the older copies, the newest of each day, week and month is kept:</source>
        <translation>En kontrollerad kopia tas när programmet startar och stängs. Av de äldre kopiorna sparas den senaste för varje dag, vecka och månad:</translation>
    </message>
    <message>
        <source>Daily copies</source>
        <translation>Dagliga kopior</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> veckor</translation>
    </message>
    <message>
        <source>Weekly copies</source>
        <translation>Veckokopior</translation>
    </message>
    <message>
        <source> months</source>
        <translation> månader</translation>
    </message>
    <message>
        <source>Monthly copies</source>
        <translation>Månadskopior</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <source>Personal data</source>
        <extracomment>a person was pseudonymised: other views should reload a JSON file was written (its path)</extracomment>
        <translation>Personuppgifter</translation>
    </message>
    <message>
        <source>Everything the database holds about a person can be exported as a file (GDPR articles 15 and 20). A person who is to be erased from the working register is pseudonymised: decisions and minutes are public records and are kept.</source>
        <translation>Allt som databasen innehåller om en person kan exporteras till en fil (dataskyddsförordningen artikel 15 och 20). En person som ska tas bort ur arbetsregistret pseudonymiseras: beslut och protokoll är allmänna handlingar och finns kvar.</translation>
    </message>
    <message>
        <source>Filter people…</source>
        <translation>Filtrera personer…</translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation>Filtrera personer</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Extract (art. 15 and 20)</source>
        <translation>Registerutdrag (art. 15 och 20)</translation>
    </message>
    <message>
        <source>The person, roles in agreements, responsibility for activities, attendance at meetings, mentions in minutes and every change-log row about them, as a JSON file.</source>
        <translation>Personen, roller i avtal, ansvar för aktiviteter, närvaro vid möten, omnämnanden i protokoll och varje rad i ändringsloggen som rör personen, som en JSON-fil.</translation>
    </message>
    <message>
        <source>Export to file…</source>
        <translation>Exportera till fil…</translation>
    </message>
    <message>
        <source>Pseudonymise</source>
        <translation>Pseudonymisera</translation>
    </message>
    <message>
        <source>Name, title, e-mail and phone are replaced by a pseudonym. Roles, responsibilities and attendances stay, under the pseudonym. This cannot be undone.</source>
        <translation>Namn, titel, e-post och telefon ersätts med en pseudonym. Roller, ansvar och närvaro finns kvar under pseudonymen. Det går inte att ångra.</translation>
    </message>
    <message>
        <source>Why, e.g. the person&apos;s request of 2026-11-20, case KS 2026/9</source>
        <translation>Varför, t.ex. personens begäran 2026-11-20, dnr KS 2026/9</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>Pseudonymise…</source>
        <translation>Pseudonymisera…</translation>
    </message>
    <message>
        <source>Loading people…</source>
        <translation>Läser in personer…</translation>
    </message>
    <message>
        <source>Could not load the people</source>
        <translation>Personerna kunde inte läsas in</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n personer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 av %2 visas</translation>
    </message>
    <message>
        <source>Choose a person in the list.</source>
        <translation>Välj en person i listan.</translation>
    </message>
    <message>
        <source>There are no people in the database yet.</source>
        <translation>Det finns inga personer i databasen ännu.</translation>
    </message>
    <message>
        <source>Roles, responsibilities and attendances: %1</source>
        <translation>Roller, ansvar och närvaroposter: %1</translation>
    </message>
    <message>
        <source>Already pseudonymised.</source>
        <translation>Redan pseudonymiserad.</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>Exportera personuppgifter</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-filer (*.json)</translation>
    </message>
    <message>
        <source>The data about %1 was saved to %2.</source>
        <translation>Uppgifterna om %1 sparades i %2.</translation>
    </message>
    <message>
        <source>Exporting personal data…</source>
        <translation>Exporterar personuppgifter…</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>Exporten misslyckades</translation>
    </message>
    <message>
        <source>Could not pseudonymise</source>
        <translation>Kunde inte pseudonymisera</translation>
    </message>
    <message>
        <source>Pseudonymise %1?</source>
        <translation>Pseudonymisera %1?</translation>
    </message>
    <message>
        <source>Someone else has changed %1 in the meantime. The list has been reloaded: check the person and try again.</source>
        <translation>Någon annan har ändrat %1 under tiden. Listan har lästs in på nytt: kontrollera personen och försök igen.</translation>
    </message>
    <message>
        <source>Pseudonymised</source>
        <translation>Pseudonymiserad</translation>
    </message>
</context>
<context>
    <name>RecordHistory</name>
    <message>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Borttagen</translation>
    </message>
    <message>
        <source>Pseudonymised</source>
        <translation>Pseudonymiserad</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Tillagd</translation>
    </message>
    <message>
        <source>Filter the history…</source>
        <translation>Filtrera historiken…</translation>
    </message>
    <message>
        <source>Filter the history</source>
        <translation>Filtrera historiken</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>Inga ändringar registrerade ännu.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n ändring</numerusform>
            <numerusform>%n ändringar</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 av %2 visas</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>Could not save</source>
        <extracomment>ask the main window to show a record in another tab: (kind, id), kind in &quot;agreement&quot; | &quot;activity&quot; | &quot;meeting&quot; | &quot;person&quot; a short status-bar message data changed; other tabs may want to reload the user wants to print/save a document of the current record (Arkiv → Dokument…)</extracomment>
        <translation>Kunde inte spara</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Ändrat av någon annan</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search: %1</source>
        <translation>Sök: %1</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivitet</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Möte</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n träff</numerusform>
            <numerusform>%n träffar</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing matched “%1”.</source>
        <translation>Inget matchade ”%1”.</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
</TS>
