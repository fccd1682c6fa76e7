"""The small charts drawn in the browser (live_chart.js) are the server's
(figures/svg_chart.to_html), character for character: every kind of chart the Playground
draws, from real runs and from numbers chosen to reach every branch (log axes with zeros
and gaps, a single point, exponent labels, shares, bars, text that needs escaping, both
languages); and a chart sent a few new points at a time is the whole chart."""

from __future__ import annotations

import base64
import re

import numpy as np
import pytest

from devtools import browser as drive
from figures import curves, svg_chart
from figures.curves import Chart, Series
from ui.i18n import texts
from ui.playground.frame import CHARTS
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS

pytestmark = pytest.mark.browser

JS = (drive.ROOT / "ui" / "live" / "live_chart.js").read_text(encoding="utf-8")
DRAW = """parts => {
  const place = {dataset: {npRun: "1"}};
  return parts.map(part => { const c = npChartFrom(place, part); return c && npChartHtml(c); });
}"""


@pytest.fixture(scope="module")
def blank(browser):
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=JS)
    yield page
    page.close()


def svg_of(html: str) -> str:
    return base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode()


def assert_same(server: str, browser: str | None) -> None:
    assert browser is not None
    svg_server, svg_browser = svg_of(server), svg_of(browser)
    if svg_server != svg_browser:  # say where, readably
        a, b = svg_server.split("><"), svg_browser.split("><")
        first = next(i for i, (u, v) in enumerate(zip(a + [""], b + [""])) if u != v)
        pytest.fail(f"SVG differs at element {first}:\nserver  {a[first:first + 2]}\n"
                    f"browser {b[first:first + 2]}")
    assert server == browser


def drawn(page, *parts) -> list[str | None]:
    return page.evaluate(DRAW, list(parts))


def whole(chart: Chart, seq: int = 1) -> dict:
    return {**svg_chart.to_data(chart), "seq": seq, "after": 0}


