"""Lesson 1 (One neuron) in AppTest: the page runs in both languages, shows the engine's
numbers for the neuron on the sliders, every control acts (Fit, the two starts, new
points, spread, loss, learning rate, steps) and extreme values give a note, never an
exception or a NaN on screen."""

from __future__ import annotations

import pytest

from core import neuron as N
from tests.apptest import boxes, metrics, open_page
from ui import neuron as room


def lesson(query: dict | None = None):
    return open_page("pages/neuron.py", query)


def on_screen(at) -> str:
    parts = [m.value for m in at.markdown] + [boxes(at)] + list(metrics(at).values())
    parts += [m.delta or "" for m in at.metric]
    return "\n".join(parts)


def assert_clean(at) -> None:
    assert not at.exception, at.exception
    text = on_screen(at).lower()
    assert "nan" not in text and "inf" not in text.replace("info", "")


def slider(at, name: str):
    return at.slider(key=f"neuron.w_{name}")


def click(at, key: str):
    at.button(key=f"neuron.{key}").click().run()
    return at


def expected(at) -> N.Reading:
    """What core says about the neuron the sliders show, on the page's own points."""
    X, y = room._points(at.session_state[room.SEED], at.session_state[room.VALUES]["noise"])
    return N.read(X, y, tuple(slider(at, p).value for p in room.PARAMS))


def test_the_page_opens_on_the_first_guess_with_the_engines_numbers():
    at = lesson()
    assert_clean(at)
    assert at.title[0].value == "One neuron"
    m = metrics(at)
    assert m["J, Cross-entropy"] == "1.5625" and m["J, Squared error"] == "0.5063"
    assert m["Accuracy"] == "26.0%"
    table = next(md.value for md in at.markdown if md.value.startswith("| Gradient"))
    assert "| $∂J/∂w_1$ | 1.6367 | 0.3562 |" in table
    assert "ΔJ, 0/1 perceptron" not in m  # the nudge waits for the learner's prediction
    assert "Press **Fit**" in boxes(at)
    predict_nudge(at, "both")
    m = metrics(at)
    assert m["ΔJ, 0/1 perceptron"] == "0" and m["Slope ΔJ/Δw1, sigmoid"] == "0.3560"
    assert "You said both; it is only the sigmoid neuron's." in boxes(at)


def predict_nudge(at, choice: str):
    at.radio(key="predict.neuron.nudge.input").set_value(choice).run()
    at.button(key="predict.neuron.nudge.commit").click().run()
    assert not at.exception, at.exception


def test_which_cost_a_nudge_moves_is_read_from_the_two_changes():
    assert room.which_moves(N.Nudge(0.01, 0.0, 0.003)) == "sigmoid"
    assert room.which_moves(N.Nudge(0.01, 0.02, 0.003)) == "both"
    assert room.which_moves(N.Nudge(0.01, 0.02, 0.0)) == "perceptron"
    assert room.which_moves(N.Nudge(0.01, 0.0, 0.0)) == "neither"


def test_dragging_a_weight_updates_both_costs_and_shows_the_change():
    at = lesson()
    slider(at, "w1").set_value(-1.0).run()
    assert_clean(at)
    reading = expected(at)
    m = {x.label: x for x in at.metric}
    assert m["J, Cross-entropy"].value == room.fmt(reading.cost["bce"])
    assert m["J, Squared error"].value == room.fmt(reading.cost["mse"])
    assert m["J, Cross-entropy"].delta.startswith("-")  # the line now splits the clouds
    assert "z = -1.00\\;x_1 - 0.50" in at.latex[0].value


def test_fit_runs_gradient_descent_and_moves_the_sliders_to_its_end():
    at = click(lesson(), "fit")
    assert_clean(at)
    path = at.session_state[room.PATH]
    assert path.steps == 100 and path.loss == "bce" and path.lr == 0.3
    assert slider(at, "w1").value == pytest.approx(path.theta[-1, 0])
    assert slider(at, "b").value == pytest.approx(path.theta[-1, 2])
    assert metrics(at)["J, Cross-entropy"] == room.fmt(path.cost["bce"][-1]) == "0.0321"
    assert "100 steps on cross-entropy, α = 0.3: $J$ went from 1.5625 to 0.0321" in \
        on_screen(at)


def test_confidently_wrong_cross_entropy_recovers_and_squared_error_stays_stuck():
    at = click(lesson(), "wrong")
    assert [slider(at, p).value for p in room.PARAMS] == [3.0, 3.0, 0.0]
    assert at.session_state[room.PATH] is None
    at.radio(key="neuron.w_loss").set_value("mse").run()
    click(at, "fit")
    assert_clean(at)
    assert float(metrics(at)["J, Squared error"]) > 0.9
    click(at, "wrong")
    at.radio(key="neuron.w_loss").set_value("bce").run()
    click(at, "fit")
    assert float(metrics(at)["J, Cross-entropy"]) < 0.1


def test_back_to_the_first_guess_clears_the_path():
    at = click(click(lesson(), "fit"), "reset")
    assert [slider(at, p).value for p in room.PARAMS] == [1.0, -0.5, 0.5]
    assert at.session_state[room.PATH] is None and metrics(at)["Accuracy"] == "26.0%"


