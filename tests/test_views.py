"""What the Playground page shows for a live run: the region picture, the diagram, the
charts, the numbers and the hints, built without Streamlit."""

from __future__ import annotations

import base64
import re
import struct
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from figures import network, png
from figures.region import region_image
from ui.i18n import texts
from ui.playground import presets, views
from ui.playground.live import REGION_RESOLUTION, LiveRun
from ui.playground.settings import DEFAULTS

T = texts("playground")
PRESETS = presets.load()
SMALL = DEFAULTS.with_(samples=200)
SVG = "{http://www.w3.org/2000/svg}"


def trained(settings=SMALL, epochs: int = 2) -> LiveRun:
    run = LiveRun(settings)
    run.advance(epochs)
    return run


def embedded(html_text: str, mime: str) -> list[bytes]:
    return [base64.b64decode(m) for m in
            re.findall(rf'src="data:{re.escape(mime)};base64,([^"]+)"', html_text)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- the live region ---------------------------------------------------------------------
@pytest.mark.parametrize("dataset", ["circles", "spiral3", "sine"])
def test_region_is_a_100_pixel_square_of_the_network_prediction(dataset):
    run = trained(SMALL.with_(dataset=dataset))
    (image,) = embedded(views.region_live(run, show_test=True, hard=False), "image/png")
    assert png_size(image) == (REGION_RESOLUTION, REGION_RESOLUTION) == (100, 100)
    expected = region_image(run.region_output(), run.data.task, False, run.value_scale())
    assert image == png.encode(expected)


def test_region_follows_training():
    run = trained()
    before = views.region_live(run, True, False)
    run.advance(5)
    assert views.region_live(run, True, False) != before


@pytest.mark.parametrize("show_test", [True, False])
def test_region_draws_the_training_points_and_test_points_on_request(show_test):
    run = trained()
    (svg,) = embedded(views.region_live(run, show_test, hard=False), "image/svg+xml")
    circles = ET.fromstring(svg).findall(f"{SVG}g/{SVG}circle")
    split = run.trainer.split
    assert len(circles) == len(split.y_train) + (len(split.y_test) if show_test else 0)


def test_region_points_follow_new_data():
    run = trained()
    before = embedded(views.region_live(run, True, False), "image/svg+xml")
    run.apply(SMALL.with_(dataset="xor"))
    after = embedded(views.region_live(run, True, False), "image/svg+xml")
    fresh = embedded(views.region_live(LiveRun(SMALL.with_(dataset="xor")), True, False),
                     "image/svg+xml")
    assert after != before and after == fresh


def test_hard_boundaries_change_the_region_picture():
    run = trained()
    soft, hard = (embedded(views.region_live(run, True, h), "image/png")[0] for h in (0, 1))
    assert soft != hard


# --- the network diagram -------------------------------------------------------------------
@pytest.mark.parametrize("hidden, more", [((4, 4), []), ((64, 3), ["+52 more"]), ((), [])])
def test_diagram_shows_every_layer_with_a_thumbnail_per_drawn_unit(hidden, more):
    run = LiveRun(SMALL.with_(hidden=hidden))
    html_text = views.network_diagram(run, T, tooltips=True)
    units = re.findall(r'<div class="np-unit" title=', html_text)
    assert len(units) == 2 + sum(min(n, 12) for n in hidden) + 1
    assert re.findall(r"\+\d+ more", html_text) == more
    for l, n in enumerate(hidden, start=1):
        assert f"hidden {l}<br>{n} Tanh" in html_text
    assert "input" in html_text and "output<br>" in html_text


def test_diagram_travels_as_one_half_resolution_png():
    run = LiveRun(SMALL)
    sizes = [png_size(p) for p in embedded(views.network_diagram(run, T), "image/png")]
    assert sizes == [(network.WIDTH // 2, network.HEIGHT // 2)]


def test_diagram_names_per_layer_activations():
    run = LiveRun(SMALL.with_(hidden=(3, 2), act=("relu", "leaky_relu")))
    html_text = views.network_diagram(run, T)
    assert "hidden 1<br>3 ReLU" in html_text and "hidden 2<br>2 Leaky ReLU" in html_text


# --- charts --------------------------------------------------------------------------------
def test_loss_and_accuracy_charts_have_one_point_per_recorded_epoch():
    run = trained(epochs=4)
    for chart in (views.loss_chart(run, T), views.accuracy_chart(run, T)):
        assert [s.name for s in chart.series] == ["train", "test"]
        assert all(len(s.y) == 5 and np.isfinite(s.y).all() for s in chart.series)
    assert views.accuracy_chart(run, T).percent


def test_regression_has_no_accuracy_chart():
    assert views.accuracy_chart(trained(SMALL.with_(dataset="plane")), T) is None


def test_gradient_chart_has_a_line_per_layer():
    run = trained(SMALL.with_(hidden=(4, 3)))
    chart = views.gradient_chart(run, T)
    assert chart.log_y
    assert [s.name for s in chart.series] == ["layer 1", "layer 2", "output"]


@pytest.mark.parametrize("act, bars", [(("tanh",), None), (("relu",), ["layer 1", "layer 2"]),
                                       (("relu", "tanh"), ["layer 1"])])
def test_dead_unit_chart_appears_only_with_relu_layers(act, bars):
    chart = views.dead_chart(trained(SMALL.with_(act=act)), T)
    assert (chart if chart is None else list(chart.series[0].x)) == bars


# --- numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize("dataset, labels", [
    ("circles", ["Epoch", "Train loss", "Test loss", "Train accuracy", "Test accuracy"]),
    ("spiral3", ["Epoch", "Train loss", "Test loss", "Train accuracy", "Test accuracy"]),
    ("sine", ["Epoch", "Train loss", "Test loss"]),
])
def test_metrics_show_accuracy_only_for_classification(dataset, labels):
    shown = views.metrics(trained(SMALL.with_(dataset=dataset), epochs=3), T)
    assert [label for label, _ in shown] == labels
    assert shown[0][1] == "3"
    for _, value in shown[1:]:
        assert re.fullmatch(r"\d+\.\d+%?", value), value


def test_accuracy_is_shown_as_a_percentage():
    run = trained()
    value = dict(views.metrics(run, T))["Train accuracy"]
    assert value == f"{run.last.train_accuracy:.1%}"


def test_large_epoch_counts_get_thousands_separators():
    run = LiveRun(SMALL)
    run.history.last.epoch = 12345
    assert views.metrics(run, T)[0] == ("Epoch", "12,345")


# --- hints ---------------------------------------------------------------------------------
@pytest.mark.parametrize("preset, epochs, hint", [("vanishing", 20, "Vanishing gradients"),
                                                 ("dying_relu", 30, "Dying ReLUs")])
def test_each_problem_preset_earns_its_hint(preset, epochs, hint):
    run = LiveRun(PRESETS[preset])
    assert views.hints(run, T) == []  # nothing to say before training
    run.advance(epochs)
    (shown,) = views.hints(run, T)
    assert shown.startswith(hint)


@pytest.mark.parametrize("settings", [DEFAULTS, PRESETS["seed004"], PRESETS["softmax3"]],
                         ids=["defaults", "seed004", "softmax3"])
def test_a_healthy_network_gets_no_hint(settings):
    assert views.hints(trained(settings, epochs=20), T) == []


# --- divergence ----------------------------------------------------------------------------
@pytest.mark.parametrize("lr", [10.0, 3.0, 0.3])
def test_the_divergence_message_suggests_a_lower_learning_rate(lr):
    run = LiveRun(SMALL.with_(dataset="plane", act=("linear",), opt="momentum", lr=lr))
    assert run.advance(50).diverged
    message = views.diverged_message(run, T)
    assert f"epoch {run.last.epoch}" in message and f"(now {lr:g};" in message
    suggested = float(re.search(r"try ([0-9.e+-]+)\)", message).group(1))
    assert 0 < suggested < lr
    assert "Reset" in message  # the rolled-back weights are finite but far too large
