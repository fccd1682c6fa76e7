"""A class opening one link draws its first pictures once (ui/playground/first_pictures.py):
a second session gets the same HTML without drawing, and no session ever gets another
run's pictures: other data, another network, another language, or a run that trained."""

from __future__ import annotations

import numpy as np
import pytest

from core import drawn
from core.network import Network
from ui.i18n import texts
from ui.live.transport import Places
from ui.playground import first_pictures, frame, views
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS, DRAWN_DATASET

SETTINGS = DEFAULTS.with_(samples=120, hidden=(3,))


@pytest.fixture(autouse=True)
def nothing_kept():
    first_pictures.forget_all()
    yield
    first_pictures.forget_all()


class Slot:
    """A place on the page, keeping the HTML it is given."""

    def __init__(self):
        self.drawn = []

    def html(self, body):
        self.drawn.append(body)

    def __getattr__(self, name):  # a caption, an empty place: not a picture
        return lambda *args, **kwargs: None


def page(run: LiveRun, lang: str = "en") -> list[str]:
    """Every picture the still page draws for ``run``, in order."""
    slots = [Slot() for _ in range(7)]
    charts = [Slot() for _ in frame.CHARTS]
    view = frame.Frame(run, texts("playground", lang), True, False, *slots[:5], charts,
                       slots[5], False, Places(None), weights_slot=slots[6], lang=lang)
    view.all()
    return [body for slot in [*slots, *charts] for body in slot.drawn]


@pytest.fixture
def drawing(monkeypatch):
    """How many times each view drew: the region, the diagram, the weights."""
    counts = {"region_live": 0, "network_diagram": 0, "weights_tables": 0}

    def counting(name: str):
        draw = getattr(views, name)

        def counted(*args, **kwargs):
            counts[name] += 1
            return draw(*args, **kwargs)
        return counted

    for name in counts:
        monkeypatch.setattr(views, name, counting(name))
    return counts


def test_a_second_session_on_the_same_link_gets_the_same_pictures_undrawn(drawing):
    first = page(LiveRun(SETTINGS))
    assert drawing == {"region_live": 1, "network_diagram": 1, "weights_tables": 1}
    second = page(LiveRun(SETTINGS))
    assert second == first
    assert drawing == {"region_live": 1, "network_diagram": 1, "weights_tables": 1}


def test_the_pictures_are_the_ones_the_session_would_draw_itself():
    shared = page(LiveRun(SETTINGS))
    first_pictures.forget_all()
    assert page(LiveRun(SETTINGS)) == shared
    assert any("np-region-image" in body for body in shared)


@pytest.mark.parametrize("change", [
    {"seed": 1}, {"noise": 0.2}, {"samples": 121}, {"hidden": (4,)}, {"act": ("relu",)},
    {"dataset": "xor"},
])
def test_another_link_draws_its_own(change, drawing):
    first = page(LiveRun(SETTINGS))
    other = page(LiveRun(SETTINGS.with_(**change)))
    assert drawing["network_diagram"] == 2 and other != first


def test_any_other_setting_is_drawn_anew_too(drawing):
    """A learning rate does not change a first picture, but a key of everything the
    settings hold needs no list of what does."""
    page(LiveRun(SETTINGS))
    page(LiveRun(SETTINGS.with_(lr=0.1)))
    assert drawing["network_diagram"] == 2


def test_two_drawings_with_different_points_never_share():
    """Sessions whose data differ (the learner's own points) see their own data."""
    a = SETTINGS.with_(dataset=DRAWN_DATASET, pts=drawn.encode(
        np.array([[-1.0, -1.0], [1.0, 1.0], [0.5, -0.5]]), np.array([0, 1, 1])))
    b = a.with_(pts=drawn.encode(np.array([[-1.0, 1.0], [1.0, -1.0], [0.5, -0.5]]),
                                  np.array([0, 1, 1])))
    assert first_pictures.run_key(LiveRun(a), "en") != first_pictures.run_key(LiveRun(b), "en")
    assert page(LiveRun(a)) != page(LiveRun(b))


def test_the_same_link_in_another_language_is_drawn_in_that_language():
    english = page(LiveRun(SETTINGS), "en")
    chinese = page(LiveRun(SETTINGS), "zh")
    network = [body for body in chinese if 'class="np-network' in body]
    assert chinese != english and network and "输入层" in network[0]


def test_a_network_from_a_file_with_other_weights_draws_its_own(drawing):
    page(LiveRun(SETTINGS))
    run = LiveRun(SETTINGS)
    net = run.trainer.network
    other = Network([w + 0.5 for w in net.W], [b.copy() for b in net.b], net.activations,
                    run.data.task, run.data.n_classes)
    run.adopt(other, SETTINGS)
    assert run.epoch == 0
    page(run)
    assert drawing["network_diagram"] == 2


def test_a_run_that_trained_is_drawn_for_itself_and_kept_nowhere(drawing):
    run = LiveRun(SETTINGS)
    run.advance(3)
    assert first_pictures.run_key(run, "en") is None
    page(run)
    page(run)
    assert drawing["network_diagram"] == 2 and not first_pictures._pictures


def test_with_no_language_to_tell_pictures_by_nothing_is_shared():
    assert first_pictures.run_key(LiveRun(SETTINGS), "") is None


def test_the_kept_pictures_stay_few():
    for seed in range(first_pictures.MAX_PICTURES):
        first_pictures.picture(("x", seed), lambda: "picture")
    first_pictures.picture(("x", "newest"), lambda: "picture")
    assert len(first_pictures._pictures) == first_pictures.MAX_PICTURES
    assert ("x", 0) not in first_pictures._pictures  # the oldest went first
