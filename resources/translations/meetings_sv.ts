<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>AddAttendeeDialog</name>
    <message>
        <source>Add attendee</source>
        <translation>Lägg till deltagare</translation>
    </message>
    <message>
        <source>(free name)</source>
        <translation>(fritt namn)</translation>
    </message>
    <message>
        <source>e.g. Chair, Member, Secretary</source>
        <translation>t.ex. Ordförande, Ledamot, Sekreterare</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>AddItemDialog</name>
    <message>
        <source>Add agenda item</source>
        <translation>Lägg till ärende</translation>
    </message>
    <message>
        <source>Cases for %1</source>
        <translation>Ärenden för %1</translation>
    </message>
    <message>
        <source>Looking for cases…</source>
        <translation>Söker ärenden…</translation>
    </message>
    <message>
        <source>Eligible cases</source>
        <translation>Ärenden som kan tas upp</translation>
    </message>
    <message>
        <source>Add selected case</source>
        <translation>Lägg till markerat ärende</translation>
    </message>
    <message>
        <source>Free item</source>
        <translation>Fritt ärende</translation>
    </message>
    <message>
        <source>e.g. KS2021/812</source>
        <translation>t.ex. KS2021/812</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Diarienummer</translation>
    </message>
    <message>
        <source>Add free item</source>
        <translation>Lägg till fritt ärende</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) can be taken up now (gate criteria met, reports received, closures).</source>
        <translation>
            <numerusform>%n ärende kan tas upp nu (kriterierna uppfyllda, inkomna rapporter, avslut).</numerusform>
            <numerusform>%n ärenden kan tas upp nu (kriterierna uppfyllda, inkomna rapporter, avslut).</numerusform>
        </translation>
    </message>
    <message>
        <source>No case is waiting for this body right now. Add a free item below.</source>
        <translation>Inga ärenden väntar på det här organet just nu. Lägg till ett fritt ärende nedan.</translation>
    </message>
</context>
<context>
    <name>AgendaItemEditor</name>
    <message>
        <source>Open activity</source>
        <translation>Öppna aktivitet</translation>
    </message>
    <message>
        <source>Show the activity in the portfolio</source>
        <translation>Visa aktiviteten i projektportföljen</translation>
    </message>
    <message>
        <source>Select an item on the agenda to write its minutes and record the decision.</source>
        <translation>Välj ett ärende på dagordningen för att skriva protokollstexten och registrera beslutet.</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Förslag till beslut</translation>
    </message>
    <message>
        <source>Motions</source>
        <translation>Yrkanden</translation>
    </message>
    <message>
        <source>Decision procedure</source>
        <translation>Beslutsgång</translation>
    </message>
    <message>
        <source>Sent to</source>
        <translation>Beslutet skickas till</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Reservationer</translation>
    </message>
    <message>
        <source>Save minutes text</source>
        <translation>Spara protokollstext</translation>
    </message>
    <message>
        <source>Choose the decision…</source>
        <translation>Välj beslut…</translation>
    </message>
    <message>
        <source>Empty: the outcome, e.g. &quot;Beviljas&quot;</source>
        <translation>Tomt: beslutet, t.ex. ”Beviljas”</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Decision text</source>
        <translation>Beslutstext</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>Registrera beslut</translation>
    </message>
    <message>
        <source>Decision recorded: %1</source>
        <translation>Beslut registrerat: %1</translation>
    </message>
    <message>
        <source>A decision is needed before the minutes can be adjusted.</source>
        <translation>Ärendet behöver ett beslut innan protokollet kan justeras.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Ärenden</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <source>§</source>
        <translation>§</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Slag</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Diarienummer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Why now</source>
        <translation>Varför nu</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <source>HH:MM</source>
        <translation>TT:MM</translation>
    </message>
    <message>
        <source>Empty: the body&apos;s name</source>
        <translation>Tomt: organets namn</translation>
    </message>
    <message>
        <source>Who checks and signs the minutes</source>
        <translation>Vem som justerar protokollet</translation>
    </message>
    <message>
        <source>(no agreement)</source>
        <translation>(inget avtal)</translation>
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
        <source>Start time</source>
        <translation>Starttid</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Sluttid</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Ordförande</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Sekreterare</translation>
    </message>
    <message>
        <source>Adjusters</source>
        <translation>Justerare</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
