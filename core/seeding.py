"""One seed, independent random streams.

Data, the train/test split, weight initialisation and minibatch shuffling each get
their own ``np.random.Generator``, spawned from one ``SeedSequence``: changing the
batch size (shuffling) never changes the data set, and a new network ("Reset") can
draw new weights over the same points.
"""

from __future__ import annotations

import numpy as np

STREAMS = ("data", "split", "init", "shuffle")


def streams(seed: int) -> dict[str, np.random.Generator]:
    children = np.random.SeedSequence(int(seed)).spawn(len(STREAMS))
    return {name: np.random.default_rng(child) for name, child in zip(STREAMS, children)}


def stream(seed: int, name: str) -> np.random.Generator:
    """The named stream for ``seed``, the same as ``streams(seed)[name]``."""
    return streams(seed)[name]
