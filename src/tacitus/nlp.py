"""Building the spaCy pipeline, and the one place where tacitus declares its
Doc extensions.

Every tacitus step is a spaCy factory (``nlp.add_pipe("tacitus_events")``);
they communicate only through the extensions declared here:

=====================  ====================================================
``doc._.published``    publication date, ``datetime.date`` or None (input)
``doc._.doc_id``       article id (input, used for stable event ids)
``doc._.sentence_starts``  character offsets where the article's sentences start
                       (input, optional: events are numbered by them, else by doc.sents)
``doc._.headings``     indexes (as numbered by ``sentence_starts``) of the sentences
                       that are headings (input, optional)
``doc._.text_countries``  {ISO3: mentions} counted on the whole article text
                       (input, optional: the coder sets it when it skipped sentences)
``doc._.actor_mentions``  list of ``actors.ActorMention`` (tacitus_mentions)
``doc._.actor_entities``  list of ``actors.ActorEntity`` (tacitus_coref)
``doc._.dates``        list of ``dates.DateMention`` (tacitus_dates)
``doc._.places``       list of ``places.PlaceMention`` (tacitus_places)
``doc._.events``       list of ``records.Event`` (tacitus_events)
=====================  ====================================================

The objects in these extensions are plain dataclasses, registered with
spaCy's msgpack (srsly) so that coded Docs serialise: ``doc.to_bytes()``,
``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)`` keep them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import re

from .startup import import_spacy

import_spacy()  # before anything else imports spaCy (see tacitus.startup)

import srsly  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .modelname import DEFAULT_MODEL, MODEL_ENV, model_name  # noqa: F401 (tacitus.nlp's names for them)

#: tacitus components in pipeline order, after the model's own components.
TACITUS_PIPES = (
    "tacitus_mentions",
    "tacitus_coref",
    "tacitus_dates",
    "tacitus_places",
    "tacitus_events",
)

_DOC_EXTENSIONS = {
    "published": None,
    "doc_id": None,
    "text_countries": None,
    "sentence_starts": None,
    "headings": None,
    "titled": False,
    "actor_mentions": None,
    "actor_entities": None,
    "dates": None,
    "places": None,
    "dateline": None,
    "events": None,
}


def declare_extensions() -> None:
    """Declare tacitus' Doc extensions once (safe to call many times)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


declare_extensions()


#: The classes whose objects tacitus keeps in Doc extensions, by name; only
#: these are rebuilt when a Doc is read back.
SERIALISED_CLASSES = {
    "Entity": "tacitus.records",
    "Location": "tacitus.records",
    "Event": "tacitus.records",
    "ActorMention": "tacitus.actors.mentions",
    "ActorEntity": "tacitus.actors.coref",
    "DateMention": "tacitus.dates",
    "PlaceMention": "tacitus.places",
}
_TAG = "__tacitus__"


