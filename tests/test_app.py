"""Fast checks of the app with Streamlit's AppTest (no browser): the page runs, reads
the URL, and its buttons act on the run. The browser tests cover playing live."""

from __future__ import annotations

import pytest

st_testing = pytest.importorskip("streamlit.testing.v1")


def app(query: dict | None = None):
    at = st_testing.AppTest.from_file("../app.py", default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_home_page_runs_and_shows_the_metrics():
    at = app()
    assert not at.exception
    assert list(metric_values(at)) == ["Epoch", "Train loss", "Test loss", "Train accuracy",
                                       "Test accuracy"]
    assert metric_values(at)["Epoch"] == "0"


def test_regression_data_shows_no_accuracy():
    at = app({"dataset": "sine"})
    assert not at.exception
    assert list(metric_values(at)) == ["Epoch", "Train loss", "Test loss"]


def test_step_trains_exactly_one_epoch():
    at = app()
    next(b for b in at.button if b.label == "Step").click().run()
    assert metric_values(at)["Epoch"] == "1"
    next(b for b in at.button if b.label == "Step").click().run()
    assert metric_values(at)["Epoch"] == "2"


def test_url_values_reach_the_widgets_and_junk_gets_a_note():
    at = app({"dataset": "moons", "hidden": "5,3", "lr": "100", "act": "nonsense"})
    assert not at.exception
    assert at.selectbox(key="playground.w_dataset").value == "moons"
    assert at.number_input(key="playground.w_layers").value == 2
    assert at.number_input(key="playground.w_units_0").value == 5
    assert at.select_slider(key="playground.w_lr").value == 10.0
    notes = " ".join(w.value for w in at.warning)
    assert "lr=100.0 is out of range" in notes and "act='nonsense'" in notes


def test_changing_the_learning_rate_keeps_the_trained_weights():
    at = app()
    next(b for b in at.button if b.label == "Step").click().run()
    at.select_slider(key="playground.w_lr").set_value(0.1).run()
    assert not at.exception
    assert metric_values(at)["Epoch"] == "1"  # same run, new learning rate
    assert at.session_state["playground.run"].trainer.optimizer.lr == 0.1


def test_a_preset_loads_its_network():
    at = app()
    at.selectbox(key="playground.w_preset").set_value("vanishing").run()
    assert not at.exception
    assert at.number_input(key="playground.w_layers").value == 8
    assert at.selectbox(key="playground.w_act").value == "sigmoid"
