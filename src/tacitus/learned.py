"""A learned event filter: a small classifier over the rule coder's events.

The rules of ``tacitus_events`` propose events; this component scores each
one with a logistic regression and drops those it judges not to be events a
careful coder would record (the probability that the event is real falls
below the component's threshold). It reads the spaCy pipeline's own token
vectors (``doc.tensor``, written by the model's ``tok2vec``), so it costs a
few vector sums per event and no second network.

Features of an event (:func:`event_features`), computed the same way at
training and at run time:

- token vectors: the mean vector of the trigger words, of the sentence, of
  the actor mentions and of the recipient mentions (zeros when absent);
- what the rules decided: the PLOVER type, whether a mode, a recipient, a
  date, a place and an attribution were found, the actors' and recipients'
  sectors, the auxiliary modes (future, hypothetical), whether the
  participants are named in the event's own sentence, whether an earlier
  event of the story has the same type and actor countries (a repeat), how
  many events the sentence holds, and whether the sentence is the story's
  first (the title).

The weights are trained by ``scripts/train_event_filter.py`` on the
project's annotations and written with :meth:`EventFilter.to_disk` (a JSON
config and JSON weights; no pickles). Add it to a pipeline after
``tacitus_events``: ``nlp.add_pipe("tacitus_event_filter").from_disk(path)``,
or ``tacitus.load(event_filter=path)``.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import nlp as _nlp  # noqa: F401  (declares the extensions)
from .errors import TacitusError
from .records import Event

__all__ = ["EventFilter", "LogisticModel", "add_event_filter", "event_features", "feature_names"]

#: PLOVER event types, in the codebook's order
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: actor sectors seen in the coder's output; others count as "other"
SECTORS = ("GOV", "MIL", "REB", "IGO", "NGO", "OPP", "CVL", "JUD", "LEG", "POL", "MED",
           "BUS", "")
VECTOR_PARTS = ("trigger", "sentence", "actor", "recipient")
#: feature groups a model may use
GROUPS = ("rules", "vectors")


def _flag_names() -> list[str]:
    names = [f"type={t}" for t in TYPES]
    names += [f"actor_sector={s or 'none'}" for s in SECTORS] + ["actor_sector=other"]
    names += [f"recipient_sector={s or 'none'}" for s in SECTORS] + ["recipient_sector=other"]
    names += ["has_mode", "has_recipient", "n_actors", "n_recipients", "date_null",
              "date_published", "has_place", "has_attribution", "future", "hypothetical",
              "actor_in_sentence", "recipient_in_sentence", "repeat_type_actor",
              "repeat_dyad", "events_in_sentence", "first_sentence", "trigger_words"]
    return names


FLAG_NAMES = tuple(_flag_names())


def feature_names(groups: Sequence[str], width: int) -> list[str]:
    """The names of the features of ``groups``, in the order of :func:`event_features`."""
    names = list(FLAG_NAMES) if "rules" in groups else []
    if "vectors" in groups:
        names += [f"{part}[{i}]" for part in VECTOR_PARTS for i in range(width)]
    return names


def _mean(doc: Doc, tokens: Iterable[int], width: int) -> np.ndarray:
    idx = [i for i in tokens if not doc[i].is_space]
    if not idx or doc.tensor is None or doc.tensor.shape[0] != len(doc) or \
            doc.tensor.shape[1] != width:
        return np.zeros(width, dtype="float32")
    return np.asarray(doc.tensor[idx], dtype="float32").mean(axis=0)


def _char_tokens(doc: Doc, start: int, end: int) -> list[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def _sentence(doc: Doc, event: Event) -> Span | None:
    return doc.char_span(event.span[0], event.span[1], alignment_mode="expand")


def _trigger_tokens(sent: Span | None, event: Event) -> list[int]:
    """The tokens of the event's trigger words in its sentence (the first
    occurrence of each word of ``eventText``)."""
    if sent is None:
        return []
    out: list[int] = []
    for word in event.eventText.split():
        for t in sent:
            if t.text == word and t.i not in out:
                out.append(t.i)
                break
    return out


def _sector_onehot(entities) -> list[float]:
    out = [0.0] * (len(SECTORS) + 1)
    for e in entities:
        s = e.sector or ""
        out[SECTORS.index(s) if s in SECTORS else len(SECTORS)] = 1.0
    return out


def event_features(doc: Doc, events: Sequence[Event], groups: Sequence[str] = GROUPS,
                   width: int = 96) -> np.ndarray:
    """One row of features per event of ``doc`` (the events in story order)."""
    rows = []
    published = doc._.published
    published = published.isoformat() if hasattr(published, "isoformat") else published
    first_start = min((e.span[0] for e in events), default=0)
    per_sentence: dict[int, int] = {}
    for e in events:
        per_sentence[e.sentence] = per_sentence.get(e.sentence, 0) + 1
    seen_type_actor: set[tuple] = set()
    seen_dyad: set[tuple] = set()
    for e in events:
        sent = _sentence(doc, e)
        row: list[float] = []
        actors = frozenset(a.country for a in e.actor if a.country)
        recipients = frozenset(r.country for r in e.recipient if r.country)
        if "rules" in groups:
            row += [1.0 if e.event == t else 0.0 for t in TYPES]
            row += _sector_onehot(e.actor) + _sector_onehot(e.recipient)
            lo, hi = e.span
            row += [
                float(bool(e.mode)), float(bool(e.recipient)), float(len(e.actor)),
                float(len(e.recipient)), float(e.date is None),
                float(e.date is not None and e.date == published),
                float(e.location is not None), float(e.attribution is not None),
                float(e.future), float(e.hypothetical),
                float(any(lo <= a.start < hi for a in e.actor)),
                float(any(lo <= r.start < hi for r in e.recipient)),
                float((e.event, actors) in seen_type_actor),
                float((e.event, actors, recipients) in seen_dyad),
                math.log1p(per_sentence[e.sentence]),
                float(e.span[0] == first_start and e.sentence == 0),
                float(len(e.eventText.split())),
            ]
        seen_type_actor.add((e.event, actors))
        seen_dyad.add((e.event, actors, recipients))
        if "vectors" in groups:
            row += list(_mean(doc, _trigger_tokens(sent, e), width))
            row += list(_mean(doc, range(sent.start, sent.end) if sent is not None else [], width))
            row += list(_mean(doc, [i for a in e.actor for i in _char_tokens(doc, a.start, a.end)],
                              width))
            row += list(_mean(doc, [i for r in e.recipient
                                    for i in _char_tokens(doc, r.start, r.end)], width))
        rows.append(row)
    n = len(feature_names(groups, width))
    return np.asarray(rows, dtype="float64").reshape(len(rows), n)


class LogisticModel:
    """L2-regularised logistic regression on standardised features, fitted by
    Newton's method (deterministic: the same data give the same weights)."""

    def __init__(self, l2: float = 1.0):
        self.l2 = l2
        self.mean: np.ndarray | None = None
        self.scale: np.ndarray | None = None
        self.weights: np.ndarray | None = None
        self.bias = 0.0

    def fit(self, X: np.ndarray, y: np.ndarray, iterations: int = 50) -> "LogisticModel":
        self.mean = X.mean(axis=0)
        scale = X.std(axis=0)
        self.scale = np.where(scale > 1e-9, scale, 1.0)
        Z = np.hstack([(X - self.mean) / self.scale, np.ones((len(X), 1))])
        w = np.zeros(Z.shape[1])
        penalty = np.full(Z.shape[1], self.l2)
        penalty[-1] = 0.0  # the bias is not shrunk
        for _ in range(iterations):
            p = 1.0 / (1.0 + np.exp(-np.clip(Z @ w, -30, 30)))
            grad = Z.T @ (p - y) + penalty * w
            hess = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(penalty + 1e-9)
            step = np.linalg.solve(hess, grad)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        self.weights, self.bias = w[:-1], float(w[-1])
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise TacitusError("the event filter has no weights: train it or load it from disk")
        z = ((X - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_dict(self) -> dict:
        return {"l2": self.l2, "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "weights": self.weights.tolist(), "bias": self.bias}

    @classmethod
    def from_dict(cls, data: dict) -> "LogisticModel":
        model = cls(float(data["l2"]))
        model.mean = np.asarray(data["mean"], dtype="float64")
        model.scale = np.asarray(data["scale"], dtype="float64")
        model.weights = np.asarray(data["weights"], dtype="float64")
        model.bias = float(data["bias"])
        return model


@Language.factory("tacitus_event_filter", assigns=["doc._.events"],
                  requires=["doc._.events"],
                  default_config={"threshold": 0.5, "groups": list(GROUPS), "width": 96})
def make_event_filter(nlp: Language, name: str, threshold: float, groups: list[str],
                      width: int) -> "EventFilter":
    return EventFilter(threshold=threshold, groups=groups, width=width)


class EventFilter:
    """Drops the events of ``doc._.events`` whose probability of being real
    is below ``threshold``. Load trained weights with :meth:`from_disk`."""

    def __init__(self, threshold: float = 0.5, groups: Sequence[str] = GROUPS, width: int = 96,
                 model: LogisticModel | None = None, meta: dict | None = None):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise TacitusError(f"event filter: unknown feature group(s) {sorted(unknown)}; "
                               f"known: {', '.join(GROUPS)}")
        self.threshold = float(threshold)
        self.groups = tuple(groups)
        self.width = int(width)
        self.model = model
        self.meta = dict(meta or {})

    def scores(self, doc: Doc) -> np.ndarray:
        """The probability that each event of ``doc._.events`` is real."""
        events = doc._.events or []
        if not events:
            return np.zeros(0)
        if self.model is None:
            raise TacitusError("the event filter has no weights: load them with from_disk(path) "
                               "(a directory written by scripts/train_event_filter.py)")
        return self.model.predict(event_features(doc, events, self.groups, self.width))

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.events or []
        if events:
            keep = self.scores(doc) >= self.threshold
            doc._.events = [e for e, k in zip(events, keep) if k]
        return doc

    # -- serialisation, as spaCy components do it ----------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", {"threshold": self.threshold, "groups": list(self.groups),
                                        "width": self.width, "meta": self.meta})
        if self.model is not None:
            srsly.write_json(path / "model", self.model.to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EventFilter":
        path = Path(path)
        for name in ("cfg", "model"):
            if not (path / name).is_file():
                raise TacitusError(f"{path}: not an event filter directory (no '{name}' file; "
                                   "scripts/train_event_filter.py writes one)")
        try:
            cfg = srsly.read_json(path / "cfg")
            model = LogisticModel.from_dict(srsly.read_json(path / "model"))
            self.__init__(cfg["threshold"], cfg["groups"], cfg["width"], model, cfg.get("meta"))
        except (ValueError, KeyError, TypeError) as e:
            raise TacitusError(f"{path}: unreadable event filter ({type(e).__name__}: {e})") from None
        expected = len(feature_names(self.groups, self.width))
        if len(model.weights) != expected:
            raise TacitusError(f"{path}: the weights have {len(model.weights)} features, "
                               f"the feature groups {list(self.groups)} need {expected}")
        return self


def add_event_filter(nlp: Language, path: str | Path) -> EventFilter:
    """Add the event filter stored at ``path`` after ``tacitus_events``."""
    if not Path(path).is_dir():
        raise TacitusError(f"{path}: no such event filter directory "
                           "(scripts/train_event_filter.py writes one)")
    if "tacitus_events" not in nlp.pipe_names:
        raise TacitusError("the event filter needs the tacitus_events component before it")
    component = nlp.add_pipe("tacitus_event_filter", after="tacitus_events")
    return component.from_disk(path)
