"""Charts: every chart in every language renders with no warning, looks as reviewed, and
the same inputs give the same bytes.

Every chart is drawn at two widths, "wide" (720 px) and "narrow" (400 px, for phones).
Baselines are half-size greyscale thumbnails of the reviewed 1x PNGs, in
tests/baselines/<id>.<lang>.png and <id>.<lang>.narrow.png. After looking at a chart that changed on purpose, update
them with `UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_charts.py`; a failing
comparison writes the actual image and the difference to tests/artifacts/ to look at.
"""

import io
import os
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

from sitegen import fonts, project
from sitegen import render as renderer
from sitegen.datasets import load_all, load_dataset
from sitegen.errors import InputError
from sitegen.project import current, language_codes

BASELINES = Path(__file__).parent / "baselines"
ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURES = Path(__file__).parent / "fixtures"
# Largest RMS grey-level difference (of 255) matplotlib.testing.compare accepts between
# a thumbnail and its baseline: anti-aliasing noise passes, one changed word does not
# (test_a_changed_label_fails_the_baseline_comparison).
RMS_TOLERANCE = 0.5
CASES = [(c, lang) for c in current().chart_ids() for lang in language_codes()]
VARIANT_CASES = [(c, lang, v) for c, lang in CASES for v in current().variants]
WIDTH_PX = {"wide": 720, "narrow": 400}  # as mkdocs.yml sets chart_widths


@pytest.fixture(scope="module")
def rendered():
    datasets = load_all()
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for chart_id, lang, variant in VARIANT_CASES:
            pngs = renderer.render(chart_id, datasets[chart_id], lang, variant).pngs
            out[chart_id, lang, variant] = pngs
            if variant == "wide":
                out[chart_id, lang] = pngs
    return out


def baseline_name(chart_id: str, lang: str, variant: str) -> str:
    return f"{chart_id}.{lang}.png" if variant == "wide" else f"{chart_id}.{lang}.{variant}.png"


def thumbnail(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)


def compare_with_baseline(actual: Image.Image, name: str) -> str | None:
    """matplotlib's image comparison of a thumbnail against its baseline: None when
    they match, else a message (the difference image is left in tests/artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    actual_path = ARTIFACTS / name.replace(".png", ".actual.png")
    actual.save(actual_path)
    result = compare_images(str(BASELINES / name), str(actual_path), tol=RMS_TOLERANCE, in_decorator=True)
    if result is None:
        actual_path.unlink()
        return None
    return f"{name}: RMS {result['rms']:.2f} > {RMS_TOLERANCE} (see {result['diff']})" if "rms" in result else str(result)


@pytest.mark.parametrize("chart_id, lang, variant", VARIANT_CASES)
def test_chart_renders_at_1x_and_2x(rendered, chart_id, lang, variant):
    pngs = rendered[chart_id, lang, variant]
    one, two = (Image.open(io.BytesIO(pngs[s])) for s in (1, 2))
    assert one.width == WIDTH_PX[variant] and two.size == (2 * one.width, 2 * one.height)
    assert pngs[1].startswith(b"\x89PNG")
    assert b"Software" not in pngs[1] and b"tIME" not in pngs[1]  # fixed metadata


@pytest.mark.parametrize("chart_id, lang, variant", VARIANT_CASES)
def test_chart_matches_reviewed_baseline(rendered, chart_id, lang, variant):
    actual = thumbnail(rendered[chart_id, lang, variant][1])
    name = baseline_name(chart_id, lang, variant)
    if os.environ.get("UPDATE_BASELINES"):
        BASELINES.mkdir(exist_ok=True)
        actual.save(BASELINES / name, optimize=True)
    assert (BASELINES / name).exists(), f"no baseline {name}: review the chart, then run with UPDATE_BASELINES=1"
    problem = compare_with_baseline(actual, name)
    assert problem is None, problem


def drawn_texts(fig) -> list:
    """Every text the figure draws: not the tick labels of hidden axes, nor of ticks
    outside the view, which matplotlib keeps but does not draw."""
    axes_parts = [axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)]
    tick_texts = {id(text) for axis in axes_parts for text in axis.findobj(matplotlib.text.Text)}
    texts = [text for text in fig.findobj(matplotlib.text.Text) if id(text) not in tick_texts]
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not (ax.axison and axis.get_visible()):
                continue
            low, high = sorted(axis.get_view_interval())
            texts += [tick.label1 for tick in axis.get_major_ticks()
                      if tick.label1.get_visible() and low <= tick.get_loc() <= high]
            texts.append(axis.label)
    return texts


@pytest.mark.parametrize("chart_id, lang, variant", VARIANT_CASES)
def test_no_text_runs_off_the_canvas_or_overlaps_other_text(chart_id, lang, variant):
    """The narrow drawing keeps the wide one's font sizes, so each chart must wrap or
    move its text to fit: every text inside the canvas, no two texts overlapping."""
    with renderer.drawing():
        fig = renderer.draw(chart_id, load_dataset(chart_id), lang, variant)
        fig.draw_without_rendering()
        texts = [text for text in drawn_texts(fig) if text.get_visible() and text.get_text().strip()]
        boxes = [(text.get_text(), text.get_window_extent()) for text in texts]
    canvas = fig.bbox
    for label, box in boxes:
        assert canvas.x0 <= box.x0 and box.x1 <= canvas.x1 and canvas.y0 <= box.y0 and box.y1 <= canvas.y1, label
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1:]:
            assert not a.overlaps(b), (first, second)


def test_same_inputs_give_identical_bytes(rendered):
    chart_id, lang = CASES[0]
    again = renderer.render(chart_id, load_dataset(chart_id), lang)
    assert again.pngs == rendered[chart_id, lang]


def test_a_changed_label_fails_the_baseline_comparison(rendered, monkeypatch):
    """The comparison is sensitive enough: one changed word of text must fail it."""
    from sitegen import strings

    chart_id, lang = "sales-marketing", "zh"
    original = strings.strings(lang)
    changed = {**original, "charts": {**original["charts"], chart_id: {**original["charts"][chart_id], "subtitle": "销售及营销开支，近五年高点至最新一季的变化"}}}
    monkeypatch.setattr(strings, "strings", lambda code: changed if code == lang else original)
    altered = renderer.render(chart_id, load_dataset(chart_id), lang).pngs
    problem = compare_with_baseline(thumbnail(altered[1]), f"{chart_id}.{lang}.png")
    assert problem is not None and "RMS" in problem, problem


@pytest.fixture
def fixture_charts(monkeypatch):
    monkeypatch.setattr(project.Project, "chart_file", lambda self, chart_id: FIXTURES / "charts" / f"{chart_id}.py")


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
    paths = fonts.setup_fonts(current().font_family, current().font_files)
    assert paths["Regular"].name == "NotoSansCJK-Regular.ttc"


def test_a_font_file_of_another_family_is_refused():
    regular = dict(current().font_files)["Regular"]
    with pytest.raises(InputError, match="expected Noto Serif CJK SC Regular, found"):
        fonts.setup_fonts("Noto Serif CJK SC", (("Regular", regular),))


def test_a_missing_font_says_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_DIRS", ("/nonexistent",))
    with pytest.raises(InputError, match="apt-get install fonts-noto-cjk"):
        fonts.font_paths(current().font_family, current().font_files)
