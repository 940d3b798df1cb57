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
</TS>
