"""A small offline check that a text is English.

Two signals: the writing system (mostly non-Latin letters means not English)
and the share of word tokens that are frequent English function words
("the", "of", "and", ...; list in ``data/english_function_words.txt``).
English news prose scores 0.35-0.50 (the 89 VOA stories); German, French,
Spanish, Italian, Dutch and Indonesian news sentences score under 0.08; the
threshold is 0.15. Texts of fewer than ``MIN_WORDS`` words are given the benefit of
the doubt.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MIN_WORDS = 20
MIN_LETTERS = 20
MIN_FUNCTION_WORD_SHARE = 0.15
MAX_NON_LATIN_SHARE = 0.5
SAMPLE_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuess:
    english: bool
    reason: str  # "looks like Cyrillic script", "3% English function words", ...


@lru_cache(maxsize=1)
def english_function_words() -> frozenset[str]:
    text = resources.files("tacitus.data").joinpath("english_function_words.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def script_of(char: str) -> str:
    """The writing system of one letter: "Latin", "Cyrillic", "CJK", "Arabic", ..."""
    if char < "\u0250" or "\u1e00" <= char <= "\u1eff":
        return "Latin"
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK (Chinese/Japanese)"
    return name.split(" ", 1)[0].title() if name else "unknown"


def guess_english(text: str) -> LanguageGuess:
    """Whether ``text`` is English, with the reason, looking at its first 20,000 characters."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= MIN_LETTERS:
        scripts: dict[str, int] = {}
        for char in letters:
            if char.isascii():
                continue
            script = script_of(char)
            if script != "Latin":
                scripts[script] = scripts.get(script, 0) + 1
        non_latin = sum(scripts.values())
        if non_latin / len(letters) > MAX_NON_LATIN_SHARE:
            main = max(scripts, key=scripts.__getitem__)
            return LanguageGuess(False, f"looks like {main} script")
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return LanguageGuess(True, f"only {len(words)} words: given the benefit of the doubt")
    function_words = english_function_words()
    share = sum(word in function_words for word in words) / len(words)
    counted = f"{share:.0%} of {len(words)} words are English function words"
    if share >= MIN_FUNCTION_WORD_SHARE:
        return LanguageGuess(True, counted)
    return LanguageGuess(False, f"looks like another Latin-script language: {counted}")


def is_english(text: str) -> bool:
    return guess_english(text).english
