"""The capacity lesson in Streamlit's AppTest: it opens with the engine's numbers, the
units guess and the restarts guess hold their pictures back and say how close they were,
every control acts, and the page opens in Chinese."""

from __future__ import annotations

import pytest
from apptest import boxes, open_page

from core import capacity
from ui import capacity as room
from ui.i18n import texts

PAGE = "pages/capacity.py"
T = texts("capacity", "en")


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def at():
    at = open_page(PAGE, timeout=120)
    assert not at.exception, at.exception
    return at


def test_the_lesson_opens_with_its_numbers(at):
    assert at.title[0].value == T["title"]
    fit = capacity.curve_fit("wave", 4)
    assert f"With **4** units the fit's cost (mean squared error) is **{fit.cost:.3g}**" \
        in text(at)
    wide, deep = capacity.matched(100)
    assert "2-25-1" in text(at) and "2-6-6-6-1" in text(at)
    table = at.table[0].value
    assert list(table["Total"].astype(int)) == [101, 109]
    # the units sweep and the restarts wait for their guesses: curve, chain, real network
    assert len(at.get("plotly_chart")) == 3


def test_guessing_the_units_shows_the_sweep(at):
    at.radio(key="predict.capacity.units.input").set_value("4").run()
    at.button(key="predict.capacity.units.commit").click().run()
    assert not at.exception
    assert "You said 4; it is 16." in boxes(at)
    assert "The fewest units that get below 0.005: **16**." in text(at)
    at.selectbox(key="capacity.curve").set_value("abs").run()  # once seen, shown for any curve
    assert all(r.key != "predict.capacity.units.input" for r in at.radio)
    assert "The fewest units that get below 0.005: **4**." in text(at)


def test_guessing_the_restarts(at):
    at.number_input(key="predict.capacity.stuck.input").set_value(3.0).run()
    at.button(key="predict.capacity.stuck.commit").click().run()
    assert not at.exception
    stuck = len(capacity.stuck(room.restarts()))
    assert f"it is **{stuck}**" in boxes(at)
    assert f"**{stuck} of 12** starts stop at a cost of **0.347**" in text(at)
    rows = at.table[-1].value
    assert list(rows["Where it ended"]).count(T["stuck_name"]) == stuck


def test_the_controls_act(at):
    at.select_slider(key="capacity.units").set_value(32).run()
    at.toggle(key="capacity.parts").set_value(False).run()
    at.select_slider(key="capacity.budget").set_value(200).run()
    at.number_input(key="capacity.seed").set_value(2).run()
    at.select_slider(key="capacity.w").set_value(2.0).run()
    at.slider(key="capacity.depth").set_value(30).run()
    assert not at.exception
    assert "Through **30** layers with w = 2" in text(at)
    assert "ReLU 1.07e+09" in text(at)  # 2^30
    assert "2-50-1" in text(at) and "2-9-9-9-1" in text(at)


def test_the_lesson_in_chinese():
    at = open_page(PAGE, {"lang": "zh"}, timeout=120)
    assert not at.exception
    assert at.title[0].value == texts("capacity", "zh")["title"]
