"""The live region drawn in the browser (live_region.js) looks like the server's picture
(figures/region.region_image): the same colours at the same points, both ways it travels
(a small network's weights, evaluated in the browser: every hidden activation, every head,
every input feature; a larger one's output as bytes), hard boundaries and regression's
scale."""

from __future__ import annotations

import numpy as np
import pytest

from core import activations, region
from core.experiment import Config, build
from devtools import browser as drive
from figures.region import region_bytes, region_image, region_net
from ui.playground.views import ACTIVATION_CONSTANTS

pytestmark = pytest.mark.browser

JS = (drive.ROOT / "ui" / "live" / "live_region.js").read_text(encoding="utf-8")
PIXELS = "sent => Array.from(npRegionPixels(sent))"


@pytest.fixture(scope="module")
def blank(browser):
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=JS)
    yield page
    page.close()


def both(page, config: Config, epochs: int = 30, hard: bool = False, resolution: int = 60,
         way: str = "net"):
    """``(server's picture, browser's picture)`` of a trained network's region, RGB; the
    browser's from the network's weights (``way`` "net") or its output as bytes."""
    data, trainer = build(config)
    list(trainer.run(epochs))
    net = trainer.network
    grid = region.make_grid(data.X, resolution)
    scale = float(np.max(np.abs(data.y))) if data.task == "regression" else 1.0
    output = region.output(net, grid, config.features)
    server = region_image(output, data.task, hard, scale)
    if way == "net":
        sent = region_net(net.W, net.b, net.activations, config.features,
                          (float(grid.x1[0]), float(grid.x1[-1])), resolution, data.task, hard,
                          scale, ACTIVATION_CONSTANTS)
        assert sent is not None
    else:
        sent = region_bytes(output, data.task, hard, scale)
    browser = np.array(page.evaluate(PIXELS, sent), dtype=np.uint8)
    return server, browser.reshape(resolution, resolution, 4)[..., :3]


def assert_alike(server: np.ndarray, browser: np.ndarray, hard: bool = False) -> None:
    """P(class 1) travels in 255 steps where the server's colour table has 1,024, and a
    value or a confidence in 127 or 255: a colour may move by a level or two of 255, no
    more. With hard boundaries a point within half a step of P = 1/2 may take the other
    class's colour: a point of the boundary itself, nowhere else."""
    diff = np.abs(server.astype(int) - browser.astype(int)).max(axis=-1)
    alike = diff <= 2
    if hard:
        assert np.mean(alike) > 0.99, f"{np.count_nonzero(~alike)} points differ"
    else:
        assert alike.all(), f"{np.count_nonzero(~alike)} points differ by up to {diff.max()}"
    assert diff.mean() < 1  # most points exactly alike, the rest a level apart


BASE = Config(dataset="circles", samples=200, hidden=(6, 5), activation="tanh",
              optimizer="adam", lr=0.03, batch_size=10)


@pytest.mark.parametrize("activation", activations.HIDDEN_ACTIVATIONS)
def test_every_activation(blank, activation):
    assert_alike(*both(blank, BASE.with_(activation=activation)))


@pytest.mark.parametrize("way", ["net", "bytes"])
@pytest.mark.parametrize("dataset, loss", [("circles", "bce"), ("circles", "mse"),
                                           ("spiral3", None), ("blobs3", None), ("sine", None),
                                           ("plane", None)])
def test_every_head_both_ways(blank, dataset, loss, way):
    assert_alike(*both(blank, BASE.with_(dataset=dataset, loss=loss), way=way))


def test_input_features_and_no_hidden_layer(blank):
    config = BASE.with_(hidden=(), features=("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)",
                                             "sin(x2)"))
    assert_alike(*both(blank, config))


@pytest.mark.parametrize("way", ["net", "bytes"])
@pytest.mark.parametrize("dataset", ["xor", "spiral3", "sine"])
def test_hard_boundaries(blank, dataset, way):
    assert_alike(*both(blank, BASE.with_(dataset=dataset), hard=True, way=way), hard=True)


def test_the_full_grid_of_the_page_and_a_colour_check_by_eye(blank):
    # the Playground's own grid (100 x 100) and a known colour: class 1's blue, faded
    server, browser = both(blank, BASE.with_(dataset="gaussians"), epochs=60, resolution=100)
    assert_alike(server, browser)
    blue = np.array([8, 119, 189])
    faded = np.trunc(255 * (1 - 0.65) + blue * 0.65)
    assert np.any(np.all(browser == faded, axis=-1))  # a confident class-1 point


def test_a_network_larger_than_tf_playgrounds_travels_as_bytes():
    _, trainer = build(BASE.with_(hidden=(32, 32)))
    net = trainer.network
    assert region_net(net.W, net.b, net.activations, BASE.features, (-1.0, 1.0), 100,
                      "binary") is None
    _, small = build(BASE.with_(hidden=(8,) * 6))  # TF Playground's largest
    net = small.network
    assert region_net(net.W, net.b, net.activations, BASE.features, (-1.0, 1.0), 100,
                      "binary") is not None


# --- the network diagram's live parts ----------------------------------------------------
SPRITE = "spec => Array.from(npSpritePixels(spec))"
EDGES = "spec => npEdgesSvg(spec)"


def diagrams(page, settings):
    """``(server's sprite, browser's sprite, server's edges, browser's edges)`` of a
    Playground run's diagram."""
    from figures import network as fig
    from ui.playground import views
    from ui.playground.live import LiveRun

    run = LiveRun(settings)
    run.advance(20)
    net = run.trainer.network
    xs, ys, node = fig.unit_positions(net.sizes)
    shown = [len(y) for y in ys]
    maps = run.unit_maps(fig.thumbnail_size(node))
    images = [fig.thumbnail_rgb(A[..., :n], act)
              for A, n, act in zip(maps, shown, ["linear", *net.activations])]
    server_sprite = fig.sprite_rgb(images, xs, ys, node)
    spec = views.network_data(run)
    h, w = spec["sprite"]
    browser_sprite = np.array(page.evaluate(SPRITE, spec), dtype=np.uint8).reshape(h, w, 4)
    return (server_sprite, browser_sprite[..., :3], fig.edges_svg(net.W, xs, ys, node),
            page.evaluate(EDGES, spec))


@pytest.mark.parametrize("change", [
    {}, {"act": ("relu", "relu")}, {"act": ("sigmoid", "elu")}, {"dataset": "spiral3"},
    {"dataset": "sine"}, {"hidden": (16,), "act": ("leaky_relu",)},
    {"features": ("x1", "x2", "x1^2", "sin(x2)")}, {"hidden": ()},
])
def test_the_diagram_drawn_in_the_browser_looks_like_the_servers(blank, change):
    from ui.playground.settings import DEFAULTS

    server, browser, server_edges, browser_edges = diagrams(
        blank, DEFAULTS.with_(samples=200, **change))
    diff = np.abs(server.astype(int) - browser.astype(int)).max(axis=-1)
    assert np.mean(diff <= 2) > 0.999 and diff.max() <= 8, f"{np.count_nonzero(diff > 2)}"
    assert browser_edges == server_edges