def test_a_learning_rate_of_100_is_clamped_to_the_sliders_with_a_note():
    at = lesson()
    at.select_slider(key="neuron.w_lr").set_value(100.0).run()
    at.select_slider(key="neuron.w_steps").set_value(500).run()
    click(at, "fit")
    assert_clean(at)
    notes = boxes(at)
    assert "beyond this lesson's sliders (-6 to 6), so they show w1 = -6" in notes
    assert "outside this picture" in notes
    assert all(abs(slider(at, p).value) <= room.LIMIT for p in room.PARAMS)
    slider(at, "b").set_value(0.0).run()  # the sliders no longer show the fit's end
    assert "beyond this lesson's sliders" not in boxes(at)


def test_the_smallest_learning_rate_and_fewest_steps_fit_cleanly():
    at = lesson()
    at.select_slider(key="neuron.w_lr").set_value(room.LR_OPTIONS[0]).run()
    at.select_slider(key="neuron.w_steps").set_value(room.STEP_OPTIONS[0]).run()
    click(at, "fit")
    assert_clean(at)
    path = at.session_state[room.PATH]
    assert path.steps == 10 and path.lr == 0.001
    assert path.cost["bce"][-1] < path.cost["bce"][0]


def test_new_points_and_spread_draw_new_clouds_and_drop_the_old_path():
    at = click(lesson(), "fit")
    before = metrics(at)["J, Cross-entropy"]
    click(at, "new_points")
    assert_clean(at)
    assert at.session_state[room.SEED] == 1 and at.session_state[room.PATH] is None
    assert metrics(at)["J, Cross-entropy"] != before
    at.slider(key="neuron.w_noise").set_value(1.0).run()
    assert_clean(at)
    assert metrics(at)["J, Cross-entropy"] == room.fmt(expected(at).cost["bce"])
    at.slider(key="neuron.w_noise").set_value(0.0).run()
    assert_clean(at)


def test_extreme_slider_values_and_no_line():
    at = lesson()
    for name in room.PARAMS:
        slider(at, name).set_value(room.LIMIT).run()
        assert_clean(at)
    for name in room.PARAMS:
        slider(at, name).set_value(-room.LIMIT).run()
        assert_clean(at)
    slider(at, "w1").set_value(0.0).run()
    slider(at, "w2").set_value(0.0).run()
    assert_clean(at)
    assert "no line" in boxes(at)


def test_link_values_out_of_range_are_clamped_with_a_note():
    at = lesson({"w1": "1e6", "w2": "abc", "b": "-3"})
    assert_clean(at)
    assert slider(at, "w1").value == room.LIMIT and slider(at, "b").value == -3.0
    assert slider(at, "w2").value == room.DEFAULTS["w2"]
    notes = boxes(at)
    assert "w1 = 1e+06 is outside -6 to 6; using 6." in notes
    assert "w2 = “abc” is not a number" in notes
    slider(at, "w1").set_value(1.0).run()  # the learner's own value replaces the link's
    assert_clean(at)
    assert "outside -6 to 6" not in boxes(at) and "not a number" not in boxes(at)


def test_what_the_learner_set_survives_a_visit_to_another_page():
    at = lesson()
    slider(at, "w1").set_value(-2.0).run()
    at.switch_page("pages/playground.py").run()
    at.switch_page("pages/neuron.py").run()
    assert_clean(at)
    assert slider(at, "w1").value == -2.0


def test_the_page_in_chinese():
    at = lesson({"lang": "zh"})
    assert_clean(at)
    assert at.title[0].value == "一个神经元"
    m = metrics(at)
    assert m["J，交叉熵"] == "1.5625" and m["准确率"] == "26.0%"
    click(at, "fit")
    assert "在交叉熵上走了 100 步" in on_screen(at)


# --- predict, then see ---------------------------------------------------------------------
def predict_fit(at, choice: str):
    at.radio(key="predict.neuron.fit.input").set_value(choice).run()
    at.button(key="predict.neuron.fit.commit").click().run()
    return at


def test_the_learner_predicts_where_j_goes_before_fit_and_the_page_says_how_it_went():
    at = lesson()
    assert at.button(key="predict.neuron.fit.commit").disabled  # nothing chosen yet
    predict_fit(at, "lower")
    assert any("Your prediction" in m.value and "lower than now" in m.value for m in at.markdown)
    click(at, "fit")
    assert_clean(at)
    path = at.session_state[room.PATH]
    start, end = path.cost[path.loss][0], path.cost[path.loss][-1]
    assert end < start * 0.99  # the default fit goes down
    said = [s.value for s in at.success]
    assert any(f"J went from {room.fmt(start)} to {room.fmt(end)}" in s for s in said), said
    # the neuron moved: a new situation, a new question
    assert at.radio(key="predict.neuron.fit.input").value is None


def test_a_wrong_prediction_is_told_gently_with_the_numbers():
    at = lesson()
    predict_fit(at, "higher")
    click(at, "fit")
    assert not at.success
    assert any("You said higher than now; it is lower than now" in i.value for i in at.info)


def test_predict_again_and_a_changed_setting_both_ask_afresh():
    at = lesson()
    predict_fit(at, "same")
    at.button(key="predict.neuron.fit.again").click().run()
    assert at.radio(key="predict.neuron.fit.input").value is None
    predict_fit(at, "same")
    at.select_slider(key="neuron.w_lr").set_value(100.0).run()  # not what was predicted for
    assert at.radio(key="predict.neuron.fit.input").value is None


def test_direction_says_where_j_went():
    assert room.direction(1.0, 0.5) == "lower"
    assert room.direction(1.0, 1.005) == "same"
    assert room.direction(1.0, 2.0) == "higher"
    assert room.direction(1.0, float("nan")) == "higher"  # a run that blew up