def _encode(obj, chain=None):
    kind = type(obj)
    if dataclasses.is_dataclass(obj) and SERIALISED_CLASSES.get(kind.__name__) == kind.__module__:
        return {_TAG: kind.__name__, "fields": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    if isinstance(obj, dt.datetime):
        return {_TAG: "datetime", "iso": obj.isoformat()}
    if isinstance(obj, dt.date):
        return {_TAG: "date", "iso": obj.isoformat()}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    if isinstance(obj, dict) and _TAG in obj:
        name = obj[_TAG]
        if name == "date":
            return dt.date.fromisoformat(obj["iso"])
        if name == "datetime":
            return dt.datetime.fromisoformat(obj["iso"])
        if name in SERIALISED_CLASSES:
            cls = getattr(importlib.import_module(SERIALISED_CLASSES[name]), name)
            value = cls.__new__(cls)
            sequences = _sequence_fields(cls)
            for key, field_value in obj["fields"].items():
                if isinstance(field_value, (list, tuple)) and key in sequences:
                    field_value = sequences[key](field_value)  # msgpack reads arrays back as one or the other
                object.__setattr__(value, key, field_value)
            return value
    return obj if chain is None else chain(obj)


@functools.lru_cache(maxsize=None)
def _sequence_fields(cls) -> dict[str, type]:
    """Fields annotated as a list or a tuple, with that type."""
    kinds = {}
    for f in dataclasses.fields(cls):
        annotation = str(f.type).replace("typing.", "").lower()
        if annotation.startswith(("list", "tuple")):
            kinds[f.name] = list if annotation.startswith("list") else tuple
    return kinds


srsly.msgpack_encoders.register("tacitus", func=_encode)
srsly.msgpack_decoders.register("tacitus", func=_decode)


#: a tokenizer with no rules, for a model whose tokenizer is read from its files
_UNBUILT_TOKENIZER = "tacitus.unbuilt_tokenizer.v1"


def load_model(name: str):
    """``spacy.load(name)`` without work whose result is thrown away or never used:

    - spaCy builds the language's default tokenizer (2,700 special cases,
      the prefix, suffix and infix expressions compiled) and then replaces
      every part of it with the tokenizer saved in the model's files; when
      the model has that file, it starts from an empty tokenizer instead
      (reading the file resets every part first, so the result is the same);
    - components the model disables by default (en_core_web_sm's "senter")
      are not loaded: tacitus never enables them.
    """
    import spacy

    found = _model_data(name)
    if found is None:
        return spacy.load(name)
    path, meta = found
    overrides = {}
    if (path / "tokenizer").is_file():
        overrides = {"nlp": {"tokenizer": {"@tokenizers": _UNBUILT_TOKENIZER}}}
    nlp = spacy.load(name, exclude=list(meta.get("disabled", [])), config=overrides)
    config = getattr(nlp, "_config", None)
    if overrides and config is not None:  # the pipeline's config names spaCy's own tokenizer
        config["nlp"]["tokenizer"] = spacy.util.load_config(path / "config.cfg")["nlp"]["tokenizer"]
    return nlp


def _model_data(name: str):
    """(directory of the model's files, its meta) for an installed package or a
    directory; None when ``name`` is neither (spaCy then reports it)."""
    from pathlib import Path

    from spacy import util

    if util.is_package(name):
        package = util.get_package_path(name)
        meta = util.get_model_meta(package)
        path = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    else:
        path = Path(name)
        if not (path / "config.cfg").is_file():
            return None
        meta = util.get_model_meta(path) if (path / "meta.json").is_file() else {}
    return (path, meta) if (path / "config.cfg").is_file() else None


def _register_tokenizer() -> None:
    from spacy import registry
    from spacy.tokenizer import Tokenizer

    if _UNBUILT_TOKENIZER not in registry.tokenizers:
        registry.tokenizers(_UNBUILT_TOKENIZER)(lambda: lambda nlp: Tokenizer(nlp.vocab))


_register_tokenizer()


# ------------------------------------------------------------------ speed-ups
#
# Three exact shortcuts applied to the loaded model (``speed_up``); tests check
# that a pipeline with them codes the same events as one without.
#
# 1. The model's neural layers multiply matrices through NumPy's BLAS rather
#    than thinc's default (blis): the same products, 2-3x faster for these
#    shapes on x86.
# 2. The attribute ruler and the lemmatizer are rule tables whose output for
#    a token depends only on the token (its text, tag and dependency label),
#    except for a few multi-token rules ("there is", "gon na"). They are run
#    through one memo shared by all documents: each distinct (word, tag, label)
#    is worked out once by the model's own components, every later occurrence
#    is a dict lookup. Tokens a multi-token rule touches are worked out in full.
# 3. The entity recogniser's per-token loop is decoded in bulk: the same
#    network, the same numbers, the same entities (tacitus.greedy_entities).

_MEMO_MAX = 500_000  # entries; the memo starts afresh beyond that


class TokenAttributes:
    """The model's attribute ruler then lemmatizer, memoised across documents
    (see the note above). Falls back to the components themselves for rules
    it cannot reason about."""

    def __init__(self, ruler, lemmatizer):
        from spacy.matcher import Matcher

        self.ruler, self.lemmatizer = ruler, lemmatizer
        self.exact = lemmatizer.mode in {"rule", "lookup"}
        self._lemmatize_token = _with_word_sets(lemmatizer).lemmatize
        strings = ruler.vocab.strings
        # what a single-token rule's outcome depends on besides tag and label:
        # the words it names (a REGEX or an unusual test: every word)
        self._words: set[int] = set()
        self._regexes: list[re.Pattern] = []
        self._every_word = False
        # multi-token rules are looked for around an anchor only: a token with
        # a word or label one of their tokens requires ("there is": DEP expl)
        self._multi = Matcher(ruler.vocab)
        self._multi_len = 1
        anchors: set[int] | None = set()
        for n, p in enumerate(ruler.patterns):
            if "_" in p["attrs"]:
                self.exact = False
            for pattern in p["patterns"]:
                if isinstance(pattern, str) or any("OP" in spec for spec in pattern):
                    self.exact = False
                    continue
                if len(pattern) > 1:
                    self._multi.add(f"multi{n}", [pattern])
                    self._multi_len = max(self._multi_len, len(pattern))
                    anchor = _anchor(pattern)
                    if anchor is None or anchors is None:
                        anchors = None
                    else:
                        anchors |= {strings.add(v) for v in anchor}
                    continue
                for attr, test in pattern[0].items():
                    if attr in {"TAG", "DEP", "IS_SPACE"}:
                        continue
                    if attr != "LOWER":
                        self.exact = self.exact and attr in {"ORTH", "TEXT", "NORM"}
                        self._every_word = True
                    elif isinstance(test, str):
                        self._words.add(strings.add(test))
                    elif isinstance(test, dict) and set(test) == {"IN"}:
                        self._words |= {strings.add(w) for w in test["IN"]}
                    elif isinstance(test, dict) and set(test) == {"REGEX"}:
                        self._regexes.append(re.compile(test["REGEX"]))
                    else:
                        self._every_word = True
        self._anchors = None if anchors is None else sorted(anchors)
        #: (word, tag, label) -> (tag, label, pos, morph, lemma) as hashes
        self._memo: dict[tuple[int, int, int], tuple[int, int, int, int, int]] = {}
        #: (tag, label, is_space, word or 0) -> what the ruler sets
        self._rules: dict[tuple[int, int, int, int], tuple[int, int, int, int, int]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.exact:
            return self.lemmatizer(self.ruler(doc))
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        array = doc.to_array([ORTH, TAG, DEP, LOWER, IS_SPACE, POS, MORPH, LEMMA])
        if array[:, 5:].any():  # annotated before the ruler: let the components decide
            return self.lemmatizer(self.ruler(doc))
        special = self._multi_targets(doc, array)
        memo = self._memo
        if len(memo) > _MEMO_MAX:
            memo.clear()
        rows = []
        for i, (orth, tag, dep, lower, space) in enumerate(array[:, :5].tolist()):
            hit = memo.get((orth, tag, dep))
            if hit is None or i in special:
                if i in special:
                    hit = self._work_out(doc[i], special[i])
                else:
                    hit = memo[(orth, tag, dep)] = self._lemmatize(doc[i], self._ruled(
                        doc[i], (tag, dep, space, self._word_key(orth, lower, doc))))
            rows.append(hit)
        doc.from_array([TAG, DEP, POS, MORPH, LEMMA],
                       numpy.array(rows, dtype=numpy.uint64).reshape(len(rows), 5))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def _word_key(self, orth: int, lower: int, doc: Doc) -> int:
        if self._every_word:
            return orth
        if lower in self._words:
            return lower
        if self._regexes:
            text = doc.vocab.strings[lower]
            if any(r.search(text) for r in self._regexes):
                return lower
        return 0

    def _ruled(self, token, key) -> tuple[int, int, int, int, int]:
        """What the ruler sets on a token (as hashes), worked out once per key."""
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
        from spacy.tokens._retokenize import set_token_attrs

        hit = self._rules.get(key)
        if hit is None:
            return self._rules.setdefault(key, self._apply_rules(token, []))
        set_token_attrs(token, dict(zip((TAG, DEP, POS, MORPH, LEMMA), hit)))
        return hit

    def _apply_rules(self, token, multi_rules: list[int]) -> tuple[int, int, int, int, int]:
        """Run the ruler's own rules on one token (its single-token rules and
        the given multi-token ones, in the ruler's order)."""
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self.ruler
        found = ruler.matcher(token.doc[token.i: token.i + 1], allow_missing=True, as_spans=False)
        for rule in sorted({int(ruler.vocab.strings[m]) for m, _, _ in found} | set(multi_rules)):
            set_token_attrs(token, ruler.attrs[rule])
        return token.tag, token.dep, token.pos, token.morph.key, token.lemma

    def _lemmatize(self, token, ruled) -> tuple[int, int, int, int, int]:
        if self.lemmatizer.overwrite or ruled[4] == 0:
            token.lemma_ = self._lemmatize_token(token)[0]
            return (*ruled[:4], token.lemma)
        return ruled

    def _work_out(self, token, multi_rules: list[int]) -> tuple[int, int, int, int, int]:
        return self._lemmatize(token, self._apply_rules(token, multi_rules))

    def _multi_targets(self, doc: Doc, array) -> dict[int, list[int]]:
        """Token index -> ids of the multi-token rules that set it."""
        if not len(self._multi):
            return {}
        import numpy

        if self._anchors is None:
            windows = [(0, len(doc))]
        else:  # a hash is an anchor in whichever column: a false one costs a look
            hits = numpy.flatnonzero(numpy.isin(array[:, :4], self._anchors).any(axis=1))
            reach = self._multi_len - 1
            windows = [(max(0, i - reach), min(len(doc), i + reach + 1)) for i in hits.tolist()]
        targets: dict[int, list[int]] = {}
        strings = self.ruler.vocab.strings
        seen = set()
        for a, b in windows:
            for match_id, start, end in self._multi(doc[a:b], allow_missing=True):
                if (match_id, a + start, a + end) in seen:
                    continue
                seen.add((match_id, a + start, a + end))
                rule = int(strings[match_id][5:])
                target = doc[a + start: a + end][self.ruler.indices[rule]].i
                targets.setdefault(target, []).append(rule)
        return targets


def _with_word_sets(lemmatizer):
    """A copy of the lemmatizer whose word lists ("lemma_index") are sets: its
    rules only ask whether a form is in them, and a list of 57,000 nouns
    scanned for every new word was most of the lemmatizer's cost."""
    import copy

    from spacy.lookups import Lookups

    if lemmatizer.mode != "rule" or "lemma_index" not in lemmatizer.lookups:
        return lemmatizer
    clone = copy.copy(lemmatizer)
    clone.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = {pos: frozenset(words) for pos, words in table.items()}
            clone.lookups.add_table(name, table)
        else:
            clone.lookups.set_table(name, table)
    clone.cache = {}
    clone.lemmatize = clone.rule_lemmatize
    return clone


def _anchor(pattern: list[dict]) -> list[str] | None:
    """The values of the most telling token test of a multi-token rule: a word
    before a dependency label before a tag."""
    best = None
    for spec in pattern:
        for attr, rank in (("LOWER", 0), ("ORTH", 0), ("TEXT", 0), ("DEP", 1), ("TAG", 2)):
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"IN"}:
                value = value["IN"]
            elif isinstance(value, str):
                value = [value]
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, value)
            break
    return None if best is None else best[1]


