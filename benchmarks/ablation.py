"""What each coding rule earns: switch it off, score again, report the change.

    python benchmarks/ablation.py                    # every rule, dev story gold + GSR dev
    python benchmarks/ablation.py --rules a,b        # only these rules
    python benchmarks/ablation.py --markdown FILE    # also write the table

For every optional rule of ``tacitus.events.rules`` (and the rules outside the
event coder: the splitter's cut before run-in section headings, "need(s)
to" as an obligation, a story's title read as a sentence of its own, the
rules of actor mention finding, of coreference and of place finding), the stories of the dev gold
(tests/data/gold/dev.jsonl) and the sentences of PLOVER GSR dev are coded
with the rule off, and the change in F1 at the type, dyad and full levels
and in place accuracy (story gold) and in macro- and micro-F1 and actor and recipient country
accuracy (GSR dev) is printed. A negative change means
the rule earns that much; a rule whose removal costs nothing (or gains) does
not pay for itself. The last column names the story levels at which the
change is larger than chance: the 95% interval of the paired difference,
the dev stories resampled together with and without the rule
(tacitus.evaluate_intervals), does not hold zero.

The texts are parsed once; only the event coder runs again per rule (the
splitter, title, mention, coreference and place finding rules need their own parse).
"""
from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"
GSR_DEV = SHARED / "plover-gsr" / "dev.jsonl"
STORIES = SHARED / "voa" / "stories.jsonl"
DEV = REPO / "tests" / "data" / "gold" / "dev.jsonl"
SPLITTER_RULE = "cut_before_run_in_heading"
NEED_RULE = "need_to_is_obligation"
TITLE_RULE = "title_is_a_sentence"


class Bench:
    """Parsed texts of both gold sets, re-coded per configuration."""

    def __init__(self, coder, dev: Path, stories: Path, gsr: Path):
        from tacitus.evaluate import load_gold, open_gold
        from tacitus.records import Article

        self.coder = coder
        self.titles = True
        self.story_gold, articles, problems = open_gold(dev, stories)
        if problems:
            raise SystemExit(f"{dev}: {len(problems)} problem(s), first: {problems[0]}")
        self.story_articles = [articles[s.id] for s in self.story_gold.records]
        self.gsr_gold = load_gold(gsr)
        self.gsr_articles = [Article(id=f"{i}:{g.id}", text=g.text)
                             for i, g in enumerate(self.gsr_gold.records)]
        self.parse()

    def parse(self) -> None:
        nlp = self.coder.nlp
        with nlp.select_pipes(disable=["tacitus_events"]):
            self.story_docs = list(nlp.pipe(self.coder.make_doc(a.text, a.date, a.id, self._title(a))
                                            for a in self.story_articles))
            self.gsr_docs = list(nlp.pipe(self.coder.make_doc(a.text, a.date, a.id)
                                          for a in self.gsr_articles))

    def score(self, disabled: frozenset[str] = frozenset()) -> dict[str, float]:
        from tacitus.evaluate import score_sentences, score_stories

        events = self.coder.nlp.get_pipe("tacitus_events")
        events.disabled = disabled
        try:
            stories = [self._code(events, d, a) for d, a in zip(self.story_docs, self.story_articles)]
            sentences = [self._code(events, d, a) for d, a in zip(self.gsr_docs, self.gsr_articles)]
        finally:
            events.disabled = frozenset()
        story = score_stories(self.story_gold.records, stories,
                              texts={a.id: a.text for a in self.story_articles})
        gsr = score_sentences(self.gsr_gold.records, sentences)
        out = {level: s.f1 for level, s in story.levels.items()}
        out["report"] = story
        out["place_country"] = story.place_country.value
        out["place_name"] = story.place_name.value
        out["gsr_macro"] = gsr.macro_f1
        out["gsr_micro"] = gsr.micro_f1
        out["gsr_actor"] = gsr.actor_country.value
        out["gsr_recipient"] = gsr.recipient_country.value
        return out

    def _title(self, article):
        return article.title if self.titles else None

    def _code(self, events, doc, article):
        return self.coder._events(events(doc), article.text, self._title(article))


@contextlib.contextmanager
def without_splitter_rule():
    from tacitus import coder

    saved = coder._RUN_IN_HEADING
    coder._RUN_IN_HEADING = re.compile(r"(?!)")
    try:
        yield
    finally:
        coder._RUN_IN_HEADING = saved


@contextlib.contextmanager
def without_actor_rule(coder, name: str):
    """A rule of mention finding or of coreference switched off."""
    from tacitus.actors import mentions

    coref = coder.nlp.get_pipe("tacitus_coref")
    if name in mentions.MENTION_RULES:
        mentions.SWITCHED_OFF.add(name)
    else:
        coref.disabled = frozenset({name})
    try:
        yield
    finally:
        mentions.SWITCHED_OFF.discard(name)
        coref.disabled = frozenset()


