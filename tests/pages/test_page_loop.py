"""The training-loop lesson in Streamlit's AppTest: the loop's steps light up one at a time
with the engine's numbers and counters, a changed batch size or rate starts the walk
again, the two predictions hold their pictures back, and the page opens in Chinese."""

from __future__ import annotations

import pytest
from apptest import boxes, metrics, open_page

from core import articles
from core import training_loop as tl
from ui.i18n import texts

PAGE = "pages/loop.py"
T = texts("loop", "en")


def lit(at) -> str:
    """The name of the loop's lit box."""
    for h in at.get("html"):
        body = h.proto.body
        if 'class="np-loop"' in body:
            start = body.index('aria-current="step">')
            return body[start + 20:body.index("</li>", start)]
    raise AssertionError("no loop picture")


def next_step(at, times: int = 1):
    for _ in range(times):
        at.button(key="loop.next").click().run()
    assert not at.exception
    return at


@pytest.fixture
def at():
    at = open_page(PAGE)
    assert not at.exception, at.exception
    return at


def test_the_walk_starts_at_initialisation(at):
    assert at.title[0].value == "The training loop"
    assert lit(at) == T["step_names"]["init"]  # the first step: nothing run yet
    m = metrics(at)
    assert (m["Epoch"], m["Iteration in this epoch"], m["Updates so far"]) == ("0", "0 / 5", "0")
    assert m["w, b"] == "2.2690, 1.0100"
    assert "**Initialise**: w = 2.269, b = 1.01" in "\n".join(x.value for x in at.markdown)


def test_each_press_lights_the_next_step_with_the_engines_numbers(at):
    run = tl.line_loop(1, 0.005, 1)
    first = run[0]
    next_step(at)
    assert lit(at) == T["step_names"]["forward"]
    assert metrics(at)["Iteration in this epoch"] == "1 / 5"
    assert f"{first.y_hat[0]:.4g}" in at.latex[-1].value
    next_step(at)
    assert lit(at) == T["step_names"]["cost"] and f"{first.cost:.4f}" in at.latex[-1].value
    next_step(at)
    assert lit(at) == T["step_names"]["backward"]
    assert f"{first.dw:.4f}" in at.latex[-2].value and f"{first.db:.4f}" in at.latex[-1].value
    next_step(at)
    assert lit(at) == T["step_names"]["update"]
    assert metrics(at)["Updates so far"] == "1"
    assert metrics(at)["w, b"] == f"{first.w_new:.4f}, {first.b_new:.4f}"
    next_step(at)  # round again: the next batch's forward pass
    assert lit(at) == T["step_names"]["forward"]
    assert metrics(at)["Iteration in this epoch"] == "2 / 5"


def test_to_the_end_of_the_epoch_and_a_new_batch_size_starts_again(at):
    at.button(key="loop.epoch").click().run()
    m = metrics(at)
    assert (m["Epoch"], m["Iteration in this epoch"], m["Updates so far"]) == ("1", "5 / 5", "5")
    at.button(key="loop.epoch").click().run()
    assert metrics(at)["Updates so far"] == "10"
    at.selectbox(key="loop.B").set_value(2).run()
    m = metrics(at)
    assert (m["Updates so far"], m["Iteration in this epoch"]) == ("0", "0 / 3")
    at.button(key="loop.epoch").click().run()
    run = tl.line_loop(2, 0.005, 1)
    assert metrics(at)["w, b"] == f"{run[-1].w_new:.4f}, {run[-1].b_new:.4f}"


def test_the_walk_ends_after_its_epochs(at):
    for _ in range(21):
        if at.button(key="loop.epoch").disabled:
            break
        at.button(key="loop.epoch").click().run()
    assert metrics(at)["Epoch"] == "20"
    assert at.button(key="loop.next").disabled and at.button(key="loop.epoch").disabled
    assert T["walk_end"].format(epochs=20) in boxes(at)
    at.button(key="loop.restart").click().run()
    assert metrics(at)["Updates so far"] == "0"


def test_the_batch_prediction_then_the_paths(at):
    charts = len(at.get("plotly_chart"))
    at.radio(key="predict.loop.batch.input").set_value("5").run()
    at.button(key="predict.loop.batch.commit").click().run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts + 2  # the paths and their costs
    said = boxes(at)
    assert "You said 5 (full batch); it is 1 (stochastic)" in said
    table = at.table[0].value
    assert list(table["Updates"]) == [50, 30, 10] or list(table["Updates"]) == ["50", "30",
                                                                                 "10"]


def test_the_symmetry_prediction_then_the_weights(at):
    assert all(r.key != "loop.init" for r in at.radio)  # the start's choice waits too
    at.radio(key="predict.loop.symmetry.input").set_value("1").run()
    at.button(key="predict.loop.symmetry.commit").click().run()
    assert not at.exception
    assert "You said 1, and so it is." in boxes(at)
    assert metrics(at)["Different hidden units at the end"] == "1 / 4"
    at.radio(key="loop.init").set_value("random").run()
    assert metrics(at)["Different hidden units at the end"] == "4 / 4"
    at.radio(key="loop.init").set_value("zeros").run()
    assert T["symmetry_said"]["zeros"].split(",")[0] in "\n".join(m.value for m in at.markdown)


def test_the_scale_slider(at):
    at.select_slider(key="loop.scale").set_value(0.01).run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    small = tl.first_pass(0.01)
    assert f"**{small.spread[-1]:.3g}** in layer 6" in text
    at.select_slider(key="loop.scale").set_value(3.0).run()
    assert "σ = 3" in "\n".join(m.value for m in at.markdown)


def test_the_lesson_in_chinese():
    at = open_page(PAGE, {"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "训练循环"
    assert "已更新次数" in metrics(at)
    assert articles.LINE_START == (2.269, 1.01)

