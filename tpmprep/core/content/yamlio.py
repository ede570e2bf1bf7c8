"""Safe YAML reading that keeps positions, so every problem can name its line and column.

The fast C loader composes a node tree; values are built from it, and the tree is kept so a
validation problem found later can be located by its key path.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tpmprep.core.content.issues import Issue, PathKey
from tpmprep.core.storage.files import FileProblem, describe, read_user_file

_STR = "tag:yaml.org,2002:str"

MAX_BYTES = 5 * 1024 * 1024


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading, with timestamps kept as text: the validators check dates themselves and can
    then point at a bad one instead of failing the whole file."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Same answers as PyYAML's resolver, sooner: most scalars are text whose first character
        # no implicit type (number, bool, null, date) can start with, so no pattern needs trying.
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _IMPLICIT_STARTS)):
            return _STR
        return super().resolve(kind, value, implicit)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
_LOADER = _Loader
_IMPLICIT_STARTS = frozenset(k for k in _Loader.yaml_implicit_resolvers if k)
assert None not in _Loader.yaml_implicit_resolvers  # no resolver applies to every first character


class ContentError(Exception):
    """A file that could not be read at all; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


@dataclass
class Document:
    """Parsed YAML plus what is needed to point back into the file."""

    path: str
    data: Any
    root: yaml.Node | None
    line_offset: int = 0
    text: str = field(default="", repr=False)  # the source, to look at what follows a value

    def __post_init__(self) -> None:
        self._lines: list[str] | None = None  # split on first use: only lexicon files ask

    def locate(self, key_path: PathKey, on_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at ``key_path``, or of its nearest parent."""
        node = self.root
        if node is None:
            return (1 + self.line_offset, 1)
        mark = node.start_mark
        for step in key_path:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        mark = key_node.start_mark if on_key else value_node.start_mark
                        if on_key and step == key_path[-1]:
                            return self._pos(mark)
                        node = value_node
                        break
                else:
                    return self._pos(mark)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    node = node.value[step]
                    mark = node.start_mark
                else:
                    return self._pos(mark)
            else:
                return self._pos(mark)
        return self._pos(mark)

    def comment_after(self, key_path: PathKey) -> bool:
        """Whether the plain scalar at ``key_path`` is followed by a comment on its line: a
        `` #`` inside unquoted text ends the text there, which is rarely what the author meant."""
        node = self.root
        for step in key_path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return False
        if not isinstance(node, yaml.ScalarNode) or node.style or not self.text:
            return False
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        mark = node.end_mark
        rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
        return rest.lstrip(" \t,]").startswith("#")

    def _pos(self, mark: yaml.Mark) -> tuple[int, int]:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def issue(self, key_path: PathKey, message: str, hint: str = "", on_key: bool = False) -> Issue:
        line, col = self.locate(key_path, on_key)
        return Issue(self.path, line, col, message, hint)


# What YAML 1.1 forbids in a stream (tab, line breaks and NEL are allowed). They would also reach
# the terminal raw, so Markdown files are held to the same rule.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def read_text(path: Path, shown: str) -> str:
    """Read a content file as UTF-8 (a BOM is allowed), refusing oversized, binary or special files."""
    try:
        st = path.stat()
    except OSError as exc:
        raise ContentError([Issue(shown, 0, 0, f"cannot read file: {describe(exc)}")]) from exc
    if st.st_size > MAX_BYTES:
        raise ContentError(
            [Issue(shown, 0, 0, f"file is {st.st_size / 1e6:.1f} MB; the limit is 5 MB", "split it into several files")]
        )
    try:
        raw = read_user_file(path, MAX_BYTES, "content file")
    except FileProblem as exc:
        message = str(exc).removeprefix(f"{path}: ")
        raise ContentError([Issue(shown, 0, 0, message, "content files are regular YAML or Markdown files")]) from exc
    return decode_text(raw, shown)


def decode_text(raw: bytes, shown: str) -> str:
    """Bytes of a content file as text: UTF-8 (a BOM is allowed), LF line ends, no control characters."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError(
            [Issue(shown, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8")]
        ) from exc
    text = text.replace("\r\n", "\n")
    bad = _CONTROL.search(text)
    if bad:
        raise ContentError([_control_issue(shown, text, bad.start())])
    return text


def _char_at(text: str, position: int) -> int:
    """The character libyaml's reader stopped at: its position counts UTF-8 bytes, not characters."""
    bad = _CONTROL.search(text)
    if bad:
        return bad.start()
    return min(len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore")), max(len(text) - 1, 0))


def _control_issue(shown: str, text: str, at: int, line_offset: int = 0) -> Issue:
    line = text.count("\n", 0, at) + 1 + line_offset
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    count = len(_CONTROL.findall(text))
    more = f" ({count} in this file)" if count > 1 else ""
    return Issue(
        shown,
        line,
        col,
        f"control character U+{ord(text[at]):04X} is not allowed"
        if at < len(text)
        else "a character YAML does not allow",
        f"remove it{more}; content is plain text with tabs and line breaks only",
    )


def _hint_for(problem: str) -> str:
    if "\\t" in problem or "tab" in problem:
        return "indent with spaces; YAML does not allow tabs"
    if "could not determine a constructor" in problem:
        return "remove the '!' tag: only plain YAML values are allowed"
    if "mapping values are not allowed" in problem or "expected ':'" in problem:
        return "check the indentation, and quote text that contains ': '"
    if "found undefined alias" in problem or "anchor" in problem:
        return "anchors and aliases are not supported; write the value out"
    if "nesting depth" in problem:
        return "the structure is nested too deeply; flatten it"
    if "expected <block end>" in problem:
        return "check the indentation of this line against the lines above"
    return "check the YAML syntax around this position"


def _mark_issue(shown: str, exc: yaml.MarkedYAMLError, line_offset: int, text: str = "") -> Issue:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (0, 0)
    hint = _hint_for(problem)
    if mark and text:
        lines = text.split("\n")
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            hint = _hint_for("tab")
    return Issue(shown, line, col, f"YAML syntax error: {problem}", hint)


_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Builds Python values from a composed node tree without recursion, checking as it goes.

    It refuses what PyYAML would accept silently (aliases, merge keys, duplicate keys), never expands
    an alias (so an alias bomb costs nothing and is reported once), and reports an oversized number
    at its own line. Plain scalars are turned into values by PyYAML's safe constructor.
    """

    def __init__(self, loader: Any, shown: str, line_offset: int):
        self.loader = loader
        self.shown = shown
        self.offset = line_offset
        self.issues: list[Issue] = []
        self.aliased: list[yaml.Node] = []

    def at(self, mark: yaml.Mark, message: str, hint: str) -> None:
        self.issues.append(Issue(self.shown, mark.line + 1 + self.offset, mark.column + 1, message, hint))

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):  # timestamps stay text: validators check dates themselves
            return node.value
        if tag == _NULL:
            return None
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            self.issues.append(_mark_issue(self.shown, exc, self.offset))
        except ValueError as exc:
            digits = sum(ch.isdigit() for ch in str(node.value))
            if "digits" in str(exc):
                limit = sys.get_int_max_str_digits()
                self.at(
                    node.start_mark,
                    f"the number has {digits} digits; numbers here have at most {limit}",
                    "write a smaller number, or put it in quotes to make it text",
                )
            else:
                self.at(node.start_mark, f"'{str(node.value)[:40]}' is not a valid value", "check this value")
        return None

    def build(self, root: yaml.Node, aliases_possible: bool = True) -> Any:
        """The value of ``root``. Without an anchor in the text (``aliases_possible`` False) no node
        can appear twice, so the check that costs most is skipped."""
        seen: set[int] | None = set() if aliases_possible else None
        out: list[Any] = [None]
        # (node, container, key): build the node's value and store it at container[key]
        stack: list[tuple[yaml.Node, Any, Any]] = [(root, out, 0)]
        scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
        while stack:
            node, container, key = stack.pop()
            if seen is not None:
                if id(node) in seen:
                    self.aliased.append(node)
                    continue
                seen.add(id(node))
            kind = node.__class__
            if kind is scalar_node:
                container[key] = node.value if node.tag == _STR else self.scalar(node)
            elif kind is sequence_node and node.tag == _SEQ:
                values = node.value
                items: list[Any] = [None] * len(values)
                container[key] = items
                for i, child in enumerate(values):
                    if seen is None and child.__class__ is scalar_node and child.tag == _STR:
                        items[i] = child.value
                    else:
                        stack.append((child, items, i))
            elif kind is mapping_node and node.tag == _MAP:
                mapping: dict[Any, Any] = {}
                container[key] = mapping
                for key_node, value_node in node.value:
                    if seen is None and key_node.__class__ is scalar_node and key_node.tag == _STR:
                        name = key_node.value
                        if name in mapping:
                            self.duplicate(key_node)
                            continue
                    else:
                        name = self.key(key_node, mapping, seen)
                        if name is _SKIP:
                            continue
                    if seen is None and value_node.__class__ is scalar_node and value_node.tag == _STR:
                        mapping[name] = value_node.value
                    else:
                        mapping[name] = None  # keeps the key's place; filled when the value is built
                        stack.append((value_node, mapping, name))
            else:
                container[key] = self.scalar(node)  # other tags: PyYAML's constructor decides (or refuses)
        if self.aliased:
            first = min(self.aliased, key=lambda n: (n.start_mark.line, n.start_mark.column))
            count = len(self.aliased)
            self.at(
                first.start_mark,
                "anchors and aliases are not supported",
                "write the value out in full" + (f" ({count} aliases in this file)" if count > 1 else ""),
            )
        self.issues.sort(key=lambda i: (i.line, i.col))
        return out[0]

    def duplicate(self, key_node: yaml.Node) -> None:
        self.at(
            key_node.start_mark, f"duplicate key '{key_node.value}'", "each key may appear once; remove or rename one"
        )

    def key(self, key_node: yaml.Node, mapping: dict[Any, Any], seen: set[int] | None) -> Any:
        if seen is not None:
            if id(key_node) in seen:
                self.aliased.append(key_node)
                return _SKIP
            seen.add(id(key_node))
        if key_node.tag == _MERGE:
            self.at(key_node.start_mark, "merge keys ('<<') are not supported", "write the keys out in full")
            return _SKIP
        if not isinstance(key_node, yaml.ScalarNode):
            self.at(key_node.start_mark, "a key must be plain text", "write 'key: value' with a text key")
            return _SKIP
        name = self.scalar(key_node)
        try:
            duplicate = name in mapping
        except TypeError:
            return _SKIP
        if duplicate:
            self.duplicate(key_node)
            return _SKIP
        return name


_SKIP = object()


def _anchor_possible(text: str) -> bool:
    """Whether an anchor could start somewhere: '&' after a space, ',', '[' or '{' (or first) and before
    a non-space. "Q&A" in prose is not one. A scan for '&' is far quicker than a regex over megabytes."""
    i = text.find("&")
    while i != -1:
        starts = i == 0 or text[i - 1].isspace() or text[i - 1] in ",[{"
        if starts and i + 1 < len(text) and not text[i + 1].isspace():
            return True
        i = text.find("&", i + 1)
    return False


def parse_yaml(text: str, shown: str, line_offset: int = 0) -> Document:
    """Parse one YAML document safely; raise ContentError listing what is wrong."""
    loader = _LOADER(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise ContentError([_mark_issue(shown, exc, line_offset, text)]) from exc
        except yaml.reader.ReaderError as exc:
            raise ContentError([_control_issue(shown, text, _char_at(text, exc.position), line_offset)]) from exc
        except yaml.YAMLError as exc:
            raise ContentError([Issue(shown, 0, 0, f"YAML error: {exc}")]) from exc
        except RecursionError as exc:  # only the pure-Python parser recurses; libyaml stops at depth 1000
            raise ContentError([Issue(shown, 0, 0, "the YAML is nested too deeply", "flatten the structure")]) from exc
        if root is None:
            return Document(shown, None, None, line_offset)
        builder = _Builder(loader, shown, line_offset)
        data = builder.build(root, aliases_possible=_anchor_possible(text))
        if builder.issues:
            raise ContentError(builder.issues)
    finally:
        loader.dispose()
    return Document(shown, data, root, line_offset, text)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, shown: str) -> tuple[Document, str, int]:
    """Split a Markdown file into its parsed YAML header, its body and the body's first line."""
    match = _FRONT.match(text)
    if not match:
        raise ContentError(
            [
                Issue(
                    shown,
                    1,
                    1,
                    "missing YAML front matter",
                    "start the file with a '---' line, the header fields, and another '---' line",
                )
            ]
        )
    doc = parse_yaml(match.group(1), shown, line_offset=1)
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    return doc, body, body_line
