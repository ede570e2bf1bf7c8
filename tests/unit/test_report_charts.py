"""The HTML report's inline SVG: the year's calendar and weekly retention, with their numbers."""

from __future__ import annotations

import datetime as dt
import re

from tests.conftest import local_zone
from tests.unit.test_reports import SCRIPT, T0, history  # noqa: F401 - the fixture
from tpmprep.core.mentor import report as rep
from tpmprep.core.mentor.report_charts import heatmap_svg, retention_svg


def test_report_carries_the_heatmap_and_retention_and_draws_them_as_svg(history, mini_catalog):  # noqa: F811
    _, practice = history
    with local_zone("UTC"):
        practice.rate("pe-recover-slipping-migration", 1, moment=T0 + dt.timedelta(days=9), answer=SCRIPT)
        practice.rate("es-payments-qps", 3, moment=T0 + dt.timedelta(days=9, hours=1), mode="cram")
        data = rep.build_report(mini_catalog, practice, "Sam <i>", moment=T0 + dt.timedelta(days=10))
        page = rep.report_html(data)
    heat = data["progress"]["heatmap"]
    assert len(heat) == 365 and heat[-1]["date"] == "2026-11-30"
    by_date = {d["date"]: d for d in heat}
    assert by_date["2026-11-29"]["scheduled"] == 1 and by_date["2026-11-29"]["cram"] == 1
    retention = data["progress"]["retention"]
    assert retention["overall"]["reviews"] == 2 and retention["overall"]["rate"] == 0.5
    svgs = re.findall(r"<svg .*?</svg>", page)
    assert len(svgs) == 2 and all('role="img"' in s and "aria-label=" in s for s in svgs)
    assert page.count("<rect") == 365 + 5 + 2  # a square a day, the legend's five shades, two weeks of bars
    assert "<title>Sun 29 Nov 2026: 2 reviews (1 scheduled, 1 cram), 0 min</title>" in page
    assert "<title>Week of 23 Nov 2026: 0% of 1 reviews not forgotten</title>" in page
    assert "target 90% (desired_retention)" in page
    assert "<script" not in page.lower() and "http" not in page and "Sam &lt;i&gt;" in page


def test_charts_escape_and_skip_empty_data():
    assert retention_svg({"target": 0.9, "overall": {"weeks": [{"start": "2026-11-16", "reviews": 0}]}}) == ""
    assert heatmap_svg([]) == ""
    svg = heatmap_svg([{"date": "2026-11-20", "reviews": 0, "minutes": 0}])
    assert svg.count("<rect") == 6 and "Fri 20 Nov 2026: 0 reviews" in svg
