"""Events that are said, not done: intentions, threats and demands.

PLOVER codes a single category rather than category + auxiliary mode
(manual 2.3), following the CAMEO-to-PLOVER table:
- cooperative actions announced, promised or offered ("will meet", "is
  willing to withdraw", "offered to mediate") are AGREE (CAMEO 03x:
  express intent to cooperate / to yield / to meet);
- conflictual actions announced, conditional or vowed ("would blockade
  Paris", "is prepared to impose martial law", "vowed to retaliate") are
  THREATEN (CAMEO 13x), with the threat's mode;
- an action someone says another must or should take ("China must drop
  barriers, the administration said") is REQUEST (CAMEO 10x: demand).
"""
from __future__ import annotations

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
#: words that make their complement an intention: "willing to", "vowed to"
INTENT_LEMMAS = {"willing", "ready", "prepared", "determined", "eager", "offer", "promise",
                 "pledge", "vow", "swear", "commit", "committed", "intend", "plan", "resolve",
                 "threaten", "warn", "decide", "seek", "try", "attempt", "want"}
#: REQUEST and REJECT modes (PLOVER gives both the same four) by the type of
#: the action asked for or refused: "demanded talks" REQUEST meet, "would not
#: meet" REJECT meet
ASKED_MODES = {"CONSULT": "meet", "AID": "assist", "SUPPORT": "assist", "COOPERATE": "assist",
                 "RETREAT": "yield", "CONCEDE": "yield"}


def threat_mode(event: str, mode: str) -> str:
    if event in {"ASSAULT", "MOBILIZE"}:
        return "violence"
    if event == "COERCE":
        return {"arrest": "arrest", "detain": "arrest", "seize": "territory",
                "deport": "expel"}.get(mode, "restrict")
    if event == "SANCTION":  # withdrawing from talks, a treaty or a body: PLOVER
        # Table 3.6 relations ("suspend relations or ongoing talks"), CAMEO 1313, 134
        return {"expel": "expel", "withdraw": "relations"}.get(mode, "restrict")
    return "relations"


def reframe(event: str, mode: str, *, future: bool, hypothetical: bool,
            intent: bool) -> tuple[str, str]:
    """The single PLOVER category of an announced, conditional or intended action."""
    if event in COOPERATIVE and (future or intent or hypothetical):
        return "AGREE", ""
    if event in CONFLICTUAL and (future or intent or hypothetical):
        return "THREATEN", threat_mode(event, mode)
    return event, mode


def demanded(event: str) -> tuple[str, str]:
    """The REQUEST that demands an action of this type."""
    return "REQUEST", ASKED_MODES.get(event, "change")


#: the generic CAMEO code of a category an event was recoded to
DEFAULT_CAMEO = {"AGREE": "030", "THREATEN": "130", "REQUEST": "100", "REJECT": "120"}
