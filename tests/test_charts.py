"""Charts: every chart in every language renders with no warning, looks as reviewed, and
the same inputs give the same bytes; every palette colour stands out from the card it is
drawn on, in both colour schemes.

Every chart is drawn at two widths, "wide" (720 px) and "narrow" (360 px, for phones),
in two colour schemes, "light" and "dark" (the site's dark mode).
Baselines are half-size greyscale thumbnails of the reviewed 1x PNGs, in
tests/baselines/<id>.<lang>.png, <id>.<lang>.narrow.png, <id>.<lang>.dark.png and
<id>.<lang>.narrow.dark.png. After looking at a chart that changed on purpose, update
them with `UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_charts.py`; a failing
comparison writes the actual image and the difference to tests/artifacts/ to look at.
"""

import io
import os
import time
import warnings
from pathlib import Path

import matplotlib
import pytest
from conftest import BUILD
from matplotlib.testing.compare import compare_images
from PIL import Image

from sitegen.charts import encode, fonts
from sitegen.charts import render as renderer
from sitegen.charts.manifest import SCHEMES
from sitegen.core import project
from sitegen.core.errors import InputError
from sitegen.core.yamlio import load_yaml
from sitegen.model.datasets import load_all, load_dataset

BASELINES = Path(__file__).parent / "baselines"
ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURES = Path(__file__).parent / "fixtures"
# Largest RMS grey-level difference (of 255) matplotlib.testing.compare accepts between
# a thumbnail and its baseline: anti-aliasing noise passes, one changed word does not
# (test_a_changed_label_fails_the_baseline_comparison).
RMS_TOLERANCE = 0.5
CASES = [(c, lang) for c in BUILD.project.chart_ids() for lang in BUILD.project.language_codes()]
VARIANT_CASES = [(c, lang, v, scheme) for c, lang in CASES for v in BUILD.project.variants for scheme in SCHEMES]
WIDTH_PX = {"wide": 720, "narrow": 384}  # as mkdocs.yml sets chart_widths


@pytest.fixture(scope="module")
def rendered():
    datasets = load_all(BUILD)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for chart_id, lang, variant, scheme in VARIANT_CASES:
            pngs = png_bytes(renderer.render(BUILD, chart_id, datasets[chart_id], lang, variant, scheme))
            out[chart_id, lang, variant, scheme] = pngs
            if (variant, scheme) == ("wide", "light"):
                out[chart_id, lang] = pngs
    return out


def png_bytes(drawn: renderer.Rendered) -> dict[int, bytes]:
    """A drawing's PNG bytes by scale."""
    return {scale: data for (fmt, scale), data in drawn.images.items() if fmt == "png"}


def baseline_name(chart_id: str, lang: str, variant: str, scheme: str = "light") -> str:
    parts = [chart_id, lang] + ([variant] if variant != "wide" else []) + ([scheme] if scheme != "light" else [])
    return ".".join(parts) + ".png"


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
    return (
        f"{name}: RMS {result['rms']:.2f} > {RMS_TOLERANCE} (see {result['diff']})" if "rms" in result else str(result)
    )


@pytest.mark.parametrize("chart_id, lang, variant, scheme", VARIANT_CASES)
def test_chart_renders_at_1x_and_2x(rendered, chart_id, lang, variant, scheme):
    pngs = rendered[chart_id, lang, variant, scheme]
    one, two = (Image.open(io.BytesIO(pngs[s])) for s in (1, 2))
    assert one.width == WIDTH_PX[variant] and two.size == (2 * one.width, 2 * one.height)
    assert pngs[1].startswith(b"\x89PNG")
    assert b"Software" not in pngs[1] and b"tIME" not in pngs[1]  # fixed metadata


@pytest.mark.parametrize("chart_id, lang, variant, scheme", VARIANT_CASES)
def test_the_1x_image_is_the_2x_drawing_scaled_down_not_drawn_again(rendered, chart_id, lang, variant, scheme):
    """Each drawing is rasterised once, at the largest scale (sitegen/charts/render.py):
    a 1x image drawn by matplotlib on its own would differ from it wherever text snaps
    to the 1x pixel grid."""
    pngs = rendered[chart_id, lang, variant, scheme]
    one, two = (Image.open(io.BytesIO(pngs[s])).convert("RGB") for s in (1, 2))
    assert one.tobytes() == encode.scaled_down(two, one.size).tobytes()


