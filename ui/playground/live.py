"""A training run that lives across the app's reruns, and follows the learner's settings.

Changing the data (data set, samples, noise, train share, seed, an upload) makes new
data and a new network; changing the shape of the network makes a new network on the
same data (so does a new choice of input features: one input each); changing the learning
rate, optimizer, batch size or regularisation takes effect on the running network, as in
TensorFlow Playground. Points added to or erased from a drawing keep the network, which
trains on (as in ConvNetJS's 2-D demo).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from core import drawn, experiment, optimizers, region
from core.datasets import EXTENT, Dataset
from core.history import History
from core.network import Network
from core.training import Snapshot

from .settings import CSV_DATASET, DRAWN_DATASET, Settings

REGION_RESOLUTION = 100
DRAWING_FRAME = 1.1 * EXTENT  # a drawing's fixed plane, half-width; the pad shows the same
# About one point per pixel of a chart's plot (420 px): more detail cannot be seen, and
# every kept row costs a measurement (a pass over the data) while the run is young.
MAX_HISTORY_ROWS = 400


class LiveRun:
    def __init__(self, settings: Settings, upload: Dataset | None = None):
        self.settings = settings
        self.upload = upload
        self.init_round = 0
        self.data_version = 0  # bumped with every new data set or split (pictures cache on it)
        self.picture_cache: dict = {}  # pictures that change only with the data
        self._new_data()

    # --- what each kind of change rebuilds ---------------------------------------------
    @staticmethod
    def _data_key(s: Settings, upload) -> tuple:
        if s.dataset == DRAWN_DATASET:  # only the points make a drawing
            return (s.dataset, s.pts)
        return (s.dataset, s.samples, s.noise, s.train_pct, s.seed, id(upload))

    @staticmethod
    def _net_key(s: Settings) -> tuple:
        return (s.hidden, s.activations(), s.loss, s.features)

    def _config(self) -> experiment.Config:
        task = self.data.task if hasattr(self, "data") else None
        return self.settings.to_config(task)

    def _new_data(self) -> None:
        s = self.settings
        if s.dataset == CSV_DATASET and self.upload is not None:
            self.data = self.upload
        elif s.dataset == DRAWN_DATASET:
            self.data = drawn.from_text(s.pts)
        else:
            self.data = experiment.make_data(self._config())
        self.data_version += 1
        self._thumb_grids: dict[int, region.Grid] = {}
        self.grid = self._grid(REGION_RESOLUTION)
        self._new_network()

    def _grid(self, resolution: int) -> region.Grid:
        """The plane the pictures cover: a drawing's fixed frame, else the data's span."""
        if self.settings.dataset == DRAWN_DATASET:
            return region.square_grid(-DRAWING_FRAME, DRAWING_FRAME, resolution)
        return region.make_grid(self.data.X, resolution)

    def _new_points(self) -> None:
        """The drawing changed: new data, the same network, optimizer and epoch count, so
        training carries on over the new points (as in ConvNetJS's 2-D demo)."""
        old = self.trainer
        self.data = drawn.from_text(self.settings.pts)
        self.data_version += 1
        config = self._config()
        self.split = experiment.make_split(config, self.data)
        _, self.trainer = experiment.build(config, self.data, old.network)
        self.trainer.optimizer, self.trainer.epoch = old.optimizer, old.epoch
        self.history.add(self.trainer.measure())

    def _new_network(self, network: Network | None = None) -> None:
        config = self._config()
        if network is None:
            network = experiment.make_network(config, self.data, self.init_round)
        self.split = experiment.make_split(config, self.data)  # points; the trainer's are inputs
        _, self.trainer = experiment.build(config, self.data, network)
        self.history = History(MAX_HISTORY_ROWS)
        self.history.add(self.trainer.measure())

    def apply(self, settings: Settings, upload: Dataset | None = None) -> str | None:
        """Follow new settings; returns "data", "network", "training" or None (what changed)."""
        old, self.settings = self.settings, settings
        old_upload, self.upload = self.upload, upload
        if self._data_key(old, old_upload) != self._data_key(settings, upload):
            if (old.dataset == settings.dataset == DRAWN_DATASET
                    and self._net_key(old) == self._net_key(settings)):
                self._new_points()
                self._retune()
                return "points"
            self._new_data()
            return "data"
        if self._net_key(old) != self._net_key(settings):
            self._new_network()
            return "network"
        if old != settings:
            self._retune()
            return "training"
        return None

    def _retune(self) -> None:
        config, t = self._config(), self.trainer
        if type(t.optimizer) is not optimizers.OPTIMIZERS[config.optimizer]:
            t.optimizer = optimizers.create(config.optimizer, config.lr)
        t.optimizer.lr = config.lr
        t.batch_size, t.l1, t.l2 = config.batch_size, config.l1, config.l2

    def reset(self) -> None:
        """New initial weights (a new draw from the same seed), same data."""
        self.init_round += 1
        self._new_network()

    def adopt(self, network: Network, settings: Settings) -> None:
        """Train ``network`` (a model file's) on the same data from its weights: epoch 0, a
        fresh history and optimizer. ``settings`` describe it (its hidden layers,
        activations and input features), so ``apply`` of the same settings keeps it."""
        self.settings = settings
        self._new_network(network)

    # --- training -------------------------------------------------------------------------
    def advance(self, epochs: int, until: Callable[[], bool] | None = None,
                last: bool = True) -> Snapshot:
        """Train up to ``epochs`` epochs (fewer if it diverges, or once ``until()`` is true
        after an epoch). Only the epochs the history keeps, and the last one unless
        ``last`` is False (then ``Trainer.catch_up`` measures it, as the run leaves its
        stack: ui/live/together.py), are measured (a measurement costs a pass over the
        data)."""
        snap = self.history.last
        for snap in self.trainer.run(epochs, self.history.wants, until, last):
            self.history.add(snap)
        return snap

    @property
    def last(self) -> Snapshot:
        return self.history.last

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    # --- what the pictures need ------------------------------------------------------------
    def region_output(self, resolution: int = REGION_RESOLUTION) -> np.ndarray:
        """The output layer on an ``r x r`` grid of the plane ``(r, r, n_outputs)``."""
        grid = self.grid if resolution == REGION_RESOLUTION else self._grid_of(resolution)
        return region.output(self.trainer.network, grid, self.settings.features)

    def _grid_of(self, resolution: int) -> region.Grid:
        if resolution not in self._thumb_grids:
            self._thumb_grids[resolution] = self._grid(resolution)
        return self._thumb_grids[resolution]

    def unit_maps(self, resolution: int) -> list[np.ndarray]:
        """Every layer's activation maps on an ``r x r`` grid, input features first:
        ``[(r, r, n_features), (r, r, units_1), ..., (r, r, n_outputs)]``."""
        grid, features = self._grid_of(resolution), self.settings.features
        return [region.input_maps(grid, features),
                *region.evaluate(self.trainer.network, grid, features)]

    def value_scale(self) -> float:
        """For regression: the largest |target|, where the colours reach full strength."""
        y = np.abs(self.data.y) if self.data.task == "regression" else np.ones(1)
        return float(np.max(y)) if len(y) else 1.0
