"""The one floating-point type of the engine.

float64 keeps the gradient checks exact to 1e-6; change it here, and only here,
if a benchmark ever says float32 is worth the lost precision.
"""

import numpy as np

DTYPE = np.float64