@pytest.mark.parametrize("chart_id, lang, variant", [c[:3] for c in VARIANT_CASES if c[3] == "light"])
def test_the_dark_drawing_is_the_same_chart_on_the_dark_card(rendered, chart_id, lang, variant):
    """The same size as the light drawing, with the dark palette's background all round
    its edge: no white frame on a dark page."""
    light, dark = (Image.open(io.BytesIO(rendered[chart_id, lang, variant, s][1])).convert("RGB") for s in SCHEMES)
    assert dark.size == light.size
    background = tuple(int(renderer.palette(BUILD, "dark").background[i : i + 2], 16) for i in (1, 3, 5))
    edge = [dark.getpixel((x, y)) for x in range(0, dark.width, 7) for y in (0, dark.height - 1)]
    edge += [dark.getpixel((x, y)) for y in range(0, dark.height, 7) for x in (0, dark.width - 1)]
    assert set(edge) == {background}


@pytest.mark.parametrize("chart_id, lang, variant, scheme", VARIANT_CASES)
def test_chart_matches_reviewed_baseline(rendered, chart_id, lang, variant, scheme):
    actual = thumbnail(rendered[chart_id, lang, variant, scheme][1])
    name = baseline_name(chart_id, lang, variant, scheme)
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
            texts += [
                tick.label1
                for tick in axis.get_major_ticks()
                if tick.label1.get_visible() and low <= tick.get_loc() <= high
            ]
            texts.append(axis.label)
    return texts


@pytest.mark.parametrize("chart_id, lang, variant", [c[:3] for c in VARIANT_CASES if c[3] == "light"])
def test_no_text_runs_off_the_canvas_or_overlaps_other_text(chart_id, lang, variant):
    """The narrow drawing keeps the wide one's font sizes, so each chart must wrap or
    move its text to fit: every text inside the canvas, no two texts overlapping. (The
    dark drawing only changes colours: test_the_dark_drawing_is_the_same_chart…)"""
    with renderer.drawing(BUILD, lang):
        fig = renderer.draw(BUILD, chart_id, load_dataset(BUILD, chart_id), lang, variant)
        fig.draw_without_rendering()
        texts = [text for text in drawn_texts(fig) if text.get_visible() and text.get_text().strip()]
        boxes = [(text.get_text(), text.get_window_extent()) for text in texts]
    canvas = fig.bbox
    for label, box in boxes:
        assert canvas.x0 <= box.x0 and box.x1 <= canvas.x1 and canvas.y0 <= box.y0 and box.y1 <= canvas.y1, label
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1 :]:
            assert not a.overlaps(b), (first, second)


def test_text_of_several_lines_is_set_with_room_between_the_lines():
    """Every wrapped subtitle, note and label, in every chart, language and width: its
    lines at least 1.3 times the font size apart (matplotlib's own spacing, 1.0 for
    Noto Sans CJK, let Chinese lines all but touch)."""
    pitches = []
    for chart_id, lang, variant in [c[:3] for c in VARIANT_CASES if c[3] == "light"]:
        with renderer.drawing(BUILD, lang):
            fig = renderer.draw(BUILD, chart_id, load_dataset(BUILD, chart_id), lang, variant)
            fig.draw_without_rendering()
            for text in drawn_texts(fig):
                lines = text.get_text().count("\n") + 1
                if lines > 1 and text.get_visible():
                    size_px = text.get_fontsize() * fig.dpi / 72
                    pitches.append((text.get_text(), text.get_window_extent().height / lines / size_px))
    assert pitches, "no chart has a text of several lines to measure"
    assert [(label, round(pitch, 2)) for label, pitch in pitches if pitch < 1.3] == []


def test_same_inputs_give_identical_bytes(rendered):
    chart_id, lang = CASES[0]
    again = renderer.render(BUILD, chart_id, load_dataset(BUILD, chart_id), lang)
    assert png_bytes(again) == rendered[chart_id, lang]
    assert again.images == renderer.render(BUILD, chart_id, load_dataset(BUILD, chart_id), lang).images  # the WebPs too
    dark = renderer.render(BUILD, chart_id, load_dataset(BUILD, chart_id), lang, "narrow", "dark")
    assert png_bytes(dark) == rendered[chart_id, lang, "narrow", "dark"]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_ratio_matches_wcag_examples():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#767676", "#FFFFFF"), 2) == 4.54


