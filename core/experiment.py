"""A whole run described by one flat configuration, shared by the command line and the app.

``Config`` holds what a learner sets (data, input features, network, training); ``build``
turns it into data, a network, an optimizer and a ``Trainer``, each with its own random stream from
the seed, so the same config always reproduces the same run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import datasets, inputs, losses, optimizers, seeding
from .datasets import Dataset, Split
from .network import Network
from .training import Trainer


@dataclass(frozen=True)
class Config:
    dataset: str = "circles"
    samples: int = 500
    noise: float = 0.0
    test_ratio: float = 0.5
    hidden: tuple[int, ...] = (4, 4)
    activation: str | tuple[str, ...] = "tanh"  # one name, or one per hidden layer
    loss: str | None = None  # None: the task's default (bce, cce or mse)
    optimizer: str = "sgd"
    lr: float = 0.03
    batch_size: int = 10  # 0 = full batch
    l1: float = 0.0
    l2: float = 0.0
    seed: int = 0
    init: str = "auto"
    features: tuple[str, ...] = inputs.DEFAULT  # what the network is fed (core/inputs.py)

    def with_(self, **changes) -> Config:
        return replace(self, **changes)


def make_data(config: Config) -> Dataset:
    """The built-in data set named by ``config`` (its own random stream)."""
    return datasets.make(config.dataset, config.samples, config.noise,
                         seeding.stream(config.seed, "data"))


def make_split(config: Config, data: Dataset) -> Split:
    return datasets.split(data, config.test_ratio, seeding.stream(config.seed, "split"))


def make_network(config: Config, data: Dataset, init_round: int = 0) -> Network:
    """A new network for ``data``; ``init_round`` > 0 draws different initial weights
    from the same seed (the app's "Reset")."""
    rng = seeding.stream(config.seed + 7919 * init_round, "init")
    return Network.create(len(config.features), config.hidden, _activations(config), data.task,
                          data.n_classes, rng, loss=config.loss, init=config.init)


def make_trainer(config: Config, network: Network, split: Split) -> Trainer:
    """A trainer for ``network`` on ``split`` (points; the trainer sees their input features)."""
    if network.sizes[0] != len(config.features):
        raise ValueError(f"the network has {network.sizes[0]} inputs but "
                         f"{len(config.features)} input features are chosen "
                         f"({', '.join(config.features)})")
    return Trainer(network, inputs.expand_split(split, config.features),
                   optimizers.create(config.optimizer, config.lr), config.batch_size,
                   config.l1, config.l2, seeding.stream(config.seed, "shuffle"))


def build(config: Config, data: Dataset | None = None, network: Network | None = None
          ) -> tuple[Dataset, Trainer]:
    """Data (built-in unless given), split, network (new unless given) and trainer."""
    data = data if data is not None else make_data(config)
    losses.head(data.task, config.loss)  # a clear error for a loss that does not fit
    split = make_split(config, data)
    network = network if network is not None else make_network(config, data)
    return data, make_trainer(config, network, split)


def _activations(config: Config) -> str | list[str]:
    a = config.activation
    return a if isinstance(a, str) else list(a)
