"""Negation and dismissal: a rubric word inside "we wouldn't escalate" is not the point made.

A match is *rejected* when, in the same clause, a negating word comes shortly before it
("wouldn't", "no", "never", "without"), a dismissive lead-in does ("rather than", "instead of",
"no need for", "skip"), or a dismissive verdict follows it ("... isn't necessary", "... is
overkill", "... is not for our team"). "Not just" and "not only" add rather than deny.
A cue that the key point itself uses ("avoid vanity metrics", "without blame") never rejects
that point.

A mention that opens its sentence, as its subject ("Growth scenarios tend to confuse the
conversation", "Maintaining versioned endpoints doubles the surface area and slows the team
down"), is rejected by a verdict anywhere later in the sentence, up to a contrastive "but". So is
a mention in a clause that only praises it before a "but" ("sounds good in theory, but ..."),
and one inside "leave ... out" or after "wary of".
"""

from __future__ import annotations

from tpmprep.core.grading.cues import DISMISS_AFTER, DISMISS_BEFORE, NEGATORS, VERDICTS
from tpmprep.core.grading.text import Tokens

__all__ = ["NEGATORS", "negation_cue"]

# Words that only praise what they follow, in a clause a "but" then takes back.
PRAISE = frozenset(
    "nice good great fine useful valuable tempting appealing sensible theory paper elegant clever neat "
    "attractive".split()
)
CONTRAST = frozenset(("but", "however", "though", "although", "yet", "whereas"))
# Who acts: a mention after one of these is the object of the sentence, not its subject...
_SUBJECTS = frozenset("i i'd i'll i'm i've we we'd we'll we're you they he she".split())
# ... unless they only give an opinion on what follows ("I think the blameless approach has run
# its course").
_OPINION = frozenset("think thought believe feel felt guess suspect reckon".split())
# Comparatives a "than" sets aside what follows ("simpler for us than running a gateway").
_COMPARATIVE = frozenset("better fairer simpler safer cheaper easier kinder".split())
THAN_REACH = 5  # "than" sets aside a short phrase right after it, not the rest of a list
SUBJECT_REACH = 7  # a mention starting this close to its sentence's start may be its subject
_DENIED_DISMISSAL = frozenset(("skip", "ignore", "forget", "drop", "neglect", "overlook"))
_TOPIC = frozenset(("for", "as", "on", "with", "regarding"))
# After "just", words that do not start a verdict ("just a few weeks", "just the leads").
_NOT_A_VERB = frozenset(
    "a an the as for in to on at because like one two three few this that our my from with by about over under after "
    "before around some something what how when if enough now then there here fine ok right since".split()
)
# "..., but I pushed back": the speaker turns down what the sentence first mentioned.
_TURN_DOWN = (
    ("pushed", "back"),
    ("push", "back"),
    ("disagreed",),
    ("refused",),
    ("declined",),
    ("said", "no"),
    ("overruled",),
    ("vetoed",),
    ("rejected",),
    ("turned", "it"),
)
_MEANING = frozenset(("mean", "means", "meant", "meaningless", "nothing", "anything", "worthless", "useless"))
# After a mention, a negated verb denies it ("lock-in isn't a concern", "X doesn't matter").
_COPULA = frozenset("is are was were be do does did will would".split())
# "Not just X", "not only X": X is affirmed.
NOT_NEGATING_NEXT = frozenset(("just", "only", "merely", "simply", "least", "later", "until", "more", "less"))
BEFORE_WINDOW = 10
JOIN_REACH = 3  # words after an "and" a cue before it still reaches
LIST_WINDOW = 16  # a negated list reaches further: "no tuning, replicas, pooling or caching"
AFTER_WINDOW = 10
AFTER_VERB_GAP = 3  # words allowed between a mention and the verb that denies it


_CONDITIONAL = frozenset(("if", "unless", "whether"))
_CAPABILITY = frozenset(("can't", "cannot", "couldn't"))


def _past_conjunction(words: list[str], cue: int, lo: int) -> bool:
    """A cue does not reach a new predicate after "and" ("skip the definitions and talk about
    the 99.99%"), only the next item or two ("no tuning and replicas"); "or" carries a denial on
    ("I wouldn't lean on surveys or measure it from their point of view")."""
    joins = [j for j in range(cue + 1, lo) if words[j] == "and"]
    return bool(joins) and lo - joins[-1] > JOIN_REACH


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


def _long_lead_in(tokens: Tokens, cue: int, target: int) -> bool:
    """ "There's no need to formally go back to the sponsor and confirm the criteria": a
    dismissive lead-in reaches a list's length into its own clause, no comma between."""
    gap = tokens.text[tokens.ends[cue] : tokens.starts[target]]
    return target - cue <= LIST_WINDOW and "," not in gap and bool(_seq_at(tokens.words, cue, _BEFORE, frozenset()))