# Roles exempt from 3:1: the card itself, and reference marks that carry no data.
QUIET_ROLES = {"background", "light"}
PALETTES = [Path(__file__).parent.parent / "charts", Path(__file__).parent.parent / "sitegen" / "starter" / "charts"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("charts_dir", PALETTES, ids=["report", "tea-ledger"])
def test_palette_colours_stand_out_from_the_card_in_each_scheme(use_report, charts_dir, scheme):
    """WCAG 2.2 1.4.11 and 1.4.3 on the chart's own card: each colour role 3:1 against
    the scheme's background, the text roles (ink, muted) 4.5:1 — for this report and the
    example, light and dark (charts/palette.yml: colours and dark:)."""
    use_report(charts_dir=charts_dir)
    palette = renderer.palette(BUILD, scheme)
    roles = load_yaml((charts_dir / "palette.yml").read_text(encoding="utf-8"))["colours"]
    assert set(roles) <= set(palette.colours)
    weak = {
        role: round(contrast(colour, palette.background), 2)
        for role, colour in palette.colours.items()
        if role not in QUIET_ROLES
        and contrast(colour, palette.background) < (4.5 if role in renderer.REQUIRED_ROLES else 3)
    }
    assert weak == {}
    if scheme == "dark":  # the dark card is dark, and its text light
        assert luminance(palette.background) < 0.05 and luminance(palette.ink) > 0.5


def test_dark_style_takes_its_colours_from_the_dark_palette():
    light, dark = renderer.style(BUILD, "light"), renderer.style(BUILD, "dark")
    palette = renderer.palette(BUILD, "dark")
    assert light["figure.facecolor"] == "white"  # as charts/report.mplstyle says
    for name, role in renderer.SCHEME_STYLE:
        assert dark[name] == palette.colours[role], name


def test_a_palette_without_dark_colours_names_the_missing_roles(use_report, tmp_path):
    (tmp_path / "palette.yml").write_text(
        "colours: {ink: '#222222', muted: '#555555', blue: '#0072B2'}\ndark: {ink: '#DDDDDD'}\n", encoding="utf-8"
    )
    use_report(charts_dir=tmp_path)
    assert renderer.palette(BUILD, "light").blue == "#0072B2"
    with pytest.raises(InputError, match=r"palette.yml: no dark colour for muted, blue; add a `dark:` block"):
        renderer.palette(BUILD, "dark")


def test_a_changed_label_fails_the_baseline_comparison(rendered, monkeypatch):
    """The comparison is sensitive enough: one changed word of text must fail it."""
    from sitegen.model import strings

    chart_id, lang = "sales-marketing", "zh"
    original = strings.strings(BUILD, lang)
    changed = {
        **original,
        "charts": {
            **original["charts"],
            chart_id: {**original["charts"][chart_id], "subtitle": "销售及营销开支，近五年高点至最新一季的变化"},
        },
    }
    monkeypatch.setattr(strings, "strings", lambda build, code: changed if code == lang else original)
    altered = png_bytes(renderer.render(BUILD, chart_id, load_dataset(BUILD, chart_id), lang))
    problem = compare_with_baseline(thumbnail(altered[1]), f"{chart_id}.{lang}.png")
    assert problem is not None and "RMS" in problem, problem


@pytest.fixture
def fixture_charts(monkeypatch):
    monkeypatch.setattr(project.Project, "chart_file", lambda self, chart_id: FIXTURES / "charts" / f"{chart_id}.py")


@pytest.mark.usefixtures("fixture_charts")
def test_a_chart_that_raises_names_the_chart_and_the_fix():
    with pytest.raises(InputError) as caught:
        renderer.render(BUILD, "raises", load_dataset(BUILD, "sales-marketing"), "en")
    message = str(caught.value)
    assert "chart 'raises'" in message and "ZeroDivisionError" in message and "fix the chart module" in message


@pytest.mark.usefixtures("fixture_charts")
def test_a_chart_with_no_text_for_a_language_names_the_key():
    with pytest.raises(InputError) as caught:
        renderer.render(BUILD, "no-text", load_dataset(BUILD, "sales-marketing"), "en")
    message = str(caught.value)
    assert "chart 'no-text'" in message and "content/strings/en.yml" in message and "charts.no-text.subtitle" in message


@pytest.mark.usefixtures("fixture_charts")
def test_a_missing_glyph_fails_the_build():
    with pytest.raises(InputError) as caught:
        renderer.render(BUILD, "tofu", load_dataset(BUILD, "sales-marketing"), "zh")
    assert "missing from font" in str(caught.value)


def test_the_cjk_font_is_located_and_checked():
    paths = fonts.setup_fonts(BUILD.project.font_family, BUILD.project.font_files)
    assert paths["Regular"].name == "NotoSansCJK-Regular.ttc"


def test_a_font_file_of_another_family_is_refused():
    regular = dict(BUILD.project.font_files)["Regular"]
    with pytest.raises(InputError, match="expected Noto Serif CJK SC Regular, found"):
        fonts.setup_fonts("Noto Serif CJK SC", (("Regular", regular),))


def test_a_missing_font_says_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_DIRS", ("/nonexistent",))
    with pytest.raises(InputError, match="apt-get install fonts-noto-cjk"):
        fonts.font_paths(BUILD.project.font_family, BUILD.project.font_files)


def test_the_webp_beside_each_png_holds_the_same_pixels_in_fewer_bytes():
    """Lossless: a reader's browser loads the WebP, and sees exactly the PNG's pixels."""
    import io

    chart_id, lang = CASES[0]
    drawn = renderer.render(BUILD, chart_id, load_dataset(BUILD, chart_id), lang)
    for scale in BUILD.project.chart_scales:
        png, webp = (Image.open(io.BytesIO(drawn.images[fmt, scale])) for fmt in ("png", "webp"))
        assert webp.format == "WEBP" and webp.size == png.size
        assert webp.convert("RGBA").tobytes() == png.convert("RGBA").tobytes()
        assert len(drawn.images["webp", scale]) < 0.8 * len(drawn.images["png", scale])


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_the_png_holds_exactly_the_pixels_drawn(mode):
    """The PNG is built by hand (encode.stored_png) before oxipng compresses it: it must
    decode, before and after oxipng, to the very pixels it was given, transparency too."""
    import oxipng

    pixels = Image.frombytes(mode, (37, 5), bytes(range(256)) * (37 * 5 * len(mode) // 256 + 1))
    stored = encode.stored_png(pixels)
    for png in (stored, oxipng.optimize_from_memory(stored, **encode.PNG_OPTIONS)):
        decoded = Image.open(io.BytesIO(png))
        assert decoded.format == "PNG" and decoded.size == (37, 5)
        assert decoded.convert(mode).tobytes() == pixels.tobytes()


def test_a_text_is_measured_once_a_step_however_many_figures_show_it(monkeypatch):
    """sitegen/charts/textmetrics.py: matplotlib measures a text once per renderer, and
    every figure has its own; within a chart step the same text in the same font is
    measured once (the four drawings of a chart share their labels), another size again.
    Fails should matplotlib rename the hook the cache stands in front of."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
    from matplotlib.figure import Figure

    from sitegen.charts.textmetrics import shared_text_metrics
    from sitegen.core.reads import forget_cached_reads

    label, measured = "Kuaishou, 2024", []  # in matplotlib's default font, which has no Han
    measure = RendererAgg.get_text_width_height_descent

    def counted(self, text, prop, ismath):
        if text == label:
            measured.append(prop.get_size_in_points())
        return measure(self, text, prop, ismath)

    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent", counted)

    def width(size: float) -> float:
        fig = Figure()
        FigureCanvasAgg(fig)
        return fig.text(0, 0, label, fontsize=size).get_window_extent().width

    forget_cached_reads(BUILD)
    with shared_text_metrics(BUILD):
        widths = [width(11), width(11), width(14)]
    assert measured == [11, 14]
    assert widths[0] == widths[1] < widths[2]
    measured.clear()
    width(11)  # outside the block: matplotlib's own cache, a new figure measures again
    assert measured == [11]


def test_every_text_of_two_lines_is_spaced_and_no_tick_is_made_for_it():
    """render.spaced_lines sets LINE_SPACING on each text of more than one line wherever
    the chart put it (the figure, an axes, an axis label, a legend), keeps a spacing the
    chart chose, and walks past the axes' ticks without making them (ticks are made on
    asking, and a hidden axis would never need them)."""
    from matplotlib.figure import Figure

    from sitegen.chartkit import LINE_SPACING

    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], label="one\nlegend")
    texts = [
        fig.suptitle("a\nsubtitle"),
        ax.text(0, 0, "a\nlabel"),
        ax.annotate("an\narrow", (0, 0)),
        ax.set_ylabel("an axis\nlabel"),
        *ax.legend().get_texts(),
    ]
    own = ax.text(1, 1, "its own\nspacing", linespacing=2.0)
    single = ax.text(1, 0, "one line")
    ticks_before = len(ax.xaxis.majorTicks), len(ax.yaxis.majorTicks)
    renderer.spaced_lines(fig)
    assert [text.get_linespacing() for text in texts] == [LINE_SPACING] * len(texts)
    assert own.get_linespacing() == 2.0 and single.get_linespacing() == "normal"
    assert (len(ax.xaxis.majorTicks), len(ax.yaxis.majorTicks)) == ticks_before


def test_a_drawing_that_never_ends_is_stopped_at_its_line(monkeypatch):
    """A chart module stuck in a loop would hold the build, and every page request of
    `mkdocs serve`, for ever: its drawing is stopped after renderer.DRAWING_TIME_LIMIT
    seconds (one here), with the line it was stuck at."""
    monkeypatch.setattr(renderer, "DRAWING_TIME_LIMIT", 1)
    loops = Path(__file__).parent / "fixtures" / "charts" / "loops.py"
    monkeypatch.setattr(project.Project, "chart_file", lambda self, chart_id: loops)
    started = time.monotonic()
    with pytest.raises(InputError) as stopped:
        renderer.render(BUILD, "market-cap", load_dataset(BUILD, "market-cap"), "en")
    assert time.monotonic() - started < 20  # stopped, not finished: the loop never would
    message = str(stopped.value)
    assert "loops.py:5: chart 'market-cap' (en, wide, light): still drawing after 1 s" in message, message
    assert "a loop that never ends" in message
