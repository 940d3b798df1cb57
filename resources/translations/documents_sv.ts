<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>DocumentActions</name>
    <message>
        <source>Document</source>
        <extracomment>Documents signed on paper in two copies (seed 004).</extracomment>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>Skapar %1…</translation>
    </message>
    <message>
        <source>Print: %1</source>
        <translation>Skriv ut: %1</translation>
    </message>
    <message>
        <source>(printout)</source>
        <translation>(utskrift)</translation>
    </message>
    <message>
        <source>%1 sent to the printer and recorded.</source>
        <translation>%1 har skickats till skrivaren och registrerats.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Spara som PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-dokument (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Filen kunde inte skrivas: %1</translation>
    </message>
    <message>
        <source>Saved %1 (SHA-256 %2…)</source>
        <translation>Sparade %1 (SHA-256 %2…)</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Öppnade %1</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>Documents for signature and meetings</source>
        <translation>Dokument för underskrift och möten</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Gäller</translation>
    </message>
    <message>
        <source>Paragraph (§)</source>
        <translation>Paragraf (§)</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>Förhandsgranska och skriv ut…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Spara som PDF…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Select an activity or a meeting first.</source>
        <translation>Markera först en aktivitet eller ett möte.</translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <source>Export the portfolio to Excel</source>
        <translation>Exportera portföljen till Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-arbetsböcker (*.xlsx)</translation>
    </message>
    <message>
        <source>Workbook written: %1</source>
        <translation>Arbetsboken är skriven: %1</translation>
    </message>
    <message>
        <source>The workbook is ready:
%1

Open it now?</source>
        <translation>Arbetsboken är klar:
%1

Vill du öppna den nu?</translation>
    </message>
    <message>
        <source>Exporting the portfolio…</source>
        <translation>Exporterar portföljen…</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Exporten avbröts.</translation>
    </message>
    <message>
        <source>Import a portfolio</source>
        <translation>Importera en portfölj</translation>
    </message>
    <message>
        <source>Reading the workbook…</source>
        <translation>Läser arbetsboken…</translation>
    </message>
    <message>
        <source>Import finished: %1 created, %2 updated.</source>
        <translation>Importen är klar: %1 skapade, %2 ändrade.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importerar…</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
</context>
<context>
    <name>ExportOptionsDialog</name>
    <message>
        <source>Export the portfolio to Excel</source>
        <translation>Exportera portföljen till Excel</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>All agreements</source>
        <translation>Alla avtal</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alla år</translation>
    </message>
    <message>
        <source>The workbook has a summary for the board, the agreements, the portfolio, the money per year and source, follow-up, meetings and decisions, deadlines, and what changed since the previous export of the same selection.</source>
        <translation>Arbetsboken innehåller en sammanfattning för kommunstyrelsen, avtalen, portföljen, ekonomin per år och källa, uppföljningen, möten och beslut, tidsfrister och vad som har ändrats sedan förra exporten av samma urval.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import preview</source>
        <translation>Förhandsgranskning av import</translation>
    </message>
    <message>
        <source>%1 problem(s) in the file: nothing will be written until they are fixed.</source>
        <translation>%1 fel i filen: inget skrivs förrän de är rättade.</translation>
    </message>
    <message>
        <source>Nothing to change: the database already matches the file.</source>
        <translation>Inget att ändra: databasen stämmer redan med filen.</translation>
    </message>
    <message>
        <source>Check the changes below; nothing is written until you press Import.</source>
        <translation>Kontrollera ändringarna nedan; inget skrivs förrän du trycker på Importera.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
</context>
</TS>
