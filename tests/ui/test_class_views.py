"""Class mode's pieces without a browser: what a student's run reports (and what it never
does: drawn points, uploads), when a run is on a plateau, the dashboard's views (a
nickname is always text), and a teacher's set-up."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest

from classroom import progress, store
from core import drawn
from ui.classroom import dashboard, student
from ui.classroom.words import as_markdown
from ui.i18n import texts
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS, DRAWN_DATASET

T = texts("classroom")


def trained(epochs: int = 300, **changes) -> LiveRun:
    run = LiveRun(DEFAULTS.with_(dataset="xor", samples=200, hidden=(4,), **changes))
    run.advance(epochs)
    return run


def test_a_report_says_what_the_dashboard_shows():
    run = trained()
    r = student.make_report(run, playing=True)
    assert r.epoch == run.epoch == 300
    assert r.shape == "2-4-1" and r.hidden_layers == 1
    assert r.weights == 2 * 4 + 4 + 4 * 1 + 1  # weights and biases
    assert r.train_loss == run.last.train_loss and r.test_accuracy == run.last.test_accuracy
    assert r.state in ("playing", "plateaued")
    assert student.make_report(run, playing=False).state == "paused"
    assert r.thumbnail.startswith(b"\x89PNG") and len(r.curve) <= store.CURVE_POINTS
    assert r.curve[0][0] == 0 and r.curve[-1][0] == 300
    assert "dataset=xor" in r.settings and "hidden=4" in r.settings


def test_drawn_points_and_uploads_never_leave_the_session():
    points = drawn.encode(np.array([[0.5, 0.5], [-0.5, -0.5], [0.5, -0.5], [-0.5, 0.4]]),
                           np.array([0, 1, 0, 1]))
    run = LiveRun(DEFAULTS.with_(dataset=DRAWN_DATASET, pts=points))
    r = student.make_report(run, playing=True)
    assert "pts" not in r.settings and points not in r.settings
    assert f"dataset={DRAWN_DATASET}" in r.settings


def test_a_diverged_run_says_so_with_finite_numbers():
    # a linear regression with momentum at a learning rate of 10 blows up (as the
    # Playground's own divergence test has it)
    run = LiveRun(DEFAULTS.with_(dataset="plane", samples=100, hidden=(4,), act=("linear",),
                                 opt="momentum", lr=10.0))
    assert run.advance(50).diverged
    r = student.make_report(run, playing=True)
    assert r.state == "diverged"
    assert all(x is None or np.isfinite(x) for x in (r.train_loss, r.test_loss))


@pytest.mark.parametrize("seed", range(5))
def test_a_plateau_is_a_loss_that_stopped_falling(seed):
    rng = np.random.default_rng(seed)
    epochs = np.arange(0, 1001, 10.0)
    falling = 1.0 / (1 + epochs / 50) + rng.normal(0, 1e-4, len(epochs))
    flat = np.where(epochs < 200, 1.0 - epochs / 400, 0.5) + rng.normal(0, 1e-4, len(epochs))
    assert not progress.plateaued(epochs, falling, 0.8)
    assert progress.plateaued(epochs, flat, 0.8)
    assert not progress.plateaued(epochs, flat, 1.0)  # solved, not stuck
    assert not progress.plateaued(epochs[:20], flat[:20], 0.8)  # too young to tell
    assert not progress.plateaued(epochs, np.full(len(epochs), np.nan), 0.8)


def test_thin_keeps_the_ends_and_at_most_that_many():
    for n in (0, 1, 5, 60, 61, 400, 1000):
        kept = progress.thin(n, 60)
        assert len(kept) <= 60 and (n == 0 or (kept[0] == 0 and kept[-1] == n - 1))


NICK = '<img src=x onerror="f()">&'


def roster(now: float) -> list[store.Student]:
    report = student.make_report(trained(epochs=50), playing=True)
    return [store.Student(NICK, now - 100, now - 1, report, None, None),
            store.Student("Bob", now - 100, now - 60, report, None, None),
            store.Student("Cy", now - 5, None, None, None, None)]


def test_the_dashboard_shows_nicknames_as_text_and_who_is_away():
    now = 1e9
    people = roster(now)
    assert [dashboard.state_of(s, now) for s in people][1:] == ["away", "joined"]
    for shown in (dashboard.thumbnails_html(people, now, T), dashboard.nicknames_html(people),
                  dashboard.curves_html(people, T),
                  dashboard.leaderboard_html([store.Place(NICK, 57.0, 100, "2-4-1")],
                                             "fewest_weights", T)):
        assert "<img src=x" not in shown and 'onerror="f()"' not in shown
    assert html.escape(NICK) in dashboard.thumbnails_html(people, now, T)
    table = dashboard.table(people, now, T, {"lang": "zh"})
    assert list(table[T["col_nickname"]]) == [NICK, "Bob", "Cy"]
    assert table[T["col_open"]][0].endswith("lang=zh") and "dataset=xor" in table[T["col_open"]][0]
    assert re.search(r"Students: 3 · \w+", dashboard.counts_line(people, now, T))


def test_a_nickname_in_words_is_never_markup():
    assert as_markdown("**me** <b>x</b> [a](b)") == \
        r"\*\*me\*\* \<b\>x\</b\> \[a\]\(b\)"


def test_a_score_reads_as_its_unit():
    from ui.classroom import teacher
    assert teacher.score_text("fewest_weights", 57.0, T) == "57 weights"
    assert teacher.score_text("lowest_test_loss", 0.01234, T) == "loss 0.0123"
    assert teacher.score_text("no_hidden_layer", 80.0, T) == "80 epochs"
