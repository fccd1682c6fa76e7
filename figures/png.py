"""A minimal PNG encoder for RGB images, so region pictures travel as a few kB.

Plotly would otherwise send 100 x 100 x 3 numbers as JSON every frame. Pillow (which
Streamlit ships) writes the same PNG, but measured on a smooth 100 x 100 region it takes
0.26 ms to this encoder's 0.04 (its per-image set-up), and the Inside lesson draws several
such images every live frame; the tests read every PNG back with Pillow's decoder.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode(rgb: np.ndarray) -> bytes:
    """PNG bytes of an RGB image ``(height, width, 3)`` of uint8, first row at the top."""
    h, w, _ = rgb.shape
    rows = np.concatenate([np.zeros((h, 1), np.uint8), rgb.reshape(h, w * 3)], axis=1)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b""))


def data_uri(rgb: np.ndarray) -> str:
    return "data:image/png;base64," + base64.b64encode(encode(rgb)).decode("ascii")
