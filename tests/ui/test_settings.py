"""The Playground's URL state: a shared link reopens the same run, and a hand-edited link
is repaired with a note instead of breaking the page."""

from __future__ import annotations

import numpy as np
import pytest

from core import losses
from ui.i18n import texts
from ui.playground import presets, views
from ui.playground.settings import (
    DEFAULTS,
    LIMITS,
    MAX_LAYERS,
    URL_KEYS,
    Settings,
    from_query,
    to_query,
)

PRESETS = presets.load()
HAND_MADE = {
    "no hidden layer": DEFAULTS.with_(hidden=(), act=("relu",)),
    "one activation per layer": DEFAULTS.with_(hidden=(8, 3, 5), act=("relu", "tanh", "elu")),
    "small learning rate": DEFAULTS.with_(lr=0.003),
    "L2 regularisation": DEFAULTS.with_(reg="l2", reg_rate=0.01),
    "L1, momentum, full batch": DEFAULTS.with_(reg="l1", reg_rate=0.003, opt="momentum", batch=0),
    "squared error on a binary data set": DEFAULTS.with_(dataset="xor", loss="mse"),
    "regression data set": DEFAULTS.with_(dataset="sine", noise=0.35, samples=1230),
    "three classes": DEFAULTS.with_(dataset="spiral3", hidden=(64,) * MAX_LAYERS),
    "extremes": DEFAULTS.with_(lr=1e-05, seed=2**31 - 1, train_pct=90, noise=0.15000000000000002,
                               speed=50),
}


def read(**params: str) -> tuple[Settings, list[str]]:
    return from_query({k: str(v) for k, v in params.items()})


@pytest.mark.parametrize("settings", [DEFAULTS, *PRESETS.values(), *HAND_MADE.values()],
                         ids=["defaults", *PRESETS, *HAND_MADE])
def test_a_shared_link_reopens_the_same_settings_without_notes(settings):
    query = to_query(settings)
    assert all(isinstance(v, str) for v in query.values())  # what a URL can carry
    assert from_query(query) == (settings, [])


def test_a_link_writes_every_setting():
    # the drawn points (pts) only when the data set is a drawing: tests/core/test_drawn.py
    assert set(to_query(DEFAULTS)) == set(URL_KEYS) - {"pts"}


@pytest.mark.parametrize("key, raw, expected", [
    ("lr", "100", 10.0),
    ("lr", "0", 1e-5),
    ("samples", "5", 20),
    ("samples", "99999", 2000),
    ("noise", "-0.5", 0.0),
    ("train_pct", "95", 90),
    ("seed", "-1", 0),
    ("speed", "1000", 50),
    ("reg_rate", "2", 1.0),
    ("batch", "-3", 0),
    ("hidden", "8,1000", (8, 64)),
    ("hidden", "0,3", (1, 3)),
    ("hidden", ",".join(["4"] * 12), (4,) * MAX_LAYERS),
])
def test_out_of_range_values_are_clamped_with_a_note_naming_the_key(key, raw, expected):
    settings, notes = read(**{key: raw})
    assert getattr(settings, key) == expected
    assert len(notes) == 1 and notes[0][1]["name"] == key
    assert settings.with_(**{key: getattr(DEFAULTS, key)}) == DEFAULTS  # nothing else moved


@pytest.mark.parametrize("key, raw", [
    ("lr", "abc"), ("lr", ""), ("lr", "nan"), ("lr", "inf"), ("lr", "-inf"),
    ("seed", "1e999"), ("samples", "nan"), ("noise", "0,5"),
    ("dataset", "nope"), ("dataset", "csv"), ("dataset", "CIRCLES"),
    ("act", "foo"), ("act", "relu,foo"), ("act", ","),
    ("hidden", "8,x"), ("hidden", "nan"), ("hidden", "1e999"),
    ("opt", "rmsprop"), ("reg", "l3"), ("loss", "hinge"),
])
def test_junk_values_are_ignored_with_a_note_naming_the_key(key, raw):
    settings, notes = read(**{key: raw})
    assert settings == DEFAULTS
    assert len(notes) == 1 and notes[0][1]["name"] == key


def test_unknown_keys_are_ignored_silently():
    assert read(utm_source="newsletter", embed="true", LR="5") == (DEFAULTS, [])


def test_the_last_of_repeated_values_wins():
    settings, notes = from_query({"lr": ["0.1", "0.3"]})
    assert settings.lr == 0.3 and notes == []


def test_an_empty_list_of_values_is_ignored():
    assert from_query({"lr": []}) == (DEFAULTS, [])


@pytest.mark.parametrize("params, changes", [
    ({"hidden": [8]}, {"hidden": (8,)}), ({"seed": 7}, {"seed": 7}), ({"lr": [0.1]}, {"lr": 0.1}),
])
def test_values_that_are_not_strings_are_read_like_their_text(params, changes):
    assert from_query(params) == (DEFAULTS.with_(**changes), [])


@pytest.mark.parametrize("raw", ["", "0", "none"])
def test_hidden_can_be_emptied(raw):
    assert read(hidden=raw) == (DEFAULTS.with_(hidden=()), [])


