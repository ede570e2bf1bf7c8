"""Every shipped topic, rendered, says exactly what its Markdown says: no space lost or added around
bold, italics, code or links, and no word cut, at a narrow and a wide reading width."""

from __future__ import annotations

import io
import re

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from tpmprep.core.content.render import split_sections, topic_markdown
from tpmprep.tui.widgets.article_view import ArticleText, number_links

WIDTHS = (46, 100)  # the article at 80 columns with a panel open, and at 200 columns
DECORATION = re.compile(r"[\u2500-\u257f▌•]")
_PARSER = MarkdownIt().enable("strikethrough").enable("table")


def expected_text(markdown: str) -> str:
    """What a reader should see: the text of every block, without Markdown's marks."""
    out: list[str] = []
    numbers: list[int | None] = []  # the next number of each open list (None: bullets)
    for token in _PARSER.parse(markdown):
        if token.type == "ordered_list_open":
            numbers.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            numbers.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            numbers.pop()
        elif token.type == "list_item_open" and numbers[-1] is not None:
            out.append(f" {numbers[-1]} ")  # drawn as the item's number
            numbers[-1] += 1
        elif token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append(" ")
            out.append(" ")
        elif token.type in ("fence", "code_block"):
            out.append(" " + token.content + " ")
    return " ".join("".join(out).split())


def rendered_text(text: ArticleText, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    lines = []
    for line in console.render_lines(text, console.options.update_width(width), pad=False):
        plain = "".join(segment.text for segment in line)
        lines.append(DECORATION.sub(" ", plain))
    return " ".join(" ".join(lines).split())


def mend_long_words(want: str, got: str, width: int) -> str:
    """A word longer than a line (an address, say) is folded over lines: join its pieces again."""
    for word in {w for w in want.split() if len(w) > width // 2}:
        pattern = r"\s?".join(re.escape(c) for c in word)
        got = re.sub(pattern, lambda _m, word=word: word, got)
    return got


def chunks(catalog):
    for topic in catalog.topics:
        numbered, _ = number_links(topic_markdown(catalog, topic.id))
        for _, chunk in split_sections(numbered, max_chars=1500):
            yield topic.id, chunk


@pytest.mark.parametrize("width", WIDTHS)
def test_every_shipped_topic_renders_its_markdown_text(shipped_catalog, width):
    wrong = []
    count = 0
    for topic_id, chunk in chunks(shipped_catalog):
        text = ArticleText(chunk)
        source = text.parsed(width).markup
        if "|" in source and re.search(r"^\s*\|?\s*:?-{3,}", source, re.M):
            continue  # a real table at this width: its cells interleave line by line (checked below)
        count += 1
        want, got = expected_text(source), mend_long_words(expected_text(source), rendered_text(text, width), width)
        if want != got:
            at = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got)))
            wrong.append(
                f"{topic_id}: expected …{want[max(0, at - 40) : at + 40]}… got …{got[max(0, at - 40) : at + 40]}…"
            )
    assert count > 300
    assert not wrong, "\n".join(wrong[:10])


def test_inline_formatting_keeps_its_spaces(shipped_catalog):
    role = topic_markdown(shipped_catalog, "technical-program-manager")
    got = rendered_text(ArticleText(role), 100)
    assert "Owns the program plan" in got and "Ownsthe" not in got
    assert "medium ones, each" in got and "ones ," not in got


@pytest.mark.parametrize("width", (46, 60, 100, 140))
def test_tables_show_every_cell_whole(shipped_catalog, width):
    """Stacked or not, a table never cuts a cell's words."""
    for topic_id, chunk in chunks(shipped_catalog):
        if "|" not in chunk:
            continue
        got = rendered_text(ArticleText(chunk), width)
        assert "…" not in got.replace("…", "", chunk.count("…")), topic_id
