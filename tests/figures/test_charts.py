"""The lessons' charts in words (figures/describe.py, ui/charts.py): what a screen reader
says right after each chart, made from the figure's own numbers, in both languages."""

from __future__ import annotations

import re

import numpy as np
import pytest
from apptest import open_page

from figures import activations as act_fig
from figures import descent
from ui import charts
from ui.i18n import texts
from ui.lesson import LESSONS

EN, ZH = texts("common", "en"), texts("common", "zh")


def test_a_line_is_said_with_its_name_its_points_and_what_it_spans():
    x = np.arange(0, 321)
    y = 2.0 * np.exp(-x / 50) + 0.1
    fig = descent.lines([descent.Curve("Squared error", x, y, "#000")],
                        [descent.Marker(0.0, 2.1, "#000", "start")], "Loss by step",
                        "step", "J")
    said = charts.said(fig, EN)
    assert said.startswith("Chart: Loss by step. Squared error: a line through 321 points")
    assert "step from 0 to 320" in said
    assert f"J from {y.min():.3g} to {y.max():.3g}" in said
    # the marker is a labelled point, said with its label
    assert "start" in said


def test_a_changed_number_changes_the_sentence():
    x = np.linspace(-1.0, 1.0, 50)
    one = charts.said(descent.lines([descent.Curve("a", x, x, "#000")], [], "", "x", "y"), EN)
    two = charts.said(descent.lines([descent.Curve("a", x, 3 * x, "#000")], [], "", "x",
                                    "y"), EN)
    assert one != two and "y from \u22123 to 3" in two


def test_bars_are_said_one_by_one_with_their_heights():
    p = np.array([0.09, 0.24, 0.67])
    said = charts.said(act_fig.probabilities_figure(p, ["A", "B", "C"], "Probabilities"), EN)
    assert "A 0.09, B 0.24, C 0.67" in said


def test_a_map_of_values_says_its_lowest_and_highest_value_in_chinese():
    t = np.linspace(-2.0, 2.0, 30)
    L = np.add.outer(t ** 2, t ** 2)
    labels = descent.SurfaceLabels("损失曲面", "w₁", "w₂", "J", "起点", "最低点", "", "▶", "❚❚")
    fig = descent.surface(t, t, L, float(L.min()), [], (1.0, 1.0), (0.0, 0.0), labels)
    said = charts.said(fig, ZH)
    assert said.startswith("图：损失曲面。")
    assert f"从 {L.min():.3g} 到 {L.max():.3g}" in said
    assert "w₁" in said and "w₂" in said


SAID = re.compile(r'<p class="np-said">([^<]+)</p>')


@pytest.mark.parametrize("page", list(LESSONS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_of_every_lesson_is_followed_by_its_sentence(page, lang):
    at = open_page(f"pages/{page}.py", {"lang": lang})
    assert not at.exception
    shown = len(at.get("plotly_chart"))
    sentences = [m for h in at.get("html") for m in SAID.findall(h.proto.body)]
    assert len(sentences) == shown, (shown, sentences)
    start = "Chart" if lang == "en" else "图"
    assert all(s.startswith(start) and len(s) > 20 for s in sentences), sentences


def test_a_line_drawn_as_a_logarithm_is_said_as_its_hover_says_it():
    depths = np.arange(0, 11)
    fig = act_fig.product_figure(depths, {"sigmoid": depths * np.log10(0.25)},
                                 {"sigmoid": "Sigmoid"}, "Product", "layers L", "product")
    said = charts.said(fig, EN)
    low, high = act_fig.power_text(10 * np.log10(0.25)), act_fig.power_text(0.0)
    assert f"product from {low} to {high}" in said, said


def test_plotly_markup_is_not_read_out():
    fig = {"data": [{"type": "scatter", "mode": "markers+text", "x": [0, 1], "y": [0, 1],
                     "text": ["x<sub>1</sub>", "x<sub>2</sub>"]}],
           "layout": {"title": {"text": "The <b>network</b>"}}}
    said = charts.said(fig, EN)
    assert said == "Chart: The network. points 1: points labelled x1, x2.", said


def test_a_chart_with_nothing_drawn_says_its_title_and_nothing_broken():
    fig = {"data": [{"type": "scatter", "x": [], "y": []},
                    {"type": "heatmap", "z": [[np.nan, np.nan]]}],
           "layout": {"title": {"text": "Loss"}}}
    assert charts.said(fig, EN) == "Chart: Loss."
    assert charts.said({"data": [], "layout": {}}, ZH) == "一张空白的图。"
