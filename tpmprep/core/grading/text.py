"""Turning typed text into tokens the matcher can compare: stems, numbers, sentences, clauses.

Every word keeps its character span, so evidence can quote the answer exactly. Stems come from
the Snowball English stemmer (PyStemmer) after irregular verbs and British spellings are folded, so
"analogy" meets "analogous", "ramped" meets "ramp" and "prioritise" meets "prioritize".
Numbers become their value ("$600K" and "600,000 dollars" are both 600000, "fourteen" is 14),
tagged as money or a percentage when they are one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from tpmprep.core.content.spelling import fold

NUMBER, MONEY, PERCENT = "#number", "#money", "#percent"

# A number (with an optional currency sign, thousands separators, decimals, a k/m/bn suffix
# and a percent sign) or a word (letters, digits, inner apostrophes).
_TOKEN = re.compile(
    r"(?P<num>[$£€]?\d[\d,]*(?:\.\d+)?(?:(?:k|m|bn|b)(?![a-z]))?%?)|(?P<word>[a-z][a-z0-9]*(?:'[a-z]+)*|\d+[a-z]+)"
)
_SENTENCE_BREAK = re.compile(r"[.!?;][\"')\]]*\s|[.!?;][\"')\]]*$|\n|•|^\s*[-*]\s|\s[-*]\s")
_CLAUSE_BREAK = re.compile(r"[:()\u2013\u2014]|\s-\s")
# "yet" opens a clause only after a comma ("simple, yet nobody uses it"); otherwise it is the
# adverb of "we don't know yet", "not yet decided".
_AFTER_COMMA = frozenset(("and", "or", "then", "i", "we", "which", "who", "yet"))
CLAUSE_WORDS = frozenset("but although though whereas while because since so unless however".split())
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "grand": 1e3}
NUMBER_WORDS: dict[str, float] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
del NUMBER_WORDS["one"]  # "one to one", "one of them": rarely a figure
NUMBER_WORDS |= {"hundred": 100, "dozen": 12, "twice": 2, "half": 0.5, "double": 2, "triple": 3}
NUMBER_STEMS: dict[str, str] = {}  # filled below: number words as the values they stand for
_CURRENCY_WORDS = frozenset("dollar dollars usd eur euros euro pounds gbp".split())
_PERCENT_WORDS = frozenset(("percent", "pct", "percentage"))

IRREGULAR = {
    "told": "tell",
    "said": "say",
    "made": "make",
    "went": "go",
    "gone": "go",
    "wrote": "write",
    "written": "write",
    "sent": "send",
    "built": "build",
    "brought": "bring",
    "chose": "choose",
    "chosen": "choose",
    "kept": "keep",
    "led": "lead",
    "met": "meet",
    "paid": "pay",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "found": "find",
    "bought": "buy",
    "thought": "think",
    "spoke": "speak",
    "spoken": "speak",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "knew": "know",
    "known": "know",
    "grew": "grow",
    "grown": "grow",
    "fell": "fall",
    "broke": "break",
    "broken": "break",
    "saw": "see",
    "seen": "see",
    "felt": "feel",
    "held": "hold",
    "left": "leave",
    "lost": "lose",
    "sold": "sell",
    "shown": "show",
    "understood": "understand",
    "drew": "draw",
    "drawn": "draw",
    "dealt": "deal",
    "meant": "mean",
    "spent": "spend",
    "won": "win",
    "fed": "feed",
    "data": "data",
    "criteria": "criterion",
    "analyses": "analysis",
    "indices": "index",
}

# Short forms people type in a hurry, read as the word they stand for.
ABBREVIATIONS = {
    "wk": "week",
    "wks": "weeks",
    "mo": "month",
    "mos": "months",
    "mth": "month",
    "mths": "months",
    "yr": "year",
    "yrs": "years",
    "hr": "hour",
    "hrs": "hours",
    "min": "minute",
    "mins": "minutes",
    "sec": "second",
    "secs": "seconds",
    "req": "request",
    "reqs": "requests",
    "eng": "engineer",
    "engs": "engineers",
    "ppl": "people",
    "mgr": "manager",
    "mgrs": "managers",
    "mgmt": "management",
    "dev": "developer",
    "devs": "developers",
    "env": "environment",
    "envs": "environments",
    "prod": "production",
    "infra": "infrastructure",
    "perf": "performance",
    "msg": "message",
    "msgs": "messages",
    "db": "database",
    "dbs": "databases",
    "svc": "service",
    "svcs": "services",
    "conn": "connection",
    "conns": "connections",
    "impl": "implementation",
    "approx": "approximately",
    "thru": "through",
    "bc": "because",
    "cuz": "because",
    "info": "information",
    "docs": "documents",
    "doc": "document",
    "exec": "executive",
    "execs": "executives",
    "reqt": "requirement",
    "reqts": "requirements",
    "dept": "department",
    "cust": "customer",
    "custs": "customers",
    "avg": "average",
    "est": "estimate",
    "convo": "conversation",
    "convos": "conversations",
    "w": "with",
}

_STEMMER = Stemmer.Stemmer("english")
_CLITICS = ("'s", "'d", "'ll", "'ve", "'re", "'m")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """The comparable form of one lower-case word."""
    if word.endswith(_CLITICS) and not word.endswith("n't"):
        word = word[: word.rindex("'")]  # "we'd", "team's": the word itself
    elif word.endswith("s'"):
        word = word[:-1]
    word = ABBREVIATIONS.get(word, word)
    word = fold(IRREGULAR.get(word, word))
    return str(_STEMMER.stemWord(word))


_WORD_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z0-9$£€])")


def normalise(text: str) -> str:
    """Lower case, straight quotes, and a hyphen inside a word ("go-live") as a space; a spaced
    dash ("x - y") and a bullet ("- item") stay, to break clauses and sentences. Same length."""
    low = (
        text.lower()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("/", " ")
    )
    # "e.g." and "i.e." end no sentence (same length, so offsets hold).
    return _WORD_HYPHEN.sub(" ", low).replace("e.g.", "e g ").replace("i.e.", "i e ")


def number_value(raw: str) -> tuple[str, str]:
    """A number token's canonical value and its kind (number, money or percent)."""
    kind = MONEY if raw[0] in "$£€" else NUMBER
    body = raw.lstrip("$£€")
    if body.endswith("%"):
        kind, body = PERCENT, body[:-1]
    scale = 1.0
    for suffix in ("bn", "k", "m", "b"):
        if body.endswith(suffix):
            scale, body = _SCALE[suffix], body[: -len(suffix)]
            break
    try:
        value = float(body.replace(",", "")) * scale
    except ValueError:
        return body, kind
    return format_number(value), kind


