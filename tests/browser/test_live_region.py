"""The live region drawn in the browser (live_region.js) looks like the server's picture
(figures/region.region_image): the same colours at the same points, for every hidden
activation, every head, the input features, hard boundaries and regression's scale."""

from __future__ import annotations

import numpy as np
import pytest

from core import activations, region
from core.experiment import Config, build
from devtools import browser as drive
from figures.region import region_image, region_spec

pytestmark = pytest.mark.browser

JS = (drive.ROOT / "ui" / "playground" / "live_region.js").read_text(encoding="utf-8")
PIXELS = "spec => Array.from(npRegionPixels(spec))"


@pytest.fixture(scope="module")
def blank(browser):
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=JS)
    yield page
    page.close()


def both(page, config: Config, epochs: int = 30, hard: bool = False, resolution: int = 60):
    """``(server's picture, browser's picture)`` of a trained network's region, RGB."""
    data, trainer = build(config)
    list(trainer.run(epochs))
    net = trainer.network
    grid = region.make_grid(data.X, resolution)
    scale = float(np.max(np.abs(data.y))) if data.task == "regression" else 1.0
    server = region_image(region.output(net, grid, config.features), data.task, hard, scale)
    spec = region_spec(net.W, net.b, net.activations, config.features,
                       (float(grid.x1[0]), float(grid.x1[-1])), resolution, data.task, hard,
                       scale)
    assert spec is not None
    browser = np.array(page.evaluate(PIXELS, spec), dtype=np.uint8)
    return server, browser.reshape(resolution, resolution, 4)[..., :3]


def assert_alike(server: np.ndarray, browser: np.ndarray) -> None:
    """Float32 sums in another order may move a colour by one of P(class 1)'s 1,024
    steps, a step of at most a few levels of 255; nothing more."""
    diff = np.abs(server.astype(int) - browser.astype(int))
    assert diff.max() <= 3, f"{np.count_nonzero(diff > 3)} pixels differ by up to {diff.max()}"
    assert np.mean(diff == 0) > 0.95


BASE = Config(dataset="circles", samples=200, hidden=(6, 5), activation="tanh",
              optimizer="adam", lr=0.03, batch_size=10)


@pytest.mark.parametrize("activation", activations.HIDDEN_ACTIVATIONS)
def test_every_activation(blank, activation):
    assert_alike(*both(blank, BASE.with_(activation=activation)))


@pytest.mark.parametrize("dataset, loss", [("circles", "mse"), ("spiral3", None),
                                           ("blobs3", None), ("sine", None), ("plane", None)])
def test_every_head(blank, dataset, loss):
    assert_alike(*both(blank, BASE.with_(dataset=dataset, loss=loss)))


def test_input_features_and_no_hidden_layer(blank):
    config = BASE.with_(hidden=(), features=("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)",
                                             "sin(x2)"))
    assert_alike(*both(blank, config))


@pytest.mark.parametrize("dataset", ["xor", "spiral3", "sine"])
def test_hard_boundaries(blank, dataset):
    assert_alike(*both(blank, BASE.with_(dataset=dataset), hard=True))


def test_the_full_grid_of_the_page_and_a_colour_check_by_eye(blank):
    # the Playground's own grid (100 x 100) and a known colour: class 1's blue, faded
    server, browser = both(blank, BASE.with_(dataset="gaussians"), epochs=60, resolution=100)
    assert_alike(server, browser)
    blue = np.array([8, 119, 189])
    faded = np.trunc(255 * (1 - 0.65) + blue * 0.65)
    assert np.any(np.all(browser == faded, axis=-1))  # a confident class-1 point


def test_a_network_too_large_for_the_browser_is_drawn_on_the_server():
    _, trainer = build(BASE.with_(hidden=(64, 64)))
    net = trainer.network
    assert region_spec(net.W, net.b, net.activations, BASE.features, (-1.0, 1.0), 100,
                       "binary") is None
