"""A data set the learner draws: points of two classes placed by hand on the plane.

As in ConvNetJS's 2-D demo, points are added with a click and removed by clicking near
them; training carries on over the changed data. The points live in the plane's frame
[-6, 6]^2 on a 0.1 lattice, so a set travels in a link compactly: two bytes a point,
x and y as steps of 0.1 from -6 (0..120, which fits in 7 bits) and the class in the high
bit of the first byte, written as unpadded base64url (``encode``/``decode``).
"""

from __future__ import annotations

import base64
import binascii

import numpy as np

from .datasets import EXTENT, Dataset
from .dtype import DTYPE

NAME = "drawn"
MAX_POINTS = 200  # what a link carries; a hand-drawn set is rarely larger
MIN_POINTS = 2  # a training step needs points, and erasing stops here
N_CLASSES = 2
STEP = 0.1  # the lattice the points are rounded to
STEPS = int(round(2 * EXTENT / STEP))  # 120: lattice positions per axis, minus one
# What a fresh drawing starts with: two small groups, so the network has something to fit.
STARTER = (np.array([[-3.0, 2.0], [-2.0, 3.0], [-2.5, 1.5], [2.0, -3.0], [3.0, -2.0],
                     [2.5, -1.5]]), np.array([0, 0, 0, 1, 1, 1]))


class PointsError(ValueError):
    """Points text that cannot be read (not base64url)."""


def snap(X: np.ndarray) -> np.ndarray:
    """Points ``(n, 2)`` clamped to the frame and rounded to the 0.1 lattice."""
    X = np.clip(np.asarray(X, dtype=DTYPE).reshape(-1, 2), -EXTENT, EXTENT)
    return np.round(X / STEP) * STEP


def encode(X: np.ndarray, y: np.ndarray) -> str:
    """Points ``X`` ``(n, 2)`` with classes ``y`` ``(n,)`` (0 or 1) as link text; at most
    ``MAX_POINTS`` (the first ones)."""
    X, y = snap(X)[:MAX_POINTS], np.asarray(y, dtype=int)[:MAX_POINTS]
    steps = np.round((X + EXTENT) / STEP).astype(np.uint8)
    pairs = np.column_stack([steps[:, 0] | (np.clip(y, 0, 1).astype(np.uint8) << 7),
                             steps[:, 1]])
    return base64.urlsafe_b64encode(pairs.tobytes()).decode("ascii").rstrip("=")


def decode(text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(X (n, 2), y (n,), problems)`` from link text; ``PointsError`` if it is not
    base64url. Problems (a stray byte, coordinates off the frame, too many points) are
    repaired and each named in ``problems`` as a short code: "odd", "range", "many"."""
    text = text.strip()
    if any(c not in _ALPHABET for c in text):
        raise PointsError("not base64url text")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise PointsError("not base64url text") from None
    problems = []
    if len(raw) % 2:
        problems.append("odd")
        raw = raw[:-1]
    pairs = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 2)
    if len(pairs) > MAX_POINTS:
        problems.append("many")
        pairs = pairs[:MAX_POINTS]
    y = (pairs[:, 0] >> 7).astype(int)
    steps = np.column_stack([pairs[:, 0] & 0x7F, pairs[:, 1]]).astype(int)
    if np.any(steps > STEPS):
        problems.append("range")
    X = np.minimum(steps, STEPS) * STEP - EXTENT
    return X.astype(DTYPE), y, problems


_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def starter() -> tuple[np.ndarray, np.ndarray]:
    """The points a fresh drawing starts with."""
    return STARTER[0].astype(DTYPE), STARTER[1].copy()


def add(X: np.ndarray, y: np.ndarray, point, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The points with one more, ``point`` (x1, x2) of class ``k``, snapped to the lattice;
    unchanged when ``MAX_POINTS`` are there already."""
    if len(y) >= MAX_POINTS:
        return X, y
    return (np.concatenate([np.asarray(X, dtype=DTYPE).reshape(-1, 2), snap(point)]),
            np.append(np.asarray(y, dtype=int), int(k) % N_CLASSES))


def remove_nearest(X: np.ndarray, y: np.ndarray, point, within: float = 1.0
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The points without the one nearest ``point`` if it lies ``within`` that distance
    and more than ``MIN_POINTS`` remain; else unchanged."""
    if len(y) <= MIN_POINTS:
        return X, y
    d = np.hypot(*(np.asarray(X) - np.asarray(point, dtype=DTYPE).reshape(1, 2)).T)
    i = int(np.argmin(d))
    if d[i] > within:
        return X, y
    keep = np.arange(len(y)) != i
    return X[keep], y[keep]


def dataset(X: np.ndarray, y: np.ndarray) -> Dataset:
    """The drawn points as a binary data set (classes 0 and 1)."""
    return Dataset(np.asarray(X, dtype=DTYPE).reshape(-1, 2), np.asarray(y, dtype=int),
                   "binary", N_CLASSES, NAME)


def from_text(text: str) -> Dataset:
    """The data set of link text (the starter points for empty or unreadable text, or for
    fewer than ``MIN_POINTS``)."""
    try:
        X, y, _ = decode(text) if text else starter() + ([],)
    except PointsError:
        X, y = starter()
    if len(y) < MIN_POINTS:
        X, y = starter()
    return dataset(X, y)