def _numpy_blas(nlp) -> None:
    """Let the model's layers multiply through NumPy's BLAS (shortcut 1)."""
    from thinc.api import NumpyOps

    ops = None
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and getattr(node.ops, "use_blis", False):
                ops = ops or NumpyOps(use_blis=False)
                node.ops = ops


def speed_up(nlp) -> None:
    """Apply the exact shortcuts above to a loaded pipeline, in place."""
    _numpy_blas(nlp)
    names = nlp.pipe_names
    if "attribute_ruler" in names and "lemmatizer" in names \
            and names.index("lemmatizer") == names.index("attribute_ruler") + 1 \
            and "tacitus_token_attributes" not in nlp.component_names:
        nlp.add_pipe("tacitus_token_attributes", after="lemmatizer")
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    if "ner" in names and "tacitus_entities" not in nlp.component_names:
        from .greedy_entities import decodable

        if decodable(nlp.get_pipe("ner")):
            nlp.add_pipe("tacitus_entities", after="ner")
            nlp.disable_pipe("ner")


def _register_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory("tacitus_token_attributes"):
        Language.factory("tacitus_token_attributes")(
            lambda nlp, name: TokenAttributes(nlp.get_pipe("attribute_ruler"),
                                              nlp.get_pipe("lemmatizer")))
    if not Language.has_factory("tacitus_entities"):
        def make_entities(nlp, name):
            from .greedy_entities import GreedyEntities

            return GreedyEntities(nlp.get_pipe("ner"))

        Language.factory("tacitus_entities")(make_entities)


_register_factory()
