"""Check the hand-annotated VOA gold set (tests/data/voa_gold.jsonl).

Usage, from the repository root:

    python scripts/check_gold.py [GOLD.jsonl] [--stories ../shared/data/voa/stories.jsonl]

Checks that every story id exists in the VOA stories file, that `published`
matches the story, that every quote is an exact substring of its story text
(5-15 words), that every event type and mode is valid PLOVER 2.0 (from
tacitus.ontology), that actor/recipient codes are ISO 3166 alpha-3 codes or
IGO/NGO/IMG, that sectors are PLOVER sector codes and dates are ISO dates or
null. Prints one line per problem and a summary with counts per type; exits 1
when a problem was found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

from tacitus import ontology

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "tests" / "data" / "voa_gold.jsonl"
DEFAULT_STORIES = REPO / ".." / "shared" / "data" / "voa" / "stories.jsonl"

# Non-state codes allowed by the gold-set brief (PLOVER manual 2.0, Table 5.1).
NON_STATE = {"IGO", "NGO", "IMG"}
# PLOVER manual 2.0, Table 5.2 (sector codes).
SECTORS = {
    "", "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
    "PRE", "REL", "SOC",
}
FIELDS = {"event", "mode", "actor", "recipient", "actor_sector", "recipient_sector",
          "date", "quote", "key"}
# The whole-event fields of the complete gold (docs/voa_gold.md, "Whole events");
# required with --complete.
WHOLE_EVENT_FIELDS = {"actor_name", "recipient_name", "place"}


def country_codes() -> set[str]:
    text = resources.files("tacitus").joinpath("data", "countries.json").read_text("utf-8")
    return {c["iso3"] for c in json.loads(text)}


def check_event(where: str, ev: dict, text: str, codes: set[str],
                complete: bool = False) -> list[str]:
    problems = []
    missing = FIELDS - ev.keys()
    if missing:
        return [f"{where}: missing fields {sorted(missing)}"]
    if ev["event"] not in ontology.plover_types():
        problems.append(f"{where}: unknown PLOVER type {ev['event']!r}")
    elif ev["mode"] and ev["mode"] not in ontology.modes(ev["event"]):
        problems.append(f"{where}: mode {ev['mode']!r} is not a mode of {ev['event']}")
    for side in ("actor", "recipient"):
        for code in ev[side]:
            if code not in codes and code not in NON_STATE:
                problems.append(f"{where}: {side} code {code!r} is not alpha-3 or IGO/NGO/IMG")
        if ev[f"{side}_sector"] not in SECTORS:
            problems.append(f"{where}: unknown {side}_sector {ev[f'{side}_sector']!r}")
    if ev["date"] is not None:
        try:
            dt.date.fromisoformat(ev["date"])
        except (TypeError, ValueError):
            problems.append(f"{where}: date {ev['date']!r} is not YYYY-MM-DD or null")
    if complete:
        missing = WHOLE_EVENT_FIELDS - ev.keys()
        if missing:
            problems.append(f"{where}: missing fields {sorted(missing)}")
        else:
            for side in ("actor", "recipient"):
                name = ev[f"{side}_name"]
                if not isinstance(name, str) or bool(name) != bool(ev[side]):
                    problems.append(f"{where}: {side}_name must be a name when {side} has a "
                                    f"code and \"\" when it is empty")
            place = ev["place"]
            if place is not None and not (
                    isinstance(place, dict) and set(place) == {"name", "country"}
                    and isinstance(place["name"], str) and place["name"]
                    and (place["country"] in codes or place["country"] is None)):
                problems.append(f"{where}: place must be null or {{\"name\": ..., "
                                f"\"country\": alpha-3 or null}}, got {place!r}")
    quote = ev["quote"]
    if quote not in text:
        problems.append(f"{where}: quote not found in the story text: {quote!r}")
    if not 5 <= len(quote.split()) <= 15:
        problems.append(f"{where}: quote has {len(quote.split())} words (want 5-15)")
    if not isinstance(ev["key"], bool):
        problems.append(f"{where}: key must be true or false")
    return problems


def check(gold: Path, stories: Path, complete: bool = False) -> tuple[list[str], Counter, int]:
    texts = {}
    with stories.open(encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            texts[story["id"]] = story
    codes = country_codes()
    problems: list[str] = []
    types: Counter = Counter()
    n_stories = 0
    seen = set()
    with gold.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = f"{gold}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON ({exc})")
                continue
            story = texts.get(rec.get("id"))
            if story is None:
                problems.append(f"{where}: story id {rec.get('id')!r} not in {stories}")
                continue
            if rec["id"] in seen:
                problems.append(f"{where}: story id {rec['id']} annotated twice")
            seen.add(rec["id"])
            n_stories += 1
            if rec.get("published") != story["published"][:10]:
                problems.append(f"{where}: published {rec.get('published')!r} != {story['published'][:10]}")
            for i, ev in enumerate(rec.get("events", []), 1):
                problems += check_event(f"{where} event {i}", ev, story["text"], codes, complete)
                types[ev.get("event")] += 1
    return problems, types, n_stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--complete", action="store_true",
                        help="require the whole-event fields (actor_name, recipient_name, place)")
    args = parser.parse_args()
    problems, types, n_stories = check(args.gold, args.stories, args.complete)
    for p in problems:
        print(p)
    print(f"{n_stories} stories, {sum(types.values())} events, {len(problems)} problems")
    for name, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {name:10s} {n}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
