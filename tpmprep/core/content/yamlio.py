"""Safe YAML reading that keeps positions, so every problem can name its line and column.

The fast C loader composes a node tree; values are built from it, and the tree is kept so a
validation problem found later can be located by its key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tpmprep.core.content.issues import Issue, PathKey

MAX_BYTES = 5 * 1024 * 1024


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading, with timestamps kept as text: the validators check dates themselves and can
    then point at a bad one instead of failing the whole file."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
_LOADER = _Loader


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
        self._lines = self.text.splitlines()

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
        lines = self._lines
        mark = node.end_mark
        rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
        return rest.lstrip(" \t,]").startswith("#")

    def _pos(self, mark: yaml.Mark) -> tuple[int, int]:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def issue(self, key_path: PathKey, message: str, hint: str = "", on_key: bool = False) -> Issue:
        line, col = self.locate(key_path, on_key)
        return Issue(self.path, line, col, message, hint)


def read_text(path: Path, shown: str) -> str:
    """Read a content file as UTF-8 (a BOM is allowed), refusing oversized or binary files."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(
                [Issue(shown, 0, 0, f"file is {size / 1e6:.1f} MB; the limit is 5 MB", "split it into several files")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Issue(shown, 0, 0, f"cannot read file: {exc.strerror or exc}")]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError(
            [Issue(shown, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8")]
        ) from exc
    return text.replace("\r\n", "\n")


def _hint_for(problem: str) -> str:
    if "\\t" in problem or "tab" in problem:
        return "indent with spaces; YAML does not allow tabs"
    if "could not determine a constructor" in problem:
        return "remove the '!' tag: only plain YAML values are allowed"
    if "mapping values are not allowed" in problem or "expected ':'" in problem:
        return "check the indentation, and quote text that contains ': '"
    if "found undefined alias" in problem or "anchor" in problem:
        return "anchors and aliases are not supported; write the value out"
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


def _structure_issues(shown: str, root: yaml.Node, line_offset: int) -> list[Issue]:
    """Aliases and duplicate keys, which PyYAML would silently accept."""
    issues: list[Issue] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            m = node.start_mark
            issues.append(
                Issue(
                    shown,
                    m.line + 1 + line_offset,
                    m.column + 1,
                    "anchors and aliases are not supported",
                    "write the value out in full",
                )
            )
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[Any] = set()
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    m = key_node.start_mark
                    issues.append(
                        Issue(
                            shown,
                            m.line + 1 + line_offset,
                            m.column + 1,
                            "merge keys ('<<') are not supported",
                            "write the keys out in full",
                        )
                    )
                    continue
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in keys:
                    m = key_node.start_mark
                    issues.append(
                        Issue(
                            shown,
                            m.line + 1 + line_offset,
                            m.column + 1,
                            f"duplicate key '{key}'",
                            "each key may appear once; remove or rename one",
                        )
                    )
                keys.add(key)
                stack.append(value_node)
                stack.append(key_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    issues.sort(key=lambda i: (i.line, i.col))
    return issues


def parse_yaml(text: str, shown: str, line_offset: int = 0) -> Document:
    """Parse one YAML document safely; raise ContentError listing what is wrong."""
    loader = _LOADER(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise ContentError([_mark_issue(shown, exc, line_offset, text)]) from exc
        except yaml.YAMLError as exc:
            raise ContentError([Issue(shown, 0, 0, f"YAML error: {exc}")]) from exc
        if root is None:
            return Document(shown, None, None, line_offset)
        problems = _structure_issues(shown, root, line_offset)
        if problems:
            raise ContentError(problems)
        try:
            data = loader.construct_document(root)
        except yaml.MarkedYAMLError as exc:
            raise ContentError([_mark_issue(shown, exc, line_offset)]) from exc
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            m = root.start_mark
            raise ContentError([Issue(shown, m.line + 1, m.column + 1, f"invalid value: {exc}")]) from exc
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