def random_charts(seed: int) -> list[Chart]:
    """Charts with numbers from every range a run gives, and then some."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(12):
        n = int(rng.choice([0, 1, 2, 7, 60, 999]))
        epochs = np.cumsum(rng.integers(1, 40, n)).astype(float) - float(rng.integers(0, 2))
        scale = 10.0 ** rng.uniform(-7, 5)
        kind = rng.integers(0, 4)
        if kind == 0:  # a loss: positive, maybe with gaps
            train = np.abs(rng.normal(size=n)) * scale
            test = train * rng.uniform(0.5, 2, n)
            test[rng.random(n) < 0.1] = np.nan
            out.append(curves.metric_chart(epochs, train, test, "Loss & 'cost' <J>",
                                           x_title="epoch"))
        elif kind == 1:  # a share, or numbers on both sides of 0
            y = rng.random(n) if rng.random() < 0.5 else rng.normal(size=n) * scale
            out.append(curves.metric_chart(epochs, y, None, "准确率", y_range=(0.0, 1.0)
                                           if y.min(initial=0) >= 0 else None,
                                           percent=bool(rng.random() < 0.5), x_title="轮次"))
        elif kind == 2:  # gradients per layer on a log axis, with exact zeros and infinities
            layers = int(rng.integers(1, 9))
            G = np.abs(rng.normal(size=(n, layers))) * scale ** rng.uniform(0.5, 2, layers)
            G[rng.random(G.shape) < 0.15] = 0.0
            G[rng.random(G.shape) < 0.03] = np.inf
            names = [f"layer {l + 1}" for l in range(layers)]
            out.append(curves.gradient_chart(epochs, G, names, "||dJ/dW||", "Every gradient is 0",
                                             "epoch"))
        else:  # dead units per ReLU layer
            dead = [float(v) if rng.random() < 0.8 else None for v in rng.random(
                int(rng.integers(1, 9)))]
            dead[0] = dead[0] if dead[0] is not None else 0.0
            out.append(curves.dead_units_chart([f"第{l}层" for l in range(len(dead))], dead,
                                               "Dead units"))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_random_charts_are_drawn_as_the_server_draws_them(blank, seed):
    charts = random_charts(seed)
    for chart, html in zip(charts, drawn(blank, *(whole(c, i + 1) for i, c in
                                                  enumerate(charts)))):
        assert_same(svg_chart.to_html(chart), html)


def test_edge_cases(blank):
    e = np.array([0.0, 5.0, 10.0])
    cases = [
        Chart("empty", []),
        Chart("one point", [Series("a", np.array([3.0]), np.array([0.25]), "#555555")]),
        Chart("all NaN", [Series("a", e, np.full(3, np.nan), "#555555")]),
        Chart("flat", [Series("a", e, np.full(3, 0.693), "#555555", dashed=True)]),
        Chart("ties", [Series("a", np.array([0.0, 12.25, 41.75]), np.array([0.125, 1.125, 2.5]),
                              "#555555")]),
        Chart("only zeros on a log axis", [Series("a", e, np.zeros(3), "#555555")], log_y=True,
              zero_floor=True, note="Every gradient is 0"),
        Chart("big epochs", [Series("a", np.array([0.0, 1e6, 2.5e6]), np.array([1e-9, 2e-9,
                                                                             3e-9]), "#555555")]),
        Chart("negative", [Series("a", e, np.array([-3e5, -1.0, 2e-5]), "#555555")]),
    ]
    for chart, html in zip(cases, drawn(blank, *(whole(c) for c in cases))):
        assert_same(svg_chart.to_html(chart), html)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_the_playgrounds_own_charts_from_a_run(blank, language, act):
    T = texts("playground", language)
    run = LiveRun(DEFAULTS.with_(dataset="spiral", samples=200, hidden=(8, 8), act=(act,)))
    run.advance(300)
    charts = [make(run, T) for _, make, _ in CHARTS]
    charts = [c for c in charts if c is not None]
    assert len(charts) >= 3
    for chart, html in zip(charts, drawn(blank, *(whole(c) for c in charts))):
        assert_same(svg_chart.to_html(chart), html)


def grown(chart: Chart, points: int, rng) -> Chart:
    """``chart`` with ``points`` more epochs of every series."""
    out = []
    for s in chart.series:
        x = np.concatenate([s.x, s.x[-1] + np.arange(1, points + 1)])
        y = np.concatenate([s.y, np.abs(rng.normal(size=points))])
        out.append(Series(s.name, x, y, s.color, s.dashed))
    return Chart(chart.title, out, x_title=chart.x_title, log_y=chart.log_y)


def test_a_chart_sent_a_few_points_at_a_time_is_the_whole_chart(blank):
    rng = np.random.default_rng(1)
    e = np.arange(50.0)
    first = Chart("loss", [Series("train", e, np.abs(rng.normal(size=50)), "#555555"),
                           Series("test", e, np.abs(rng.normal(size=50)), "#e00", True)],
                  x_title="epoch", log_y=True)
    second = grown(first, 5, rng)
    second.series[0].y[-6] = 9.0  # the last epoch re-measured
    third = grown(second, 3, rng)
    thinned = Chart("loss", [Series(s.name, s.x[::2], s.y[::2], s.color, s.dashed)
                             for s in third.series], x_title="epoch", log_y=True)
    assert svg_chart.shared(first, second) == 49
    assert svg_chart.shared(second, third) == 55
    assert svg_chart.shared(third, thinned) == 1
    parts, held, seq = [], None, 0
    for chart in (first, second, third, thinned):
        start = svg_chart.shared(held, chart)
        parts.append({**svg_chart.to_data(chart, start), "seq": seq + 1, "after": seq})
        held, seq = chart, seq + 1
    assert parts[1]["start"] == 49 and len(base64.b64decode(parts[1]["series"][0]["y"])) == 6 * 8
    for chart, html in zip((first, second, third, thinned), drawn(blank, *parts)):
        assert_same(svg_chart.to_html(chart), html)


def test_a_frame_built_on_one_the_page_missed_waits_for_the_next_whole_chart(blank):
    e = np.arange(10.0)
    charts = [Chart("loss", [Series("train", e[:n], e[:n] ** 2, "#555555")]) for n in (4, 6, 8)]
    parts = [whole(charts[0]),
             {**svg_chart.to_data(charts[2], 6), "seq": 3, "after": 2},  # frame 2 never came
             whole(charts[2], seq=4)]
    first, missed, healed = drawn(blank, *parts)
    assert_same(svg_chart.to_html(charts[0]), first)
    assert missed is None  # left as it was: its points would be out of order
    assert_same(svg_chart.to_html(charts[2]), healed)
