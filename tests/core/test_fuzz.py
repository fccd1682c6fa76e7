"""Bad input, tried at scale (property-based, hypothesis): every parser a user reaches
ends in a valid state or one clear error, never another exception, for at least 1,000
generated cases each in a normal run.

- CSV uploads: ``core.csvdata.read_csv`` returns a usable data set or raises
  ``CSVDataError`` (random bytes; CSV-shaped text with junk cells).
- Links: ``ui.playground.settings.from_query`` always returns settings within their limits
  (hand-edited values clamped or ignored, with notes) that read back from their own link.
- Model files: ``core.model_io.loads`` returns a network or raises ``ModelFileError``
  (random JSON; valid files with one field mutated).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import csvdata, model_io
from core.network import Network
from ui import i18n
from ui.i18n import texts
from ui.playground import settings as url
from ui.playground import views

CASES = settings(max_examples=1000, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- CSV uploads ---------------------------------------------------------------------------
cell = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", " ", "a", "setosa", "nan", "inf", "-inf", "1e309", "0x10", "1,5",
                     '"', '""', "NULL", "—", "１", "1_000", "+3", "1e-400", "\t"]),
    st.text(max_size=12),
)
csv_text = st.builds(
    lambda header, rows, sep: "\n".join(sep.join(r) for r in [header, *rows]),
    st.lists(st.sampled_from(["x1", "x2", "label", "y", "", "x1"]), min_size=0, max_size=5),
    st.lists(st.lists(cell, min_size=0, max_size=5), max_size=30),
    st.sampled_from([",", ";", "\t"]),
)


def assert_usable(data) -> None:
    """What the Playground needs of a data set: finite points (n, 2), a target each, and
    classes numbered 0..K-1 (or real values for regression)."""
    assert data.X.ndim == 2 and data.X.shape[1] == 2 and len(data.y) == len(data.X) >= 2
    assert np.isfinite(data.X).all() and np.isfinite(data.y).all()
    if data.task != "regression":
        assert set(np.unique(data.y)) <= set(range(data.n_classes))


@CASES
@given(st.binary(max_size=400))
def test_random_bytes_are_read_or_refused_clearly(raw):
    try:
        assert_usable(csvdata.read_csv(raw))
    except csvdata.CSVDataError as e:
        assert str(e)


@CASES
@given(csv_text)
def test_csv_with_junk_cells_is_read_or_refused_with_the_place_named(text):
    try:
        assert_usable(csvdata.read_csv(text.encode("utf-8")))
    except csvdata.CSVDataError as e:
        message = str(e)
        assert message and "Traceback" not in message


# --- links edited by hand ---------------------------------------------------------------------
value = st.one_of(st.text(max_size=20), st.sampled_from(
    ["0", "-1", "1e309", "nan", "inf", "8,8,8", "1,2,3,4,5,6,7,8,9", "relu,tanh", "spiral",
     "adam", "l2", "1e-9", "100", "2000", "999999999999", "<script>", ",,,", "0.5"]))
query = st.dictionaries(st.sampled_from([*url.URL_KEYS, "unknown", "lang"]),
                        st.one_of(value, st.lists(value, max_size=3)), max_size=12)


def assert_within_limits(s: url.Settings) -> None:
    for name, (lo, hi) in url.LIMITS.items():
        v = getattr(s, name)
        assert lo <= v <= hi and not (isinstance(v, float) and math.isnan(v)), name
    assert len(s.hidden) <= url.MAX_LAYERS and all(1 <= n <= url.MAX_UNITS for n in s.hidden)
    assert len(s.act) in (1, len(s.hidden))


@CASES
@given(query)
def test_any_link_gives_valid_settings_that_survive_their_own_link(params):
    s, notes = url.from_query(params)
    for lang in ("en", "zh"):  # every note is worded, in both languages
        T = texts("playground", lang)
        assert all(views.url_note(note, T).strip() for note in notes)
    assert_within_limits(s)
    again, notes_again = url.from_query(url.to_query(s))
    assert again == s and notes_again == []


@settings(max_examples=60, deadline=None, derandomize=True)
@given(query)
def test_settings_from_any_link_build_a_run(params):
    from core import experiment

    s, _ = url.from_query(params)
    config = s.to_config().with_(samples=min(s.samples, 60))
    data, trainer = experiment.build(config)
    snap = next(trainer.run(1))
    assert np.isfinite(snap.train_loss)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(query, st.integers(1, 12))
def test_every_picture_number_and_hint_of_a_run_from_any_link_is_drawn(params, epochs):
    """What the page draws every frame, after a few epochs of whatever a link sets up
    (the widest, deepest network at the highest learning rate included): never an
    exception, which would stop the page."""
    from ui.playground.frame import CHARTS
    from ui.playground.live import LiveRun

    T = texts("playground", params.get("lang") if params.get("lang") == "zh" else "en")
    s, _ = url.from_query(params)
    run = LiveRun(s.with_(samples=min(s.samples, 60)))
    run.advance(epochs)
    assert "np-region-image" in views.region_live(run, s.hard, T)
    assert views.network_diagram(run, T, tooltips=True)
    assert views.numbers_html(views.metrics(run, T))
    for _, chart, _ in CHARTS:
        chart(run, T)
    views.hints(run, T)
    if run.last.diverged:
        assert views.diverged_message(run, T)


# --- model files ------------------------------------------------------------------------------
def valid_model() -> dict:
    rng = np.random.default_rng(0)
    net = Network.create(2, [3, 2], "tanh", "multiclass", 3, rng)
    return json.loads(model_io.dumps(net, {"mean": [0.5, -1.0], "std": [2.0, 0.5]}))


json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)


def paths(d, prefix=()):
    """Every (path) to a value inside a nested dict/list."""
    yield prefix
    if isinstance(d, dict):
        for k, v in d.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(d, list):
        for i, v in enumerate(d[:3]):
            yield from paths(v, (*prefix, i))


MODEL_PATHS = list(paths(valid_model()))[1:]


def mutate(d: dict, path: tuple, new) -> dict:
    d = json.loads(json.dumps(d))
    target = d
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = new
    return d


def load_or_refuse(text: str) -> None:
    try:
        net, scaling = model_io.loads(text)
    except model_io.ModelFileError as e:
        assert str(e)
        assert e.key in model_io.MESSAGES and i18n.error_text(e, "zh")  # worded in Chinese too
        return
    assert net.is_finite()
    out = net.forward(np.zeros((4, 2)))
    assert np.isfinite(out).all()


@CASES
@given(json_value)
def test_random_json_is_loaded_or_refused_clearly(value):
    load_or_refuse(json.dumps(value))


@CASES
@given(st.sampled_from(MODEL_PATHS), json_value)
def test_a_model_file_with_one_field_changed_is_loaded_or_refused_clearly(path, new):
    load_or_refuse(json.dumps(mutate(valid_model(), path, new)))


@pytest.mark.parametrize("text", ["", "{", "[]", "null", '"x"', "1e999", "\x00", "{" * 10000])
def test_broken_json_is_refused_clearly(text):
    with pytest.raises(model_io.ModelFileError):
        model_io.loads(text)