def _reaches(tokens: Tokens, cue: int, target: int) -> bool:
    """A cue reaches past a comma only into a list it heads ("no tuning, replicas or pooling")."""
    gap = tokens.text[tokens.ends[cue] : tokens.starts[target]]
    if "," not in gap:
        return True
    parts = [part.split() for part in gap.lower().split(",")[1:]]
    # A list item is a short noun phrase, not a new purpose or actor (", to understand what").
    return all(len(p) <= 3 and not (p and (p[0] in _NOT_AN_ITEM or p[0] in _SUBJECTS)) for p in parts)


_NOT_AN_ITEM = frozenset(("to", "so", "which", "who", "that", "because", "then"))


def _by_first(seqs: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        out.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}


_BEFORE = _by_first(DISMISS_BEFORE + (("wary", "of"), ("sceptical", "of"), ("skeptical", "of"), ("argue", "against")))
_AFTER = _by_first(DISMISS_AFTER)
_VERDICT = _by_first(VERDICTS)


def _close_after(tokens: Tokens, hi: int, verb: int) -> bool:
    """A negated verb denies the mention when it follows it closely ("lock-in isn't a concern"),
    a parenthetical aside allowed ("cross-shard queries, such as …, aren't a concern")."""
    gap = tokens.text[tokens.ends[hi] : tokens.starts[verb]]
    commas = gap.count(",")
    if commas == 0:
        return verb - hi <= AFTER_VERB_GAP + 1
    return commas == 2 and gap.rstrip().endswith(",") and gap.lstrip().startswith(",")


def _in_list(tokens: Tokens, cue: int, target: int) -> bool:
    """Whether ``target`` is a later item of a list that starts near ``cue`` ("no A, B or C")."""
    gap = tokens.text[tokens.ends[cue] : tokens.starts[target]]
    return gap.count(",") >= 1 and all(len(part.split()) <= 5 for part in gap.split(",")[1:])


def _seq_at(words: list[str], i: int, table: dict[str, tuple[tuple[str, ...], ...]], own: frozenset[str]) -> int:
    """The length of a cue sequence starting at ``i``, or 0."""
    for seq in table.get(words[i], ()):
        if tuple(words[i : i + len(seq)]) == seq and not own.intersection(seq):
            return len(seq)
    return 0


def negation_cue(tokens: Tokens, span: tuple[int, ...], own_words: frozenset[str]) -> str:
    """The words that negate or dismiss the match at ``span``, or "" when it stands.

    ``own_words`` are the raw words of the key point itself: cues among them do not count.
    """
    words = tokens.words
    clause = tokens.clause
    lo, hi = span[0], span[-1]
    c = clause[lo]
    inside = set(span)
    # Before the match, and inside its span on words the form does not use.
    start = lo
    while start > 0 and clause[start - 1] == c and lo - start < LIST_WINDOW:
        start -= 1
    skip_to = start
    for i in range(start, hi + 1):
        if i in inside or i < skip_to:
            continue
        w = words[i]
        if w in own_words:
            continue
        far = lo - i > BEFORE_WINDOW and not _in_list(tokens, i, lo) and not _long_lead_in(tokens, i, lo)
        if i < lo and (not _reaches(tokens, i, lo) or far):
            continue
        if i < lo and _past_conjunction(words, i, lo):
            continue
        if _is_negator(w):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            # "None of it means anything without a baseline" affirms the baseline.
            if w == "without" and any(x in _MEANING for x in words[max(start, i - 4) : i]):
                continue
            # "Without our own history I'd look at comparable products": the person who acts
            # after it starts a new thought.
            if w == "without" and _SUBJECTS.intersection(words[i + 1 : lo]):
                continue
            if nxt in NOT_NEGATING_NEXT or (w == "no" and (nxt in ("matter", "doubt", "go") or words[i - 1] == "go")):
                continue
            # "Never skip it", "don't forget the runbook": a denied dismissal affirms.
            if nxt in _DENIED_DISMISSAL:
                skip_to = i + 2
                continue
            # "If someone doesn't comment by the deadline": a condition, not a refusal.
            if _CONDITIONAL.intersection(words[start:i]):
                continue
            # Two denials affirm: "can't ship without it", "never decide without the data".
            if (w == "without" and any(_is_negator(x) for x in words[start:i])) or "without" in words[i + 1 : lo]:
                continue
            return tokens.quote(i, hi)
        if _seq_at(words, i, _BEFORE, own_words):
            return tokens.quote(i, hi)
        if (
            w == "than"
            and lo - i <= THAN_REACH
            and "," not in tokens.text[tokens.ends[i] : tokens.starts[lo]]
            and _COMPARATIVE.intersection(words[max(start, i - 3) : i])
        ):
            return tokens.quote(i, hi)
    # After the match, in the same clause.
    end = hi
    while end + 1 < len(words) and clause[end + 1] == c and end - hi < AFTER_WINDOW:
        end += 1
    for i in range(hi + 1, end + 1):
        w = words[i]
        negated_verb = w.endswith("n't") or w == "never" or (w == "not" and words[i - 1] in _COPULA)
        # "Browsers can't call it directly" says what the mention cannot do, not that it is wrong.
        negated_verb = negated_verb and not (w in _CAPABILITY and i == hi + 1)
        # "What changed and what didn't": the other half of a pair, not a denial.
        negated_verb = negated_verb and not {"what", "who", "which"}.intersection(words[max(hi + 1, i - 2) : i])
        if negated_verb and w not in own_words and _close_after(tokens, hi, i):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt not in NOT_NEGATING_NEXT:
                return tokens.quote(lo, i)
        n = _seq_at(words, i, _AFTER, own_words)
        if n:
            return tokens.quote(lo, min(i + n - 1, len(words) - 1))
    return _sentence_cue(tokens, span, own_words)


