"""Lesson 5, Inside the network, with Streamlit's AppTest: the page runs on its own network
or the Playground's, every control acts, and the extremes get a message, not a traceback."""

from __future__ import annotations

import pytest

st_testing = pytest.importorskip("streamlit.testing.v1")

PAGE = "pages/inside.py"


def lesson(query: dict | None = None, playground_first: bool = False):
    """The lesson page; with ``playground_first`` the learner opened the Playground before."""
    at = st_testing.AppTest.from_file("../../main.py", default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if playground_first:
        at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def infos(at) -> str:
    return " ".join(i.value for i in at.info)


def step(at):
    at.button(key="inside.step").click().run()
    assert not at.exception
    return at


def test_without_the_playground_the_page_makes_its_own_network_and_says_so():
    at = lesson()
    assert at.title[0].value == "Inside the network"
    assert "The Playground has no network in this session yet" in infos(at)
    assert list(metrics(at)) == ["Epoch", "Train accuracy", "A straight line in the plane",
                                 "A straight line in layer 2"]
    assert metrics(at)["Epoch"] == "0"
    assert "exactly a **straight line**" in infos(at)
    assert any("2-6-2-1" in c.value for c in at.caption)


def test_training_here_separates_the_circles_in_the_last_hidden_layer():
    at = lesson()
    for _ in range(40):
        at.session_state["inside.fresh"].advance(1)
    step(at)
    m = metrics(at)
    assert m["Epoch"] == "41"
    assert float(m["A straight line in layer 2"].rstrip("%")) >= 98
    assert float(m["A straight line in the plane"].rstrip("%")) < 70
    assert not any(md.value.startswith("| Space") for md in at.markdown)  # predict first
    predict_space(at, "0")  # the input plane: wrong, after training
    table = next(md.value for md in at.markdown if md.value.startswith("| Space"))
    assert "| Hidden layer 2 |" in table
    said = " ".join(i.value for i in at.info)
    # (after 41 epochs both hidden layers may reach 100 %: a tie names both)
    assert "You said Input plane (x1, x2); it is Hidden layer" in said


def predict_space(at, choice: str):
    at.radio(key="predict.inside.best_space.input").set_value(choice).run()
    at.button(key="predict.inside.best_space.commit").click().run()
    assert not at.exception, at.exception


def test_the_table_waits_for_a_prediction_and_stays_once_seen():
    at = lesson()
    assert at.radio(key="predict.inside.best_space.input").options == [
        "Input plane (x1, x2)", "Hidden layer 1", "Hidden layer 2"]
    at.button(key="predict.inside.best_space.skip").click().run()
    assert any(md.value.startswith("| Space") for md in at.markdown)
    step(at)  # a new epoch: no question in the way, the table stays
    assert any(md.value.startswith("| Space") for md in at.markdown)
    assert all(r.key != "predict.inside.best_space.input" for r in at.radio)


def test_ties_name_every_best_space():
    from ui.inside.views import best_spaces

    assert best_spaces([0.5, 0.9, 0.9]) == ("1", "2")
    assert best_spaces([0.5, None, 0.7]) == ("2",)


def test_every_control_acts():
    at = lesson()
    at.selectbox(key="inside.w_layer").set_value(1).run()
    assert "A straight line in layer 1" in metrics(at)
    assert "This is not the last hidden layer" in infos(at)
    at.selectbox(key="inside.w_ux").set_value(3).run()
    at.selectbox(key="inside.w_uy").set_value(5).run()
    assert any("units 4 and 6" in md.value for md in at.markdown)
    at.selectbox(key="inside.w_ux").set_value(5).run()  # the vertical axis's unit: they swap
    assert (at.selectbox(key="inside.w_ux").value, at.selectbox(key="inside.w_uy").value) == (5, 3)
    assert any("units 6 and 4" in md.value for md in at.markdown)
    assert "same unit" not in infos(at)
    at.toggle(key="inside.w_3d").set_value(True).run()
    at.selectbox(key="inside.w_uz").set_value(2).run()
    assert not at.exception and len(at.get("plotly_chart")) == 1
    assert any('class="np-said"' in h.proto.body for h in at.get("html"))  # and in words
    at.selectbox(key="inside.w_data").set_value("spiral3").run()
    assert at.session_state["inside.fresh"].data.n_classes == 3
    assert at.selectbox(key="inside.w_layer").value == 3  # the new network's last layer
    at.selectbox(key="inside.w_act").set_value("relu").run()
    assert at.session_state["inside.fresh"].trainer.network.activations[0] == "relu"
    step(step(at))
    assert metrics(at)["Epoch"] == "2"
    next(b for b in at.button if b.label == "Start a fresh network").click().run()
    assert metrics(at)["Epoch"] == "0" and at.session_state["inside.fresh"].init_round == 1
    assert at.button(key="inside.play").label == "Play"  # the live loop: the browser test


def test_the_playground_network_is_the_one_looked_into_and_trained():
    at = lesson(playground_first=True)
    assert at.radio(key="inside.w_source").value == "playground"
    assert any("2-4-4-1" in c.value for c in at.caption)
    step(at)
    assert at.session_state["playground.run"].epoch == 1
    assert "This last hidden layer has 4 units" in infos(at)
    at.radio(key="inside.w_source").set_value("fresh").run()
    assert not at.exception and any("2-6-2-1" in c.value for c in at.caption)


def test_a_playground_network_without_hidden_layers_gets_a_message():
    at = lesson({"hidden": "0"}, playground_first=True)
    assert "has no hidden layer" in infos(at)
    assert metrics(at)["Epoch"] == "0"


def test_a_one_unit_layer_has_one_axis():
    at = lesson({"hidden": "1"}, playground_first=True)
    assert "only **one unit**" in infos(at)
    assert at.selectbox(key="inside.w_uy").disabled
    assert at.toggle(key="inside.w_3d").disabled


def test_a_playground_network_fed_squared_features_is_looked_into():
    at = lesson({"features": "x1,x2,x1^2,x2^2"}, playground_first=True)
    assert at.session_state["playground.run"].trainer.network.sizes[0] == 4
    step(at)
    assert metrics(at)["Epoch"] == "1"


def test_regression_shows_no_accuracy_and_says_why():
    at = lesson({"dataset": "sine"}, playground_first=True)
    assert metrics(at)["Train accuracy"] == "–"
    assert any("regression task" in c.value for c in at.caption)


def test_dead_relu_units_and_a_diverged_run_get_messages():
    at = lesson()
    at.selectbox(key="inside.w_act").set_value("relu").run()
    run = at.session_state["inside.fresh"]
    run.trainer.network.b[0][...] = -100.0  # every unit of layer 1 dead
    run.history.last.diverged = True
    at.selectbox(key="inside.w_layer").set_value(1).run()
    assert not at.exception
    assert "the whole layer is dead" in infos(at)
    assert any("Training diverged" in e.value for e in at.error)


def test_chinese_page_runs():
    at = lesson({"lang": "zh"})
    assert at.title[0].value == "网络内部"
    assert "轮次" in metrics(at)


def test_the_input_plane_stays_as_separable_as_it_was_whatever_the_training():
    """The second prediction: training moves the hidden layers' spaces, never the input's."""
    at = lesson()
    before = metrics(at)["A straight line in the plane"]
    for _ in range(30):
        at.session_state["inside.fresh"].advance(1)
    step(at)
    assert metrics(at)["A straight line in the plane"] == before
    at.radio(key="predict.inside.input_plane.input").set_value("up").run()
    at.button(key="predict.inside.input_plane.commit").click().run()
    assert not at.exception
    said = infos(at)
    assert "You said better; it is the same." in said
    assert f"stays at {before} at every epoch" in said
