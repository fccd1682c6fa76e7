"""The Activation functions lesson in Streamlit's AppTest: it runs in both languages, every
control acts, and extreme values give a note or a clamped value, never an exception."""

from __future__ import annotations

import pytest

from ui import activations as act_room

st_testing = pytest.importorskip("streamlit.testing.v1")

PAGE = "pages/activations.py"


def lesson(query: dict | None = None):
    at = st_testing.AppTest.from_file("../../main.py", default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def notes(at) -> str:
    return " ".join(i.value for i in at.info)


@pytest.fixture(scope="module")
def at():
    return lesson()


def test_the_lesson_opens_with_its_numbers(at):
    assert at.title[0].value == "Activation functions"
    m = metrics(at)
    assert m["Sum of the probabilities"] == "1.000000"
    assert m["Largest probability"] == "p₁ = 0.6590"
    layers = next(v for k, v in m.items() if k.startswith("Layer by layer"))
    one = next(v for k, v in m.items() if k.startswith("One matrix"))
    assert layers == one
    assert float(m["Largest difference over all 300 points"]) < 1e-12
    curves = at.table[0].value
    assert list(curves.iloc[:, 0]) == ["Linear", "Sigmoid", "Tanh", "ReLU", "Leaky ReLU", "ELU"]
    sigmoid = curves.iloc[1]
    assert sigmoid["g′(1)"] == "0.1966" and sigmoid["Largest slope"] == "0.25"
    assert sigmoid["Saturation zones in this range"] == "[-6, -4.357] ∪ [4.357, 6]"
    assert list(curves["Can die"]) == ["no", "no", "no", "yes", "no", "no"]
    softmax = at.table[1].value
    assert list(softmax["p"]) == ["0.6590", "0.2424", "0.0986"]
    product = at.table[2].value.set_index("Activation")["Product through 10 layers"]
    assert product["Sigmoid"] == "5.14e-07" and product["ReLU"] == "1"
    # the measured chart and the two fits wait for the learner's predictions
    assert len(at.get("plotly_chart")) == 9
    assert at.radio(key="predict.activations.survives.input").value is None


def test_temperature_zero_and_a_million(at):
    at.select_slider(key="activations.T").set_value(0.0).run()
    assert not at.exception
    assert metrics(at)["Largest probability"] == "p₁ = 1.0000"
    assert "all the probability goes to the largest z" in notes(at)
    at.select_slider(key="activations.T").set_value(1e6).run()
    assert metrics(at)["Sum of the probabilities"] == "1.000000"
    assert "almost 1/K = 0.3333" in notes(at)
    at.select_slider(key="activations.T").set_value(1.0).run()


def test_huge_softmax_inputs_and_more_classes(at):
    at.number_input(key="activations.k").set_value(6).run()
    at.number_input(key="activations.z0").set_value(1e6).run()
    assert not at.exception
    assert metrics(at)["Sum of the probabilities"] == "1.000000"
    assert metrics(at)["Largest probability"] == "p₁ = 1.0000"
    assert len(at.table[1].value) == 6
    at.number_input(key="activations.z1").set_value(1e300).run()
    assert "beyond ±1e+09" in notes(at)
    assert metrics(at)["Largest probability"] == "p₂ = 1.0000"
    at.number_input(key="activations.z1").set_value(1.0).run()
    at.number_input(key="activations.z0").set_value(2.0).run()
    at.number_input(key="activations.k").set_value(3).run()


def test_extreme_ranges_and_probe(at):
    at.number_input(key="activations.z_lo").set_value(-1e12).run()
    assert not at.exception and "beyond ±1e+06" in notes(at)
    assert at.table[0].value.iloc[2]["Saturation zones in this range"] == \
        "[-1e+06, -2.178] ∪ [2.178, 6]"
    at.number_input(key="activations.z_lo").set_value(8.0).run()
    assert "backwards" in notes(at)
    at.number_input(key="activations.z_lo").set_value(6.0).run()
    assert "Both ends were equal; showing z from 5 to 7" in notes(at)
    at.number_input(key="activations.probe").set_value(-1e9).run()
    assert not at.exception
    assert at.table[0].value.iloc[1]["g(-1e+06)"] == "0"
    at.toggle(key="activations.shade").set_value(False).run()
    assert not at.exception
    at.number_input(key="activations.z_lo").set_value(-6.0).run()
    at.number_input(key="activations.z_hi").set_value(1e7).run()
    assert not at.exception and "beyond ±1e+06" in notes(at)
    assert at.table[0].value.iloc[1]["Saturation zones in this range"] == \
        "[-6, -4.357] ∪ [4.357, 1e+06]"
    at.number_input(key="activations.z_hi").set_value(6.0).run()
    at.number_input(key="activations.probe").set_value(1.0).run()
    at.toggle(key="activations.shade").set_value(True).run()


def test_linear_collapse_controls(at):
    at.slider(key="activations.layers").set_value(0).run()
    assert not at.exception
    assert "single layer already" in notes(at)
    assert "nowhere for tanh to act" in notes(at)
    at.slider(key="activations.layers").set_value(4).run()
    at.slider(key="activations.units").set_value(5).run()
    at.number_input(key="activations.seed").set_value(7).run()
    assert not at.exception
    m = metrics(at)
    assert "z[5]" in " ".join(m)
    assert float(m["Largest difference over all 300 points"]) < 1e-12
    at.slider(key="activations.layers").set_value(2).run()
    at.slider(key="activations.units").set_value(3).run()
    at.number_input(key="activations.seed").set_value(0).run()


def test_depth_zero_and_beyond_the_engine(at):
    at.slider(key="activations.depth").set_value(0).run()
    assert not at.exception and "the product is 1" in notes(at)
    product = at.table[2].value.set_index("Activation")["Product through 0 layers"]
    assert list(product) == ["1", "1", "1"]
    at.slider(key="activations.depth").set_value(60).run()
    assert "at most 16 hidden layers" in notes(at)
    at.slider(key="activations.path_z").set_value(-1.0).run()
    assert not at.exception
    product = at.table[2].value.set_index("Activation")["Product through 60 layers"]
    assert product["ReLU"] == "0"
    at.slider(key="activations.depth").set_value(10).run()
    at.slider(key="activations.path_z").set_value(0.5).run()


def test_the_lesson_in_chinese():
    at = lesson({"lang": "zh"})
    assert at.title[0].value == "激活函数"
    assert metrics(at)["概率之和"] == "1.000000"
    assert list(at.table[0].value.iloc[:, 0])[0] == "线性"


# --- predict, then see ---------------------------------------------------------------------
def measured_shown(at) -> bool:
    return any(c.key == "activations.measured" for c in at.get("plotly_chart"))


def predict_survives(at, choice: str):
    at.radio(key="predict.activations.survives.input").set_value(choice).run()
    at.button(key="predict.activations.survives.commit").click().run()
    assert not at.exception, at.exception


def test_the_learner_predicts_which_gradient_survives_then_sees_the_measurement():
    at = lesson()
    assert not measured_shown(at) and at.button(key="predict.activations.survives.commit").disabled
    predict_survives(at, "relu")
    assert measured_shown(at)
    ratios = at.table[3].value.set_index("Activation")["Layer 1 / output layer"].astype(float)
    best = ratios.idxmax()
    said = " ".join(b.value for b in [*at.success, *at.info])
    assert f"{best} keeps the most" in said
    assert ("and so it is" in said) == (best == "ReLU")


def test_a_wrong_guess_is_told_and_just_show_me_skips_the_question():
    at = lesson()
    predict_survives(at, "sigmoid")
    said = " ".join(b.value for b in at.info)
    assert "You said Sigmoid; it is" in said  # sigmoid loses the most over 10 layers
    fresh = lesson()
    fresh.button(key="predict.activations.survives.skip").click().run()
    assert measured_shown(fresh)
    assert all(r.key != "predict.activations.survives.input" for r in fresh.radio)


def test_once_seen_the_measurement_stays_while_the_depth_changes_and_predict_again_hides_it():
    at = lesson()
    predict_survives(at, "tanh")
    at.slider(key="activations.depth").set_value(4).run()
    assert measured_shown(at)  # the learner explores on: no question in the way
    assert all(r.key != "predict.activations.survives.input" for r in at.radio)
    at.slider(key="activations.depth").set_value(10).run()
    at.button(key="predict.activations.survives.again").click().run()
    assert not measured_shown(at)
    assert at.radio(key="predict.activations.survives.input").value is None


def test_the_answer_is_the_largest_share_and_ties_are_all_named():
    from ui.activations import survives_best

    assert survives_best({"a": [1.0, 2.0], "b": [3.0, 2.0], "c": [0.5, 0.0]}) == ("b",)
    assert survives_best({"a": [2.0, 2.0], "b": [1.0, 1.0]}) == ("a", "b")


def test_the_learner_predicts_the_linear_networks_accuracy_then_sees_both_fits():
    at = lesson()
    assert at.number_input(key="predict.activations.linear.input").value is None
    at.number_input(key="predict.activations.linear.input").set_value(95.0).run()
    at.button(key="predict.activations.linear.commit").click().run()
    assert not at.exception
    linear = act_room.fit_pair((3, 3), 0)["linear"]["accuracy"]
    tanh = act_room.fit_pair((3, 3), 0)["tanh"]["accuracy"]
    assert linear < 0.75 < 0.9 < tanh  # a straight line cannot separate the circles
    assert f"it is **{round(linear * 100, 1):.3g}**" in " ".join(i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 11
    said = " ".join(m.value for m in at.markdown)
    assert f"**{linear:.0%}** with linear hidden layers" in said and f"**{tanh:.0%}**" in said