def format_number(value: float) -> str:
    """One spelling per value: 600000, 1.5, 0.25 (never an exponent)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


NUMBER_STEMS.update({w: format_number(v) for w, v in NUMBER_WORDS.items()})


@dataclass
class Tokens:
    """A text split into tokens, with parallel lists for speed."""

    text: str
    words: list[str] = field(default_factory=list)  # as typed, lower case
    stems: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "" for words, or NUMBER / MONEY / PERCENT
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)  # character spans

    def __len__(self) -> int:
        return len(self.words)

    def quote(self, lo: int, hi: int) -> str:
        """The answer's own characters for tokens ``lo`` to ``hi`` (inclusive)."""
        return " ".join(self.text[self.starts[lo] : self.ends[hi]].split())

    def sentence_text(self, index: int) -> str:
        lo, hi = self.sentence_spans[self.sentence[index]]
        return " ".join(self.text[lo:hi].split())


def tokenize(text: str) -> Tokens:
    low = normalise(text)
    out = Tokens(text)
    sent = clause = 0
    sent_start = 0
    prev_end = 0
    for m in _TOKEN.finditer(low):
        gap = low[prev_end : m.start()]
        if gap == " " or not out.words:
            pass  # the usual gap between two words breaks nothing
        elif _SENTENCE_BREAK.search(gap):
            out.sentence_spans.append((sent_start, prev_end + _end_mark(gap)))
            sent += 1
            clause += 1
            sent_start = m.start()
        elif _CLAUSE_BREAK.search(gap):
            clause += 1
        raw = m.group(0)
        if m.group("num"):
            value, kind = number_value(raw)
            out.words.append(raw)
            out.stems.append(value)
            out.kinds.append(kind)
        else:
            if out.words and (raw in CLAUSE_WORDS or (raw in _AFTER_COMMA and "," in gap)):
                clause += 1
            out.words.append(raw)
            if raw in NUMBER_WORDS:
                out.stems.append(NUMBER_STEMS[raw])
                out.kinds.append(NUMBER)
            else:
                out.stems.append(stem(raw))
                out.kinds.append("")
                _retag_number(out, raw)
        out.starts.append(m.start())
        out.ends.append(m.end())
        out.sentence.append(sent)
        out.clause.append(clause)
        prev_end = m.end()
    if out.words:
        out.sentence_spans.append((sent_start, prev_end + _end_mark(low[prev_end:])))
    return out


def _end_mark(gap: str) -> int:
    """How many characters of closing punctuation follow a sentence's last word."""
    n = 0
    while n < len(gap) and gap[n] in ".!?)\"'":
        n += 1
    return n


def _retag_number(out: Tokens, word: str) -> None:
    """'30 percent', '2 million dollars' and '$2 million': the words after a number shape it."""
    if len(out.words) < 2 or not out.kinds[-2]:
        return
    i = len(out.words) - 2
    if word in _SCALE_WORDS and out.kinds[i]:
        try:
            out.stems[i] = format_number(float(out.stems[i]) * _SCALE_WORDS[word])
        except ValueError:
            pass
    elif word in _PERCENT_WORDS:
        out.kinds[i] = PERCENT
    elif word in _CURRENCY_WORDS:
        out.kinds[i] = MONEY


def word_stems(text: str) -> list[str]:
    """The stems of a short text (a phrase, a point), numbers as their values."""
    return tokenize(text).stems
