"""The chart helpers a report's chart modules use (sitegen.chartkit): a text they cannot
place is an error that names it, never a label cut off at the canvas's edge."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.figure import Figure

from sitegen.chartkit import LabelDoesNotFit, fit_to_canvas


def figure_with(label: str) -> tuple[Figure, list]:
    fig = Figure(figsize=(3, 1), dpi=100)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    return fig, [ax.text(0.5, 0.5, label, transform=ax.transAxes)]


def test_a_label_that_can_wrap_is_wrapped_inside_the_canvas():
    fig, texts = figure_with("a label of several short words that runs past the edge")
    fit_to_canvas(fig, texts)
    fig.draw_without_rendering()
    assert "\n" in texts[0].get_text()
    assert texts[0].get_window_extent().x1 <= fig.bbox.x1


def test_a_word_too_long_for_the_room_is_named_not_cut_off():
    fig, texts = figure_with("Supercalifragilisticexpialidocious-and-then-some")
    with pytest.raises(
        LabelDoesNotFit, match=r"the label 'Supercalifragilistic.*' runs \d+ mm past the chart's right edge"
    ):
        fit_to_canvas(fig, texts)