def test_an_activation_list_of_the_wrong_length_falls_back_to_its_first_name():
    settings, notes = read(hidden="4,4,4", act="relu,sigmoid")
    assert settings.act == ("relu",)
    assert settings.activations() == ("relu", "relu", "relu")
    assert len(notes) == 1 and notes[0][1]["name"] == "act"


def test_per_layer_activations_of_the_right_length_are_kept():
    settings, notes = read(hidden="4,4,4", act="relu,sigmoid,elu")
    assert settings.activations() == ("relu", "sigmoid", "elu") and notes == []


@pytest.mark.parametrize("dataset, loss", [("circles", "cce"), ("spiral3", "bce"),
                                           ("spiral3", "mse"), ("plane", "bce")])
def test_a_loss_that_does_not_fit_the_data_set_falls_back_to_its_default(dataset, loss):
    settings, notes = read(dataset=dataset, loss=loss)
    assert settings == DEFAULTS.with_(dataset=dataset, loss="")
    assert len(notes) == 1 and notes[0][1]["name"] == "loss"


JUNK_PIECES = ["", "0", "-1", "1e999", "nan", "inf", "-0", "abc", ",", ",,", "8,x", "relu",
               "%20", "\x00", "☃", "1.5", "64", "2000", "l2", "adam", "spiral", " ", "[]"]


def test_random_junk_never_raises_and_always_gives_valid_settings():
    rng = np.random.default_rng(2024)
    keys = [*URL_KEYS, "unknown"]
    for _ in range(400):
        params = {}
        for key in rng.choice(keys, size=rng.integers(1, 6)):
            pieces = rng.choice(JUNK_PIECES, size=rng.integers(1, 4))
            params[str(key)] = ",".join(str(p) for p in pieces)
        settings, notes = from_query(params)
        for note in notes:  # every note can be worded by both catalogues
            for lang in ("en", "zh"):
                assert views.url_note(note, texts("playground", lang))
        for name, (lo, hi) in LIMITS.items():
            assert lo <= getattr(settings, name) <= hi, (params, name)
        assert len(settings.hidden) <= MAX_LAYERS
        assert all(1 <= n <= 64 for n in settings.hidden)
        assert len(settings.act) in (1, len(settings.hidden))
        settings.to_config()  # the engine accepts whatever the URL gave
        assert from_query(to_query(settings)) == (settings, [])


@pytest.mark.parametrize("reg, l1, l2", [("none", 0.0, 0.0), ("l1", 0.01, 0.0),
                                         ("l2", 0.0, 0.01)])
def test_regularisation_reaches_the_engine_as_the_chosen_penalty(reg, l1, l2):
    config = DEFAULTS.with_(reg=reg, reg_rate=0.01).to_config()
    assert (config.l1, config.l2) == (l1, l2)


@pytest.mark.parametrize("train_pct", [10, 50, 80, 90])
def test_the_training_share_becomes_the_engine_test_share(train_pct):
    config = DEFAULTS.with_(train_pct=train_pct).to_config()
    assert config.test_ratio == pytest.approx(1 - train_pct / 100)


def test_the_config_carries_network_and_training_settings():
    s = DEFAULTS.with_(dataset="xor", hidden=(5, 3), act=("relu",), loss="mse", opt="adam",
                       lr=0.003, batch=32, seed=9)
    config = s.to_config()
    assert (config.dataset, config.hidden, config.activation) == ("xor", (5, 3), ("relu", "relu"))
    assert (config.loss, config.optimizer, config.lr, config.batch_size, config.seed) == (
        "mse", "adam", 0.003, 32, 9)


def test_the_default_loss_reaches_the_engine_as_none():
    assert DEFAULTS.to_config().loss is None
    assert losses.head(DEFAULTS.task(), DEFAULTS.to_config().loss)[1].name == "bce"


@pytest.mark.parametrize("params, note", [
    ({"lr": "-1"}, "Learning rate: -1 is outside 1e-05 to 10, so 1e-05 is used."),
    ({"dataset": "<script>x</script>"},
     "Data set: there is no “<script>x</script>” here, so it was left as it was."),
    ({"hidden": "4," * 20}, "Hidden layers: the link asks for 20 layers; the first 8 are used."),
    ({"hard": "maybe"}, "Hard class boundaries: “maybe” is neither 1 (on) nor 0 (off), so it "
                        "was left as it was."),
])
def test_link_notes_are_sentences_from_the_catalogue(params, note):
    _, notes = from_query(params)
    assert [views.url_note(n, texts("playground")) for n in notes] == [note]


def test_a_long_bad_value_is_cut_short_in_its_note():
    _, (note,) = from_query({"dataset": "x" * 500})
    assert len(views.url_note(note, texts("playground"))) < 100


@pytest.mark.parametrize("raw, value", [("1", True), ("0", False), ("true", True), ("off", False)])
def test_the_view_settings_travel_in_the_link(raw, value):
    settings, notes = from_query({"show_test": raw, "hard": raw})
    assert (settings.show_test, settings.hard, notes) == (value, value, [])
    assert from_query(to_query(settings))[0] == settings
