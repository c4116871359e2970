"""The learned event filter (tacitus/learned.py): features from the real
pipeline, the logistic model, serialisation and the coder/CLI option."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

import tacitus
from tacitus.cli import main
from tacitus.errors import TacitusError
from tacitus.learned import (EventFilter, LogisticModel, TYPES, event_features,
                             feature_names)

ARTICLE = ("Russian forces shelled the city of Kharkiv on Saturday, Ukrainian officials said. "
           "Ukraine accused Russia of war crimes on Sunday. "
           "Russian troops attacked Ukrainian positions near Kharkiv again on Monday.")


def _coded(coder, text, date="2024-03-05"):
    doc = coder.nlp(coder.make_doc(text, date, "story"))
    return doc, coder._events(doc, text)


def test_learned_features_one_row_per_event_named_columns(coder):
    doc, events = _coded(coder, ARTICLE)
    assert len(events) >= 3
    X = event_features(doc, events)
    assert X.shape == (len(events), len(feature_names(("rules", "vectors"), 96)))
    names = feature_names(("rules", "vectors"), 96)
    rules = event_features(doc, events, ("rules",))
    for row, e in zip(rules, events):  # the type one-hot names the event's type
        assert row[names.index(f"type={e.event}")] == 1.0
        assert row[:len(TYPES)].sum() == 1.0
    # the sentence vectors come from the pipeline's tok2vec: real, distinct per sentence
    vec = event_features(doc, events, ("vectors",))
    sentence = slice(96, 192)
    assert np.abs(vec[:, sentence]).sum(axis=1).min() > 0
    assert not np.allclose(vec[0, sentence], vec[-1, sentence])


def test_learned_features_mark_a_repeated_event(coder):
    doc, events = _coded(coder, ARTICLE)
    names = feature_names(("rules",), 96)
    repeat = names.index("repeat_type_actor")
    rules = event_features(doc, events, ("rules",))
    assaults = [i for i, e in enumerate(events) if e.event == "ASSAULT"]
    assert len(assaults) == 2
    assert rules[assaults[0], repeat] == 0.0 and rules[assaults[1], repeat] == 1.0


def test_learned_logistic_model_separates_and_is_deterministic():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5))
    y = (X[:, 0] + 0.5 * X[:, 3] > 0).astype(float)
    first = LogisticModel(l2=1.0).fit(X, y)
    second = LogisticModel(l2=1.0).fit(X, y)
    assert np.array_equal(first.weights, second.weights)
    assert ((first.predict(X) >= 0.5) == (y == 1)).mean() > 0.95
    strong = LogisticModel(l2=1e6).fit(X, y)  # heavy shrinkage: close to the base rate
    assert np.abs(strong.predict(X) - y.mean()).max() < 0.05


def _assault_only_filter(coder, path):
    """A filter trained to keep ASSAULT events only, written to ``path``."""
    doc, events = _coded(coder, ARTICLE)
    X = event_features(doc, events, ("rules",))
    y = np.array([float(e.event == "ASSAULT") for e in events])
    model = LogisticModel(l2=0.1).fit(np.vstack([X] * 3), np.concatenate([y] * 3))
    EventFilter(0.5, ("rules",), 96, model, {"trained_on": ["a test article"]}).to_disk(path)
    return events


def test_learned_filter_from_disk_drops_events_in_the_coder(coder, tmp_path):
    events = _assault_only_filter(coder, tmp_path / "filter")
    assert {e.event for e in events} > {"ASSAULT"}
    assert json.loads((tmp_path / "filter" / "cfg").read_text())["groups"] == ["rules"]
    filtered = tacitus.load(event_filter=tmp_path / "filter")
    assert filtered.nlp.pipe_names[-1] == "tacitus_event_filter"
    kept = filtered(ARTICLE, date="2024-03-05", doc_id="story")
    assert [e.event for e in kept] == [e.event for e in events if e.event == "ASSAULT"]
    # the kept events are the rule coder's own, unchanged
    assert [e.to_dict() for e in kept] == [e.to_dict() for e in events if e.event == "ASSAULT"]
    # a threshold of 0 keeps everything
    filtered.nlp.get_pipe("tacitus_event_filter").threshold = 0.0
    assert len(filtered(ARTICLE, date="2024-03-05", doc_id="story")) == len(events)


def test_learned_cli_code_and_eval_take_the_filter(coder, tmp_path):
    _assault_only_filter(coder, tmp_path / "filter")
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(story), "--date", "2024-03-05",
                                       "--event-filter", str(tmp_path / "filter")])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["event"] for line in result.stdout.splitlines()} == {"ASSAULT"}


def test_learned_bad_filter_directory_is_a_clear_error(tmp_path):
    with pytest.raises(TacitusError, match="no such event filter directory"):
        tacitus.load(event_filter=tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["code", "-", "--event-filter", str(tmp_path / "empty")],
                                input="Russia attacked Ukraine.")
    assert result.exit_code != 0
    assert "not an event filter directory" in result.output and "Traceback" not in result.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "cfg").write_text('{"threshold": 0.5, "groups": ["rules"], "width": 96}')
    (bad / "model").write_text('{"l2": 1, "mean": [0], "scale": [1], "weights": [0.5], "bias": 0}')
    with pytest.raises(TacitusError, match="weights have 1 features"):
        EventFilter().from_disk(bad)
