"""Lesson 4 (Loss and gradient descent) in AppTest: the page runs, shows the articles'
numbers, says what each optimizer did, and every control (extreme values included) gives
a page with no exception and no NaN on screen."""

from __future__ import annotations

import pytest

from core import surfaces
from tests.apptest import boxes, metrics, open_page


def lesson(query: dict | None = None, seen: bool = True):
    """The page past the prediction that holds back the gradients; with ``seen``, past the
    one that holds back the paths too."""
    at = open_page("pages/descent.py", query)
    at.button(key="predict.descent.ratio.skip").click().run()
    if seen:
        at.button(key="predict.descent.first.skip").click().run()
    return at


def on_screen(at) -> str:
    parts = [m.value for m in at.markdown] + [boxes(at)] + list(metrics(at).values())
    parts += [str(t.value) for t in at.table]
    return "\n".join(parts)


def assert_clean(at) -> None:
    assert not at.exception
    assert "nan" not in on_screen(at).lower().replace("nano", "")


def test_the_page_opens_on_the_articles_numbers():
    at = lesson()
    assert_clean(at)
    assert at.title[0].value == "Loss and gradient descent"
    m = metrics(at)
    # article 001: the y = 3x fit from w = 2.269, b = 1.01
    assert m["Cost J at the start"] == "13.647"
    assert m["∂J/∂w at the start"] == "-45.052"
    assert m["∂J/∂b at the start"] == "-5.582"
    # article 002: a confidently wrong sigmoid unit (z = -4, y = 1)
    assert m["Prediction a"] == "0.018"
    assert m["Squared error ∂L/∂z"] == "-0.035"
    assert m["Cross-entropy ∂L/∂z"] == "-0.982"
    assert "28.3 times" in on_screen(at)


def test_default_descent_says_what_each_optimizer_did():
    text = boxes(lesson())
    assert "**Gradient descent**: crawls" in text
    assert "**Momentum**: reached the minimum" in text
    assert "**Adam**: crawls" in text


def test_a_learning_rate_of_100_says_diverged_and_keeps_the_page_clean():
    at = lesson()
    at.select_slider(key="descent.lr.line").set_value(100.0).run()
    assert_clean(at)
    assert at.error, "a diverging run must be shown as an error box"
    text = at.error[0].value
    assert "**Gradient descent**: diverged" in text and "**Momentum**: diverged" in text
    assert "**Adam**: oscillates" in text
    assert "cut at its last finite point" in text


@pytest.mark.parametrize("name", surfaces.SURFACES)
@pytest.mark.parametrize("view", ["contour", "3d"])
def test_every_surface_in_both_views_at_extreme_settings(name, view):
    at = lesson()
    at.selectbox(key="descent.surface").set_value(name).run()
    at.radio(key="descent.view").set_value(view).run()
    assert_clean(at)
    lo, hi = surfaces.SURFACES[name].box[0]
    at.slider(key=f"descent.start1.{name}").set_value(hi)
    at.slider(key=f"descent.start2.{name}").set_value(surfaces.SURFACES[name].box[1][0])
    at.select_slider(key=f"descent.lr.{name}").set_value(100.0)
    at.slider(key="descent.steps").set_value(500).run()
    assert_clean(at)
    assert boxes(at)


def test_arrows_and_the_step_table_follow_the_inspected_step():
    at = lesson()
    at.pills(key="descent.arrows").set_value(["gradient", "velocity", "m_hat", "adam_step"])
    at.slider(key="descent.inspect").set_value(1).run()
    assert_clean(at)
    table = at.table[0].value
    first = table.iloc[0].to_dict()
    assert first["From"] == "(2.269, 1.010)" and first["Gradient g"] == "(-45.052, -5.582)"
    # one gradient descent step by hand: theta - 0.01 * g
    assert first["To"] == "(2.720, 1.066)"
    at.slider(key="descent.inspect").set_value(50).run()
    assert_clean(at)
    assert "**Step 50**" in on_screen(at)


def test_the_reset_button_brings_back_the_default_start():
    at = lesson()
    at.slider(key="descent.start1.line").set_value(6.0)
    at.select_slider(key="descent.lr.line").set_value(1.0).run()
    assert metrics(at)["Cost J at the start"] != "13.647"
    at.button(key="descent.reset").click().run()
    assert_clean(at)
    assert metrics(at)["Cost J at the start"] == "13.647"
    assert at.select_slider(key="descent.lr.line").value == 0.01


def test_no_optimizer_chosen_still_draws_the_surface_and_says_why():
    at = lesson()
    at.pills(key="descent.optimizers").set_value([]).run()
    assert_clean(at)
    assert any("Pick at least one optimizer" in i.value for i in at.info)


def test_the_target_and_z_controls_change_the_numbers():
    at = lesson()
    at.radio(key="descent.target").set_value(0)
    at.slider(key="descent.z").set_value(8.0).run()
    assert_clean(at)
    assert metrics(at)["Prediction a"] == "1.000"
    at.slider(key="descent.z").set_value(-8.0).run()
    assert "right side" in on_screen(at)
    at.slider(key="descent.z").set_value(0.0).run()  # a = 1/2: neither right nor wrong
    assert "on the fence" in on_screen(at)
    assert "side of y" not in on_screen(at)  # neither "right side of y" nor "wrong side of y"


