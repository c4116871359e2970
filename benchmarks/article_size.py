"""Cost of coding one article as it grows: time and peak memory per size.

    python benchmarks/article_size.py [--sizes 10,100,300,1000] [--stories ../shared/data/voa/stories.jsonl]

Each size (in KB) is one article made of VOA stories laid end to end until it
reaches the size (just under it for 1000 KB, the default --max-bytes), coded
by `tacitus code` in its own process. The time is the whole run minus the run
of a one-sentence article (start-up); the peak memory is the process's
largest resident memory (ru_maxrss). With date attachment linear in the
article's length, time and memory grow about linearly with the size.
Results are printed and written to benchmarks/out/article_size.json.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_STORIES = HERE.parent.parent / "shared" / "data" / "voa" / "stories.jsonl"

RUN = """
import json, resource, sys, time
import tacitus
coder = tacitus.load()
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
events = coder(text, date="2024-03-04")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "events": len(events),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def article(stories: list[str], size: int) -> str:
    parts, total, k = [], 0, 0
    while True:
        story = stories[k % len(stories)]
        if total + len(story.encode("utf-8")) + 2 > size:
            return "\n\n".join(parts)
        parts.append(story)
        total += len(story.encode("utf-8")) + 2
        k += 1


def measure(text: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
    done = subprocess.run([sys.executable, "-c", RUN, f.name], capture_output=True, text=True, check=True)
    Path(f.name).unlink()
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,300,1000", help="Article sizes in KB, comma-separated.")
    parser.add_argument("--stories", default=str(DEFAULT_STORIES))
    args = parser.parse_args()
    if not Path(args.stories).exists():
        sys.exit(f"missing {args.stories}: the shared data folder beside the repository (see README)")
    stories = [json.loads(line)["text"] for line in open(args.stories, encoding="utf-8")]
    base = measure("Russian forces attacked Kharkiv on Monday, officials said.")
    rows = []
    print(f"{'size':>8} {'coding s':>9} {'s per 100 KB':>13} {'peak MB':>8} {'events':>7}")
    print(f"{'start':>8} {base['seconds']:9.2f} {'':>13} {base['peak_mb']:8.0f}")
    for kb in [int(x) for x in args.sizes.split(",")]:
        text = article(stories, kb * 1000 - (1 if kb >= 1000 else 0))
        result = measure(text)
        size = len(text.encode("utf-8"))
        row = {"kb": size / 1000, **result}
        rows.append(row)
        print(f"{size / 1000:7.0f}K {result['seconds']:9.2f} {result['seconds'] / (size / 100_000):13.2f} "
              f"{result['peak_mb']:8.0f} {result['events']:7d}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "article_size.json").write_text(json.dumps({"start": base, "sizes": rows}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
