"""The pictures of a run that has not trained yet, drawn once for every learner who opens
the same link.

A class opens one link at once: thirty sessions build the same data and the same first
network from the link's seed, and each drew the same region, data points, diagram,
weights and charts on the server. Measured (benchmarks/class_load.py, 30 first loads at
once on one process, py-spy on the GIL) those drawings were a sixth of the server's time.
Here the first session draws them and the others take its HTML.

A picture is shared only at epoch 0 and under a key of everything it is drawn from: the
settings, the data's points and names, the network's weights and activations, and the
page's language. A run that has trained, or whose network came from a file with other
weights, gets a key of its own or none, so no learner ever sees another's run.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from .live import LiveRun

MAX_PICTURES = 96  # a few links' worth (about 8 pictures each), some 30 kB each at most

_pictures: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


def run_key(run: LiveRun, lang: str) -> bytes | None:
    """What the first pictures of ``run`` are drawn from, as a digest; None once it has
    trained (its pictures are its own from then on), or with no language to tell them by."""
    if run.epoch != 0 or not lang:
        return None
    data, net = run.data, run.trainer.network
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((lang, run.settings, data.task, data.n_classes, data.feature_names,
                        data.input_scaling, data.class_names, net.activations,
                        net.sizes)).encode())
    for array in (data.X, data.y, *net.W, *net.b):
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.digest()


def picture(key: tuple | None, draw: Callable[[], str]) -> str:
    """The picture under ``key``, drawn by ``draw`` the first time (``key`` None: always
    drawn, never kept)."""
    if key is None:
        return draw()
    with _lock:
        if key in _pictures:
            _pictures.move_to_end(key)
            return _pictures[key]
    drawn = draw()  # outside the lock: sessions drawing other links do not wait
    with _lock:
        _pictures[key] = drawn
        while len(_pictures) > MAX_PICTURES:
            _pictures.popitem(last=False)
    return drawn


def forget_all() -> None:
    """Drop every kept picture (tests)."""
    with _lock:
        _pictures.clear()
