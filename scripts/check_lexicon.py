"""Check the trigger lexicon against the real spaCy model.

For every entry, put the lemma's common word forms into short sentences and
check that the model tags the word with the entry's POS and lemmatizes it back
to the entry's lemma; also check that the lemmas listed in `requires` (obj,
compound, xcomp) are lemmas the model produces.  Prints one line per mismatch
and exits 1 if there is any.  Entries whose note says "model lemma" (a
workaround for a wrong model lemma) or "unchecked" are not probed.

    python scripts/check_lexicon.py [--model NAME] [--triggers path/to/user_triggers.tsv]
"""
from __future__ import annotations

import argparse
import sys

import spacy

from tacitus import ontology
from tacitus.nlp import model_name

VOWELS = set("aeiou")
# verbs whose final consonant doubles although the word is longer than 4 letters
DOUBLING = {
    "acquit", "commit", "compel", "confer", "control", "defer", "deter", "expel", "incur",
    "kidnap", "occur", "patrol", "prefer", "propel", "rebut", "refer", "regret", "remit",
    "submit", "transfer", "unwrap", "worship", "equip", "outstrip", "handicap",
}


def _cvc(word: str) -> bool:
    return (
        len(word) >= 3
        and word[-1] not in VOWELS | set("wxy")
        and word[-2] in VOWELS
        and word[-3] not in VOWELS
    )


def verb_forms(lemma: str, irregular: dict[str, frozenset[str]]) -> dict[str, str]:
    """The base, past and -ing form a careful writer would use."""
    forms = {"base": lemma}
    monosyllable = sum(ch in VOWELS for ch in lemma) == 1
    double = lemma in DOUBLING or (monosyllable and _cvc(lemma))
    stem = lemma + lemma[-1] if double else lemma
    if lemma.endswith("e"):
        past, ing = lemma + "d", (lemma + "ing" if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    irr = irregular.get(lemma)
    forms["past"] = irr[0][0] if irr else past
    forms["ing"] = ing
    return forms


def frames(t: ontology.Trigger, irregular) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, word, sentences) probes for one entry; a form passes if any sentence does."""
    if t.pos == "VERB":
        f = verb_forms(t.lemma, irregular)
        return [
            ("base", f["base"], (f"The officials will {f['base']} it soon.", f"Troops will {f['base']} the town.")),
            ("past", f["past"], (f"The officials {f['past']} it on Monday.", f"Gunmen {f['past']} the villagers.")),
            ("ing", f["ing"], (f"The officials are {f['ing']} it now.", f"Troops are {f['ing']} the town.")),
        ]
    if t.pos == "ADJ":  # looked up by its word form: it must read as an adjective or participle
        prep = sorted(t.req_lemmas)[0] if t.dep == "prep" else "about"
        return [("predicative", t.lemma, (f"The officials are {t.lemma} {prep} the plan.",
                                          f"Officials were deeply {t.lemma} {prep} it."))]
    plural = next(iter(sorted(ontology._regular(t.lemma, "NOUN") - {t.lemma})), t.lemma)
    return [
        ("singular", t.lemma, (f"The {t.lemma} was reported on Monday.", f"Officials announced the {t.lemma}.")),
        ("plural", plural, (f"The {plural} were reported on Monday.", f"Officials announced two {plural}.")),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--triggers", default=None, help="a user trigger file (merged over the shipped one)")
    args = ap.parse_args(argv)
    nlp = spacy.load(model_name(args.model), exclude=["parser", "ner"])  # tags and lemmas only
    lex = ontology.load_user_triggers(args.triggers) if args.triggers else ontology.triggers()
    irregular = ontology.irregular_verb_table()

    probes: list[tuple[ontology.Trigger, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for t in lex:
        if (t.lemma, t.pos) in seen or "model lemma" in t.note or "unchecked" in t.note:
            continue
        seen.add((t.lemma, t.pos))
        for label, word, sents in frames(t, irregular):
            probes.extend((t, label, word, sent) for sent in sents)

    failures: dict[tuple[str, str, str], list[str]] = {}
    passed: set[tuple[str, str, str]] = set()
    docs = nlp.pipe([p[3] for p in probes], batch_size=256)
    for (t, label, word, _sent), doc in zip(probes, docs):
        key = (t.source, label, word)
        toks = [tok for tok in doc if tok.text.lower() == word]
        if not toks:
            failures.setdefault(key, []).append(f"{t.lemma}/{t.pos} {label} form {word!r} is split by the tokenizer")
            continue
        tok = toks[0]
        if t.pos == "ADJ":
            if tok.pos_ == "ADJ" or tok.tag_ == "VBN":
                passed.add(key)
            else:
                failures.setdefault(key, []).append(f"{t.lemma}/ADJ {label} form {word!r} -> pos {tok.pos_}")
            continue
        pos_ok = tok.pos_ in ({"VERB"} if t.pos == "VERB" else {"NOUN", "PROPN"})
        covered = any(  # another entry catches the model's lemma ("lambasted" -> lambast)
            o.event == t.event for o in lex.for_lemma(tok.lemma_.lower(), t.pos)
        )
        # the coder reads an irregular form the model leaves as it is by its base ("retook")
        by_base = (t.pos == "VERB" and tok.lemma_.lower() == tok.lower_
                   and ontology.irregular_base(tok.lower_) == t.lemma)
        if (tok.lemma_.lower() == t.lemma or covered or by_base) and pos_ok:
            passed.add(key)
        else:
            failures.setdefault(key, []).append(
                f"{t.lemma}/{t.pos} {label} form {word!r} -> lemma {tok.lemma_!r}, pos {tok.pos_}"
            )
    problems = 0
    for key, msgs in failures.items():
        if key not in passed:
            print(f"{key[0]}: {msgs[0]}")
            problems += 1

    # lemmas required of dependents
    req_probes: list[tuple[ontology.Trigger, str, str]] = []
    done: set[tuple[str, str]] = set()
    for t in lex:
        if t.dep not in ("obj", "compound", "xcomp"):
            continue
        for lem in sorted(t.req_lemmas):
            kind = "verb" if t.dep == "xcomp" else "noun"
            if (lem, kind) in done:
                continue
            done.add((lem, kind))
            sent = f"They want to {lem} it." if kind == "verb" else f"They saw the {lem} there."
            req_probes.append((t, lem, sent))
    for (t, lem, _sent), doc in zip(req_probes, nlp.pipe([p[2] for p in req_probes], batch_size=256)):
        toks = [tok for tok in doc if tok.text.lower() == lem.split("-")[-1]]
        if "-" in lem:
            print(f"{t.source}: required lemma {lem!r} contains a hyphen; the tokenizer splits it")
            problems += 1
        elif toks and toks[0].lemma_.lower() != lem:
            print(f"{t.source}: required lemma {lem!r} is lemmatized as {toks[0].lemma_!r}")
            problems += 1
    print(f"{len(probes)} word-form probes, {len(req_probes)} dependent probes, {problems} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