def test_a_plateau_says_stalled_not_crawls():
    at = lesson()
    at.selectbox(key="descent.surface").set_value("logistic_mse").run()
    at.select_slider(key="descent.lr.logistic_mse").set_value(100.0).run()
    assert_clean(at)
    text = boxes(at)
    for name in ("Gradient descent", "Momentum", "Adam"):
        assert f"**{name}**: stalled" in text and "crawls" not in text


def test_the_convexity_numbers_are_on_the_page():
    values = [m.value for m in at_metrics(lesson(), "Curves downward on")]
    assert values[0] == "0 %"
    measured = surfaces.bends_down_share(surfaces.SURFACES["logistic_mse"])
    assert values[1] == f"{100 * measured:.0f} %" and measured > 0.5


def at_metrics(at, label: str):
    return [m for m in at.metric if m.label == label]


def test_the_chinese_edition_runs():
    at = lesson({"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "损失函数与梯度下降"
    assert metrics(at)["起点处的代价 J"] == "13.647"


def test_inspecting_a_late_step_then_diverging_keeps_the_page_working():
    at = lesson()
    at.slider(key="descent.inspect").set_value(80).run()
    at.pills(key="descent.optimizers").set_value(["sgd"])
    at.select_slider(key="descent.lr.line").set_value(100.0).run()
    assert_clean(at)
    assert "**Gradient descent**: diverged" in at.error[0].value
    assert at.slider(key="descent.inspect").value <= 2


def test_the_loss_chart_keeps_both_markers_on_it_for_every_z():
    import numpy as np

    from ui import descent
    z = np.arange(descent.Z_RANGE[0], descent.Z_RANGE[1] + 0.05, 0.1)  # the slider's values
    for y in (0, 1):
        for loss, _ in surfaces.sigmoid_output_losses(z, y).values():
            assert np.all((loss >= descent.LOSS_RANGE[0]) & (loss <= descent.LOSS_RANGE[1]))


# --- predict, then see ---------------------------------------------------------------------
def predict_first(at, choice: str):
    at.radio(key="predict.descent.first.input").set_value(choice).run()
    at.button(key="predict.descent.first.commit").click().run()
    assert not at.exception, at.exception


def test_the_paths_wait_for_a_prediction_of_which_reaches_the_minimum_first():
    at = lesson(seen=False)
    assert_clean(at)
    assert "crawls" not in boxes(at)  # no verdicts yet: they would give the answer away
    options = at.radio(key="predict.descent.first.input").options
    assert options == ["Gradient descent", "Momentum", "Adam", "none, within 100 steps"]
    predict_first(at, "momentum")
    text = boxes(at)
    assert "**Momentum**: reached the minimum" in text
    assert "You said Momentum, and so it is. Momentum reached it first, at step 64." in text


def test_a_wrong_guess_names_the_first_and_none_when_none_reaches_it():
    at = lesson(seen=False)
    predict_first(at, "adam")
    assert "You said Adam; it is Momentum." in boxes(at)
    at = lesson(seen=False)
    at.selectbox(key="descent.surface").set_value("logistic_mse").run()
    predict_first(at, "none")
    assert "None of them is at the minimum after 100 steps." in boxes(at)
    assert "and so it is" in boxes(at)


def test_once_seen_the_paths_stay_while_the_learner_explores():
    at = lesson(seen=False)
    predict_first(at, "sgd")
    at.select_slider(key="descent.lr.line").set_value(0.1).run()
    assert "**Momentum**" in boxes(at) and not at.exception
    assert all(r.key != "predict.descent.first.input" for r in at.radio)


def test_which_reaches_first_counts_the_step_it_stays_from():
    path = surfaces.descend(surfaces.SURFACES["line"], "momentum", (0.0, 0.0), 0.01, 100)
    k = surfaces.reached_at(path, surfaces.SURFACES["line"].minimum[1])
    gap = path.loss - surfaces.SURFACES["line"].minimum[1]
    threshold = surfaces.REACHED * gap[0] + 1e-12
    assert k is not None and (gap[k:] <= threshold).all() and gap[k - 1] > threshold
    assert surfaces.first_to_reach({}, 0.0) == ()


def test_the_gradients_wait_for_a_guess_of_how_much_stronger_cross_entropy_pulls():
    at = open_page("pages/descent.py")
    assert "Cross-entropy ∂L/∂z" not in metrics(at) and "28.3 times" not in on_screen(at)
    at.number_input(key="predict.descent.ratio.input").set_value(25.0).run()
    at.button(key="predict.descent.ratio.commit").click().run()
    assert_clean(at)
    assert metrics(at)["Cross-entropy ∂L/∂z"] == "-0.982"
    assert "You said 25; it is **28.3**, off by 3.31 (11.7 %)." in boxes(at)
    at.slider(key="descent.z").set_value(2.0).run()  # once seen, the gradients stay
    assert "Cross-entropy ∂L/∂z" in metrics(at)
