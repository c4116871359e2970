"""Build src/tacitus/data/cameo.tsv from the shared CAMEO/PLOVER tables.

Run from the repository root:  python scripts/build_ontology.py

Inputs (read-only, ../shared/data):
  plover/cameo2plover-2021.txt   CAMEO code -> PLOVER 0.8 type, mode, context, description
  cameo/goldstein.tsv            Goldstein value of each CAMEO code

The 2021 table predates PLOVER 2.0, so it is brought up to date:
  * type renames DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE:investigate,
    FIGHT->ASSAULT;
  * modes that PLOVER 2.0 no longer has are mapped to the 2.0 mode that covers them
    (MODE_UPDATES below); 163 (embargo, boycott, sanctions) follows PLOVER 2.0 Table 3.8
    ("international sanctions are coded as discontinue"): SANCTION discontinue;
  * contexts are written with underscores; "democracy" becomes "pro_democracy" and
    "humanitarian" (not a PLOVER 2.0 context) becomes "human_security".
The CAMEO 01 (public statement) and 02 (appeal) codes are absent from cameo2plover;
PLOVER 2.0 Table 7.1 drops them.  Their descriptions are the CAMEO 1.1b3 codebook's code
names (Schrodt et al.); 01 codes keep an empty PLOVER type, 02 codes (appeals) are mapped
to REQUEST with the mode and contexts of the matching 10 (demand) code, because PLOVER 2.0
REQUEST covers "all requests, demands, and orders" (chapter 3.8).
1213 and 1214 have no Goldstein value in goldstein.tsv; they take the value of 121.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "tacitus" / "data" / "cameo.tsv"

TYPE_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# (event, 2021 mode) -> PLOVER 2.0 mode
MODE_UPDATES = {
    ("RETREAT", "return"): "release",
    ("RETREAT", "ease"): "",
    ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",
    ("ASSAULT", "seize"): "destroy",
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "cleansing"): "",
    ("ASSAULT", "pro_autocracy"): "",
}
CODE_UPDATES = {  # code -> (event, mode, contexts) where PLOVER 2.0 says otherwise
    "163": ("SANCTION", "discontinue", "economic,diplomatic"),
    "195": ("ASSAULT", "aerial", "military"),
    "175": ("ASSAULT", "", "repression"),
}
CONTEXT_UPDATES = {"democracy": "pro_democracy", "humanitarian": "human_security"}

CUE_NAMES = {  # PLOVER 2.0 Table 7.1
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation",
    "07": "Provide aid", "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove",
    "12": "Reject", "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
    "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
    "20": "Use unconventional mass violence",
}

# CAMEO 1.1b3 code names for the codes missing from cameo2plover; for 02x, the 10x
# code whose PLOVER mapping they share.
CAMEO_01_02 = [
    ("010", "Make statement", None), ("011", "Decline comment", None),
    ("012", "Make pessimistic comment", None), ("013", "Make optimistic comment", None),
    ("014", "Consider policy option", None), ("015", "Acknowledge or claim responsibility", None),
    ("016", "Deny responsibility", None), ("017", "Engage in symbolic act", None),
    ("018", "Make empathetic comment", None), ("019", "Express accord", None),
    ("020", "Make an appeal or request", "100"),
    ("021", "Appeal for material cooperation", "101"),
    ("0211", "Appeal for economic cooperation", "1011"),
    ("0212", "Appeal for military cooperation", "1012"),
    ("0213", "Appeal for judicial cooperation", "1013"),
    ("0214", "Appeal for intelligence", "1014"),
    ("022", "Appeal for diplomatic cooperation (such as policy support)", "102"),
    ("023", "Appeal for aid", "103"),
    ("0231", "Appeal for economic aid", "1031"), ("0232", "Appeal for military aid", "1032"),
    ("0233", "Appeal for humanitarian aid", "1033"),
    ("0234", "Appeal for military protection or peacekeeping", "1034"),
    ("024", "Appeal for political reform", "104"),
    ("0241", "Appeal for change in leadership", "1041"),
    ("0242", "Appeal for policy change", "1042"), ("0243", "Appeal for rights", "1043"),
    ("0244", "Appeal for change in institutions, regime", "1044"),
    ("025", "Appeal to yield", "105"),
    ("0251", "Appeal for easing of administrative sanctions", "1051"),
    ("0252", "Appeal for easing of popular dissent", "1052"),
    ("0253", "Appeal for release of persons or property", "1053"),
    ("0254", "Appeal for easing of economic sanctions, boycott, or embargo", "1054"),
    ("0255", "Appeal for target to allow international involvement (non-mediation)", "1055"),
    ("0256", "Appeal for de-escalation of military engagement", "1056"),
    ("026", "Appeal to others to meet or negotiate", "106"),
    ("027", "Appeal to others to settle dispute", "107"),
    ("028", "Appeal to others to engage in or accept mediation", "108"),
]
TYPO_FIXES = {"Apolgize": "Apologize", "adminstrative": "administrative", "Ostruct": "Obstruct"}

LINE = re.compile(r"^(\d+):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")


def parse_cameo2plover(path: Path) -> dict[str, tuple[str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw.strip())
        if not m:
            continue
        code, event, mode, ctx, desc = m.groups()
        if code in rows:  # "08" and "175" appear twice; keep the first
            continue
        event = TYPE_RENAMES.get(event, event)
        mode = (mode or "").strip()
        mode = MODE_UPDATES.get((event, mode), mode)
        contexts = [c.strip() for c in re.split(r"[;,]", ctx or "") if c.strip()]
        contexts = [CONTEXT_UPDATES.get(c, c) for c in contexts]
        desc = (desc or "").split("21.09.17")[0].strip() or CUE_NAMES.get(code, "")
        for bad, good in TYPO_FIXES.items():
            desc = desc.replace(bad, good)
        if code in CODE_UPDATES:
            event, mode, ctx_s = CODE_UPDATES[code]
            contexts = ctx_s.split(",")
        rows[code] = (desc, event, mode, ",".join(contexts))
    return rows


def main() -> None:
    rows = parse_cameo2plover(SHARED / "plover" / "cameo2plover-2021.txt")
    rows["01"] = (CUE_NAMES["01"], "", "", "")
    rows["02"] = (CUE_NAMES["02"], "REQUEST", "", "")
    for code, desc, twin in CAMEO_01_02:
        if twin is None:
            rows[code] = (desc, "", "", "")
        else:
            _, event, mode, ctx = rows[twin]
            rows[code] = (desc, event, mode, ctx)
    goldstein = {}
    for line in (SHARED / "cameo" / "goldstein.tsv").read_text().splitlines()[1:]:
        code, value = line.split("\t")
        goldstein[code] = value
    for code in ("1213", "1214"):
        goldstein.setdefault(code, goldstein["121"])

    def sort_key(code: str) -> tuple[str, str]:
        return (code[:2], code[2:])

    lines = [
        "# source: CAMEO codes and descriptions, PLOVER mapping: cameo2plover-2021.txt (PLOVER draft 0.8, "
        "Open Event Data Alliance, CC BY-SA 4.0) updated to PLOVER 2.0 by scripts/build_ontology.py; "
        "01/02 descriptions: CAMEO 1.1b3 codebook (Schrodt et al. 2012); goldstein: Goldstein (1992) "
        "as extended for CAMEO in the GDELT event codebook; licence: CC BY-SA 4.0",
        "code\tdescription\tgoldstein\tevent\tmode\tcontexts",
    ]
    for code in sorted(rows, key=sort_key):
        desc, event, mode, ctx = rows[code]
        lines.append("\t".join([code, desc, goldstein[code], event, mode, ctx]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} CAMEO codes to {OUT}")


if __name__ == "__main__":
    main()
