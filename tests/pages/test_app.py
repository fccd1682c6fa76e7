"""Fast checks of the app with Streamlit's AppTest (no browser): the page runs, reads
the URL, and its buttons act on the run. The browser tests cover playing live."""

from __future__ import annotations

import pytest

from tests.apptest import numbers

st_testing = pytest.importorskip("streamlit.testing.v1")


def app(query: dict | None = None):
    at = st_testing.AppTest.from_file("../../main.py", default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_home_page_runs_and_shows_the_metrics():
    at = app()
    assert not at.exception
    assert list(numbers(at)) == ["Epoch", "Train loss", "Test loss", "Train accuracy",
                                       "Test accuracy"]
    assert numbers(at)["Epoch"] == "0"


def test_regression_data_shows_no_accuracy():
    at = app({"dataset": "sine"})
    assert not at.exception
    assert list(numbers(at)) == ["Epoch", "Train loss", "Test loss"]


def test_step_trains_exactly_one_epoch():
    at = app()
    next(b for b in at.button if b.label == "Step").click().run()
    assert numbers(at)["Epoch"] == "1"
    next(b for b in at.button if b.label == "Step").click().run()
    assert numbers(at)["Epoch"] == "2"


def test_url_values_reach_the_widgets_and_junk_gets_a_note():
    at = app({"dataset": "moons", "hidden": "5,3", "lr": "100", "act": "nonsense"})
    assert not at.exception
    assert at.selectbox(key="playground.w_dataset").value == "moons"
    assert at.number_input(key="playground.w_layers").value == 2
    assert at.number_input(key="playground.w_units_0").value == 5
    assert at.select_slider(key="playground.w_lr").value == 10.0
    notes = " ".join(w.value for w in at.warning)
    assert "Learning rate: 100 is outside 1e-05 to 10, so 10 is used." in notes
    assert "Activation: there is no “nonsense” here" in notes
    assert "lr=" not in notes and "'" not in notes  # words, not Python


def test_link_notes_are_said_once():
    at = app({"lr": "100"})
    assert at.warning
    next(b for b in at.button if b.label == "Step").click().run()
    assert not at.warning


def test_the_view_travels_in_the_link():
    at = app({"show_test": "0", "hard": "1"})
    assert at.toggle(key="playground.w_show_test").value is False
    assert at.toggle(key="playground.w_hard").value is True
    at.toggle(key="playground.w_hard").set_value(False).run()
    assert at.query_params["hard"] == "0" and at.query_params["show_test"] == "0"


def test_a_changed_lesson_says_so_and_loads_afresh():
    at = app()
    at.selectbox(key="playground.w_preset").set_value("vanishing").run()
    next(b for b in at.button if b.label == "Step").click().run()
    at.select_slider(key="playground.w_lr").set_value(0.1).run()
    assert at.selectbox(key="playground.w_preset").value == "vanishing"
    assert "You have changed this lesson's settings." in [w.value for w in at.warning]
    at.button(key="playground.w_preset_reload").click().run()
    assert not at.exception
    assert at.select_slider(key="playground.w_lr").value == 0.03
    assert numbers(at)["Epoch"] == "0"  # a fresh run of the lesson
    assert not any(b.key == "playground.w_preset_reload" for b in at.button)


def test_a_lesson_links_to_its_lesson_page_in_the_learners_language():
    at = app({"preset": "vanishing", "lang": "zh"})
    assert not at.exception
    links = [p for p in at.get("page_link")]
    assert any(l.proto.page.endswith("activations.py") or "activations" in l.proto.page
               for l in links), [l.proto for l in links]


def test_without_hidden_layers_there_is_no_activation_to_choose():
    at = app({"hidden": "0"})
    assert at.selectbox(key="playground.w_act").disabled
    assert not at.exception


def test_the_teachers_view_drops_the_title_and_stays_in_the_link():
    at = app({"present": "1"})
    assert not at.exception
    assert not at.title
    next(b for b in at.button if b.label == "Step").click().run()
    assert at.query_params["present"] == "1"
    assert app().title[0].value == "Neural Playground"


def test_changing_the_learning_rate_keeps_the_trained_weights():
    at = app()
    next(b for b in at.button if b.label == "Step").click().run()
    at.select_slider(key="playground.w_lr").set_value(0.1).run()
    assert not at.exception
    assert numbers(at)["Epoch"] == "1"  # same run, new learning rate
    assert at.session_state["playground.run"].trainer.optimizer.lr == 0.1


def test_a_preset_loads_its_network():
    at = app()
    at.selectbox(key="playground.w_preset").set_value("vanishing").run()
    assert not at.exception
    assert at.number_input(key="playground.w_layers").value == 8
    assert at.selectbox(key="playground.w_act").value == "sigmoid"


def test_the_uploader_limit_is_the_one_the_code_enforces():
    from pathlib import Path

    import tomllib

    from core import csvdata

    config = tomllib.loads((Path(__file__).parents[2] / ".streamlit/config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == csvdata.MAX_BYTES
    assert config["client"]["toolbarMode"] == "viewer"
