"""`tacitus eval`: score the coder against a gold file (see tacitus/evaluate.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from ..errors import TacitusError
from ..evaluate import (
    Evaluation, SentenceReport, StoryReport, compare_codings, evaluate_gold, open_gold,
)
from ..evaluate_intervals import Interval, f1_intervals, intervals_dict
from ..evaluate_metrics import Rate, TypeScore
from . import main

DEFAULT_STORIES = "../shared/data/voa/stories.jsonl"
LEVEL_NAMES = {"type": "type (type + actor)", "dyad": "dyad (+ recipient)",
               "full": "full (+ date)"}


@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stories", default=DEFAULT_STORIES, show_default=True,
              help="Story texts (JSONL with id and text) for story-level gold.")
@click.option("--errors", "show_errors", is_flag=True,
              help="List every miss with its sentence, the gold and the prediction.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write all figures (and the misses) to this JSON file.")
@click.option("--model", default=None,
              help="spaCy pipeline to code with (default: $TACITUS_MODEL or the packaged model).")
@click.option("--event-filter", "event_filter", type=click.Path(file_okay=False), default=None,
              help="A learned event filter (a directory written by "
                   "scripts/train_event_filter.py): drops the events it judges not real.")
@click.option("--compare", "codings", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Instead of coding the texts, score this story gold file (another "
                   "annotator's coding; repeat for a coding split over files) against GOLD, "
                   "on the stories both code: inter-annotator agreement.")
@click.option("--intervals", "with_intervals", is_flag=True,
              help="Story gold: also give the 95% interval of each level's F1, from "
                   "resampling the stories (bootstrap, 2000 resamples, seeded).")
def eval_command(gold: Path, stories: str, show_errors: bool, json_out: Path | None,
                 model: str | None, event_filter: str | None,
                 codings: tuple[Path, ...], with_intervals: bool) -> None:
    """Code the texts of GOLD.jsonl and score the events against its gold.

    GOLD is sentence-level (lines with "text" and "event", as the PLOVER GSR
    dev set) or story-level (lines with "id" and "events"; the texts are read
    by id from --stories). Sentence gold: per-type precision/recall/F1,
    micro and macro F1 and attribute accuracies. Story gold: whole events,
    matched one-to-one within a story at three levels (type + actor country;
    + recipient country; + date within a day), place accuracy over full
    matches and key-event recall per level. Exits with status 1 when gold lines
    were malformed (they are reported and skipped; the rest is scored).
    """
    err = Console(stderr=True)
    try:
        if codings:
            evaluation = compare_codings(gold, codings, stories)
            for problem in evaluation.problems:
                err.print(Text(f"warning: {problem}", style="yellow"), soft_wrap=True)
        else:
            evaluation = _code_and_score(gold, stories, model, err, event_filter)
    except TacitusError as e:
        raise click.ClickException(str(e)) from None
    intervals = None
    if with_intervals and not isinstance(evaluation.report, StoryReport):
        err.print(Text("warning: --intervals is for story gold (it resamples stories); "
                       f"{gold} is sentence-level gold, scored without intervals",
                       style="yellow"), soft_wrap=True)
    elif with_intervals and evaluation.report.stories:
        intervals = f1_intervals(evaluation.report)
    out = Console(width=max(Console().width, 100)) if not sys.stdout.isatty() else Console()
    render(out, evaluation, show_errors, intervals)
    if json_out is not None:
        figures = evaluation.to_dict()
        if intervals is not None:
            figures["f1_intervals"] = intervals_dict(intervals)
        try:
            json_out.write_text(json.dumps(figures, indent=2, ensure_ascii=False),
                                encoding="utf-8")
        except OSError as e:
            raise click.ClickException(f"{json_out}: cannot write the JSON report ({e})") from None
    if evaluation.problems:
        err.print(Text(f"{len(evaluation.problems)} bad gold line(s) skipped; see the "
                       "warnings above", style="yellow"))
        sys.exit(1)


def _code_and_score(gold: Path, stories: str, model: str | None, err: Console,
                    event_filter: str | None = None) -> Evaluation:
    """Code the texts of a gold file and score them."""
    gold_set, articles, problems = open_gold(gold, stories)
    for problem in problems:
        err.print(Text(f"warning: {problem}", style="yellow"), soft_wrap=True)
    import tacitus

    coder = tacitus.load(model, event_filter=event_filter)
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("coding", total=len(gold_set.records))
        return evaluate_gold(gold_set, articles, problems, coder,
                             lambda n: progress.advance(task, n))


def render(console: Console, evaluation: Evaluation, show_errors: bool,
           intervals: dict[str, Interval] | None = None) -> None:
    """Print the report of an evaluation as rich tables (with the F1 intervals
    of each level when given)."""
    report = evaluation.report
    console.print(Text(f"{evaluation.gold.path} ({evaluation.gold.format}-level gold)",
                       style="bold"))
    if isinstance(report, SentenceReport):
        _render_sentence_summary(console, report)
    else:
        _render_story_summary(console, report, intervals)
    console.print(_type_table(report.per_type))
    if isinstance(report, SentenceReport):
        console.print(_confusion_table(report.confusion))
    if show_errors:
        if isinstance(report, SentenceReport):
            _render_sentence_errors(console, report)
        else:
            _render_story_errors(console, report)


def _f(x: float) -> str:
    return f"{x:.3f}"


def _rate(r: Rate) -> str:
    return f"{_f(r.value)}  ({r.hits}/{r.total})" if r.total else "-  (0 counted)"


def _summary_table(rows: list[tuple[str, str]]) -> Table:
    table = Table(title="Summary", show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, value)
    return table


def _scores(report: SentenceReport | StoryReport) -> list[tuple[str, str]]:
    o = report.overall
    d = report.to_dict()["macro"]
    return [
        ("micro precision / recall / F1", f"{_f(o.precision)} / {_f(o.recall)} / {_f(o.f1)}"),
        ("macro precision / recall / F1",
         f"{_f(d['precision'])} / {_f(d['recall'])} / {_f(d['f1'])}"),
        ("true pos / false pos / false neg", f"{o.tp} / {o.fp} / {o.fn}"),
    ]


def _render_sentence_summary(console: Console, r: SentenceReport) -> None:
    console.print(_summary_table([("sentences", str(len(r.outcomes))), *_scores(r),
                                  ("mode accuracy", _rate(r.mode)),
                                  ("actor country accuracy", _rate(r.actor_country)),
                                  ("recipient country accuracy", _rate(r.recipient_country)),
                                  ("actor sector accuracy", _rate(r.actor_sector)),
                                  ("recipient sector accuracy", _rate(r.recipient_sector))]))


def _render_story_summary(console: Console, r: StoryReport,
                          intervals: dict[str, Interval] | None = None) -> None:
    table = Table(title=f"Whole events ({r.stories} stories, {r.levels['type'].support} gold events)")
    columns = ["level", "precision", "recall", "F1"]
    if intervals:
        columns.append(f"F1 {next(iter(intervals.values())).confidence:.0%} interval")
    for col in columns + ["tp / fp / fn", "key recall"]:
        table.add_column(col, justify="left" if col == "level" else "right")
    for level, s in r.levels.items():
        cells = [LEVEL_NAMES[level], _f(s.precision), _f(s.recall), _f(s.f1)]
        if intervals:
            cells.append(f"{_f(intervals[level].low)} - {_f(intervals[level].high)}")
        table.add_row(*cells, f"{s.tp} / {s.fp} / {s.fn}", _rate(r.key_recall[level]))
    console.print(table)
    if intervals:
        console.print(Text("F1 intervals: the stories resampled with replacement "
                           "(percentile bootstrap); they show how far the figure could move "
                           "on other stories of the same kind.", style="dim"))
    console.print(_summary_table([
        ("place accuracy, country (full matches)", _rate(r.place_country)),
        ("place accuracy, name (full matches)", _rate(r.place_name)),
        ("type level: macro F1 over types", _f(r.macro_f1)),
    ]))


def _type_table(per_type: dict[str, TypeScore]) -> Table:
    table = Table(title="Per event type")
    for col in ("type", "support", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for t, s in sorted(per_type.items()):
        table.add_row(t, str(s.support), str(s.tp), str(s.fp), str(s.fn),
                      _f(s.precision), _f(s.recall), _f(s.f1))
    return table


def _confusion_table(confusion: dict[str, dict[str, int]]) -> Table:
    table = Table(title="Confusion (gold type -> predicted types of its sentences)")
    table.add_column("gold")
    table.add_column("predicted (count)")
    for gold in sorted(confusion):
        row = sorted(confusion[gold].items(), key=lambda kv: (kv[0] != gold, -kv[1], kv[0]))
        table.add_row(gold, ", ".join(f"{t} {n}" for t, n in row))
    return table


def _entities(entities: list[dict]) -> str:
    return ", ".join(f"{e.get('text') or '?'} [{e.get('country') or '-'}"
                     f"{'/' + e['sector'] if e.get('sector') else ''}]" for e in entities) or "-"


def _predicted(events: list[dict]) -> str:
    if not events:
        return "none"
    return "\n".join(f"{e['event']}{'/' + e['mode'] if e['mode'] else ''}: "
                     f"{_entities(e['actor'])} -> {_entities(e['recipient'])}"
                     f"{' (negated)' if e['negated'] else ''}" for e in events)


def _render_sentence_errors(console: Console, r: SentenceReport) -> None:
    table = Table(title=f"Misses ({len(r.errors)} sentences)", show_lines=True)
    for col in ("id", "miss", "sentence", "gold", "predicted"):
        table.add_column(col, overflow="fold")
    for o in r.errors:
        d = o.to_dict()
        g = d["gold"]
        gold = (f"{g['event']}{'/' + g['mode'] if g['mode'] else ''}: "
                f"{_entities(g['actor'])} -> {_entities(g['recipient'])}")
        table.add_row(Text(d["id"]), ", ".join(d["misses"]), Text(d["text"]), Text(gold),
                      Text(_predicted(d["predicted"])))
    console.print(table)


def _gold_event(g: dict) -> str:
    place = g.get("place")
    where = f" @ {place['name']} [{place['country']}]" if place else ""
    return (f"{g['event']}: {', '.join(g['actor']) or '-'} -> "
            f"{', '.join(g['recipient']) or '-'} {g['date'] or 'no date'}{where}")


def _render_story_errors(console: Console, r: StoryReport) -> None:
    table = Table(title=f"Misses ({len(r.misses)})", show_lines=True)
    for col in ("story", "level", "miss", "gold", "predicted", "sentence"):
        table.add_column(col, overflow="fold")
    for m in r.misses:
        d = m.to_dict()
        g, p = d["gold"], d["predicted"]
        gold = f"{_gold_event(g)}\n\"{g['quote']}\"" if g else "-"
        if p is None:
            pred = "-"
        elif "quote" in p:  # a second coding's event
            pred = _gold_event(p)
        else:
            loc = m.predicted.location
            where = f" @ {loc.name} [{loc.country or '-'}]" if loc else ""
            pred = _predicted([p]) + f" {p['date'] or 'no date'}{where}"
        table.add_row(d["story"], d["level"], d["kind"], Text(gold), Text(pred),
                      Text(d["sentence"] or ""))
    console.print(table)
