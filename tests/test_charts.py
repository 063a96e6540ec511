"""Charts: every chart in every language renders with no warning, looks as reviewed, and
the same inputs give the same bytes.

Baselines are half-size greyscale thumbnails of the reviewed 1x PNGs, in
tests/baselines/<id>.<lang>.png. After looking at a chart that changed on purpose, update
them with `UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_charts.py`; a failing
comparison writes the actual image and the difference to tests/artifacts/ to look at.
"""

import io
import os
import warnings
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from charts import chart_ids
from sitegen import render as renderer
from sitegen.datasets import load_all, load_dataset
from sitegen.errors import InputError
from sitegen.site_config import language_codes

BASELINES = Path(__file__).parent / "baselines"
ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURES = Path(__file__).parent / "fixtures"
# A pixel counts as changed when its grey level moves by more than this (of 255)...
PIXEL_TOLERANCE = 48
# ...and an image fails when more than this many pixels changed (anti-aliasing noise).
CHANGED_PIXELS_ALLOWED = 8
CASES = [(c, lang) for c in chart_ids() for lang in language_codes()]


@pytest.fixture(scope="module")
def rendered():
    datasets = load_all()
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for chart_id, lang in CASES:
            out[chart_id, lang] = renderer.render(chart_id, datasets[chart_id], lang)
    return out


def thumbnail(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)


def changed_pixels(a: Image.Image, b: Image.Image) -> int:
    diff = ImageChops.difference(a, b)
    return sum(diff.point(lambda v: 255 if v > PIXEL_TOLERANCE else 0).histogram()[255:])


def test_there_are_at_least_six_charts():
    assert len(chart_ids()) >= 6


@pytest.mark.parametrize("chart_id, lang", CASES)
def test_chart_renders_at_1x_and_2x(rendered, chart_id, lang):
    pngs = rendered[chart_id, lang]
    one, two = (Image.open(io.BytesIO(pngs[s])) for s in (1, 2))
    assert one.width == 720 and two.size == (2 * one.width, 2 * one.height)
    assert pngs[1].startswith(b"\x89PNG")
    assert b"Software" not in pngs[1] and b"tIME" not in pngs[1]  # fixed metadata


@pytest.mark.parametrize("chart_id, lang", CASES)
def test_chart_matches_reviewed_baseline(rendered, chart_id, lang):
    actual = thumbnail(rendered[chart_id, lang][1])
    baseline_path = BASELINES / f"{chart_id}.{lang}.png"
    if os.environ.get("UPDATE_BASELINES"):
        BASELINES.mkdir(exist_ok=True)
        actual.save(baseline_path, optimize=True)
    assert baseline_path.exists(), f"no baseline {baseline_path}: review the chart, then run with UPDATE_BASELINES=1"
    baseline = Image.open(baseline_path).convert("L")
    same_size = baseline.size == actual.size
    changed = changed_pixels(baseline, actual) if same_size else -1
    if not same_size or changed > CHANGED_PIXELS_ALLOWED:
        ARTIFACTS.mkdir(exist_ok=True)
        actual.save(ARTIFACTS / f"{chart_id}.{lang}.actual.png")
        if same_size:
            ImageChops.difference(baseline, actual).save(ARTIFACTS / f"{chart_id}.{lang}.diff.png")
    assert same_size, f"{chart_id} ({lang}): size {actual.size}, baseline {baseline.size}"
    assert changed <= CHANGED_PIXELS_ALLOWED, f"{chart_id} ({lang}): {changed} pixels differ from the baseline"


def test_same_inputs_give_identical_bytes(rendered):
    chart_id, lang = CASES[0]
    again = renderer.render(chart_id, load_dataset(chart_id), lang)
    assert again == rendered[chart_id, lang]


def test_a_changed_label_fails_the_baseline_comparison(rendered, monkeypatch):
    """The comparison is sensitive enough: one changed word of text must fail it."""
    from sitegen import strings

    chart_id, lang = "sales-marketing", "zh"
    original = strings.strings(lang)
    changed = {**original, "charts": {**original["charts"], chart_id: {**original["charts"][chart_id], "subtitle": "销售及营销开支，近五年高点至最新一季的变化"}}}
    monkeypatch.setattr(strings, "strings", lambda code: changed if code == lang else original)
    altered = renderer.render(chart_id, load_dataset(chart_id), lang)
    baseline = Image.open(BASELINES / f"{chart_id}.{lang}.png").convert("L")
    assert changed_pixels(baseline, thumbnail(altered[1])) > CHANGED_PIXELS_ALLOWED


@pytest.fixture
def fixture_charts(monkeypatch):
    monkeypatch.setattr(renderer, "chart_file", lambda chart_id: FIXTURES / "charts" / f"{chart_id}.py")


def test_a_chart_that_raises_names_the_chart_and_the_fix(fixture_charts):
    with pytest.raises(InputError) as caught:
        renderer.render("raises", load_dataset("sales-marketing"), "en")
    message = str(caught.value)
    assert "chart 'raises'" in message and "ZeroDivisionError" in message and "fix the chart module" in message


def test_a_chart_with_no_text_for_a_language_names_the_key(fixture_charts):
    with pytest.raises(InputError) as caught:
        renderer.render("no-text", load_dataset("sales-marketing"), "en")
    message = str(caught.value)
    assert "chart 'no-text'" in message and "content/strings/en.yml" in message and "charts.no-text.subtitle" in message


def test_a_missing_glyph_fails_the_build(fixture_charts):
    with pytest.raises(InputError) as caught:
        renderer.render("tofu", load_dataset("sales-marketing"), "zh")
    assert "missing from font" in str(caught.value)


def test_the_cjk_font_is_located_and_checked():
    from charts import _style

    paths = _style.setup_fonts()
    assert paths["Regular"].name == "NotoSansCJK-Regular.ttc"


def test_a_missing_font_says_what_to_install(monkeypatch):
    from charts import _fonts

    monkeypatch.setattr(_fonts, "FONT_DIRS", ("/nonexistent",))
    with pytest.raises(InputError, match="apt-get install fonts-noto-cjk"):
        _fonts.font_paths()
