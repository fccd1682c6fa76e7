"""Drawing your own data (core/drawn.py and the Playground's pad): points on a 0.1 lattice,
two bytes each in the share link; junk in a link is repaired with a note; a changed
drawing keeps the network and its training; the input features travel in the link too."""

from __future__ import annotations

import numpy as np
import pytest

from core import drawn
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS, from_query, to_query

DRAWING = DEFAULTS.with_(dataset="drawn", hidden=(3,))


def points(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return drawn.snap(rng.uniform(-6, 6, (n, 2))), rng.integers(0, 2, n)


def kinds(notes) -> list[str]:
    return [kind for kind, _ in notes]


# --- the points and their link text -------------------------------------------------------
def test_points_survive_the_link_exactly_and_take_under_3_characters_each():
    X, y = points(200)
    text = drawn.encode(X, y)
    assert len(text) <= 534  # 400 bytes as base64url: what 200 points add to a link
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    X2, y2, problems = drawn.decode(text)
    np.testing.assert_allclose(X2, X, atol=1e-9)
    assert y2.tolist() == y.tolist() and problems == []


def test_a_point_is_rounded_to_the_lattice_and_kept_on_the_plane():
    X, y = drawn.add(*drawn.starter(), (1.234, -9.0), 1)
    assert X[-1].tolist() == pytest.approx([1.2, -6.0]) and y[-1] == 1


def test_erasing_removes_the_nearest_point_within_reach_and_keeps_two():
    X, y = drawn.starter()
    X2, y2 = drawn.remove_nearest(X, y, (2.1, -2.9))  # next to (2, -3)
    assert len(y2) == len(y) - 1 and [2.0, -3.0] not in X2.tolist()
    assert len(drawn.remove_nearest(X, y, (0.0, 5.5))[1]) == len(y)  # nothing near
    two = (X[:2], y[:2])
    assert len(drawn.remove_nearest(*two, X[0])[1]) == 2


def test_a_drawing_holds_at_most_200_points():
    X, y = points(200)
    assert len(drawn.add(X, y, (0, 0), 0)[1]) == 200


# --- the link: round trips and junk -------------------------------------------------------
def test_a_drawing_and_its_features_reopen_from_the_link_without_notes():
    X, y = points(37)
    s = DRAWING.with_(pts=drawn.encode(X, y), features=("x1", "x1^2", "sin(x2)"))
    query = to_query(s)
    assert query["dataset"] == "drawn" and query["features"] == "x1,x1^2,sin(x2)"
    assert from_query(query) == (s, [])


def test_points_travel_only_with_a_drawing():
    assert "pts" not in to_query(DEFAULTS.with_(pts=drawn.encode(*points(5))))
    assert "pts" not in to_query(DRAWING)  # the starter points need no link text


@pytest.mark.parametrize("raw, expected_kinds", [
    ("not*base64!", ["pts_bad"]),
    ("AAAAA", ["pts_bad"]),  # 5 characters cannot be base64
    ("QQ", ["pts_odd", "pts_few"]),  # one byte: a stray one, and no whole point
    ("AAAA", ["pts_odd", "pts_few"]),  # 3 bytes: one point and a stray byte
])
def test_unreadable_points_give_a_note_and_the_starter_drawing(raw, expected_kinds):
    s, notes = from_query({"dataset": "drawn", "pts": raw})
    assert kinds(notes) == expected_kinds
    assert s.pts == "" and s.dataset == "drawn"


def test_points_off_the_plane_are_moved_to_its_edge_with_a_note():
    raw = drawn.encode(*points(3))
    off = "_" + raw[1:]  # the first x byte becomes 0xFF-ish: beyond 120 steps
    s, notes = from_query({"dataset": "drawn", "pts": off})
    assert "pts_range" in kinds(notes)
    X, _, _ = drawn.decode(s.pts)
    assert np.abs(X).max() <= 6.0


def test_more_than_200_points_keep_the_first_200_with_a_note():
    X, y = points(200)
    pairs = drawn.encode(X, y) + drawn.encode(X[:10], y[:10])[:12]  # 9 more whole points
    s, notes = from_query({"dataset": "drawn", "pts": pairs})
    assert "pts_many" in kinds(notes)
    assert len(drawn.decode(s.pts)[1]) == 200


@pytest.mark.parametrize("raw, used, expected_kinds", [
    ("x2^2,x1", ("x1", "x2^2"), []),
    ("x1,cos(x1)", ("x1",), ["features_bad"]),
    ("nonsense", DEFAULTS.features, ["features_bad", "features_none"]),
    ("", DEFAULTS.features, ["features_none"]),
])
def test_features_in_a_link_are_checked(raw, used, expected_kinds):
    s, notes = from_query({"features": raw})
    assert s.features == used and kinds(notes) == expected_kinds


def test_every_note_has_its_words_in_the_catalogue():
    from ui.locales.en.playground import TEXT

    for kind in ("pts_bad", "pts_odd", "pts_range", "pts_many", "pts_few", "features_bad",
                 "features_none"):
        assert kind in TEXT["url_note"], kind


# --- the run follows the drawing ----------------------------------------------------------
def test_a_changed_drawing_keeps_the_network_and_trains_on_the_new_points():
    run = LiveRun(DRAWING)
    assert run.data.task == "binary" and len(run.data) == len(drawn.STARTER[1])
    assert len(run.split.y_test) == 0  # every drawn point trains
    run.advance(5)
    net, theta = run.trainer.network, run.trainer.network.theta.copy()
    X, y = drawn.add(run.data.X, run.data.y, (0.0, 0.0), 1)
    assert run.apply(DRAWING.with_(pts=drawn.encode(X, y))) == "points"
    assert run.trainer.network is net  # not rebuilt: the same weights carry on
    np.testing.assert_array_equal(net.theta, theta)
    assert len(run.trainer.split.y_train) == len(drawn.STARTER[1]) + 1
    assert run.epoch == 5
    run.advance(3)
    assert run.epoch == 8 and not np.array_equal(net.theta, theta)


def test_new_features_make_a_new_network_with_one_input_each():
    run = LiveRun(DRAWING)
    assert run.apply(DRAWING.with_(features=("x1^2", "x2^2", "x1*x2"))) == "network"
    assert run.trainer.network.sizes[0] == 3
    maps = run.unit_maps(12)
    assert maps[0].shape == (12, 12, 3)  # the input column: each feature's own map
    assert np.isfinite(run.region_output()).all()


def test_the_drawings_plane_is_fixed_so_a_click_anywhere_on_it_lands_on_the_picture():
    run = LiveRun(DRAWING)
    assert run.grid.x1[0] == pytest.approx(-6.6) and run.grid.x1[-1] == pytest.approx(6.6)


# --- the page -------------------------------------------------------------------------------
def test_the_draw_data_set_shows_the_pad_and_follows_the_points():
    st_testing = pytest.importorskip("streamlit.testing.v1")
    at = st_testing.AppTest.from_file("../../main.py", default_timeout=60)
    at.query_params["dataset"] = "drawn"
    at.run()
    assert not at.exception
    assert any(c.value.startswith("6 points") for c in at.caption)
    X, y = drawn.add(*drawn.starter(), (1.0, 1.0), 0)
    at.session_state["playground.w_pts"] = drawn.encode(X, y)  # what a click on the pad does
    at.run()
    assert any(c.value.startswith("7 points") for c in at.caption)
    assert at.query_params["pts"] == drawn.encode(X, y)