</context>
<context>
    <name>MeetingPresence</name>
    <message>
        <source>not noted</source>
        <translation>ej noterad</translation>
    </message>
    <message>
        <source>present</source>
        <translation>närvarande</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>frånvarande</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Which meetings to list</source>
        <translation>Vilka möten som visas</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Kommande</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alla år</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>All bodies</source>
        <translation>Alla organ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alla statusar</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;År:</translation>
    </message>
    <message>
        <source>B&amp;ody:</source>
        <translation>&amp;Organ:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Plan year…</source>
        <translation>Planera år…</translation>
    </message>
    <message>
        <source>Create a year&apos;s meetings from each body&apos;s cadence</source>
        <translation>Skapa årets möten utifrån varje organs mötesrytm</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Nytt möte</translation>
    </message>
    <message>
        <source>A single meeting outside the cadence (Ctrl+N)</source>
        <translation>Ett enskilt möte utanför mötesrytmen (Ctrl+N)</translation>
    </message>
    <message>
        <source>Agenda and minutes…</source>
        <translation>Kallelse och protokoll…</translation>
    </message>
    <message>
        <source>Print or save the notice, the minutes or an extract</source>
        <translation>Skriv ut eller spara kallelse, protokoll eller protokollsutdrag</translation>
    </message>
    <message>
        <source>The minutes are adjusted (justerat): the meeting is locked and nothing in it can be changed.</source>
        <translation>Protokollet är justerat: mötet är låst och inget i det kan längre ändras.</translation>
    </message>
    <message>
        <source>Details and attendees</source>
        <translation>Mötesuppgifter och deltagare</translation>
    </message>
    <message>
        <source>Agenda and decisions</source>
        <translation>Dagordning och beslut</translation>
    </message>
    <message>
        <source>Every change of the meeting, its attendees and its agenda items, newest first (from the change log).</source>
        <translation>Varje ändring av mötet, dess deltagare och ärenden, senaste först (ur ändringsloggen).</translation>
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
        <source>Save the meeting (Ctrl+S)</source>
        <translation>Spara mötet (Ctrl+S)</translation>
    </message>
    <message>
        <source>Delete meeting…</source>
        <translation>Ta bort möte…</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Deltagare</translation>
    </message>
    <message>
        <source>Enter or double-click toggles present/absent</source>
        <translation>Enter eller dubbelklick växlar närvarande/frånvarande</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Lägg till…</translation>
    </message>
    <message>
        <source>Add an attendee: a person from the register or a free name</source>
        <translation>Lägg till en deltagare: en person ur registret eller ett fritt namn</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Närvarande</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Frånvarande</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Agenda items</source>
        <translation>Ärenden på dagordningen</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>Lägg till ärende…</translation>
    </message>
    <message>
        <source>Cases that are ready for this body, or a free item</source>
        <translation>Ärenden som är redo för det här organet, eller ett fritt ärende</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>Ta bort ärende</translation>
    </message>
    <message>
        <source>Loading meetings…</source>
        <translation>Läser in möten…</translation>
    </message>
    <message>
        <source>Could not load the meetings</source>
        <translation>Kunde inte läsa in mötena</translation>
    </message>
    <message>
        <source>No meetings yet. Start with &quot;Plan year…&quot; to create the year&apos;s meetings from each body&apos;s cadence, or &quot;New meeting&quot; for a single meeting.</source>
        <translation>Inga möten ännu. Börja med ”Planera år…” för att skapa årets möten utifrån organens mötesrytm, eller ”Nytt möte” för ett enskilt möte.</translation>
    </message>
    <message>
        <source>Choose a meeting in the list to see its details, attendees and agenda.</source>
        <translation>Välj ett möte i listan för att se mötesuppgifter, deltagare och dagordning.</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n möte</numerusform>
            <numerusform>%n möten</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open the meeting</source>
        <translation>Kunde inte öppna mötet</translation>
    </message>
    <message>
        <source>Agenda and decisions (%1)</source>
        <translation>Dagordning och beslut (%1)</translation>
    </message>
    <message>
        <source>Could not load the history</source>
        <translation>Historiken kunde inte läsas in</translation>
    </message>
    <message>
        <source>Fill in the details and save (Ctrl+S).</source>
        <translation>Fyll i uppgifterna och spara (Ctrl+S).</translation>
    </message>
    <message>
        <source>Send notice</source>
        <translation>Kalla</translation>
    </message>
    <message>
        <source>Mark as held</source>
        <translation>Markera genomfört</translation>
    </message>
    <message>
        <source>Adjust minutes…</source>
        <translation>Justera…</translation>
    </message>
    <message>
        <source>Next status: %1</source>
        <translation>Nästa status: %1</translation>
    </message>
    <message>
        <source>Unsaved minutes text</source>
        <translation>Osparad protokollstext</translation>
    </message>
    <message>
        <source>Save the text of § %1 before moving on?</source>
        <translation>Spara texten i § %1 innan du går vidare?</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>The meeting has changes that are not saved. Save them now? (No discards them.)</source>
        <translation>Mötet har ändringar som inte är sparade. Vill du spara dem nu? (Nej kastar ändringarna.)</translation>
    </message>
    <message>
        <source>Meeting saved</source>
        <translation>Mötet sparat</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Kunde inte spara</translation>
    </message>
    <message>
        <source>The meeting as saved by the other person is shown; your changes were discarded.</source>
        <translation>Mötet visas så som den andra personen sparade det; dina ändringar har slängts.</translation>
    </message>
    <message>
        <source>Not saved: someone else has changed the meeting.</source>
        <translation>Inte sparat: någon annan har ändrat mötet.</translation>
    </message>
    <message>
        <source>§ %1: the text as saved by the other person is shown; your changes were discarded.</source>
        <translation>§ %1: texten visas så som den andra personen sparade den; dina ändringar har slängts.</translation>
    </message>
    <message>
        <source>§ %1: minutes text saved</source>
        <translation>§ %1: protokollstexten sparad</translation>
    </message>
    <message>
        <source>Not saved: someone else has changed the text of § %1.</source>
        <translation>Inte sparat: någon annan har ändrat texten i § %1.</translation>
    </message>
    <message>
        <source>§ %1: the item as saved by the other person is shown; the decision was not recorded.</source>
        <translation>§ %1: ärendet visas så som den andra personen sparade det; beslutet registrerades inte.</translation>
    </message>
    <message>
        <source>Decision not recorded: someone else has changed § %1.</source>
        <translation>Beslutet registrerades inte: någon annan har ändrat § %1.</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>Ta bort möte</translation>
    </message>
    <message>
        <source>Delete the meeting %1? Its agenda and attendees are deleted too.</source>
        <translation>Ta bort mötet %1? Dess dagordning och deltagare tas också bort.</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Kunde inte ta bort</translation>
    </message>
    <message>
        <source>Meeting %1 deleted</source>
        <translation>Mötet %1 borttaget</translation>
    </message>
    <message>
        <source>Adjust minutes</source>
        <translation>Justera protokollet</translation>
    </message>
    <message>
        <source>An adjusted meeting is locked: nothing in it can be changed afterwards. Adjust the minutes now?</source>
        <translation>Ett justerat möte låses: inget i det kan ändras efteråt. Justera protokollet nu?</translation>
    </message>
    <message>
        <source>Could not change the status</source>
        <translation>Kunde inte ändra status</translation>
    </message>
    <message>
        <source>The meeting is now %1</source>
        <translation>Mötet är nu %1</translation>
    </message>
    <message>
        <source>Attendee added</source>
        <translation>Deltagaren tillagd</translation>
    </message>
    <message>
        <source>Remove attendee</source>
        <translation>Ta bort deltagare</translation>
    </message>
    <message>
        <source>Remove %1 from the meeting?</source>
        <translation>Ta bort %1 från mötet?</translation>
    </message>
    <message>
        <source>Could not remove</source>
        <translation>Kunde inte ta bort</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 borttagen</translation>
    </message>
    <message>
        <source>§ %1 added: %2</source>
        <translation>§ %1 tillagd: %2</translation>
    </message>
    <message>
        <source>Could not change the meeting</source>
        <translation>Kunde inte ändra mötet</translation>
    </message>
    <message>
        <source>Remove § %1 %2 from the agenda?</source>
        <translation>Ta bort § %1 %2 från dagordningen?</translation>
    </message>
    <message>
        <source>§ %1 removed</source>
        <translation>§ %1 borttagen</translation>
    </message>
    <message>
        <source>Choose the decision first.</source>
        <translation>Välj först vilket beslut som fattades.</translation>
    </message>
    <message>
        <source>Could not record the decision</source>
        <translation>Kunde inte registrera beslutet</translation>
    </message>
    <message>
        <source>§ %1: %2</source>
        <translation>§ %1: %2</translation>
    </message>
    <message>
        <source>§ %1: %2 — the activity is now at stage ”%3”</source>
        <translation>§ %1: %2 — aktiviteten är nu i steget ”%3”</translation>
    </message>
    <message>
        <source>Planning meetings…</source>
        <translation>Planerar möten…</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s) planned for %1</source>
        <translation>
            <numerusform>%n möte planerat för %1</numerusform>
            <numerusform>%n möten planerade för %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to plan: %1 already has these meetings</source>
        <translation>Inget att planera: %1 har redan de här mötena</translation>
    </message>
