"""Fill the unfinished messages of a Qt Linguist .ts file from a JSON dictionary.

    python scripts/fill_translations.py resources/translations/core_sv.ts sv.json

`sv.json` maps an English source text to its Swedish translation; a key "Context|source"
overrides it for one context; a list gives the numerus forms (singular, plural). Messages it
cannot fill are printed. Afterwards run `python scripts/translations.py` to compile."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    ts, dictfile = sys.argv[1], sys.argv[2]
    table = json.load(open(dictfile, encoding="utf-8"))
    tree = ET.parse(ts)
    missing = []
    for ctx in tree.getroot().iter("context"):
        cname = ctx.findtext("name")
        for m in ctx.iter("message"):
            src = m.findtext("source")
            tr = m.find("translation")
            if tr is None or not (tr.get("type") == "unfinished" or not (tr.text or list(tr))):
                continue
            val = table.get(f"{cname}|{src}", table.get(src))
            if val is None:
                missing.append((cname, src))
                continue
            if m.get("numerus") == "yes":
                for child in list(tr):
                    tr.remove(child)
                for form in (val if isinstance(val, list) else [val, val]):
                    ET.SubElement(tr, "numerusform").text = form
            else:
                tr.text = val
            tr.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    for c, s in missing:
        print("MISSING", c, repr(s))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
