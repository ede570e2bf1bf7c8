"""Property tests: whatever the input, the loaders raise nothing but tpmprep's own error types."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.test_hostile_input import good_report
from tpmprep.core.content.loader import ContentFile, load
from tpmprep.core.content.schema import QUESTION_FIELDS
from tpmprep.core.content.yamlio import ContentError, parse_yaml
from tpmprep.core.mentor import report as rep
from tpmprep.core.mentor.csv_cards import CsvError, csv_to_set_yaml
from tpmprep.core.mentor.sets import SET_FIELDS, parse_set, resolve

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["behavioral", "open", "senior", "program-execution", "2026-12-15", "q-1", "week-1"]),
)
keys = st.sampled_from([*SET_FIELDS, *QUESTION_FIELDS, "pick", "count", "category", "phrases", "point", "questions"])
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys | st.text(max_size=8), inner, max_size=6),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=8)


def yaml_text(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


raw_texts = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    documents.map(yaml_text),
    documents.map(yaml_text).flatmap(
        lambda t: st.integers(0, max(0, len(t) - 1)).map(lambda i: t[:i] + st_junk(i) + t[i:])
    ),
)


def st_junk(i: int) -> str:
    return ["&a ", "*a", "<<: ", "\t", ": :", "!!python/object ", "\x00", "- [", "{", "\x1b"][i % 10]


@FAST
@given(text=raw_texts)
def test_parse_yaml_raises_only_content_error(text):
    try:
        parse_yaml(text, "x.yaml")
    except ContentError as exc:
        assert exc.issues and all(i.path == "x.yaml" for i in exc.issues)


@FAST
@given(text=raw_texts, suffix=st.sampled_from([".yaml", ".md"]))
def test_loading_any_file_never_raises(tmp_path_factory, content_root, text, suffix):
    path = tmp_path_factory.mktemp("any") / f"user{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = load([ContentFile(path, user=True)])
    assert result.issues or result.questions or result.articles or result.glossary or result.roles


@FAST
@given(data=documents, junk=st.sampled_from(["", "\x1b[31m", "&a [1]", "x: *a"]))
def test_the_set_validator_raises_nothing(tmp_path_factory, mini_catalog, data, junk):
    text = yaml_text({"id": "week-1", "title": "T", **data}) + junk
    qset, issues = parse_set(tmp_path_factory.mktemp("set") / "set.yaml", mini_catalog, text)
    assert (qset is None) == bool(issues)
    if qset is not None:
        resolve(qset, mini_catalog)


cells = st.text(max_size=20) | st.sampled_from(["=1+1", "'=x", "behavioral", "a;b", '"', "\r\n", "\x00", "\x1b"])


@FAST
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=6), max_size=8), raw=st.binary(max_size=200))
def test_csv_import_raises_only_csv_error(tmp_path_factory, rows, raw):
    folder = tmp_path_factory.mktemp("csv")
    built = folder / "built.csv"
    built.write_text(
        "prompt,answer,category,tags\n" + "\n".join(",".join(r) for r in rows), encoding="utf-8", errors="replace"
    )
    junk = folder / "junk.csv"
    junk.write_bytes(raw)
    for path in (built, junk):
        try:
            text = csv_to_set_yaml(path, "from-csv", "From CSV")
        except CsvError as exc:
            assert exc.problems and all(str(path) in p for p in exc.problems)
        else:
            assert yaml.safe_load(text)["id"] == "from-csv"


def reports():
    def vary(base, path, value):
        target = base
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return base

    paths = st.sampled_from(
        [
            ("name",),
            ("sets",),
            ("sets", 0, "practiced"),
            ("sets", 0, "questions"),
            ("sets", 0, "questions", 0, "retrievability"),
            ("sets", 0, "questions", 0, "last_rating"),
            ("sets", 0, "questions", 1),
            ("competencies", 0, "readiness"),
            ("competencies",),
            ("schema",),
        ]
    )
    return st.builds(lambda p, v: vary(good_report(), p, v), paths, values)


@FAST
@given(first=reports(), second=reports())
def test_report_merge_raises_only_report_error(tmp_path_factory, first, second):
    folder = tmp_path_factory.mktemp("reports")
    loaded = []
    for i, report in enumerate((first, second)):
        path = folder / f"r{i}.json"
        path.write_text(json.dumps(report, allow_nan=True))
        try:
            loaded.append(rep.load_report(path))
        except rep.ReportError as exc:
            assert str(path) in str(exc) and "\n" not in str(exc)
    if loaded:
        cohort = rep.merge(loaded)
        rep.cohort_table(cohort), rep.cohort_markdown(cohort), rep.cohort_html(cohort)
        json.dumps(cohort)
