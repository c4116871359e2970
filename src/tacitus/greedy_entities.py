"""The model's entity recogniser, decoded without its per-step loop.

spaCy's entity recogniser (``ner``) is a greedy transition system: it walks
the tokens one by one and takes, at each, the best-scoring action of those
valid in its state (B-, I-, L-, U- per label, or O). For every action it asks
whether the action is valid, 74 questions a token, and it scores one step at
a time; on the VOA stories that loop was a sixth of the coder's whole time.

The loop does not need to be a loop. The recogniser's state reaches its
network through three tokens only: the next token, and, when an entity is
open, the entity's first token and the token before the next. So:

- every token scored as if no entity were open (most tokens are outside
  entities) in one matrix product for the whole batch;
- the few tokens inside an entity scored for the two actions valid there
  (I- or L- of the entity's label) as the walk reaches them;
- validity worked out from the token's own attributes (whitespace, whether
  the next token starts a sentence, the end of the document).

Every number is computed as the model's own loop computes it: the same
precomputed feature table (the model's own layers on the same batches), the
features summed in the same order, the same maxout, and the hidden-to-action
product through the same BLIS routine (each score is one dot product, in the
same order, whatever the matrix around it). Ties go where the loop sends
them. Tests compare the entities with the model's own on real text.

Documents that already carry entities (preset annotations), beam search, or
a model whose recogniser is built differently go through the component
itself.
"""
from __future__ import annotations

import numpy

#: move kinds, by the first letter of spaCy's class names ("B-ORG", "U-", "O")
_BEGIN, _IN, _LAST, _UNIT, _OUT = "B", "I", "L", "U", "O"