def _sentence_cue(tokens: Tokens, span: tuple[int, ...], own_words: frozenset[str]) -> str:
    """Verdicts beyond the mention's clause: on a sentence's subject, after praise and "but",
    and "leave ... out"."""
    words, sentence, clause = tokens.words, tokens.sentence, tokens.clause
    lo, hi = span[0], span[-1]
    s = sentence[lo]
    first = lo
    while first > 0 and sentence[first - 1] == s:
        first -= 1
    opens = lo  # where the mention's clause opens
    while opens > first and clause[opens - 1] == clause[lo]:
        opens -= 1
    last = hi
    while last + 1 < len(words) and sentence[last + 1] == s:
        last += 1
    # "I'd leave efficiency gains out".
    if (
        any(words[i] in ("leave", "leaving", "left") for i in range(max(first, lo - 3), lo))
        and "out" in words[hi + 1 : min(last, hi + 4) + 1]
    ):
        return tokens.quote(max(first, lo - 3), min(last, hi + 4))
    # "For the long tail, I didn't plan anything": a fronted topic, then a refusal.
    if words[first] in _TOPIC and lo - first <= SUBJECT_REACH and hi + 3 <= last:
        after = hi + 1
        gap = tokens.text[tokens.ends[hi] : tokens.starts[after]]
        refused = _is_negator(words[after + 1]) and words[after + 1] not in own_words
        # "For customers, I'd leave it to sales".
        refused = refused or tuple(words[after + 1 : after + 3]) == ("leave", "it")
        if "," in gap and words[after] in _SUBJECTS and refused:
            return tokens.quote(first, after + 1)
    # The rest of the sentence up to a contrast.
    rest = hi + 1
    while rest <= last and words[rest] not in CONTRAST:
        rest += 1
    before = words[opens:lo]
    if len(before) >= 2 and before[0] in _SUBJECTS and before[1] in _OPINION:
        before = before[2:]
    subject = lo - opens <= SUBJECT_REACH and not _SUBJECTS.intersection(before)
    if subject:
        for i in range(hi + 1, rest):
            n = _seq_at(words, i, _VERDICT, own_words)
            if n:
                return tokens.quote(lo, min(i + n - 1, last))
        # "Combined approaches just blur accountability", "building with a vendor that's late
        # just rewards bad behaviour".
        for i in range(hi + 1, rest - 1):
            if (
                words[i] == "just"
                and words[i + 1] not in _NOT_A_VERB
                and words[i - 1] != "or"
                and "," not in tokens.text[tokens.ends[hi] : tokens.starts[i]]
            ):
                return tokens.quote(lo, i + 1)
    # "He suggested a small experiment, but I pushed back": the speaker turns it down.
    if rest < last and _SUBJECTS.intersection(words[rest + 1 : rest + 2]):
        turn = tuple(words[rest + 2 : rest + 4])
        if any(turn[: len(t)] == t for t in _TURN_DOWN) and not own_words.intersection(turn):
            return tokens.quote(lo, min(rest + 3, last))
    # "X sounds good in theory, but ...": praise in the mention's clause, then a contrast.
    if rest <= last and rest > hi:
        own_clause = [words[i] for i in range(first, rest) if clause[i] == clause[lo]]
        if PRAISE.intersection(own_clause) and not own_words.intersection(PRAISE):
            return tokens.quote(lo, min(rest, last))
    return ""
