"""The seed articles' own numbers, defined once for every lesson that uses them.

Article 001 fits y = 3x by gradient descent: five points, one weight and one bias, and a
start it gives to three decimals (the answer is w = 3, b = 0)."""

from __future__ import annotations

import numpy as np

LINE_X = np.array([1.0, 3.0, 4.0, 8.0, 10.0])  # (5,): article 001's x
LINE_Y = 3.0 * LINE_X  # (5,): 3, 9, 12, 24, 30
LINE_START = (2.269, 1.01)  # (w, b) where article 001 starts
LINE_ANSWER = (3.0, 0.0)