</context>
<context>
    <name>PlanYearDialog</name>
    <message>
        <source>Plan a year of meetings</source>
        <translation>Planera ett års möten</translation>
    </message>
    <message>
        <source>Creates the year&apos;s meetings from each body&apos;s cadence. Dates that already have a meeting of the same body are kept, not doubled.</source>
        <translation>Skapar årets möten utifrån varje organs mötesrytm. Datum där organet redan har ett möte behålls och dubbleras inte.</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n per year)</source>
        <translation>
            <numerusform>%1 (%n per år)</numerusform>
            <numerusform>%1 (%n per år)</numerusform>
        </translation>
    </message>
    <message>
        <source>Bodies</source>
        <translation>Organ</translation>
    </message>
    <message>
        <source>e.g. Örebro universitet, Långhuset</source>
        <translation>t.ex. Örebro universitet, Långhuset</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>(no agreement)</source>
        <translation>(inget avtal)</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Planera</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message numerus="yes">
        <source>At most %n meeting(s) in %1.</source>
        <translation>
            <numerusform>Högst %n möte under %1.</numerusform>
            <numerusform>Högst %n möten under %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose at least one body.</source>
        <translation>Välj minst ett organ.</translation>
    </message>
</context>
<context>
    <name>StatusSteps</name>
    <message>
        <source>Meeting status</source>
        <translation>Mötesstatus</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
</context>
</TS>
