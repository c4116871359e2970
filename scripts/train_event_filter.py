"""Train the learned event filter (tacitus/learned.py) on the project's annotations.

Usage, from the repository root:

    python scripts/train_event_filter.py [--out build/event_filter] [--folds 5] [--seed 20261130]

Data (the only sources read):

- ``tests/data/gold/dev.jsonl``: the dev half of the story gold, with the
  story texts from ``../shared/data/voa/stories.jsonl`` (only the dev ids are
  read). The test half, ``tests/data/gold/test.jsonl``, is never opened here.
- ``../shared/data/plover-gsr/dev.jsonl``: the PLOVER GSR dev sentences.

Method: the rule coder (``tacitus.load()``, default settings) codes every
dev story and GSR sentence. Each coded event is an example, labelled 1 when
it is matched to a gold event (story gold: the one-to-one matching of
``tacitus eval`` at the ``type`` or the ``dyad`` level; GSR: the gold type
with a shared actor country, or no gold actor country), else 0. Features:
``tacitus.learned.event_features``. Settings (feature groups, L2 strength,
label level, whether GSR examples are used, threshold) are chosen by
cross-validation over dev stories (``--folds`` folds, stories assigned at
random with ``--seed``; GSR sentences are split into the same folds): each
fold's events are filtered by a model trained on the other folds, and the
filtered predictions of all folds are scored together with the story
measure. The choice maximises the mean of the type, dyad and full F1. The
final model is trained on all dev examples with the chosen settings and
written with ``EventFilter.to_disk`` to ``--out``; the cross-validation
table goes to ``--cv`` and the chosen row is printed.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import tacitus  # noqa: E402
from tacitus.evaluate import score_sentences  # noqa: E402
from tacitus.evaluate_gold import GoldSentence, load_gold, load_story_articles  # noqa: E402
from tacitus.evaluate_stories import match_story, score_stories, sides_agree  # noqa: E402
from tacitus.learned import GROUPS, EventFilter, LogisticModel, event_features  # noqa: E402

DEV_GOLD = REPO / "tests" / "data" / "gold" / "dev.jsonl"
STORIES = REPO.parent / "shared" / "data" / "voa" / "stories.jsonl"
GSR_DEV = REPO.parent / "shared" / "data" / "plover-gsr" / "dev.jsonl"

GROUP_CHOICES = (("rules",), ("vectors",), ("rules", "vectors"))
L2_CHOICES = (10.0, 100.0, 1000.0, 10000.0)
LABEL_CHOICES = ("type", "dyad")
GSR_CHOICES = (False, True)
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
LEVELS = ("type", "dyad", "full")


def _features(coder, doc, events, width):
    """Per group, the feature rows of ``events`` (computed once, sliced later)."""
    return {g: event_features(doc, events, (g,), width) for g in GROUPS}


def code_stories(coder, articles, width):
    """Code each dev story once; its events and their features."""
    out = []
    for article in articles:
        doc = coder.nlp(coder.make_doc(article.text, article.date, article.id))
        events = coder._events(doc, article.text)
        out.append((events, _features(coder, doc, events, width)))
    return out


def code_gsr(coder, sentences, width):
    out = []
    for i, s in enumerate(sentences):
        doc = coder.nlp(coder.make_doc(s.text, None, f"{i}:{s.id}"))
        events = coder._events(doc, s.text)
        out.append((events, _features(coder, doc, events, width)))
    return out


def story_labels(stories, coded):
    """Per story, per level: 1 for each event matched to a gold event."""
    labels = []
    for story, (events, _) in zip(stories, coded):
        per_level = {}
        for level in LABEL_CHOICES:
            y = np.zeros(len(events))
            for _, pi in match_story(story.events, events, level=level):
                y[pi] = 1.0
            per_level[level] = y
        labels.append(per_level)
    return labels


def gsr_labels(sentences: list[GoldSentence], coded):
    labels = []
    for s, (events, _) in zip(sentences, coded):
        gold_actors = frozenset(a.country for a in s.actor if a.country)
        y = np.array([float(e.event == s.event and sides_agree(
            gold_actors, frozenset(a.country for a in e.actor if a.country))) for e in events])
        labels.append({level: y for level in LABEL_CHOICES})
    return labels


def stack(coded, labels, indices, groups, level):
    X = [np.hstack([coded[i][1][g] for g in groups]) for i in indices if len(coded[i][0])]
    y = [labels[i][level] for i in indices if len(coded[i][0])]
    if not X:
        return np.zeros((0, 0)), np.zeros(0)
    return np.vstack(X), np.concatenate(y)


def figures(report) -> dict:
    return {level: round(report.levels[level].f1, 4) for level in LEVELS}


def bootstrap(stories, rules, filtered, texts, seed, samples=2000) -> dict:
    """Paired bootstrap over stories of the F1 difference (filtered minus rules
    alone) at each level: the mean and the 2.5 and 97.5 percentiles."""
    def counts(predictions):
        out = []
        for story, events in zip(stories, predictions):
            levels = score_stories([story], [events], texts).levels
            out.append([[levels[lv].tp, levels[lv].fp, levels[lv].fn] for lv in LEVELS])
        return np.asarray(out, dtype=float)  # story x level x (tp, fp, fn)

    a, b = counts(rules), counts(filtered)
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(samples):
        pick = rng.integers(0, len(stories), len(stories))
        f = []
        for c in (a, b):
            tp, fp, fn = c[pick].sum(axis=0).T
            f.append(np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0))
        diffs.append(f[1] - f[0])
    diffs = np.asarray(diffs)
    return {lv: {"mean": round(float(diffs[:, i].mean()), 4),
                 "low": round(float(np.percentile(diffs[:, i], 2.5)), 4),
                 "high": round(float(np.percentile(diffs[:, i], 97.5)), 4),
                 "share_above_zero": round(float((diffs[:, i] > 0).mean()), 3)}
            for i, lv in enumerate(LEVELS)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(REPO / "build" / "event_filter"))
    ap.add_argument("--cv", default=str(REPO / "build" / "event_filter_cv.json"),
                    help="where the cross-validation table is written")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20261130)
    args = ap.parse_args()
    out = Path(args.out)
    started = time.perf_counter()

    gold = load_gold(DEV_GOLD)
    if gold.problems:
        raise SystemExit(f"{DEV_GOLD}: {len(gold.problems)} bad line(s): {gold.problems[0]}")
    stories = list(gold.records)
    articles_by_id = load_story_articles(STORIES, {s.id for s in stories})
    stories = [s for s in stories if s.id in articles_by_id]
    articles = [articles_by_id[s.id] for s in stories]
    gsr = load_gold(GSR_DEV).records

    coder = tacitus.load()
    width = coder.nlp.get_pipe("tok2vec").model.get_dim("nO") \
        if "tok2vec" in coder.nlp.pipe_names else 96
    print(f"coding {len(articles)} dev stories and {len(gsr)} GSR sentences ...", file=sys.stderr)
    coded = code_stories(coder, articles, width)
    coded_gsr = code_gsr(coder, gsr, width)
    labels = story_labels(stories, coded)
    labels_gsr = gsr_labels(gsr, coded_gsr)
    n_events = sum(len(e) for e, _ in coded)
    n_pos = {lv: int(sum(l[lv].sum() for l in labels)) for lv in LABEL_CHOICES}
    print(f"{n_events} story events ({n_pos}), "
          f"{sum(len(e) for e, _ in coded_gsr)} GSR events", file=sys.stderr)

    rng = random.Random(args.seed)
    order = list(range(len(stories)))
    rng.shuffle(order)
    fold_of = {i: n % args.folds for n, i in enumerate(order)}
    gsr_order = list(range(len(gsr)))
    rng.shuffle(gsr_order)
    gsr_fold_of = {i: n % args.folds for n, i in enumerate(gsr_order)}
    texts = {a.id: a.text for a in articles}

    baseline = score_stories(stories, [e for e, _ in coded], texts)
    baseline_gsr = score_sentences(gsr, [e for e, _ in coded_gsr])
    rows = [{"setting": "rules alone", **figures(baseline),
             "gsr_macro": round(baseline_gsr.macro_f1, 4)}]
    print(f"rules alone: {rows[0]}", file=sys.stderr)

    best = None
    for groups, l2, level, use_gsr in itertools.product(GROUP_CHOICES, L2_CHOICES,
                                                         LABEL_CHOICES, GSR_CHOICES):
        probs = [None] * len(stories)
        probs_gsr = [None] * len(gsr)
        for fold in range(args.folds):
            train = [i for i in range(len(stories)) if fold_of[i] != fold]
            X, y = stack(coded, labels, train, groups, level)
            if use_gsr:
                train_g = [i for i in range(len(gsr)) if gsr_fold_of[i] != fold]
                Xg, yg = stack(coded_gsr, labels_gsr, train_g, groups, level)
                X, y = np.vstack([X, Xg]), np.concatenate([y, yg])
            model = LogisticModel(l2).fit(X, y)
            for i in range(len(stories)):
                if fold_of[i] == fold:
                    probs[i] = model.predict(np.hstack([coded[i][1][g] for g in groups])) \
                        if coded[i][0] else np.zeros(0)
            for i in range(len(gsr)):
                if gsr_fold_of[i] == fold:
                    probs_gsr[i] = model.predict(np.hstack([coded_gsr[i][1][g] for g in groups])) \
                        if coded_gsr[i][0] else np.zeros(0)
        for threshold in THRESHOLDS:
            kept = [[e for e, p in zip(events, ps) if p >= threshold]
                    for (events, _), ps in zip(coded, probs)]
            kept_gsr = [[e for e, p in zip(events, ps) if p >= threshold]
                        for (events, _), ps in zip(coded_gsr, probs_gsr)]
            f = figures(score_stories(stories, kept, texts))
            row = {"setting": {"groups": list(groups), "l2": l2, "label": level,
                               "gsr": use_gsr, "threshold": threshold},
                   **f, "gsr_macro": round(score_sentences(gsr, kept_gsr).macro_f1, 4)}
            rows.append(row)
            mean = sum(f.values()) / 3
            if best is None or mean > best[0]:
                best = (mean, row, kept)

    chosen, chosen_kept = best[1], best[2]
    print(f"chosen by {args.folds}-fold cross-validation: {chosen}", file=sys.stderr)
    chosen["bootstrap"] = bootstrap(stories, [e for e, _ in coded], chosen_kept, texts, args.seed)
    print(f"paired bootstrap over stories, filter minus rules: {chosen['bootstrap']}",
          file=sys.stderr)
    s = chosen["setting"]
    X, y = stack(coded, labels, range(len(stories)), s["groups"], s["label"])
    if s["gsr"]:
        Xg, yg = stack(coded_gsr, labels_gsr, range(len(gsr)), s["groups"], s["label"])
        X, y = np.vstack([X, Xg]), np.concatenate([y, yg])
    model = LogisticModel(s["l2"]).fit(X, y)
    meta = {"trained_on": ["tests/data/gold/dev.jsonl (stories from "
                           "../shared/data/voa/stories.jsonl)", "../shared/data/plover-gsr/dev.jsonl"
                           if s["gsr"] else None],
            "examples": int(len(y)), "positives": int(y.sum()), "label": s["label"],
            "l2": s["l2"], "seed": args.seed, "folds": args.folds,
            "cv": {k: chosen[k] for k in (*LEVELS, "gsr_macro")},
            "rules_alone_dev": {k: rows[0][k] for k in (*LEVELS, "gsr_macro")},
            "model": f"{coder.nlp.meta.get('lang', '')}_{coder.nlp.meta.get('name', '')} "
                     f"{coder.nlp.meta.get('version', '')}"}
    meta["trained_on"] = [t for t in meta["trained_on"] if t]
    EventFilter(s["threshold"], s["groups"], width, model, meta).to_disk(out)
    Path(args.cv).parent.mkdir(parents=True, exist_ok=True)
    Path(args.cv).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(f"written to {out} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    print(json.dumps({"rules alone": rows[0], "chosen": chosen}, indent=1))


if __name__ == "__main__":
    main()
