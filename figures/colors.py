"""Colours: one per class, and how confidence fades them towards white.

Class 0 is orange and class 1 blue, as in TensorFlow Playground, so its users feel at
home; further classes get distinct hues that stay readable when faded, also to the
colour-blind (tests/figures/test_figures.py checks it with simulated protanopia, deuteranopia and
tritanopia). Colour is never the only cue: each class's points have their own shape too
(figures/region.MARKERS).
"""

from __future__ import annotations

import functools

import numpy as np

# The third class is Paul Tol's wine: with a simulated protanopia, deuteranopia or
# tritanopia (Machado et al. 2009) the first three stay at least 21 CIELAB units apart,
# as points and as the surest region tint (Okabe and Ito's green, before it, sat 9 from
# the blue under tritanopia). Further classes follow Okabe and Ito's palette.
CLASS_HEX = ["#f59322", "#0877bd", "#882255", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
             "#000000", "#999999", "#8c564b"]
NEGATIVE_HEX, POSITIVE_HEX = CLASS_HEX[0], CLASS_HEX[1]  # sign colours for weights and values
BACKGROUND = np.array([255.0, 255.0, 255.0])
MAX_TINT = 0.65  # never fully saturate the background, so the points on top stay visible


def hex_to_rgb(h: str) -> np.ndarray:
    return np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def class_hex(k: int) -> str:
    """Colour of class ``k``; cycles (with the same hues) past ten classes."""
    return CLASS_HEX[k % len(CLASS_HEX)]


CLASS_RGB = np.array([hex_to_rgb(h) for h in CLASS_HEX])


def tint(base: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """Blend colours ``base`` ``(..., 3)`` with white; ``strength`` ``(...)`` in [0, 1]."""
    s = (MAX_TINT * np.clip(strength, 0.0, 1.0))[..., None]
    return (BACKGROUND * (1.0 - s) + base * s).astype(np.uint8)


def probabilities_rgb(P: np.ndarray, hard: bool = False) -> np.ndarray:
    """Image ``(h, w, 3)`` uint8 from class probabilities ``P`` ``(h, w, K)``: the winning
    class's colour, faded by confidence (1/K = white, 1 = full); ``hard`` ignores confidence."""
    K = P.shape[-1]
    winner = P.argmax(axis=-1)
    if hard:
        return tint(CLASS_RGB[winner % len(CLASS_RGB)], np.ones(winner.shape))
    confidence = (P.max(axis=-1) - 1.0 / K) / (1.0 - 1.0 / K)
    return tint(CLASS_RGB[winner % len(CLASS_RGB)], confidence)


P_LEVELS = 1024  # steps of P(class 1) in the binary colour table


def binary_rgb(p: np.ndarray, hard: bool = False) -> np.ndarray:
    """``probabilities_rgb`` of ``[1 - p, p]`` for P(class 1) ``p`` ``(...)``, looked up
    in a table of ``P_LEVELS + 1`` steps of p (at most 1/2048 off, a colour difference
    below one level of 255): five times faster, for the region redrawn every frame."""
    i = np.rint(np.clip(p, 0.0, 1.0) * P_LEVELS).astype(np.intp)
    return _binary_table(bool(hard))[i]


@functools.cache
def _binary_table(hard: bool) -> np.ndarray:
    q = np.linspace(0.0, 1.0, P_LEVELS + 1)
    table = probabilities_rgb(np.stack([1.0 - q, q], axis=-1), hard)
    table.flags.writeable = False  # shared by every session
    return table


def signed_rgb(V: np.ndarray, scale, hard: bool = False) -> np.ndarray:
    """Image ``(..., 3)`` from signed values ``V`` ``(...)``: orange below 0, blue above,
    white at 0, full colour at |V| >= ``scale`` (a number, or an array that broadcasts
    against ``V``, e.g. one scale per unit on the last axis)."""
    scale = np.asarray(scale, dtype=float)
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)
    base = np.where((V > 0)[..., None], hex_to_rgb(POSITIVE_HEX), hex_to_rgb(NEGATIVE_HEX))
    strength = np.ones(V.shape) if hard else np.abs(V) / scale
    return tint(base, np.where(np.isfinite(strength), strength, 0.0))