class GreedyEntities:
    """Stands in for the model's ``ner`` component (same batches, same
    entities); falls back to the component where it cannot reason."""

    def __init__(self, ner):
        self.ner = ner
        self.usable = decodable(ner)
        if not self.usable:
            return
        moves = ner.moves
        strings = ner.vocab.strings
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        kinds = [n[0] for n in names]  # "O" is its own kind
        labels = [strings.add(n[2:]) if len(n) > 2 else 0 for n in names]
        self.n_classes = len(names)
        tok2vec, lower, upper = ner.model.layers
        self.tok2vec, self.lower = tok2vec, lower
        self.W = numpy.ascontiguousarray(upper.get_param("W"), dtype="f")  # (classes, hidden)
        self.b = numpy.ascontiguousarray(upper.get_param("b"), dtype="f")
        self.bias = numpy.ascontiguousarray(lower.get_param("b"), dtype="f")  # (hidden, pieces)
        index = numpy.arange(self.n_classes)
        kinds_a = numpy.array(kinds)
        labels_a = numpy.array(labels, dtype="uint64")
        self.is_begin = (kinds_a == _BEGIN) & (labels_a != 0)
        self.is_unit = (kinds_a == _UNIT) & (labels_a != 0)
        self.out_class = int(index[kinds_a == _OUT][0])
        self.labels = labels
        #: label -> (class of I-label, class of L-label)
        self.inside = {}
        for lab in set(labels) - {0}:
            i = [c for c in range(self.n_classes) if kinds[c] == _IN and labels[c] == lab]
            last = [c for c in range(self.n_classes) if kinds[c] == _LAST and labels[c] == lab]
            if len(i) != 1 or len(last) != 1:
                self.usable = False
                return
            self.inside[lab] = (i[0], last[0])
        self.kind_of = kinds

    # -- the component's interface ------------------------------------------
    def __call__(self, doc):
        self._recognise([doc])
        return doc

    def pipe(self, docs, batch_size: int = 256):
        """The batches of ``Parser.pipe``: each batch sorted by length and cut
        into quarters (at least two documents), so every document's vectors
        come from the same matrix products as in the component itself."""
        from spacy.util import minibatch

        error_handler = self.ner.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            try:
                by_length = sorted(batch, key=len)
                for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                    self._recognise(list(sub))
                yield from batch
            except Exception as e:  # the component's own handling (re-raises by default)
                error_handler(self.ner.name, self.ner, batch, e)

    # -- decoding -----------------------------------------------------------
    def _recognise(self, docs) -> None:
        ner = self.ner
        if not self.usable or _preset(docs):
            ner.set_annotations(docs, ner.predict(docs))
            return
        if not any(len(doc) for doc in docs):
            return
        tokvecs = self.tok2vec(docs, is_train=False)[0]
        table = self.lower(tokvecs, is_train=False)[0]  # (1 + tokens, features, hidden, pieces)
        closed = self._closed_scores(table)
        offset = 0
        for doc in docs:
            n = len(doc)
            if n:
                self._decode(doc, table, closed[offset: offset + n], offset)
            offset += n

    def _hidden(self, unmaxed):
        # maxout of two pieces as the model's loop takes it: the first piece
        # only when strictly greater
        first, second = unmaxed[..., 0], unmaxed[..., 1]
        return numpy.ascontiguousarray(numpy.where(first > second, first, second))

    def _closed_scores(self, table):
        """Scores of every action at every token, no entity open: features
        (the token, padding, padding) summed in the loop's order."""
        import blis.py

        unmaxed = numpy.zeros(table.shape[:1] + table.shape[2:], dtype="f")[1:]
        unmaxed += table[1:, 0]
        unmaxed += table[0, 1]
        unmaxed += table[0, 2]
        unmaxed += self.bias
        hidden = self._hidden(unmaxed)
        scores = blis.py.gemm(hidden, self.W, trans2=True, beta=0.0)
        scores += self.b
        return scores

    def _open_scores(self, table, row: int, start_row: int, classes: tuple[int, int]):
        """Scores of two actions at a token inside an entity: features (the
        token, the entity's first token, the token before)."""
        import blis.py

        unmaxed = numpy.zeros(table.shape[2:], dtype="f")
        unmaxed += table[row, 0]
        unmaxed += table[start_row, 1]
        unmaxed += table[row - 1, 2]
        unmaxed += self.bias
        hidden = self._hidden(unmaxed)[None, :]
        scores = blis.py.gemm(hidden, self.W[list(classes)], trans2=True, beta=0.0)
        scores += self.b[list(classes)]
        return scores[0]

    def _decode(self, doc, table, closed, offset: int) -> None:
        from spacy.attrs import IS_SPACE, SENT_START
        from spacy.tokens import Span

        n = len(doc)
        attrs = doc.to_array([IS_SPACE, SENT_START])
        space = attrs[:, 0].astype(bool)
        # the next token starts a sentence (none after the last)
        next_starts = numpy.zeros(n, dtype=bool)
        next_starts[:-1] = attrs[1:, 1].astype("int64") == 1
        last = numpy.zeros(n, dtype=bool)
        last[-1] = True
        can_begin = ~space & ~next_starts & ~last
        can_unit = ~space
        valid = numpy.zeros((n, self.n_classes), dtype=bool)
        valid[:, self.out_class] = True
        valid[can_begin[:, None] & self.is_begin[None, :]] = True
        valid |= can_unit[:, None] & self.is_unit[None, :]
        masked = numpy.where(valid, closed, -numpy.inf)
        choice = masked.argmax(axis=1)  # the first best, as the loop takes it
        can_continue = (~next_starts & ~last).tolist()
        kinds, labels, out = self.kind_of, self.labels, self.out_class
        ents = []
        candidates = numpy.flatnonzero(choice != out).tolist()
        choice = choice.tolist()
        i = 0
        for j in candidates:
            if j < i:
                continue  # inside an entity already decoded
            c = choice[j]
            label = labels[c]
            if kinds[c] == _UNIT:
                ents.append(Span(doc, j, j + 1, label=label))
                i = j + 1
                continue
            start, i = j, j + 1  # Begin: walk the entity
            in_class, last_class = self.inside[label]
            while True:
                if can_continue[i]:
                    s_in, s_last = self._open_scores(
                        table, offset + i + 1, offset + start + 1, (in_class, last_class))
                    if not s_last > s_in:
                        i += 1
                        continue
                ents.append(Span(doc, start, i + 1, label=label))
                i += 1
                break
        doc.set_ents(ents, default="outside")


def _preset(docs) -> bool:
    """Whether any doc already carries entity annotation."""
    from spacy.attrs import ENT_IOB, ENT_TYPE

    return any(len(doc) and doc.to_array([ENT_IOB, ENT_TYPE]).any() for doc in docs)


def decodable(ner) -> bool:
    """A greedy BILUO recogniser whose state features are the three this
    decoder knows, with an output layer and no class masked out."""
    try:
        import blis.py  # noqa: F401  (the routine the model's loop multiplies with)
        from spacy.pipeline._parser_internals.ner import BiluoPushDown
        from thinc.api import NumpyOps

        model = ner.model
        tok2vec, lower, upper = model.layers
        return (ner.cfg.get("beam_width", 1) == 1
                and isinstance(ner.moves, BiluoPushDown)
                and model.attrs.get("has_upper") and not model.attrs.get("unseen_classes")
                and lower.get_dim("nF") == 3 and lower.get_dim("nP") == 2
                and upper.get_dim("nO") == ner.moves.n_moves
                and not ner.postprocesses
                and isinstance(lower.ops, NumpyOps)
                and all(ner.moves.get_class_name(i) == "O" or ner.moves.get_class_name(i)[1:2] == "-"
                        for i in range(ner.moves.n_moves)))
    except (ImportError, AttributeError, ValueError, KeyError):
        return False