@contextlib.contextmanager
def without_place_rule(coder, name: str):
    """A rule of place finding switched off."""
    places = coder.nlp.get_pipe("tacitus_places")
    places.disabled = frozenset({name})
    try:
        yield
    finally:
        places.disabled = frozenset()


@contextlib.contextmanager
def without_need_rule():
    from tacitus.events import modality

    saved = set(modality.OBLIGATION_GOVERNORS)
    modality.OBLIGATION_GOVERNORS.discard("need")
    try:
        yield
    finally:
        modality.OBLIGATION_GOVERNORS.clear()
        modality.OBLIGATION_GOVERNORS.update(saved)


COLUMNS = ("type", "dyad", "full", "place_country", "place_name", "gsr_macro", "gsr_micro", "gsr_actor", "gsr_recipient")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--gsr", type=Path, default=GSR_DEV)
    parser.add_argument("--stories", type=Path, default=STORIES)
    parser.add_argument("--rules", default="", help="comma-separated rule names (default: all)")
    parser.add_argument("--markdown", type=Path, help="write the table as Markdown here")
    args = parser.parse_args(argv)

    import tacitus
    from tacitus import coder as coder_module
    from tacitus.actors.coref import COREF_RULES
    from tacitus.actors.mentions import MENTION_RULES
    from tacitus.events import modality
    from tacitus.evaluate_intervals import paired_difference_intervals
    from tacitus.events.rules import ALL_RULES
    from tacitus.places import PLACE_FINDING_RULES

    start = time.perf_counter()
    coder = tacitus.load()
    bench = Bench(coder, args.dev, args.stories, args.gsr)
    base = bench.score()
    optional = [r.name for r in ALL_RULES if not r.core]
    extra = []
    if getattr(coder_module, "_RUN_IN_HEADING", None) is not None:
        extra.append(SPLITTER_RULE)
    if "need" in getattr(modality, "OBLIGATION_GOVERNORS", ()):
        extra.append(NEED_RULE)
    extra.append(TITLE_RULE)
    actor_rules = [*MENTION_RULES, *COREF_RULES]
    extra.extend(actor_rules)
    extra.extend(PLACE_FINDING_RULES)
    names = args.rules.split(",") if args.rules else optional + extra
    rows = []
    for name in names:
        if name == SPLITTER_RULE:
            with without_splitter_rule():
                bench.parse()
                figures = bench.score()
            bench.parse()
        elif name == TITLE_RULE:
            bench.titles = False
            bench.parse()
            figures = bench.score()
            bench.titles = True
            bench.parse()
        elif name in actor_rules:
            with without_actor_rule(coder, name):
                bench.parse()
                figures = bench.score()
            bench.parse()
        elif name in PLACE_FINDING_RULES:
            with without_place_rule(coder, name):
                bench.parse()
                figures = bench.score()
            bench.parse()
        elif name == NEED_RULE:
            with without_need_rule():
                figures = bench.score()
        else:
            figures = bench.score(frozenset({name}))
        paired = paired_difference_intervals(figures["report"], base["report"])
        beyond = ", ".join(level for level, i in paired.items() if 0.0 not in i) or "-"
        rows.append((name, {k: figures[k] - base[k] for k in COLUMNS}, beyond))
        print(f"{name:34} " + "  ".join(f"{k} {rows[-1][1][k]:+.3f}" for k in COLUMNS)
              + f"  beyond chance: {beyond}", flush=True)
    lines = [
        f"Baseline: dev stories type {base['type']:.3f}, dyad {base['dyad']:.3f}, "
        f"full {base['full']:.3f} (F1), place country {base['place_country']:.3f}, "
        f"name {base['place_name']:.3f} (accuracy over full matches); GSR dev macro-F1 {base['gsr_macro']:.3f}, "
        f"micro-F1 {base['gsr_micro']:.3f}, actor country {base['gsr_actor']:.3f}, "
        f"recipient country {base['gsr_recipient']:.3f} (accuracy over found types).",
        "",
        "Change when the rule is switched off (negative: what the rule earns):",
        "",
        "| rule | type | dyad | full | place country | place name | GSR macro | GSR micro "
        "| GSR actor | GSR recipient | beyond chance (dev) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, d, beyond in rows:
        lines.append(f"| {name} | " + " | ".join(f"{d[k]:+.3f}" for k in COLUMNS)
                     + f" | {beyond} |")
    text = "\n".join(lines)
    print("\n" + text)
    print(f"\n({time.perf_counter() - start:.0f} s)")
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
