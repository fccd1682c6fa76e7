"""The many-classes lesson in Streamlit's AppTest: it opens in both languages with the
numbers of its default view, the two predictions hold their pictures back until answered
and then say how close the learner was, every control acts, and the Playground shows the
confusion matrix for three classes or more."""

from __future__ import annotations

import numpy as np
import pytest
from apptest import boxes, metrics, open_page

from core import multiclass
from ui import multiclass as room
from ui.i18n import texts

PAGE = "pages/multiclass.py"
T = texts("multiclass", "en")


@pytest.fixture(scope="module")
def at():
    at = open_page(PAGE)
    assert not at.exception, at.exception
    return at


def regions(at) -> int:
    return sum(b.count("np-region-image") for b in (h.proto.body for h in at.get("html")))


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_lesson_opens_with_softmax_regression_and_waits_for_a_guess(at):
    assert at.title[0].value == "Many classes"
    assert regions(at) == 1  # before training only: the trained one waits
    assert at.number_input(key="predict.multiclass.accuracy.input").value is None
    run = room.fit(room.Choice("spiral3", (), 0))
    z, y = run["z_test"][0], int(run["y_test"][0])
    m = metrics(at)
    assert m["Its class"] == f"class {y + 1}"
    assert m["ŷ of its class"] == f"{multiclass.probabilities(z)[y]:.4f}"
    assert m["Its loss L"] == f"{multiclass.cross_entropy(z, y):.4f}"
    assert T["confusion_waits"] in boxes(at)  # the matrix would give the accuracy away
    assert len(at.get("plotly_chart")) == 0  # the output layer's chart waits too


def test_guessing_the_accuracy_shows_the_trained_regions_and_how_close_it_was():
    at = open_page(PAGE)
    at.number_input(key="predict.multiclass.accuracy.input").set_value(40.0).run()
    at.button(key="predict.multiclass.accuracy.commit").click().run()
    assert not at.exception
    run = room.fit(room.Choice("spiral3", (), 0))
    truth = round(run["after"]["accuracy"] * 100, 1)
    assert regions(at) == 2
    said = boxes(at)
    assert f"it is **{truth:.3g}**" in said
    shown = [c for c in at.get("plotly_chart")]
    assert len(shown) == 1  # the confusion matrix; the output layer still waits for its guess
    C = multiclass.confusion(run["y_test"], run["z_test"].argmax(1), 3)
    assert f"**{np.trace(C)} of {C.sum()}**" in text(at)


def test_the_gradient_prediction_is_checked_against_the_engine():
    at = open_page(PAGE)
    run = room.fit(room.Choice("spiral3", (), 0))
    k = 4
    at.slider(key="multiclass.point").set_value(k + 1).run()
    z, y = run["z_test"][k], int(run["y_test"][k])
    truth = multiclass.gradient(z, y)[y]
    at.number_input(key="predict.multiclass.gradient.input").set_value(float(truth)).run()
    at.button(key="predict.multiclass.gradient.commit").click().run()
    assert not at.exception
    assert at.success and f"**{truth:.3f}**" in at.success[0].value
    table = at.table[0].value
    assert list(table["y"]) == ["1" if j == y else "0" for j in range(3)]
    assert all(float(d) < 1e-8 for d in table["Difference"])
    assert f"**{truth:+.4f}**" in text(at)
    # another point: once seen, the gradients stay shown (the answer was for that point)
    at.slider(key="multiclass.point").set_value(k + 2).run()
    assert all(n.key != "predict.multiclass.gradient.input" for n in at.number_input)
    z, y = run["z_test"][k + 1], int(run["y_test"][k + 1])
    assert f"**{multiclass.gradient(z, y)[y]:+.4f}**" in text(at)


def test_a_network_on_the_blobs_and_just_show_me():
    at = open_page(PAGE)
    at.selectbox(key="multiclass.dataset").set_value("blobs3").run()
    at.slider(key="multiclass.layers").set_value(1).run()
    at.slider(key="multiclass.units").set_value(4).run()
    at.number_input(key="multiclass.seed").set_value(3).run()
    at.button(key="predict.multiclass.accuracy.skip").click().run()
    assert not at.exception and regions(at) == 2
    accuracy = room.fit(room.Choice("blobs3", (4,), 3))["after"]["accuracy"]
    assert accuracy >= 0.95
    assert T["after_title"].format(epochs=room.FIT["epochs"], acc=room.percent(accuracy)) \
        in text(at)
    assert "2-4-3" in text(at)


def test_units_are_disabled_without_a_hidden_layer(at):
    assert at.slider(key="multiclass.units").disabled


def test_the_lesson_in_chinese():
    at = open_page(PAGE, {"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "多分类"
    zh = texts("multiclass", "zh")
    assert zh["confusion_waits"] in boxes(at)
    assert "它的损失 L" in metrics(at)


@pytest.mark.parametrize("preset, shown", [("softmax3", True), ("seed004", False)])
def test_the_playground_shows_a_confusion_matrix_for_three_classes(preset, shown):
    at = open_page("pages/playground.py", {"preset": preset})
    assert not at.exception
    label = texts("playground", "en")["confusion"]
    assert any(e.label == label for e in at.expander) == shown
    if shown:
        charts = at.get("plotly_chart")
        assert len(charts) == 1
