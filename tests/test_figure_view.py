"""A chart's figure is a view-model made once in the model layer (sitegen/model/figure.py):
its texts filled, its values written out, its sources named, its quote found. The pages
(sitegen/pages/figures.py) only render it, with the chart step's drawings."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import BUILD, REPORT
from lxml import html

from sitegen.charts.manifest import SCHEMES, Drawing
from sitegen.model import checks
from sitegen.model.figure import Figure, data_entries, figure, page_text
from sitegen.pages.figures import render_data_page, render_figure

CODES = [lang.code for lang in REPORT.languages]


@pytest.fixture(scope="module")
def model() -> checks.Model:
    return checks.validate(BUILD)


def drawings(chart_id: str) -> dict[tuple[str, str, str, str], Drawing]:
    """A manifest for one chart, as the chart step would record it (no drawing made)."""
    return {
        (lang, chart_id, variant, scheme): Drawing(720, 400, {1: f"charts/{chart_id}.png"})
        for lang in CODES
        for variant in BUILD.project.variants
        for scheme in SCHEMES
    }


def test_a_figure_is_made_once_per_chart_and_language(model):
    chart_id = REPORT.chart_ids()[0]
    assert figure(BUILD, model, chart_id, "en") is figure(BUILD, model, chart_id, "en")
    assert figure(BUILD, model, chart_id, "en") is not figure(BUILD, model, chart_id, "zh")
    # Each model its own.
    assert figure(BUILD, checks.validate(BUILD), chart_id, "en") is not figure(BUILD, model, chart_id, "en")
    assert data_entries(BUILD, model, "en") is data_entries(BUILD, model, "en")


@pytest.mark.parametrize("lang", CODES)
def test_a_figure_holds_what_its_page_shows_written_out(model, lang):
    for chart_id in REPORT.chart_ids():
        view = figure(BUILD, model, chart_id, lang)
        assert isinstance(view, Figure) and view.id == chart_id and view.lang == lang
        for text in (view.title, view.alt, view.caption):
            assert text and not re.search(r"\{[\w-]+(/[\w-]+)?\.\w+", text), (chart_id, text)  # placeholders filled
        assert view.sources and all(view.sources)
        assert view.quote_url is None or re.fullmatch(r"(index|\d\d)\.html#p\d\d-\d+", view.quote_url)
        assert view.table.rows and all(len(row) == len(view.table.headers) for row in view.table.rows)
        assert view.csv_url.endswith(f"data/{chart_id}.csv")
        assert page_text(BUILD, model, lang, f"charts.{chart_id}.alt") == view.alt


def test_the_page_renders_the_view_and_asks_nothing_else(model):
    """What a figure shows comes from its view: a view changed in the model is what the
    page shows, escaped."""
    chart_id = REPORT.chart_ids()[0]
    planted = dataclasses.replace(
        figure(BUILD, model, chart_id, "en"),
        title="<planted title>",
        alt="planted alt",
        caption="planted caption",
        sources=("planted source",),
        quote_url="planted.html#p01-1",
        csv_url="data/planted.csv",
    )
    changed = dataclasses.replace(model, views={**model.views, ("figure", chart_id, "en"): planted})
    page = html.fragment_fromstring(render_figure(BUILD, changed, drawings(chart_id), chart_id, "en", folders=1))
    assert page.get("data-lightbox-title") == "<planted title>"
    assert {img.get("alt") for img in page.iter("img")} == {"planted alt"}
    assert page.find_class("report-figure-caption")[0].text_content() == "planted caption"
    source = page.find_class("report-figure-source")[0]
    assert "planted source" in source.text_content() and source.xpath(".//a/@href") == ["planted.html#p01-1"]
    assert page.xpath("//a[@download]/@href") == ["../data/planted.csv"]  # from the page, one folder down


@pytest.mark.parametrize("lang", CODES)
def test_the_data_page_shows_every_dataset_in_reading_order(model, lang):
    entries = data_entries(BUILD, model, lang)
    assert sorted(entry.id for entry in entries) == sorted(model.datasets)
    body = render_data_page(BUILD, model, lang)
    places = [body.index(f"{{ #data-{entry.id} }}") for entry in entries]
    assert places == sorted(places)
    for entry in entries:
        assert len(entry.quotes) == len(entry.table.rows) and all(entry.quotes)
        assert all(quote.url for quotes in entry.quotes for quote in quotes if quote.text)
